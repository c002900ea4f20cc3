// Designer benchmark (issue 20's target: dragging an element on an A4 ticket with the default
// background redraws at 60 frames/s or more at 100 % zoom), run under a real X display
// (bench/run.sh uses xvfb-run). The main window opens on the demo event in a new store, the
// Designer tab shows the event's default layout (pretix's, on its A4 background), the zoom choice
// is set to 100 %, and the QR code is dragged: pressed in its middle with wxUIActionSimulator,
// moved outwards in 3 pixel steps and then once round a circle of 100 pixels radius around the
// press (no two moves at the same place), a move every 8 ms as a 125 Hz mouse sends them, and
// released with wxUIActionSimulator. Then the same at 200 %. The moves go to the X server through
// XPointer.h, as wxUIActionSimulator's own would wait 20 ms each (without Xlib at build time they
// do, and the drag can then show at most about 45 frames/s).
//
// GTK hands the window at most one motion per display frame (the newest), so the canvas sees
// fewer moves than were sent, each at a new place. A frame is one motion the canvas handled; its
// time runs from the motion handler's start until that state is on the screen: the handler has
// returned, the canvas has painted since the motion arrived (the handler paints at once with
// Update()), and the X server has carried out what GTK sent it (an XSync on GTK's connection).
// Its UI thread time is the motion handler's plus that of the paints of the same state GTK asks
// for after it (before the next motion, within 50 ms). Beside them: the time from sending the
// move to the X server to its frame shown, the intervals between frames, and the UI thread's
// other work meanwhile. Every event handler is timed through wxApp::CallEventHandler, so the
// canvas is measured as it is, without hooks.
//
// Usage: bench_designer [--grid] [MOVES_ROUND_THE_CIRCLE] (default 360). --grid ticks the Designer's
// Grid check box first, so the canvas draws its millimetre grid and the drag snaps to it. Prints
// figures; asserts nothing.
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/LayoutRepository.h"
#include "designer/DesignerCanvas.h"
#include "designer/DesignerPanel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/core.h>
#include <numbers>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <variant>
#include <vector>
#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/notebook.h>
#include <wx/timer.h>
#include <wx/uiaction.h>
#include <wx/utils.h>
#if BOXOFFICE_BENCH_XPOINTER
#include "XPointer.h"
#endif

namespace {

using namespace boxoffice;
using Clock = std::chrono::steady_clock;

constexpr double kTargetFrameMs = 1000.0 / 60.0;
constexpr int kRadiusDip = 100;    // of the circle the pointer goes round
constexpr int kLeadStepPixels = 3; // the canvas starts a drag after 3 pixels
constexpr auto kMoveInterval = std::chrono::milliseconds(8);
constexpr auto kLastFrameWait = std::chrono::seconds(2);
constexpr auto kPhaseTimeout = std::chrono::seconds(60);

double msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Series {
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    double at(double q) const {
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? 0.0
                              : sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
    }
    double worst() const { return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()); }
    std::string summary() const {
        return fmt::format("median {:.2f} ms, p95 {:.2f} ms, p99 {:.2f} ms, worst {:.2f} ms", at(0.5),
                           at(0.95), at(0.99), worst());
    }
};

// What the canvas did for one motion.
struct Frame {
    wxPoint at;
    Clock::time_point motionStart{};
    Clock::time_point motionEnd{};
    bool motionDone = false;   // the motion handler returned
    int paints = 0;            // canvas paints of this state (below)
    double laterPaintMs = 0;   // the handlers' time of those after the motion handler
    Clock::time_point shown{}; // the first paint on the screen
    bool done() const { return motionDone && paints > 0; }
    // The UI thread's time for this state: the motion handler (with the paint it does at once)
    // and the paints GTK asks for after it.
    double workMs() const { return msBetween(motionStart, motionEnd) + laterPaintMs; }
};

// A paint of the canvas counts for the last motion's state if it comes before the next motion
// and within this time of the motion handler's end (later ones have other causes).
constexpr auto kSameStatePaint = std::chrono::milliseconds(50);

std::optional<std::size_t> qrCodeOf(const layout::Document& doc) {
    for (std::size_t i = 0; i < doc.size(); ++i) {
        if (std::holds_alternative<layout::BarcodeArea>(doc.element(i))) {
            return i;
        }
    }
    return std::nullopt;
}

class BenchApp : public wxApp {
public:
    BenchApp(std::filesystem::path db, model::Id event, int circleMoves, bool grid)
        : m_db(std::move(db)), m_event(event), m_circleMoves(circleMoves), m_grid(grid) {}

