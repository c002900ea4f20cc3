#include "boxoffice/render/Fonts.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>

#include "GlibHelpers.h"

namespace boxoffice::render {

namespace {

std::string folded(const std::string& s) {
    std::string out = s;
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::vector<std::string> fontFamilies() {
    // A font map of its own, as each CairoPainter has: the shared default one is not for
    // several threads.
    detail::GObjectPtr<PangoFontMap> map(pango_cairo_font_map_new());
    PangoFontFamily** list = nullptr;
    int count = 0;
    pango_font_map_list_families(map.get(), &list, &count);
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(std::max(count, 0)));
    for (int i = 0; i < count; ++i) {
        out.emplace_back(pango_font_family_get_name(list[i]));
    }
    g_free(list);
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        const std::string fa = folded(a), fb = folded(b);
        return fa != fb ? fa < fb : a < b;
    });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace boxoffice::render
