// The programs' memory allocator (boxoffice_allocator, linked into every program of the
// project: boxoffice, boxoffice-cli, the tests and the benchmarks). Built with BOXOFFICE_MIMALLOC
// (the default), the programs link mimalloc's shared library, which then serves malloc, free and
// operator new in the whole process: SQLite's, the JSON libraries' and ours.
//
// Why: the LAN server's requests allocate and free many small blocks on many threads. With
// glibc's malloc that was an eighth of the server's CPU time at a door's check-in rate, and
// mimalloc took about 15 % off the server's CPU time per check-in RPC redeem (bench/server/README.md).
//
// Where mimalloc cannot replace malloc by being linked (Windows without its redirect DLL), the
// system's malloc stays in use and nothing else changes: nothing here allocates with mimalloc's
// own functions, so no block can be freed by the other allocator.
#pragma once

#include <string>

namespace boxoffice::allocator {

// True when this process's malloc is mimalloc's.
bool replaced();

// What serves malloc in this process, for logs and benchmark headers: "mimalloc 2.0.9", or
// "the system's malloc".
std::string name();

}  // namespace boxoffice::allocator
