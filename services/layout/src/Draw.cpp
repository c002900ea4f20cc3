// Drawing a layout page through a Painter (spec ticket-layout.md §6).
#include "boxoffice/layout/Draw.h"

#include <fmt/core.h>

#include <exception>

#include "boxoffice/layout/TextLayout.h"

namespace boxoffice::layout {
namespace {

void drawElement(const Element& element, const Resolver& resolver, Painter& painter) {
    if (const auto* tc = std::get_if<TextContainer>(&element)) {
        std::string text = prepareText(resolver.text(tc->content, tc->style.locale));
        TextBlock block = layoutTextContainer(painter, *tc, text);
        if (!block.lines.empty()) {
            painter.drawText(block);
        }
    } else if (const auto* ta = std::get_if<TextArea>(&element)) {
        std::string text = prepareText(resolver.text(ta->content, ta->style.locale));
        TextBlock block = layoutTextArea(painter, *ta, text);
        if (!block.lines.empty()) {
            painter.drawText(block);
        }
    } else if (const auto* bc = std::get_if<BarcodeArea>(&element)) {
        QrCode qr;
        qr.content = resolver.barcode(bc->content);
        if (qr.content.empty() || bc->size.toPt() <= 0.0) {
            return;
        }
        qr.level = qrErrorLevel(qr.content);
        qr.origin = {bc->base.left.toPt(), bc->base.bottom.toPt()};
        qr.size = bc->size.toPt();
        qr.quietZone = bc->noWhitespace ? 0 : 4;
        qr.color = bc->color.value_or(Color{});
        painter.drawQr(qr);
    } else if (const auto* im = std::get_if<ImageArea>(&element)) {
        Rect frame{im->base.left.toPt(), im->base.bottom.toPt(), im->width.toPt(), im->height.toPt()};
        if (const auto* picture = im->content.empty() ? nullptr : resolver.image(im->content)) {
            painter.drawImage(*picture, frame);
        } else {
            painter.drawImagePlaceholder(im->content, frame);
        }
    } else if (const auto* pb = std::get_if<PoweredBy>(&element)) {
        const double h = pb->size.toPt();
        painter.drawLogo(pb->content == "white", {pb->base.left.toPt(), pb->base.bottom.toPt(), h * kLogoAspect, h});
    }
}

}  // namespace

QrErrorLevel qrErrorLevel(std::string_view content) {
    // Lengths count characters, not bytes.
    std::size_t chars = 0;
    for (char c : content) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++chars;
        }
    }
    if (chars <= 32) {
        return QrErrorLevel::H;
    }
    return chars <= 128 ? QrErrorLevel::M : QrErrorLevel::L;
}

std::vector<std::string> drawPage(const Layout& layout, int page, const Resolver& resolver, Painter& painter) {
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < layout.elements.size(); ++i) {
        const Element& element = layout.elements[i];
        if (base(element).page != page) {
            continue;
        }
        try {
            drawElement(element, resolver, painter);
        } catch (const std::exception& e) {
            problems.push_back(fmt::format("element {} ({}): {}", i + 1, typeName(element), e.what()));
        }
    }
    return problems;
}

}  // namespace boxoffice::layout
