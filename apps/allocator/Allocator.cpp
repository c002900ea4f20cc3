#include "Allocator.h"

#include <cstdlib>

#include <fmt/core.h>

#if defined(BOXOFFICE_MIMALLOC)
#include <mimalloc.h>
#endif

namespace boxoffice::allocator {

bool replaced() {
#if defined(BOXOFFICE_MIMALLOC)
    void* block = std::calloc(1, 64);  // not malloc: GCC takes the check for a read of it
    const bool ours = block != nullptr && mi_is_in_heap_region(block);
    std::free(block);
    return ours;
#else
    return false;
#endif
}

std::string name() {
#if defined(BOXOFFICE_MIMALLOC)
    if (replaced()) {
        const int v = mi_version();  // major, then two digits of minor and patch: 209 is 2.0.9
        return fmt::format("mimalloc {}.{}.{}", v / 100, v / 10 % 10, v % 10);
    }
#endif
    return "the system's malloc";
}

}  // namespace boxoffice::allocator
