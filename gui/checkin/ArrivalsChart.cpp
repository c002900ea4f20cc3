#include "checkin/ArrivalsChart.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <memory>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/settings.h>

namespace boxoffice::gui {

namespace {

using checkin::Arrivals;
using std::chrono::minutes;

wxDateTime localTime(model::Timestamp utc) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(utc).time_since_epoch().count();
    return wxDateTime(static_cast<time_t>(seconds)); // wxDateTime formats in local time
}

// Whether the chart's first and last bucket fall on different local days (then times need dates).
bool spansDays(const Arrivals& a) {
    if (a.buckets.empty()) {
        return false;
    }
    const auto last = a.buckets.back().start + a.width - std::chrono::microseconds(1);
    return !localTime(a.buckets.front().start).IsSameDate(localTime(last));
}

wxString entriesText(std::int64_t n) {
    return wxString::Format(wxPLURAL("%lld entry", "%lld entries", static_cast<unsigned>(n)),
                            static_cast<long long>(n));
}

wxString exitsText(std::int64_t n) {
    return wxString::Format(wxPLURAL("%lld exit", "%lld exits", static_cast<unsigned>(n)),
                            static_cast<long long>(n));
}

// "30 minutes", "2 hours", "1 day": a bucket's width in words.
wxString widthText(minutes width) {
    const auto count = width.count();
    if (count % (24 * 60) == 0) {
        const long days = static_cast<long>(count / (24 * 60));
        return wxString::Format(wxPLURAL("%ld day", "%ld days", static_cast<unsigned>(days)), days);
    }
    if (count % 60 == 0) {
        const long hours = static_cast<long>(count / 60);
        return wxString::Format(wxPLURAL("%ld hour", "%ld hours", static_cast<unsigned>(hours)), hours);
    }
    return wxString::Format(wxPLURAL("%ld minute", "%ld minutes", static_cast<unsigned>(count)),
                            static_cast<long>(count));
}

// A round step for about four ticks over 0..range: 1, 2 or 5 times a power of ten.
std::int64_t tickStep(std::int64_t range) {
    const double raw = std::max(1.0, static_cast<double>(range) / 4.0);
    std::int64_t magnitude = 1;
    while (static_cast<double>(magnitude) * 10.0 <= raw) {
        magnitude *= 10;
    }
    for (const std::int64_t factor : {1, 2, 5, 10}) {
        if (static_cast<double>(factor * magnitude) >= raw) {
            return factor * magnitude;
        }
    }
    return 10 * magnitude;
}

std::int64_t roundUp(std::int64_t value, std::int64_t step) {
    return (value + step - 1) / step * step;
}

bool isDark(const wxColour& c) {
    return 0.299 * c.Red() + 0.587 * c.Green() + 0.114 * c.Blue() < 128.0;
}

// `share` of `a` mixed into `b`.
wxColour blend(const wxColour& a, const wxColour& b, double share) {
    auto mix = [share](unsigned char x, unsigned char y) {
        return static_cast<unsigned char>(std::lround(share * x + (1.0 - share) * y));
    };
    return {mix(a.Red(), b.Red()), mix(a.Green(), b.Green()), mix(a.Blue(), b.Blue())};
}

// Minutes since local midnight.
long minuteOfDay(model::Timestamp utc) {
    const wxDateTime t = localTime(utc);
    return static_cast<long>(t.GetHour()) * 60 + static_cast<long>(t.GetMinute());
}

} // namespace

wxString bucketRangeText(const Arrivals& arrivals, std::size_t bucket, bool withDate) {
    const model::Timestamp start = arrivals.buckets[bucket].start;
    const model::Timestamp end = start + arrivals.width;
    if (arrivals.width >= std::chrono::days(1)) {
        return localDateTime(start) + wxS(" - ") + localDateTime(end);
    }
    const wxString times =
        localTime(start).Format(wxS("%H:%M")) + wxS("-") + localTime(end).Format(wxS("%H:%M"));
    return withDate ? localTime(start).FormatDate() + wxS(" ") + times : times;
}

ArrivalsChart::ArrivalsChart(wxWindow* parent, const wxString& name)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE, name) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(260, 150)));
    Bind(wxEVT_PAINT, &ArrivalsChart::onPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        Refresh();
        event.Skip();
    });
    Bind(wxEVT_MOTION, &ArrivalsChart::onMotion, this);
    Bind(wxEVT_LEAVE_WINDOW, [this](wxMouseEvent& event) {
        if (m_hovered) {
            m_hovered.reset();
            SetToolTip(summary());
            Refresh();
        }
        event.Skip();
    });
    setArrivals({});
}

