#include "boxoffice/render/Preflight.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "CairoPainter.h"
#include "boxoffice/layout/Draw.h"
#include "boxoffice/layout/Geometry.h"
#include "boxoffice/layout/TextLayout.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::render {

namespace {

constexpr double kLeading = 1.15;      // spec §6.3: leading = lineheight x 1.15 x font size
constexpr double kSlackPt = 0.5;       // rounding of editors and renderers: not a problem
constexpr std::size_t kTextShown = 80;  // characters of a ticket's text kept in a problem

QRecLevel qrLevel(layout::QrErrorLevel level) {
    switch (level) {
        case layout::QrErrorLevel::L: return QR_ECLEVEL_L;
        case layout::QrErrorLevel::M: return QR_ECLEVEL_M;
        case layout::QrErrorLevel::Q: return QR_ECLEVEL_Q;
        case layout::QrErrorLevel::H: return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_H;
}

// The symbol's width in modules as the renderer encodes `content` (CairoPainter::drawQr), or 0
// when it cannot be encoded.
int encodedWidth(const std::string& content, QRecLevel level) {
    QRcode* code = QRcode_encodeString(content.c_str(), 0, level, QR_MODE_8, 1);
    if (!code) {
        return 0;
    }
    const int width = code->width;
    QRcode_free(code);
    return width;
}

std::string shortened(const std::string& text) {
    if (text.size() <= kTextShown) {
        return text;
    }
    std::size_t cut = kTextShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // not inside a UTF-8 sequence
    }
    return text.substr(0, cut) + "\u2026";
}

bool intersects(const layout::Bounds& a, const layout::Bounds& b) {
    return a.left < b.right() && b.left < a.right() && a.bottom < b.top() && b.bottom < a.top();
}

// How far `box` reaches past the page, in points (0: inside).
double pastPage(const layout::Bounds& box, double pageW, double pageH) {
    return std::max({0.0, -box.left.toPt(), -box.bottom.toPt(), box.right().toPt() - pageW,
                     box.top().toPt() - pageH});
}

bool isConstant(const layout::Content& content) {
    return content.content == "other" || content.content == "other_i18n";
}

}  // namespace

struct PreflightChecker::Impl {
    layout::Layout layout;
    PreflightOptions options;
    CairoPainter measurer;
    std::vector<PreflightProblem> own;  // the layout's geometry
    struct Found {
        std::size_t tickets = 0;
        PreflightProblem worst;
    };
    std::map<std::pair<std::size_t, PreflightKind>, Found> found;
    std::size_t checked = 0;
    // Width in modules of a byte-mode symbol of n bytes at a level: what a content of that
    // length needs at most (mixed segments are never longer), so most codes need no encoding.
    std::map<std::pair<std::size_t, QRecLevel>, int> byteWidths;
    std::set<std::pair<std::size_t, int>> quietZonesChecked;  // (QR element, width)

    Impl(const layout::Layout& l, PreflightOptions o) : layout(l), options(o) { checkGeometry(); }

    // `worse` says whether a new value is worse than the kept one.
    void note(std::size_t element, PreflightKind kind, const layout::TicketData& ticket, double value,
              const std::string& text, bool (*worse)(double, double)) {
        auto& f = found[{element, kind}];
        if (f.tickets == 0 || worse(value, f.worst.value)) {
            f.worst.kind = kind;
            f.worst.element = element;
            f.worst.positionId = ticket.position.id;
            f.worst.value = value;
            f.worst.text = shortened(text);
        }
        ++f.tickets;
    }
    static bool smaller(double a, double b) { return a < b; }
    static bool larger(double a, double b) { return a > b; }
    static bool never(double, double) { return false; }

    void checkGeometry() {
        for (std::size_t i = 0; i < layout.elements.size(); ++i) {
            const auto& element = layout.elements[i];
            if (std::holds_alternative<layout::TextArea>(element)) {
                continue;  // its height is its text's: checked per ticket
            }
            const double past = pastPage(boundsOf(frameOf(element)), options.pageWidthPt, options.pageHeightPt);
            if (past > kSlackPt) {
                PreflightProblem p;
                p.kind = PreflightKind::OffPage;
                p.element = i;
                p.value = past;
                own.push_back(p);
            }
        }
    }

