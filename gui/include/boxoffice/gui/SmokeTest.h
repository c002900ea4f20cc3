// The self-check behind `boxoffice --smoke-test`: reads back what the main window shows (title,
// tabs, event switcher, rows of the lists) as "key: value" lines, switches to every event in
// turn and reports again. Tests run it under Xvfb and compare the lines with the store.
// UI thread only; the frame must be fully constructed.
#pragma once

#include <ostream>

namespace boxoffice::gui {

class MainFrame;

void runSmokeTest(MainFrame& frame, std::ostream& out);

} // namespace boxoffice::gui
