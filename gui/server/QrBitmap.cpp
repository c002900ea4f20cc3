#include "server/QrBitmap.h"

#include <algorithm>
#include <memory>
#include <qrencode.h>
#include <wx/image.h>

namespace boxoffice::gui {

wxBitmap qrBitmap(const std::string& text, int minPixels) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code || code->width <= 0) {
        return wxBitmap();
    }
    constexpr int kQuiet = 4;  // modules of white around the code, as the standard asks
    const int modules = code->width + 2 * kQuiet;
    const int scale = std::max(1, (minPixels + modules - 1) / modules);
    const int side = modules * scale;
    wxImage image(side, side, false);
    unsigned char* rgb = image.GetData();
    for (int y = 0; y < side; ++y) {
        const int my = y / scale - kQuiet;
        for (int x = 0; x < side; ++x) {
            const int mx = x / scale - kQuiet;
            const bool dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
                              (code->data[my * code->width + mx] & 1) != 0;
            unsigned char* pixel = rgb + (static_cast<std::size_t>(y) * static_cast<std::size_t>(side) +
                                          static_cast<std::size_t>(x)) * 3;
            pixel[0] = pixel[1] = pixel[2] = dark ? 0 : 255;
        }
    }
    return wxBitmap(image);
}

} // namespace boxoffice::gui
