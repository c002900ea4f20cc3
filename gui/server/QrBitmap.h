// A QR code as a bitmap to show on screen (the Server tab's setup code for scanners): drawn with
// libqrencode, black modules on white, whole pixels per module and a quiet zone of four modules,
// so a phone's camera reads it from the screen. UI thread only (it makes a wxBitmap).
#pragma once

#include <string>
#include <wx/bitmap.h>

namespace boxoffice::gui {

// The QR code of `text` (UTF-8, error correction M), at least `minPixels` wide including the
// quiet zone; an invalid bitmap when the text does not fit in a QR code.
wxBitmap qrBitmap(const std::string& text, int minPixels = 320);

} // namespace boxoffice::gui
