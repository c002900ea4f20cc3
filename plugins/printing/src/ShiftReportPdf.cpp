// The shift report as PDF (ShiftReportPdf.h). The pages are drawn twice: first into a PDF surface
// that discards its output, to learn how many pages the products need, then into the file with
// "Page 1 of N" in each footer. Sizes are in points (1/72 inch), the PDF's own unit.
#include "boxoffice/printing/ShiftReportPdf.h"

#include "boxoffice/model/Files.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/core.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <chrono>
#include <system_error>
#include <vector>

namespace boxoffice::printing {

namespace {

constexpr double kPageWidth = 595.2755905511812;  // A4: 210 x 297 mm
constexpr double kPageHeight = 841.8897637795277;
constexpr double kMargin = 56.0;                  // about 20 mm
constexpr double kFooterRoom = 40.0;              // kept free above the bottom margin for the page number
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodySize = 10.0;
constexpr double kCellPadding = 3.0;

model::Error ioError(std::string message) { return {model::ErrorCode::Io, std::move(message), {}}; }

// "2027-04-17 19:00 CEST": `t` in the event's zone (UTC when the zone is unknown here).
std::string inZone(model::Timestamp t, const std::string& zone) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
    GTimeZone* tz = g_time_zone_new_identifier(zone.c_str());
    if (tz == nullptr) {
        tz = g_time_zone_new_utc();
    }
    GDateTime* utc = g_date_time_new_from_unix_utc(seconds);
    GDateTime* local = g_date_time_to_timezone(utc, tz);
    gchar* formatted = g_date_time_format(local, "%Y-%m-%d %H:%M %Z");
    std::string out = formatted != nullptr ? formatted : model::formatTimestamp(t);
    g_free(formatted);
    g_date_time_unref(local);
    g_date_time_unref(utc);
    g_time_zone_unref(tz);
    return out;
}

std::string replaced(std::string text, const std::string& placeholder, const std::string& value) {
    if (const auto at = text.find(placeholder); at != std::string::npos) {
        text.replace(at, placeholder.size(), value);
    }
    return text;
}

struct Font {
    double size = kBodySize;
    bool bold = false;
};

struct Column {
    double width = 0;
    bool right = false;  // numbers are aligned on the right
};

// Draws the report's pages on one cairo surface, top to bottom, starting a new page whenever the
// next row would run into the footer.
class ReportWriter {
public:
    ReportWriter(cairo_surface_t* surface, const sales::ShiftReport& report, const model::Event& event,
                 const ShiftReportText& text, int pages)
        : m_cr(cairo_create(surface)), m_report(report), m_event(event), m_text(text), m_pages(pages) {}
    ~ReportWriter() { cairo_destroy(m_cr); }
    ReportWriter(const ReportWriter&) = delete;
    ReportWriter& operator=(const ReportWriter&) = delete;

    // Draws every page; returns how many there were.
    int write() {
        m_y = kMargin;
        heading();
        shiftTimes();
        takings();
        totals();
        products();
        finishPage();
        return m_page;
    }

private:
    // Lays `text` out in `width` (wrapped between words) at the current line; draws it when
    // `draw`, and returns its height.
    double textAt(const std::string& text, double x, double y, double width, Font font, bool right,
                  bool draw = true) {
        PangoLayout* layout = pango_cairo_create_layout(m_cr);
        PangoFontDescription* desc = pango_font_description_from_string("Sans");
        pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
        pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout, desc);
        pango_font_description_free(desc);
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        int w = 0;
        int h = 0;
        pango_layout_get_size(layout, &w, &h);
        if (draw) {
            cairo_move_to(m_cr, x, y);
            pango_cairo_show_layout(m_cr, layout);
        }
        g_object_unref(layout);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    // A paragraph across the page; moves the line down past it.
    void line(const std::string& text, Font font, double spaceAfter = 4) {
        m_y += textAt(text, kMargin, m_y, kContentWidth, font, false) + spaceAfter;
    }

    void rule(double weight) {
        cairo_set_line_width(m_cr, weight);
        cairo_move_to(m_cr, kMargin, m_y);
        cairo_line_to(m_cr, kMargin + kContentWidth, m_y);
        cairo_stroke(m_cr);
    }

    double rowHeight(const std::vector<std::string>& cells, const std::vector<Column>& columns, Font font) {
        double height = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            height = std::max(height, textAt(cells[i], 0, 0, columns[i].width - 2 * kCellPadding, font, false, false));
        }
        return height + 2 * kCellPadding;
    }

