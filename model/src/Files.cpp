#include "boxoffice/model/Files.h"

#include <random>
#include <string>

namespace boxoffice::model {

std::filesystem::path temporaryBeside(const std::filesystem::path& file) {
    std::random_device random;
    constexpr char kHex[] = "0123456789abcdef";
    std::string tag;
    for (int i = 0; i < 4; ++i) {
        const unsigned bits = random();
        tag += kHex[bits & 0xF];
        tag += kHex[(bits >> 4) & 0xF];
    }
    std::string name(1, '.');  // not "." + ...: GCC 12 at -O3 then warns of a memcpy overlap (-Wrestrict)
    name += file.filename().string();
    name += '.';
    name += tag;
    name += ".tmp";
    return file.parent_path() / name;
}

}  // namespace boxoffice::model