void ArrivalsChart::setArrivals(checkin::Arrivals arrivals) {
    m_arrivals = std::move(arrivals);
    m_hovered.reset();
    const wxString text = summary();
    SetLabel(text);
    SetToolTip(text);
    Refresh();
}

wxString ArrivalsChart::summary() const {
    const auto& a = m_arrivals;
    if (a.buckets.empty()) {
        return _("No check-ins on this list yet.");
    }
    const wxString totals =
        wxString::Format(_("In all: %s, %s."), entriesText(a.entries), exitsText(a.exits));
    const auto busiest = checkin::busiestBucket(a);
    if (!busiest) {
        return totals;
    }
    const wxString range = bucketRangeText(a, *busiest, spansDays(a));
    const wxString count = entriesText(a.buckets[*busiest].entries);
    const wxString head = a.width == checkin::kQuarterHour
                              ? wxString::Format(_("Busiest quarter hour: %s, %s."), range, count)
                              : wxString::Format(_("Busiest %s: %s, %s."), widthText(a.width), range, count);
    return head + wxS(" ") + totals;
}

std::optional<std::size_t> ArrivalsChart::bucketAt(int x) const {
    if (m_barPitch <= 0 || x < m_plotLeft) {
        return std::nullopt;
    }
    const auto index = static_cast<std::size_t>((x - m_plotLeft) / m_barPitch);
    if (index >= m_arrivals.buckets.size()) {
        return std::nullopt;
    }
    return index;
}

void ArrivalsChart::onMotion(wxMouseEvent& event) {
    const auto bucket = bucketAt(event.GetX());
    if (bucket != m_hovered) {
        m_hovered = bucket;
        if (bucket) {
            const auto& b = m_arrivals.buckets[*bucket];
            SetToolTip(bucketRangeText(m_arrivals, *bucket, spansDays(m_arrivals)) + wxS(": ") +
                       entriesText(b.entries) + wxS(", ") + exitsText(b.exits));
        } else {
            SetToolTip(summary());
        }
        Refresh();
    }
    event.Skip();
}