    void row(const std::vector<std::string>& cells, const std::vector<Column>& columns, Font font) {
        double x = kMargin;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            textAt(cells[i], x + kCellPadding, m_y + kCellPadding, columns[i].width - 2 * kCellPadding, font,
                   columns[i].right);
            x += columns[i].width;
        }
        m_y += rowHeight(cells, columns, font);
    }

    void headerRow(const std::vector<std::string>& cells, const std::vector<Column>& columns) {
        row(cells, columns, Font{kBodySize, true});
        rule(0.8);
    }

    bool fits(double height) const { return m_y + height <= kPageHeight - kMargin - kFooterRoom; }

    void finishPage() {
        ++m_page;
        const std::string number =
            replaced(replaced(m_text.pageOf, "{page}", std::to_string(m_page)), "{pages}", std::to_string(m_pages));
        textAt(number, kMargin, kPageHeight - kMargin - 12, kContentWidth, Font{8, false}, true);
        cairo_show_page(m_cr);
        m_y = kMargin;
    }

    // A new page for the rest of the products: the event, the title and the operator again in
    // small, so a loose page still says whose shift it is.
    void continuePage() {
        finishPage();
        line(fmt::format("{} \xE2\x80\x93 {}, {} {}", m_event.name.text(m_event.locale), m_text.title,
                         m_report.shift.operatorName, m_text.continued),
             Font{9, false}, 10);
    }

    std::string money(model::Money amount) const { return amount.toString() + " " + m_event.currency; }

    void heading() {
        line(m_event.name.text(m_event.locale), Font{18, true}, 2);
        line(m_text.title, Font{14, false}, 14);
    }

    void shiftTimes() {
        const Column label{110, false};
        const Column value{kContentWidth - 110, false};
        const auto& s = m_report.shift;
        row({m_text.operatorLabel, s.operatorName}, {label, value}, Font{});
        row({m_text.started, inZone(s.startedAt, m_event.timezone)}, {label, value}, Font{});
        row({m_text.ended, s.endedAt ? inZone(*s.endedAt, m_event.timezone) : m_text.stillOpen}, {label, value},
            Font{});
        m_y += 14;
    }

    std::string methodName(sales::PaymentMethod m) const {
        switch (m) {
            case sales::PaymentMethod::Cash: return m_text.cash;
            case sales::PaymentMethod::Card: return m_text.card;
            case sales::PaymentMethod::Free: return m_text.free;
        }
        return m_text.cash;
    }

    void takings() {
        const std::vector<Column> columns{{143, false}, {70, true}, {100, true}, {70, true}, {kContentWidth - 383, true}};
        line(m_text.takings, Font{12, true}, 4);
        headerRow({m_text.method, m_text.sales, m_text.taken, m_text.refunds, m_text.refunded}, columns);
        for (const auto& m : m_report.methods) {
            row({methodName(m.method), std::to_string(m.sales), money(m.taken), std::to_string(m.refunds),
                 money(m.refunded)},
                columns, Font{});
        }
        m_y += 8;
        row({m_text.cancels, std::to_string(m_report.cancels)}, {{kContentWidth - 100, false}, {100, true}}, Font{});
        m_y += 10;
    }

    void totals() {
        const std::vector<Column> columns{{kContentWidth - 140, false}, {140, true}};
        rule(0.8);
        row({m_text.net, money(m_report.net)}, columns, Font{11, true});
        row({m_text.cashInDrawer, money(m_report.cashInDrawer)}, columns, Font{11, true});
        rule(0.8);
        m_y += 18;
    }

    void products() {
        const std::vector<Column> columns{{kContentWidth - 200, false}, {80, true}, {120, true}};
        const std::vector<std::string> header{m_text.product, m_text.tickets, m_text.amount};
        // The heading stays with its table: with less than a few rows' room it starts a page.
        if (!fits(80)) {
            continuePage();
        }
        line(m_text.products, Font{12, true}, 4);
        headerRow(header, columns);
        if (m_report.products.empty()) {
            line(m_text.noTickets, Font{});
            return;
        }
        for (const auto& p : m_report.products) {
            const std::vector<std::string> cells{p.name, std::to_string(p.tickets), money(p.amount)};
            if (!fits(rowHeight(cells, columns, Font{}))) {
                continuePage();
                headerRow(header, columns);
            }
            row(cells, columns, Font{});
        }
    }

    cairo_t* m_cr;
    const sales::ShiftReport& m_report;
    const model::Event& m_event;
    const ShiftReportText& m_text;
    int m_pages = 0;
    int m_page = 0;
    double m_y = kMargin;
};

// How many pages the report takes, drawn into a surface that writes nowhere.
int countPages(const sales::ShiftReport& report, const model::Event& event, const ShiftReportText& text) {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(nullptr, nullptr, kPageWidth, kPageHeight);
    int pages = 0;
    {
        ReportWriter writer(surface, report, event, text, 0);
        pages = writer.write();
    }
    cairo_surface_destroy(surface);
    return pages;
}

}  // namespace

model::Result<bool> writeShiftReportPdf(const sales::ShiftReport& report, const model::Event& event,
                                        const std::filesystem::path& file, const ShiftReportText& text) {
    const int pages = countPages(report, event, text);
    const auto temporary = model::temporaryBeside(file);
    cairo_surface_t* surface = cairo_pdf_surface_create(temporary.c_str(), kPageWidth, kPageHeight);
    const std::string title = fmt::format("{} \xE2\x80\x93 {}", event.name.text(event.locale), text.title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Box Office");
    {
        ReportWriter writer(surface, report, event, text, pages);
        (void)writer.write();
    }
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    std::error_code ec;
    if (status != CAIRO_STATUS_SUCCESS) {
        std::filesystem::remove(temporary, ec);
        return ioError(fmt::format("Cannot write {}: {}", file.string(), cairo_status_to_string(status)));
    }
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return ioError(fmt::format("Cannot write {}: {}", file.string(), ec.message()));
    }
    return true;
}

}  // namespace boxoffice::printing
