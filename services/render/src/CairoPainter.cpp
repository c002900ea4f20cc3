// cairo + pango + qrencode drawing of resolved layout elements (spec ticket-layout.md §6).
#include "CairoPainter.h"

#include <cairo.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "GlibHelpers.h"

namespace boxoffice::render {
namespace {

constexpr double kMaxImageDpi = 300.0;      // images are downscaled to this for their printed size
constexpr double kMeasureSize = 1000.0;  // points; advances are measured large and scaled down
constexpr const char* kDefaultFamily = "Open Sans";

std::string fontKey(const layout::FontSpec& f) {
    return f.family + (f.bold ? "|b" : "|") + (f.italic ? "i" : "");
}


void setRgb(cairo_t* cr, const layout::Color& c) {
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

std::uint16_t readU16(const char* p) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
}

struct FontInfo {
    PangoFontDescription* desc = nullptr;
    double ascender = 0.765;
    double descender = -0.240;
    std::unordered_map<std::uint32_t, double> advances;  // per code point at 1 pt
};

struct PngReader {
    const std::vector<unsigned char>* data;
    std::size_t offset = 0;
    static cairo_status_t read(void* closure, unsigned char* out, unsigned int length) {
        auto* self = static_cast<PngReader*>(closure);
        if (self->offset + length > self->data->size()) {
            return CAIRO_STATUS_READ_ERROR;
        }
        std::memcpy(out, self->data->data() + self->offset, length);
        self->offset += length;
        return CAIRO_STATUS_SUCCESS;
    }
};

}  // namespace

struct CairoPainter::Impl {
    PangoFontMap* fontMap = nullptr;
    PangoContext* context = nullptr;         // drawing: follows the target's transformation
    PangoContext* measureContext = nullptr;  // measuring: identity transformation
    PangoLayout* layout = nullptr;           // reused for drawing
    PangoLayout* measureLayout = nullptr;
    PangoAttrList* attrs = nullptr;
    std::set<std::string> families;
    std::map<std::string, FontInfo> fonts;
    cairo_t* cr = nullptr;
    double pageHeight = 0.0;
    bool placeholders = false;

    Impl() {
        fontMap = pango_cairo_font_map_new();
        context = makeContext();
        measureContext = makeContext();
        attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_font_features_new("kern 0, liga 0, clig 0, calt 0"));
        layout = pango_layout_new(context);
        pango_layout_set_attributes(layout, attrs);
        measureLayout = pango_layout_new(measureContext);
        pango_layout_set_attributes(measureLayout, attrs);
        PangoFontFamily** list = nullptr;
        int count = 0;
        pango_font_map_list_families(fontMap, &list, &count);
        for (int i = 0; i < count; ++i) {
            families.insert(pango_font_family_get_name(list[i]));
        }
        g_free(list);
    }

    ~Impl() {
        for (auto& [key, info] : fonts) {
            pango_font_description_free(info.desc);
        }
        pango_attr_list_unref(attrs);
        g_object_unref(layout);
        g_object_unref(measureLayout);
        g_object_unref(context);
        g_object_unref(measureContext);
        g_object_unref(fontMap);
    }

    PangoContext* makeContext() {
        PangoContext* ctx = pango_font_map_create_context(fontMap);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(ctx, options);
        cairo_font_options_destroy(options);
        pango_context_set_round_glyph_positions(ctx, FALSE);
        return ctx;
    }

