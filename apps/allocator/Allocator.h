// The programs' memory allocator (boxoffice_allocator, linked into every program of the
// project: boxoffice, boxoffice-cli, the tests and the benchmarks). Built with BOXOFFICE_MIMALLOC
// (the default), the programs link mimalloc's shared library, which then serves malloc, free and
// operator new in the whole process: SQLite's, the JSON libraries' and ours.
//
// Why: the LAN server's requests allocate and free many small blocks on many threads. With
// glibc's malloc that was an eighth of the server's CPU time at a door's check-in rate; with
// mimalloc a check-in RPC redeem took a quarter less of the server's CPU (bench/server/README.md).
//
// Where mimalloc cannot replace malloc by being linked (Windows without its redirect DLL), the
// system's malloc stays in use and nothing else changes: nothing here allocates with mimalloc's
// own functions, so no block can be freed by the other allocator. A linker that leaves out the
// libraries a program calls nothing of (--as-needed, the default of some distributions but not
// Debian's) keeps mimalloc only in the programs that call this file: boxoffice-cli and the
// server benchmarks do, and the tests check it there.
#pragma once

#include <string>

namespace boxoffice::allocator {

// True when this process's malloc is mimalloc's.
bool replaced();

// What serves malloc in this process, for logs and benchmark headers: "mimalloc 2.0.9", or
// "the system's malloc".
std::string name();

}  // namespace boxoffice::allocator
