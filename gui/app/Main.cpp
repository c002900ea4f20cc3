// boxoffice: the desktop box office. Thin: wx's entry point creates gui::App, which does the rest.
#include "boxoffice/gui/App.h"

wxIMPLEMENT_APP(boxoffice::gui::App);
