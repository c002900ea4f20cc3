// GUI benchmark: the main window on a generated event of N orders (default 100,000; about 1.3
// positions each), run under a real X display (bench/run.sh uses xvfb-run). Measures
//   - start: from creating the main frame to the window shown, and to its orders listed;
//   - typing: distinct searches typed a character at a time (120 ms apart, as a quick typist),
//     while a 5 ms heartbeat timer runs on the UI thread: the longest gap between two beats is
//     the longest the UI thread did not answer (its own work, or the system running others);
//     the longest single event handler or round of queued calls is its own work alone; and the
//     time from the last keystroke to the result;
// Usage: bench_gui [ORDERS] [--keep DIR] (--keep reuses the generated database between runs).
// Prints figures only; nothing is asserted.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <wx/app.h>
#include <wx/listctrl.h>
#include <wx/srchctrl.h>
#include <wx/timer.h>

#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/OrderRepository.h"

namespace {

using namespace boxoffice;
using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

std::filesystem::path prepareDatabase(int orders, const std::filesystem::path& dir) {
    const auto db = dir / fmt::format("gui-{}.sqlite", orders);
    if (std::filesystem::exists(db)) {
        fmt::print("reusing {}\n", db.string());
        return db;
    }
    const auto start = Clock::now();
    importer::GeneratorOptions options;
    options.orders = orders;
    options.organizerSlug = "bench";
    options.eventSlug = "bigconf";
    options.eventName = "Benchmark Conference";
    const auto exportFile = dir / "gui_pretixdata.json";
    {
        std::ofstream out(exportFile, std::ios::binary);
        out << importer::generateExport(options).dump();
    }
    model::Store store(db);
    auto imported = importer::importPretixJson(store, exportFile);
    std::filesystem::remove(exportFile);
    if (!imported) {
        throw std::runtime_error("import failed: " + imported.error().message);
    }
    fmt::print("generated and imported {} orders ({} positions) in {:.1f} s\n", imported->orders,
               imported->positions, msBetween(start, Clock::now()) / 1000.0);
    return db;
}

// Searches a box-office person types: attendee names, an e-mail part, a code; each distinct.
std::vector<std::string> searchesFor(model::Store& store, model::Id event) {
    std::vector<std::string> out = {"lindqvist", "maria", "example.org", "xq"};
    model::OrderQuery some;
    some.limit = 3;
    some.offset = 5000;
    for (const auto& order : model::OrderRepository(store).list(event, some)) {
        out.push_back(order.code);
    }
    return out;
}

class BenchApp : public wxApp {
public:
    BenchApp(std::filesystem::path db) : m_db(std::move(db)) {}

    bool OnInit() override {
        gui::setMessagesToStderr(true);
        const auto created = Clock::now();
        m_frame = new gui::MainFrame(std::make_unique<model::Store>(m_db));
        m_frame->Show();
        m_shown = Clock::now();
        fmt::print("window shown: {:.0f} ms after the frame was created\n", msBetween(created, m_shown));
        m_created = created;
        m_search = dynamic_cast<wxSearchCtrl*>(wxWindow::FindWindowByName(wxS("orders.search"), m_frame));
        m_list = dynamic_cast<wxListCtrl*>(wxWindow::FindWindowByName(wxS("orders.list"), m_frame));
        model::Store reader(m_db);
        m_searches = searchesFor(reader, m_frame->currentEvent());

        m_heartbeat.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { beat(); });
        m_heartbeat.Start(5);
        m_script.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { step(); });
        m_script.Start(20);
        return true;
    }

    // Every event handler, and every round of queued UI work (results of the workers arrive as
    // queued calls), timed: the UI thread's own work, without the time the system gives others.
    void CallEventHandler(wxEvtHandler* handler, wxEventFunctor& functor, wxEvent& event) const override {
        const auto start = Clock::now();
        wxApp::CallEventHandler(handler, functor, event);
        note(msBetween(start, Clock::now()), event.GetClassInfo()->GetClassName());
    }
    void ProcessPendingEvents() override {
        const auto start = Clock::now();
        wxApp::ProcessPendingEvents();
        note(msBetween(start, Clock::now()), wxS("queued calls"));
    }

