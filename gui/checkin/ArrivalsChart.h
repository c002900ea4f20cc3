// The arrivals chart of the Check-in lists tab: one bar per bucket of checkin::Arrivals (a
// quarter hour, or wider for check-ins over more than a day), entries up from the baseline and
// exits down from it, times on the x axis in local time, a y axis with a few round ticks. Drawn
// with wxGraphicsContext in the system's window colours, the bars in colours that keep their
// contrast on light and dark themes and for colour-blind readers (Okabe-Ito blue and vermilion);
// redrawn whole on every resize. Hovering a bar tells its numbers in a tooltip.
//
// A screen reader cannot read bars: summary() says the gist in words ("Busiest quarter hour:
// 19:30-19:45, 212 entries. ..."); the chart carries it as its label (the accessible name where
// the platform has one) and the panel shows it in a static text beside the chart.
// Owned by the CheckinListsPanel; UI thread only.
#pragma once

#include "boxoffice/checkin/Arrivals.h"

#include <cstddef>
#include <optional>
#include <wx/window.h>

class wxMouseEvent;
class wxPaintEvent;

namespace boxoffice::gui {

class ArrivalsChart : public wxWindow {
public:
    ArrivalsChart(wxWindow* parent, const wxString& name);

    // Shows `arrivals` (times in UTC, shown in local time) and updates summary() and the label.
    void setArrivals(checkin::Arrivals arrivals);
    const checkin::Arrivals& arrivals() const { return m_arrivals; }

    // The chart in words: the busiest bucket with its local times and entries, then the totals;
    // a sentence of its own when the list has no check-ins.
    wxString summary() const;

    bool AcceptsFocus() const override { return false; }

private:
    void onPaint(wxPaintEvent& event);
    void onMotion(wxMouseEvent& event);
    // The bucket under x (client pixels) as the last paint laid the bars out.
    std::optional<std::size_t> bucketAt(int x) const;

    checkin::Arrivals m_arrivals;
    double m_plotLeft = 0; // where the last paint put the bars, for the tooltip
    double m_barPitch = 0;
    std::optional<std::size_t> m_hovered;
};

// The local times a bucket covers, for the summary and the tooltip: "19:30-19:45"; with the
// date in front when `withDate`; dates and times of both ends for buckets of a day or more.
wxString bucketRangeText(const checkin::Arrivals& arrivals, std::size_t bucket, bool withDate);

} // namespace boxoffice::gui
