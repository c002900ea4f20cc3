// Files written whole or not at all: a writer writes to a temporary name beside the file and
// renames it over the file when complete, so a reader (or a crash) never sees half a file.
#pragma once

#include <filesystem>

namespace boxoffice::model {

// A name beside `file` that no other writer picks: ".<name>.<random>.tmp", in the same folder
// (so the rename stays on one file system).
std::filesystem::path temporaryBeside(const std::filesystem::path& file);

}  // namespace boxoffice::model