    FontInfo& font(const layout::FontSpec& spec) {
        const std::string key = fontKey(spec);
        auto it = fonts.find(key);
        if (it != fonts.end()) {
            return it->second;
        }
        FontInfo info;
        info.desc = pango_font_description_new();
        const std::string family = families.count(spec.family) ? spec.family : kDefaultFamily;
        pango_font_description_set_family(info.desc, family.c_str());
        pango_font_description_set_weight(info.desc, spec.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(info.desc, spec.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_font_description_set_absolute_size(info.desc, kMeasureSize * PANGO_SCALE);
        readTypoMetrics(info);
        return fonts.emplace(key, std::move(info)).first->second;
    }

    // Typographic ascender/descender from the OS/2 table (spec §6, notation).
    void readTypoMetrics(FontInfo& info) {
        PangoFont* pf = pango_font_map_load_font(fontMap, measureContext, info.desc);
        if (!pf) {
            return;
        }
        hb_font_t* hb = pango_font_get_hb_font(pf);
        hb_face_t* face = hb ? hb_font_get_face(hb) : nullptr;
        if (face) {
            const unsigned upem = hb_face_get_upem(face);
            hb_blob_t* blob = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
            unsigned length = 0;
            const char* data = hb_blob_get_data(blob, &length);
            if (data && length >= 72 && upem > 0) {
                auto asc = static_cast<std::int16_t>(readU16(data + 68));
                auto desc = static_cast<std::int16_t>(readU16(data + 70));
                info.ascender = asc / static_cast<double>(upem);
                info.descender = desc / static_cast<double>(upem);
            }
            hb_blob_destroy(blob);
        }
        g_object_unref(pf);
    }

    double measureCodepoint(FontInfo& info, std::string_view utf8Char) {
        pango_layout_set_font_description(measureLayout, info.desc);
        pango_layout_set_text(measureLayout, utf8Char.data(), static_cast<int>(utf8Char.size()));
        PangoRectangle logical;
        pango_layout_get_extents(measureLayout, nullptr, &logical);
        return logical.width / static_cast<double>(PANGO_SCALE) / kMeasureSize;
    }
};

CairoPainter::CairoPainter() : m_impl(std::make_unique<Impl>()) {}
CairoPainter::~CairoPainter() = default;

void CairoPainter::setTarget(cairo_t* cr, double pageHeight) {
    m_impl->cr = cr;
    m_impl->pageHeight = pageHeight;
}

std::string CairoPainter::resolvedFamily(const std::string& family) {
    return m_impl->families.count(family) ? family : kDefaultFamily;
}

double CairoPainter::advance(const layout::FontSpec& font, std::string_view utf8) {
    FontInfo& info = m_impl->font(font);
    double total = 0.0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        auto c = static_cast<unsigned char>(utf8[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        n = std::min(n, utf8.size() - i);
        std::uint32_t key = 0;
        for (std::size_t k = 0; k < n; ++k) {
            key = (key << 8) | static_cast<unsigned char>(utf8[i + k]);
        }
        auto it = info.advances.find(key);
        if (it == info.advances.end()) {
            it = info.advances.emplace(key, m_impl->measureCodepoint(info, utf8.substr(i, n))).first;
        }
        total += it->second;
        i += n;
    }
    return total;
}

double CairoPainter::ascender(const layout::FontSpec& font) { return m_impl->font(font).ascender; }
double CairoPainter::descender(const layout::FontSpec& font) { return m_impl->font(font).descender; }

void CairoPainter::drawText(const layout::TextBlock& block) {
    cairo_t* cr = m_impl->cr;
    FontInfo& info = m_impl->font(block.font);
    PangoFontDescription* desc = pango_font_description_copy(info.desc);
    pango_font_description_set_absolute_size(desc, block.fontSize * PANGO_SCALE);
    PangoLayout* layout = m_impl->layout;
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);

    cairo_save(cr);
    cairo_translate(cr, block.pivot.x, m_impl->pageHeight - block.pivot.y);
    if (block.rotation != 0.0) {
        cairo_rotate(cr, block.rotation * M_PI / 180.0);  // clockwise on paper: y points down here
    }
    // The context keeps an identity matrix: with hinting off, glyph metrics do not depend on the
    // transformation, and pango_cairo_show_layout draws through the current one.
    setRgb(cr, block.color);
    for (const auto& line : block.lines) {
        pango_layout_set_text(layout, line.text.data(), static_cast<int>(line.text.size()));
        const double baseline = pango_layout_get_baseline(layout) / static_cast<double>(PANGO_SCALE);
        cairo_move_to(cr, line.x, -line.baseline - baseline);
        pango_cairo_show_layout(cr, layout);
    }
    cairo_restore(cr);
}

void CairoPainter::drawQr(const layout::QrCode& qr) {
    QRecLevel level = QR_ECLEVEL_H;
    switch (qr.level) {
        case layout::QrErrorLevel::L: level = QR_ECLEVEL_L; break;
        case layout::QrErrorLevel::M: level = QR_ECLEVEL_M; break;
        case layout::QrErrorLevel::Q: level = QR_ECLEVEL_Q; break;
        case layout::QrErrorLevel::H: level = QR_ECLEVEL_H; break;
    }
    QRcode* code = QRcode_encodeString(qr.content.c_str(), 0, level, QR_MODE_8, 1);
    if (!code) {
        throw std::runtime_error("the QR code content is too long to encode");
    }
    const int w = code->width;
    const double module = qr.size / (w + 2 * qr.quietZone);
    const double x0 = qr.origin.x + qr.quietZone * module;
    const double yTop = m_impl->pageHeight - (qr.origin.y + qr.size) + qr.quietZone * module;
    cairo_t* cr = m_impl->cr;
    cairo_save(cr);
    cairo_new_path(cr);
    for (int row = 0; row < w; ++row) {
        int col = 0;
        while (col < w) {
            if (!(code->data[row * w + col] & 1)) {
                ++col;
                continue;
            }
            int start = col;
            while (col < w && (code->data[row * w + col] & 1)) {
                ++col;
            }
            cairo_rectangle(cr, x0 + start * module, yTop + row * module, (col - start) * module, module);
        }
    }
    QRcode_free(code);
    setRgb(cr, qr.color);
    cairo_fill(cr);
    cairo_restore(cr);
}

void CairoPainter::drawImage(const std::vector<unsigned char>& encoded, const layout::Rect& frame) {
    PngReader reader{&encoded};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(&PngReader::read, &reader);
    if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
        const double iw = cairo_image_surface_get_width(image);
        const double ih = cairo_image_surface_get_height(image);
        if (iw > 0 && ih > 0 && frame.width > 0 && frame.height > 0) {
            double scale = std::min(frame.width / iw, frame.height / ih);
            const double w = iw * scale;
            const double h = ih * scale;
            // Never embed more than 300 dpi for the printed size (spec §6.10); never upscale.
            const double maxW = std::ceil(w / 72.0 * kMaxImageDpi);
            const double maxH = std::ceil(h / 72.0 * kMaxImageDpi);
            if (iw > maxW || ih > maxH) {
                cairo_surface_t* small = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(maxW),
                                                                    static_cast<int>(maxH));
                cairo_t* sc = cairo_create(small);
                cairo_scale(sc, maxW / iw, maxH / ih);
                cairo_set_source_surface(sc, image, 0, 0);
                cairo_pattern_set_filter(cairo_get_source(sc), CAIRO_FILTER_GOOD);
                cairo_paint(sc);
                cairo_destroy(sc);
                cairo_surface_destroy(image);
                image = small;
                scale = w / maxW;
            }
            const double x = frame.left + (frame.width - w) / 2.0;
            const double yTop = m_impl->pageHeight - (frame.bottom + frame.height) + (frame.height - h) / 2.0;
            cairo_t* cr = m_impl->cr;
            cairo_save(cr);
            cairo_translate(cr, x, yTop);
            cairo_scale(cr, scale, h / cairo_image_surface_get_height(image));
            cairo_set_source_surface(cr, image, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
        }
    }
    cairo_surface_destroy(image);
}

void CairoPainter::setPlaceholders(bool draw) { m_impl->placeholders = draw; }

void CairoPainter::drawImagePlaceholder(const std::string& variable, const layout::Rect& frame) {
    // Tickets print nothing for a missing picture (spec §6.10; pretix would print a grey box).
    // The designer's canvas shows pretix's grey box, labelled with the variable.
    if (!m_impl->placeholders || frame.width <= 0.0 || frame.height <= 0.0) {
        return;
    }
    cairo_t* cr = m_impl->cr;
    cairo_save(cr);
    cairo_rectangle(cr, frame.left, m_impl->pageHeight - (frame.bottom + frame.height), frame.width, frame.height);
    cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
    cairo_fill(cr);
    cairo_restore(cr);
    if (variable.empty()) {
        return;
    }
    layout::FontSpec font{kDefaultFamily, false, false};
    double fs = std::min(10.0, frame.height * 0.5);
    const double width = advance(font, variable) * fs;
    if (width > frame.width * 0.9) {
        fs *= frame.width * 0.9 / width;
    }
    layout::TextBlock block;
    block.font = font;
    block.fontSize = fs;
    block.color = layout::Color{80, 80, 80, 1};
    block.pivot = {frame.left, frame.bottom};
    block.lines.push_back({variable, (frame.width - advance(font, variable) * fs) / 2.0,
                           frame.height / 2.0 - (ascender(font) + descender(font)) * fs / 2.0});
    drawText(block);
}

void CairoPainter::drawLogo(bool white, const layout::Rect& frame) {
    // Our own mark in the vendor-logo slot: a rounded frame with "Box Office" inside, in the
    // requested style, filling the slot pretix's logo would take.
    cairo_t* cr = m_impl->cr;
    const layout::Color color = white ? layout::Color{255, 255, 255, 1} : layout::Color{51, 51, 51, 1};
    const double top = m_impl->pageHeight - (frame.bottom + frame.height);
    const double line = frame.height * 0.04;
    const double inset = frame.height * 0.25;
    const double h = frame.height - 2 * inset;
    const double r = h * 0.2;
    const double x = frame.left + line;
    const double y = top + inset;
    const double w = frame.width - 2 * line;
    cairo_save(cr);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    setRgb(cr, color);
    cairo_set_line_width(cr, line);
    cairo_stroke(cr);
    cairo_restore(cr);

    layout::FontSpec font{kDefaultFamily, true, false};
    const std::string text = "Box Office";
    double fs = h * 0.55;
    const double width = advance(font, text) * fs;
    if (width > w * 0.9) {
        fs *= w * 0.9 / width;
    }
    layout::TextBlock block;
    block.font = font;
    block.fontSize = fs;
    block.color = color;
    block.pivot = {frame.left, frame.bottom};
    block.lines.push_back({text, (frame.width - advance(font, text) * fs) / 2.0,
                           frame.height / 2.0 - (ascender(font) + descender(font)) * fs / 2.0});
    drawText(block);
}

}  // namespace boxoffice::render