    bool OnInit() override {
        gui::setMessagesToStderr(true);
        m_frame = new gui::MainFrame(std::make_unique<model::Store>(m_db));
        m_frame->SetSize(wxSize(1280, 800));
        m_frame->Show();
        auto* notebook = dynamic_cast<wxNotebook*>(wxWindow::FindWindowByName(wxS("notebook"), m_frame));
        m_panel = dynamic_cast<gui::DesignerPanel*>(wxWindow::FindWindowByName(wxS("designer"), m_frame));
        m_zoom = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName(wxS("designer.zoom"), m_frame));
        if (notebook == nullptr || m_panel == nullptr || m_zoom == nullptr) {
            fmt::print("the window has no Designer tab\n");
            m_frame->Close(true);
            return true;
        }
        for (std::size_t i = 0; i < notebook->GetPageCount(); ++i) {
            if (notebook->GetPage(i) == m_panel) {
                notebook->SetSelection(i);
            }
        }
        m_canvas = &m_panel->canvas();
        m_phaseStart = Clock::now();
        m_script.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { gui::guardedCall([this] { step(); }, m_frame); });
        m_script.Start(5);
        return true;
    }

    void CallEventHandler(wxEvtHandler* handler, wxEventFunctor& functor, wxEvent& event) const override {
        const bool measured = m_recording && m_canvas != nullptr && event.GetEventObject() == m_canvas;
        const auto type = event.GetEventType();
        const auto start = Clock::now();
        if (measured && type == wxEVT_MOTION) {
            Frame frame;
            frame.motionStart = start;
            frame.at = dynamic_cast<wxMouseEvent&>(event).GetPosition();
            m_frames.push_back(frame);
        }
        wxApp::CallEventHandler(handler, functor, event);
        if (m_recording && !measured && event.GetEventObject() != m_canvas) {
            const double ms = msBetween(start, Clock::now());
            m_otherMs += ms;
            ++m_otherCount;
            if (ms > m_otherLongest) {
                m_otherLongest = ms;
                m_otherLongestWhat = event.GetClassInfo()->GetClassName();
            }
        }
        if (!measured || m_frames.empty()) {
            return;
        }
        const auto end = Clock::now();
        Frame& last = m_frames.back();
        if (type == wxEVT_MOTION && !last.motionDone) {
            last.motionDone = true;
            last.motionEnd = end;
        } else if (type == wxEVT_PAINT) {
            if (!last.motionDone) {
                ++last.paints; // inside the motion handler (Update())
            } else if (start - last.motionEnd < kSameStatePaint) {
                ++last.paints;
                last.laterPaintMs += msBetween(start, end);
            } else {
                return;
            }
        } else {
            return;
        }
        if (last.done() && last.shown == Clock::time_point{}) {
            // Painted: until the X server has it on the screen (GTK sends it without waiting).
#if BOXOFFICE_BENCH_XPOINTER
            const auto display = wxGetDisplayInfo();
            if (display.type == wxDisplayX11) {
                bench::XPointer::waitForServer(display.dpy);
            }
#endif
            last.shown = Clock::now();
        }
    }