    void checkTextBox(std::size_t i, const layout::TextContainer& box, const layout::Resolver& resolver,
                      const layout::TicketData& ticket) {
        const std::string text = layout::prepareText(resolver.text(box.content, box.style.locale));
        if (text.empty()) {
            if (!isConstant(box.content) || !box.content.text.empty() || !box.content.textI18n.empty()) {
                note(i, PreflightKind::EmptyText, ticket, 0.0, text, never);
            }
            return;
        }
        const auto fit = layout::fitText(measurer, box, text);
        if (box.autoResize && fit.fontSize < options.minFontSize - 1e-9) {
            note(i, PreflightKind::TextTooSmall, ticket, fit.fontSize, text, smaller);
        }
        const double height = static_cast<double>(fit.lines.size()) * box.lineHeight * kLeading * fit.fontSize;
        double widest = 0.0;
        for (const auto& line : fit.lines) {
            widest = std::max(widest, line.width);
        }
        const double over = std::max(height - box.height.toPt(), widest - box.width.toPt());
        if (over > kSlackPt) {
            note(i, PreflightKind::TextOverflows, ticket, over, text, larger);
        }
    }

    void checkTextArea(std::size_t i, const layout::TextArea& area, const layout::Resolver& resolver,
                       const layout::TicketData& ticket) {
        const std::string text = layout::prepareText(resolver.text(area.content, area.style.locale));
        if (text.empty()) {
            if (!isConstant(area.content) || !area.content.text.empty() || !area.content.textI18n.empty()) {
                note(i, PreflightKind::EmptyText, ticket, 0.0, text, never);
            }
            return;
        }
        const auto block = layout::layoutTextArea(measurer, area, text);
        if (block.lines.empty() || block.rotation != 0.0) {
            return;  // a turned block's reach is left to the eye
        }
        // The lines' extent on the page: from the first baseline's ascent to the last one's descent.
        const double top = block.pivot.y + block.lines.front().baseline + block.fontSize;
        const double bottom = block.pivot.y + block.lines.back().baseline - 0.25 * block.fontSize;
        double right = 0.0;
        for (const auto& line : block.lines) {
            right = std::max(right, block.pivot.x + line.x + measurer.advance(area.style.font, line.text) * block.fontSize);
        }
        const double past = std::max({0.0, bottom < 0.0 ? -bottom : 0.0, top - options.pageHeightPt,
                                      right - options.pageWidthPt, -block.pivot.x});
        if (past > kSlackPt) {
            note(i, PreflightKind::OffPage, ticket, past, text, larger);
        }
    }

    int byteWidth(std::size_t bytes, QRecLevel level) {
        auto [it, added] = byteWidths.try_emplace({bytes, level}, 0);
        if (added) {
            const std::string sample(bytes, 'a');
            QRcode* code = QRcode_encodeString8bit(sample.c_str(), 0, level);
            it->second = code ? code->width : 0;
            if (code) {
                QRcode_free(code);
            }
        }
        return it->second;
    }

    void checkQr(std::size_t i, const layout::BarcodeArea& qr, const layout::Resolver& resolver,
                 const layout::TicketData& ticket) {
        const std::string content = resolver.barcode(qr.content);
        if (content.empty()) {
            note(i, PreflightKind::EmptyText, ticket, 0.0, content, never);
            return;
        }
        const QRecLevel level = qrLevel(layout::qrErrorLevel(content));
        const double quiet = qr.noWhitespace ? 0.0 : 8.0;
        const auto dotsPerModule = [&](int width) {
            return qr.size.toPt() / (width + quiet) / 72.0 * options.printerDpi;
        };
        int width = byteWidth(content.size(), level);
        if (width == 0 || dotsPerModule(width) < options.minDotsPerModule) {
            width = encodedWidth(content, level);  // the bound failed: the real symbol decides
        }
        if (width == 0) {
            note(i, PreflightKind::QrTooFine, ticket, 0.0, content, smaller);
            return;
        }
        if (dotsPerModule(width) < options.minDotsPerModule) {
            note(i, PreflightKind::QrTooFine, ticket, dotsPerModule(width), content, smaller);
        }
        checkQuietZone(i, qr, width, ticket);
    }