void ArrivalsChart::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    const wxColour background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour ink = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    dc.SetBackground(wxBrush(background));
    dc.Clear();
    m_barPitch = 0;
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize client = GetClientSize();
    const double width = client.x;
    const double height = client.y;
    gc->SetFont(GetFont(), ink);
    auto extent = [&gc](const wxString& text) {
        wxDouble w = 0;
        wxDouble h = 0;
        gc->GetTextExtent(text, &w, &h);
        return wxRealPoint(w, h);
    };
    const double lineHeight = extent(wxS("0:")).y;
    const double gap = FromDIP(6);

    const auto& buckets = m_arrivals.buckets;
    if (buckets.empty()) {
        const wxString none = _("No check-ins yet");
        const auto size = extent(none);
        gc->DrawText(none, (width - size.x) / 2, (height - size.y) / 2);
        return;
    }

    const bool dark = isDark(background);
    const wxColour entryColour = dark ? wxColour(0x56, 0xB4, 0xE9) : wxColour(0x00, 0x72, 0xB2);
    const wxColour exitColour = dark ? wxColour(0xE6, 0x9F, 0x00) : wxColour(0xD5, 0x5E, 0x00);
    const wxColour gridColour = blend(ink, background, 0.22);

    std::int64_t maxEntries = 0;
    std::int64_t maxExits = 0;
    for (const auto& b : buckets) {
        maxEntries = std::max(maxEntries, b.entries);
        maxExits = std::max(maxExits, b.exits);
    }
    const std::int64_t step = tickStep(maxEntries + maxExits);
    const std::int64_t top = std::max(step, roundUp(maxEntries, step));
    const std::int64_t bottom = maxExits > 0 ? roundUp(maxExits, step) : 0;

    double tickLabelWidth = 0;
    for (std::int64_t v = -bottom; v <= top; v += step) {
        tickLabelWidth = std::max(tickLabelWidth, extent(wxString::Format(wxS("%lld"), std::llabs(v))).x);
    }
    const double plotLeft = tickLabelWidth + 2 * gap;
    const double plotRight = width - gap;
    const double plotTop = lineHeight + 2 * gap;                   // the legend above
    const double plotBottom = height - 2 * lineHeight - 2.5 * gap; // two lines of axis labels below
    const double labelTop = plotBottom + gap;
    if (plotRight - plotLeft < 20 || plotBottom - plotTop < 20) {
        return;
    }
    const double perUnit = (plotBottom - plotTop) / static_cast<double>(top + bottom);
    const double zeroY = plotTop + static_cast<double>(top) * perUnit;

    // Grid lines and the y axis's labels (exits below the baseline count upwards too).
    gc->SetPen(wxPen(gridColour, 1));
    for (std::int64_t v = -bottom; v <= top; v += step) {
        const double y = std::round(zeroY - static_cast<double>(v) * perUnit) + 0.5;
        gc->StrokeLine(plotLeft, y, plotRight, y);
        const wxString label = wxString::Format(wxS("%lld"), std::llabs(v));
        const auto size = extent(label);
        gc->DrawText(label, plotLeft - gap - size.x, y - size.y / 2);
    }

    // The bars.
    const double pitch = (plotRight - plotLeft) / static_cast<double>(buckets.size());
    const double barWidth = pitch >= 4 ? pitch * 0.75 : std::max(1.0, pitch);
    m_plotLeft = plotLeft;
    m_barPitch = pitch;
    gc->SetPen(*wxTRANSPARENT_PEN);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const double x = plotLeft + static_cast<double>(i) * pitch + (pitch - barWidth) / 2;
        if (buckets[i].entries > 0) {
            const double h = static_cast<double>(buckets[i].entries) * perUnit;
            gc->SetBrush(wxBrush(entryColour));
            gc->DrawRectangle(x, zeroY - h, barWidth, h);
        }
        if (buckets[i].exits > 0) {
            gc->SetBrush(wxBrush(exitColour));
            gc->DrawRectangle(x, zeroY, barWidth, static_cast<double>(buckets[i].exits) * perUnit);
        }
    }
    if (m_hovered && *m_hovered < buckets.size()) {
        gc->SetPen(wxPen(ink, 1));
        gc->SetBrush(*wxTRANSPARENT_BRUSH);
        gc->DrawRectangle(plotLeft + static_cast<double>(*m_hovered) * pitch, plotTop, pitch,
                          plotBottom - plotTop);
    }
    gc->SetPen(wxPen(ink, 1));
    gc->StrokeLine(plotLeft, std::round(zeroY) + 0.5, plotRight, std::round(zeroY) + 0.5);

    // The x axis's labels at round local times: every k-th bucket, k as small as the labels allow.
    const bool dayWide = m_arrivals.width >= std::chrono::days(1);
    const double labelWidth =
        dayWide ? extent(localTime(buckets.front().start).FormatDate()).x : extent(wxS("00:00")).x;
    std::size_t every = 1;
    for (const std::size_t k : std::array<std::size_t, 9>{1, 2, 4, 8, 12, 24, 48, 96, 192}) {
        every = k;
        if (static_cast<double>(k) * pitch >= labelWidth + 2 * gap) {
            break;
        }
    }
    const long interval = static_cast<long>(every) * static_cast<long>(m_arrivals.width.count());
    std::size_t phase = 0;
    if (!dayWide && interval <= 24 * 60 && (24 * 60) % interval == 0) {
        for (std::size_t i = 0; i < std::min(every, buckets.size()); ++i) {
            if (minuteOfDay(buckets[i].start) % interval == 0) {
                phase = i;
                break;
            }
        }
    }
    const bool withDates = !dayWide && spansDays(m_arrivals);
    std::optional<wxDateTime> lastDate;
    for (std::size_t i = phase; i < buckets.size(); i += every) {
        const double x = plotLeft + static_cast<double>(i) * pitch;
        const wxDateTime when = localTime(buckets[i].start);
        gc->StrokeLine(x, plotBottom, x, plotBottom + gap / 2);
        const wxString first = dayWide ? when.FormatDate() : when.Format(wxS("%H:%M"));
        const auto size = extent(first);
        const double left = std::clamp(x - size.x / 2, 0.0, std::max(0.0, width - size.x));
        gc->DrawText(first, left, labelTop);
        if (withDates && (!lastDate || !lastDate->IsSameDate(when))) {
            const wxString date = when.FormatDate();
            const auto dateSize = extent(date);
            gc->DrawText(date, std::clamp(x - dateSize.x / 2, 0.0, std::max(0.0, width - dateSize.x)),
                         labelTop + lineHeight);
            lastDate = when;
        }
    }

    // The legend, right-aligned above the plot.
    const double swatch = lineHeight * 0.7;
    double right = plotRight;
    auto legend = [&](const wxString& label, const wxColour& colour) {
        const auto size = extent(label);
        right -= size.x;
        gc->DrawText(label, right, gap / 2);
        right -= swatch + gap / 2;
        gc->SetPen(*wxTRANSPARENT_PEN);
        gc->SetBrush(wxBrush(colour));
        gc->DrawRectangle(right, gap / 2 + (size.y - swatch) / 2, swatch, swatch);
        right -= 2 * gap;
    };
    if (m_arrivals.exits > 0) {
        legend(_("Exits"), exitColour);
    }
    legend(_("Entries"), entryColour);
}

} // namespace boxoffice::gui