private:
    enum class Phase { Opening, Zooming, Dropped, Undone, Done };

    bool quiet() const {
        return !m_canvas->rendering() && m_frame->session().pendingTasks() == 0;
    }

    void step() {
        if (m_phase == Phase::Done) {
            return;
        }
        if (Clock::now() - m_phaseStart > kPhaseTimeout) {
            fmt::print("gave up: the Designer did not get quiet within {} s (phase {})\n",
                       std::chrono::duration_cast<std::chrono::seconds>(kPhaseTimeout).count(),
                       static_cast<int>(m_phase));
            finish();
            return;
        }
        switch (m_phase) {
        case Phase::Opening:
            if (m_panel->document() != nullptr && m_canvas->pictures() > 0 && quiet()) {
                if (m_grid) {
                    showGrid();
                }
                describeLayout();
                zoomTo(m_zooms[m_run]);
            }
            return;
        case Phase::Zooming:
            if (m_canvas->pictures() > m_picturesBefore && quiet() &&
                std::abs(m_canvas->zoom() - m_zooms[m_run]) < 1e-9) {
                m_script.Stop();
                const bool dragged = drag();
                m_script.Start(5);
                if (!dragged) {
                    next();
                    return;
                }
                m_phase = Phase::Dropped;
                m_phaseStart = Clock::now();
            }
            return;
        case Phase::Dropped:
            if (quiet()) {
                // The QR code back where it was, for the next run.
                m_picturesBefore = m_canvas->pictures();
                m_panel->command(wxID_UNDO);
                m_phase = Phase::Undone;
                m_phaseStart = Clock::now();
            }
            return;
        case Phase::Undone:
            if (m_canvas->pictures() > m_picturesBefore && quiet()) {
                next();
            }
            return;
        case Phase::Done:
            return;
        }
    }

    void next() {
        if (++m_run < m_zooms.size()) {
            zoomTo(m_zooms[m_run]);
        } else {
            finish();
        }
    }

    void describeLayout() {
        model::Store store(m_db);
        const auto stored = model::LayoutRepository(store).defaultLayout(m_event);
        const auto page = m_canvas->pageSize();
        const bool a4 = std::abs(page.width - 595.28) < 0.5 && std::abs(page.height - 841.89) < 0.5;
        if (!stored) {
            fmt::print("the demo event has no default layout; the Designer shows its first one\n");
        }
        const std::string background =
            stored && stored->background
                ? fmt::format("its background file {}", *stored->background)
                : std::string(
                      "no background (the demo's default layout has none: a blank page is measured instead)");
        fmt::print("layout \"{}\" with {} elements, {}; page {:.2f} x {:.2f} pt{}\n",
                   stored ? stored->name : std::string("?"), m_panel->document()->size(), background,
                   page.width, page.height, a4 ? " (A4)" : " (not A4)");
        fmt::print("window 1280 x 800, canvas {} x {} pixels; grid {}\n", m_canvas->GetClientSize().x,
                   m_canvas->GetClientSize().y, m_canvas->gridShown() ? "shown" : "hidden");
    }

    // Ticks the Grid check box as a person does: its value and the wxEVT_CHECKBOX it sends.
    void showGrid() {
        auto* box = dynamic_cast<wxCheckBox*>(wxWindow::FindWindowByName(wxS("designer.grid"), m_frame));
        if (box == nullptr) {
            fmt::print("the Designer has no Grid check box: measured without the grid\n");
            return;
        }
        box->SetValue(true);
        wxCommandEvent tick(wxEVT_CHECKBOX, box->GetId());
        tick.SetEventObject(box);
        tick.SetInt(1);
        box->ProcessWindowEvent(tick);
    }

    void zoomTo(double zoom) {
        const wxString label = wxString::Format(wxS("%d %%"), static_cast<int>(std::lround(zoom * 100)));
        const int at = m_zoom->FindString(label);
        m_picturesBefore = m_canvas->pictures();
        if (at == wxNOT_FOUND) {
            m_canvas->setZoom(zoom);
        } else {
            // As a person chooses it: the panel's handler sets the canvas's zoom.
            m_zoom->SetSelection(at);
            wxCommandEvent choose(wxEVT_CHOICE, m_zoom->GetId());
            choose.SetEventObject(m_zoom);
            choose.SetInt(at);
            m_zoom->ProcessWindowEvent(choose);
        }
        m_phase = Phase::Zooming;
        m_phaseStart = Clock::now();
    }

    static void yieldFor(std::chrono::milliseconds span) {
        const auto until = Clock::now() + span;
        while (Clock::now() < until) {
            wxYield();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

    // Scrolls the canvas so that `page` is in the middle of its window; returns where it is on
    // the screen.
    wxPoint bringIntoView(layout::Point page) {
        const wxPoint client = m_canvas->ScreenToClient(m_canvas->pageToScreen(page));
        const wxPoint area = m_canvas->CalcUnscrolledPosition(client);
        const wxSize size = m_canvas->GetClientSize();
        int unitX = 1, unitY = 1;
        m_canvas->GetScrollPixelsPerUnit(&unitX, &unitY);
        m_canvas->Scroll(std::max(0, (area.x - size.x / 2) / std::max(1, unitX)),
                         std::max(0, (area.y - size.y / 2) / std::max(1, unitY)));
        m_canvas->Refresh();
        yieldFor(std::chrono::milliseconds(300));
        return m_canvas->pageToScreen(page);
    }

    // The drag of one run: the moves go on a clock of their own, whatever the canvas does.
    // Returns false when there was no room for it.
    bool drag() {
        const auto& doc = *m_panel->document();
        const auto qr = qrCodeOf(doc);
        std::size_t element = 0;
        if (!qr) {
            fmt::print("the layout has no QR code: its first element is dragged instead\n");
        } else {
            element = *qr;
        }
        const auto box = doc.frame(element).box;
        const wxPoint from = bringIntoView(layout::Point{box.centerX(), box.centerY()});
        const wxRect view = m_canvas->GetScreenRect();
        const int radius = std::min({m_canvas->FromDIP(kRadiusDip), from.x - view.GetLeft() - 10,
                                     view.GetRight() - from.x - 10, from.y - view.GetTop() - 10,
                                     view.GetBottom() - from.y - 10});
        if (radius < 10) {
            fmt::print("drag at {:.0f} %: no room on the canvas around the QR code\n", m_zooms[m_run] * 100);
            return false;
        }
        // Outwards from the press to the circle's rightmost point, then once round the circle
        // around the press (never back to a place already visited; with 100 pixels and 360 steps
        // neighbours are at least a pixel apart in x or y).
        std::vector<wxPoint> path;
        for (int d = kLeadStepPixels; d < radius; d += kLeadStepPixels) {
            path.push_back(from + wxPoint(d, 0));
        }
        for (int k = 0; k < m_circleMoves; ++k) {
            const double a = 2.0 * std::numbers::pi * k / m_circleMoves;
            path.push_back(from + wxPoint(static_cast<int>(std::lround(radius * std::cos(a))),
                                          static_cast<int>(std::lround(-radius * std::sin(a)))));
        }

        wxUIActionSimulator mouse;
#if BOXOFFICE_BENCH_XPOINTER
        bench::XPointer pointer;
        const bool direct = pointer.ok();
#else
        const bool direct = false;
#endif
        const auto move = [&](wxPoint p) {
#if BOXOFFICE_BENCH_XPOINTER
            if (direct) {
                pointer.moveTo(p.x, p.y);
                return;
            }
#endif
            mouse.MouseMove(p);
        };
        mouse.MouseMove(from);
        yieldFor(std::chrono::milliseconds(100));
        mouse.MouseDown();
        yieldFor(std::chrono::milliseconds(200));

        // Open loop: a move every 8 ms whatever the canvas does, as a person's mouse sends them.
        std::vector<Clock::time_point> sent(path.size());
        m_frames.clear();
        m_otherMs = 0;
        m_otherCount = 0;
        m_otherLongest = 0;
        m_otherLongestWhat = wxS("none");
        m_recording = true;
        const auto dragStart = Clock::now();
        for (std::size_t k = 0; k < path.size(); ++k) {
            const auto due = dragStart + kMoveInterval * static_cast<int>(k);
            while (Clock::now() < due) {
                wxYield();
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            sent[k] = Clock::now();
            move(path[k]);
        }
        // The last move's frame, and a paint GTK may add to it.
        const auto lastSent = Clock::now();
        const wxPoint lastPlace = m_canvas->ScreenToClient(path.back());
        while (Clock::now() - lastSent < kLastFrameWait &&
               (m_frames.empty() || !m_frames.back().done() || m_frames.back().at != lastPlace)) {
            wxYield();
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        yieldFor(std::chrono::milliseconds(50));
        m_recording = false;
        mouse.MouseUp();
        report(path, sent, dragStart, from, radius, direct);
        return true;
    }

    void report(const std::vector<wxPoint>& path, const std::vector<Clock::time_point>& sent,
                Clock::time_point dragStart, wxPoint from, int radius, bool direct) const {
        Series frames, work, handler, latency, intervals;
        int unfinished = 0;
        int repeated = 0;
        int unknown = 0;
        int repainted = 0;
        int paints = 0;
        std::optional<wxPoint> previous;
        std::optional<Clock::time_point> previousEnd;
        Clock::time_point lastEnd = dragStart;
        for (const Frame& frame : m_frames) {
            if (!frame.done()) {
                ++unfinished;
                continue;
            }
            if (previous && *previous == frame.at) {
                ++repeated;
            }
            previous = frame.at;
            frames.add(msBetween(frame.motionStart, frame.shown));
            work.add(frame.workMs());
            handler.add(msBetween(frame.motionStart, frame.motionEnd));
            paints += frame.paints;
            repainted += frame.paints > 1 ? 1 : 0;
            const auto place = std::find(path.begin(), path.end(), m_canvas->ClientToScreen(frame.at));
            if (place != path.end()) {
                latency.add(msBetween(sent[static_cast<std::size_t>(place - path.begin())], frame.shown));
            } else {
                ++unknown;
            }
            if (previousEnd) {
                intervals.add(msBetween(*previousEnd, frame.shown));
            }
            previousEnd = frame.shown;
            lastEnd = frame.shown;
        }
        const double seconds = msBetween(dragStart, lastEnd) / 1000.0;
        const auto n = frames.values.size();
        const double fps = seconds > 0 ? static_cast<double>(n) / seconds : 0.0;
        const auto overTarget = [](const Series& series) {
            return std::count_if(series.values.begin(), series.values.end(),
                                 [](double v) { return v > kTargetFrameMs; });
        };
        const auto over = overTarget(frames);
        const auto workOver = overTarget(work);
        const bool met = n > 0 && unfinished == 0 && over == 0 && workOver == 0;
        fmt::print("drag at {:.0f} %: {} frames in {:.2f} s, {:.1f} frames/s; frame time (motion event to "
                   "that state on "
                   "the screen) {}\n",
                   m_zooms[m_run] * 100, n, seconds, fps, frames.summary());
        fmt::print("  UI thread a frame (motion handler and the paints of that state after it): {}\n",
                   work.summary());
        fmt::print("  target >= 60 frames/s (every frame and its UI thread time <= {:.2f} ms): {} ({} frames "
                   "over, {} over in "
                   "UI thread time, of {}{})\n",
                   kTargetFrameMs, met ? "met" : "missed", over, workOver, n,
                   unfinished > 0 ? fmt::format("; {} motions without a paint", unfinished) : std::string());
        fmt::print("  motion handler alone (it paints at once): {}\n", handler.summary());
        fmt::print("  canvas paints: {:.2f} a frame ({} frames painted again after the motion handler)\n",
                   n > 0 ? static_cast<double>(paints) / static_cast<double>(n) : 0.0, repainted);
        fmt::print("  other UI thread work during the drag: {:.0f} ms in {} event handlers, the longest "
                   "{:.1f} ms ({})\n",
                   m_otherMs, m_otherCount, m_otherLongest, m_otherLongestWhat.utf8_string());
        fmt::print("  between frames shown (GTK hands over at most one motion a display frame): {}\n",
                   intervals.summary());
        fmt::print("  move sent to the X server to its frame shown: {}{}\n", latency.summary(),
                   unknown > 0 ? fmt::format(" ({} frames at a place not sent)", unknown) : std::string());
        fmt::print("  path: {} moves sent {} ms apart ({}), {} pixels radius, pressed at {},{} on the "
                   "screen; frames at the "
                   "place of the one before: {}\n",
                   path.size(), std::chrono::duration_cast<std::chrono::milliseconds>(kMoveInterval).count(),
                   direct ? "XWarpPointer" : "wxUIActionSimulator, at least 20 ms apart", radius, from.x,
                   from.y, repeated);
    }

    void finish() {
        m_phase = Phase::Done;
        m_script.Stop();
        m_frame->Close(true);
    }

    std::filesystem::path m_db;
    model::Id m_event;
    int m_circleMoves;
    bool m_grid;
    gui::MainFrame* m_frame = nullptr;
    gui::DesignerPanel* m_panel = nullptr;
    gui::DesignerCanvas* m_canvas = nullptr;
    wxChoice* m_zoom = nullptr;
    wxTimer m_script;
    Phase m_phase = Phase::Opening;
    Clock::time_point m_phaseStart{};
    std::vector<double> m_zooms{1.0, 2.0};
    std::size_t m_run = 0;
    int m_picturesBefore = 0;
    mutable std::vector<Frame> m_frames;
    mutable double m_otherMs = 0;
    mutable int m_otherCount = 0;
    mutable double m_otherLongest = 0;
    mutable wxString m_otherLongestWhat;
    bool m_recording = false;
};

} // namespace

int main(int argc, char** argv) {
    int circleMoves = 360;
    bool grid = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--grid") {
            grid = true;
        } else {
            circleMoves = std::max(8, std::atoi(argv[i]));
        }
    }
    const auto dir =
        std::filesystem::temp_directory_path() / fmt::format("boxoffice-bench-designer-{}", getpid());
    std::filesystem::create_directories(dir);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    int status = 0;
    try {
        const auto db = dir / "designer.sqlite";
        model::Id event = 0;
        {
            model::Store store(db);
            auto demo = importer::ensureDemoEvent(store);
            if (!demo) {
                throw std::runtime_error("the demo event: " + demo.error().message);
            }
            event = demo->eventId;
        }
        setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
        wxApp::SetInstance(new BenchApp(db, event, circleMoves, grid));
        int wxArgc = 1;
        char* wxArgv[] = {argv[0], nullptr};
        status = wxEntry(wxArgc, wxArgv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_designer: {}\n", e.what());
        status = 1;
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
