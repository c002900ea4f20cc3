// The cairo implementation of layout::Painter: pango text with kerning and ligatures off, QR
// codes from libqrencode as vector rectangles, PNG images, and our logo in the `poweredby` slot.
// Private to services/render. One CairoPainter per rendering thread; it keeps font and
// glyph-advance caches across pages and tickets.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "boxoffice/layout/Painter.h"

typedef struct _cairo cairo_t;

namespace boxoffice::render {

class CairoPainter final : public layout::Painter {
public:
    CairoPainter();
    ~CairoPainter() override;
    CairoPainter(const CairoPainter&) = delete;
    CairoPainter& operator=(const CairoPainter&) = delete;

    // Targets a page: subsequent drawing goes to `cr`, whose user space has the origin at the
    // page's top-left in points (cairo's default); `pageHeight` flips y.
    void setTarget(cairo_t* cr, double pageHeight);

    double advance(const layout::FontSpec& font, std::string_view utf8) override;
    double ascender(const layout::FontSpec& font) override;
    double descender(const layout::FontSpec& font) override;

    void drawText(const layout::TextBlock& block) override;
    void drawQr(const layout::QrCode& qr) override;
    void drawImage(const std::vector<unsigned char>& encoded, const layout::Rect& frame) override;
    void drawImagePlaceholder(const std::string& variable, const layout::Rect& frame) override;
    void drawLogo(bool white, const layout::Rect& frame) override;

    // Whether drawImagePlaceholder draws (the designer's canvas: a grey box labelled with the
    // variable) or leaves the frame empty (tickets, the default).
    void setPlaceholders(bool draw);

    // The family actually used for a requested one (unknown families fall back to Open Sans).
    std::string resolvedFamily(const std::string& family);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::render
