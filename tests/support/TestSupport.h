// Helpers shared by the test executables: temporary directories, paths of test data, running a
// program and capturing its output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace boxoffice::test {

// A fresh directory under the system's temp folder, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

std::filesystem::path dataDir();    // tests/data
std::filesystem::path assetsDir();  // assets: what the product is built with
std::filesystem::path binaryDir();  // the build folder
std::string readFile(const std::filesystem::path& p);
void writeFile(const std::filesystem::path& p, const std::string& content);

struct ProcessResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};
// Runs a program with arguments (no shell), optional extra environment "KEY=VALUE" entries.
ProcessResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

}  // namespace boxoffice::test