    // Another element over the QR code or the blank margin round its symbol (inside the square,
    // or 4 modules outside it when drawn without whitespace) makes it hard to scan.
    void checkQuietZone(std::size_t i, const layout::BarcodeArea& qr, int width, const layout::TicketData& ticket) {
        if (!quietZonesChecked.insert({i, width}).second) {
            return;
        }
        const double module = qr.size.toPt() / (width + (qr.noWhitespace ? 0.0 : 8.0));
        const layout::Length margin = layout::Length::pt(qr.noWhitespace ? 4.0 * module : 0.0);
        const layout::Bounds zone{qr.base.left - margin, qr.base.bottom - margin, qr.size + margin * 2.0,
                                  qr.size + margin * 2.0};
        for (std::size_t j = 0; j < layout.elements.size(); ++j) {
            const auto& other = layout.elements[j];
            if (j == i || base(other).page != qr.base.page) {
                continue;
            }
            if (intersects(zone, boundsOf(frameOf(other)))) {
                note(j, PreflightKind::OverQuietZone, ticket, 0.0, std::string(), never);
                found[{j, PreflightKind::OverQuietZone}].worst.other = i;
            }
        }
    }

    void check(const layout::TicketData& ticket) {
        const layout::Resolver resolver(ticket);
        for (std::size_t i = 0; i < layout.elements.size(); ++i) {
            const auto& element = layout.elements[i];
            if (const auto* box = std::get_if<layout::TextContainer>(&element)) {
                checkTextBox(i, *box, resolver, ticket);
            } else if (const auto* area = std::get_if<layout::TextArea>(&element)) {
                checkTextArea(i, *area, resolver, ticket);
            } else if (const auto* qr = std::get_if<layout::BarcodeArea>(&element)) {
                checkQr(i, *qr, resolver, ticket);
            }
        }
        ++checked;
    }
};

PreflightChecker::PreflightChecker(const layout::Layout& layout, PreflightOptions options)
    : m_impl(std::make_unique<Impl>(layout, options)) {}
PreflightChecker::~PreflightChecker() = default;

void PreflightChecker::check(const layout::TicketData& ticket) { m_impl->check(ticket); }

PreflightReport PreflightChecker::report() const {
    PreflightReport out;
    out.checked = m_impl->checked;
    out.problems = m_impl->own;
    for (const auto& [key, f] : m_impl->found) {
        PreflightProblem p = f.worst;
        p.tickets = f.tickets;
        // A quiet zone crossed is the layout's, whichever ticket showed it first.
        if (p.kind == PreflightKind::OverQuietZone) {
            p.positionId.reset();
            p.tickets = 0;
        }
        out.problems.push_back(std::move(p));
    }
    std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) {
        return std::pair(a.element, a.kind) < std::pair(b.element, b.kind);
    });
    return out;
}

model::Result<PreflightReport> preflight(model::Store& store, model::Id eventId, const layout::Layout& layout,
                                         const PreflightOptions& options, const PreflightRun& run) {
    PreflightChecker checker(layout, options);
    TicketLoader loader(store);
    bool canceled = false;
    std::size_t seen = 0;
    // The first ticket is visited inside forEachTicket's read transaction: the document's data
    // read there is of the same moment as the tickets.
    bool prepared = run.data == nullptr;
    std::optional<model::Error> unprepared;
    auto visited = loader.forEachTicket(eventId, [&](layout::TicketData& ticket, std::size_t total) {
        if (run.stop.stop_requested()) {
            canceled = true;
            return false;
        }
        if (run.progress && seen % 1000 == 0) {
            run.progress(seen, total);
        }
        ++seen;
        if (run.layoutId) {
            auto design = loader.design(eventId, ticket.position.itemId, ticket.order.salesChannel);
            if (!design || design.value()->layoutId != run.layoutId) {
                return true;
            }
        }
        if (run.data) {
            if (!prepared) {
                prepared = true;
                if (auto ready = run.data->prepare(store, eventId); !ready) {
                    unprepared = ready.error();
                    return false;
                }
            }
            if (!run.data->complete(ticket)) {
                return true;
            }
        }
        checker.check(ticket);
        return true;
    });
    if (!visited) {
        return visited.error();
    }
    if (unprepared) {
        return *unprepared;
    }
    auto report = checker.report();
    report.canceled = canceled;
    if (run.progress && !canceled) {
        run.progress(seen, seen);
    }
    return report;
}

}  // namespace boxoffice::render
