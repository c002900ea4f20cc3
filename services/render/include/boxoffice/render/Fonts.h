// The font families tickets can be printed in (spec ticket-layout.md §6.7): what the designer's
// font choice offers. The renderer draws a family the system's font configuration has; any other
// family prints in Open Sans. No wx here.
#pragma once

#include <string>
#include <vector>

namespace boxoffice::render {

inline constexpr const char* kDefaultFontFamily = "Open Sans";

// Every family the renderer finds (pango on fontconfig, as CairoPainter looks them up), by name
// ignoring case, each once. Reads the font configuration, which the first time in a process may
// scan the system's fonts: call it on a worker. Any thread.
std::vector<std::string> fontFamilies();

}  // namespace boxoffice::render