private:
    void note(double ms, const wxString& what) const {
        if (m_measuring && ms > m_longestWork) {
            m_longestWork = ms;
            m_longestWhat = what;
        }
    }

    void beat() {
        const auto now = Clock::now();
        if (m_lastBeat != Clock::time_point{} && m_measuring) {
            m_gaps.push_back(msBetween(m_lastBeat, now));
        }
        m_lastBeat = now;
    }

    // One step of the script every 20 ms: wait for the list, then type each search.
    void step() {
        const auto now = Clock::now();
        const bool idle = m_frame->session().pendingTasks() == 0;
        if (!m_loaded) {
            if (idle && m_list->GetItemCount() > 0) {
                m_loaded = true;
                fmt::print("orders listed: {:.0f} ms after the frame was created ({} rows)\n",
                           msBetween(m_created, now), m_list->GetItemCount());
                m_measuring = true;
                m_nextKey = now;
            }
            return;
        }
        if (m_query >= m_searches.size()) {
            finish();
            return;
        }
        const std::string& text = m_searches[m_query];
        if (m_typed < text.size()) {
            if (now >= m_nextKey) {
                ++m_typed;
                m_lastKey = now;
                m_search->SetValue(wxString::FromUTF8(text.substr(0, m_typed)));
                m_nextKey = now + std::chrono::milliseconds(120);
            }
            return;
        }
        if (idle) {
            const double latency = msBetween(m_lastKey, now);
            m_latencies.push_back(latency);
            fmt::print("  search \"{}\": {} orders, shown {:.0f} ms after the last key\n", text,
                       m_list->GetItemCount(), latency);
            ++m_query;
            m_typed = 0;
            m_nextKey = now + std::chrono::milliseconds(300);
        }
    }

    void finish() {
        m_script.Stop();
        m_heartbeat.Stop();
        std::sort(m_gaps.begin(), m_gaps.end());
        const auto at = [&](double q) {
            return m_gaps.empty() ? 0.0 : m_gaps[static_cast<std::size_t>(q * static_cast<double>(m_gaps.size() - 1))];
        };
        fmt::print("UI thread while typing {} searches: {} heartbeats (5 ms timer); gap p50 {:.1f} ms, p99 {:.1f} ms, "
                   "max {:.1f} ms\n",
                   m_searches.size(), m_gaps.size(), at(0.5), at(0.99), m_gaps.empty() ? 0.0 : m_gaps.back());
        fmt::print("longest single piece of UI-thread work (an event handler or a round of queued calls) while "
                   "typing: {:.1f} ms ({})\n",
                   m_longestWork, m_longestWhat.utf8_string());
        std::sort(m_latencies.begin(), m_latencies.end());
        if (!m_latencies.empty()) {
            fmt::print("result after the last key: median {:.0f} ms, max {:.0f} ms\n",
                       m_latencies[m_latencies.size() / 2], m_latencies.back());
        }
        m_frame->Close(true);
    }

    std::filesystem::path m_db;
    gui::MainFrame* m_frame = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxListCtrl* m_list = nullptr;
    wxTimer m_heartbeat;
    wxTimer m_script;
    Clock::time_point m_created{}, m_shown{}, m_lastBeat{}, m_lastKey{}, m_nextKey{};
    bool m_loaded = false;
    bool m_measuring = false;
    std::vector<std::string> m_searches;
    std::size_t m_query = 0;
    std::size_t m_typed = 0;
    std::vector<double> m_gaps;
    mutable double m_longestWork = 0;
    mutable wxString m_longestWhat;
    std::vector<double> m_latencies;
};

}  // namespace

int main(int argc, char** argv) {
    int orders = 100'000;
    std::filesystem::path keep;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else {
            orders = std::atoi(argv[i]);
        }
    }
    const auto dir = keep.empty() ? std::filesystem::temp_directory_path() / fmt::format("boxoffice-bench-gui-{}", getpid())
                                  : keep;
    std::filesystem::create_directories(dir);
    int status = 0;
    try {
        const auto db = prepareDatabase(orders, dir);
        wxApp::SetInstance(new BenchApp(db));
        int wxArgc = 1;
        char* wxArgv[] = {argv[0], nullptr};
        status = wxEntry(wxArgc, wxArgv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_gui: {}\n", e.what());
        status = 1;
    }
    if (keep.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    return status;
}
