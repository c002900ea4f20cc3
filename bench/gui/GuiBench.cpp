// GUI benchmark: the main window on a generated event of about N positions (default 1,000,000;
// about 1.3 per order), run under a real X display (bench/run.sh uses xvfb-run). While a 5 ms
// heartbeat timer runs on the UI thread (its longest gap is the longest the UI thread did not
// answer) and every event handler and round of queued calls is timed (the UI thread's own
// work), it measures what a box-office person does:
//   - open: from creating the main frame to the window shown, to its first rows listed (the
//     newest orders), and to the whole event indexed and listed;
//   - typing: distinct searches (names with and without accents, an e-mail part, order codes,
//     a secret prefix) typed a character at a time, 120 ms apart as a quick typist; for every
//     keystroke the time until the list shows its result;
//   - scrolling: the list moved from its first to its last row in steps of a screenful, and
//     Next page through the first pages;
//   - door mode: distinct valid secrets, each typed and Enter pressed, until the result shows;
//   - import: File > Import of a generated export of another event (100,000 orders), on its
//     worker, while the window stays in use; the UI thread's gaps meanwhile and the import's time;
//   - sync: in the Sync tab the server's URL and a token, Find events, Connect: the first (full)
//     sync of a third event of 100,000 orders from a pretix server (the project's own, in a child
//     process on loopback), and the UI thread's gaps meanwhile;
//   - memory: the process's peak resident set.
// Usage: bench_gui [POSITIONS] [--keep DIR] (--keep reuses the generated database).
// Prints figures only; nothing is asserted.
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/server/Server.h"

namespace {

using namespace boxoffice;
using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// Peak and current resident set of this process, in MB (Linux; 0 elsewhere).
std::pair<double, double> residentMb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    double peak = 0;
    double now = 0;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            peak = std::atof(line.c_str() + 6) / 1024.0;
        } else if (line.rfind("VmRSS:", 0) == 0) {
            now = std::atof(line.c_str() + 6) / 1024.0;
        }
    }
    return {peak, now};
}

// The event is generated in chunks of 50,000 orders (one export document each, so memory stays
// small), each with its own seed, position IDs and a letter before its order codes so that no
// two chunks share a code.
// The export File > Import reads in the import phase: another event of 100,000 orders.
constexpr int kImportOrders = 100'000;

// Writes a generated export of another event of organizer "bench", with IDs from `idBase` on (the
// opened event's start at 1, its positions at 1 + n * 1,000,000).
void writeOtherEvent(const std::filesystem::path& file, int orders, std::uint32_t seed, const std::string& slug,
                     const std::string& name, model::Id idBase) {
    importer::GeneratorOptions options;
    options.orders = orders;
    options.seed = seed;
    options.organizerSlug = "bench";
    options.eventSlug = slug;
    options.eventName = name;
    options.ids = {idBase, idBase, idBase, idBase, idBase, idBase, idBase};
    std::ofstream out(file, std::ios::binary);
    importer::writeGeneratedExport(out, options);
}

std::filesystem::path importFile(const std::filesystem::path& dir) {
    const auto file = dir / fmt::format("import-{}_pretixdata.json", kImportOrders);
    if (!std::filesystem::exists(file)) {
        writeOtherEvent(file, kImportOrders, 4711, "festival", "Benchmark Festival", 900'000'000);
    }
    return file;
}

// The pretix server of the sync phase: a third event of 100,000 orders, imported into a database
// of its own and served by the project's server in a child process (so its work is not the
// window's). Returns the child, and the URL and an API token of the event through `url`/`token`.
constexpr int kSyncOrders = 100'000;

pid_t startRemote(const std::filesystem::path& dir, std::string& url, std::string& token) {
    int fds[2];
    if (pipe(fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t child = fork();
    if (child < 0) {
        throw std::runtime_error("fork failed");
    }
    if (child == 0) {
        close(fds[0]);
        try {
            const auto db = dir / "remote.sqlite";
            std::string secret;
            {
                model::Store store(db);
                if (!model::EventRepository(store).eventBySlug("bench", "concert").has_value()) {
                    const auto file = dir / "remote_pretixdata.json";
                    writeOtherEvent(file, kSyncOrders, 1848, "concert", "Benchmark Concert", 800'000'000);
                    auto imported = importer::importPretixJson(store, file);
                    std::filesystem::remove(file);
                    if (!imported) {
                        throw std::runtime_error("remote import failed: " + imported.error().message);
                    }
                    // The import gave the event a check-in list with an ID of this database's local
                    // range, the range the window's store uses too; a pretix server numbers its own.
                    store.db().exec("UPDATE checkin_list SET id = 800000001 WHERE event_id = " +
                                    std::to_string(imported->eventId));
                }
                auto created = auth::issueToken(store, "bench", "bench", std::string("concert"),
                                                model::Permissions::all());
                if (!created) {
                    throw std::runtime_error("token: " + created.error().message);
                }
                secret = created->secret;
            }
            server::ServerOptions options;
            options.database = db;
            options.port = 0;
            server::Server srv(options);
            auto port = srv.start();
            if (!port) {
                throw std::runtime_error("server: " + port.error().message);
            }
            const std::string line = fmt::format("http://127.0.0.1:{} {}\n", port.value(), secret);
            if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
                _exit(1);
            }
            close(fds[1]);
            pause();  // serves until the bench ends it
            _exit(0);
        } catch (const std::exception& e) {
            fmt::print(stderr, "bench_gui remote: {}\n", e.what());
            _exit(1);
        }
    }
    close(fds[1]);
    std::string line;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') {
        line += c;
    }
    close(fds[0]);
    const auto space = line.find(' ');
    if (space == std::string::npos) {
        throw std::runtime_error("the remote server did not start");
    }
    url = line.substr(0, space);
    token = line.substr(space + 1);
    return child;
}

std::filesystem::path prepareDatabase(int positions, const std::filesystem::path& dir) {
    const auto db = dir / fmt::format("gui-{}.sqlite", positions);
    if (std::filesystem::exists(db)) {
        fmt::print("reusing {}\n", db.string());
        return db;
    }
    const auto start = Clock::now();
    const auto exportFile = dir / "gui_pretixdata.json";
    model::Store store(db);
    std::int64_t orders = 0;
    std::int64_t imported = 0;
    constexpr int kChunk = 50'000;
    const std::string prefixes = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    for (std::size_t chunk = 0; imported < positions; ++chunk) {
        if (chunk >= prefixes.size()) {
            throw std::runtime_error("too many positions asked for");
        }
        importer::GeneratorOptions options;
        options.orders = kChunk;
        options.seed = 20270612 + static_cast<std::uint32_t>(chunk);
        options.ids.position = 1 + static_cast<model::Id>(chunk) * 1'000'000;
        options.organizerSlug = "bench";
        options.eventSlug = "bigconf";
        options.eventName = "Benchmark Conference";
        auto document = importer::generateExport(options);
        for (auto& order : document["event"]["orders"]) {
            order["code"] = prefixes[chunk] + order["code"].get<std::string>();
        }
        {
            std::ofstream out(exportFile, std::ios::binary);
            out << document.dump();
        }
        auto result = importer::importPretixJson(store, exportFile);
        if (!result) {
            throw std::runtime_error("import failed: " + result.error().message);
        }
        orders += result->orders;
        imported += result->positions;
    }
    std::filesystem::remove(exportFile);
    fmt::print("generated and imported {} orders ({} positions) in {:.1f} s\n", orders, imported,
               msBetween(start, Clock::now()) / 1000.0);
    return db;
}

// Searches a box-office person types, each distinct: names with and without accents, an
// e-mail part, order codes, a secret's first characters.
std::vector<std::string> searchesFor(model::Store& store, model::Id event) {
    std::vector<std::string> out = {"lindqvist", "m\u00fcller", "muller", "example.org", "xq"};
    model::OrderQuery some;
    some.limit = 3;
    some.offset = 5000;
    for (const auto& order : model::OrderRepository(store).list(event, some)) {
        out.push_back(order.code);
        out.push_back(order.positions.front().secret.substr(0, 6));
    }
    return out;
}

// Valid secrets of paid orders, each a different ticket, for door mode; tickets whose product
// asks a question at check-in are left out (door mode would ask it and wait for a person).
std::vector<std::string> doorSecrets(model::Store& store, model::Id event, std::size_t count) {
    std::set<model::Id> asking;
    for (const auto& question : model::EventRepository(store).questions(event)) {
        if (question.askDuringCheckin) {
            asking.insert(question.items.begin(), question.items.end());
        }
    }
    std::vector<std::string> out;
    model::OrderQuery paid;
    paid.status = model::OrderStatus::Paid;
    paid.limit = static_cast<std::int64_t>(count) * 4;
    paid.offset = 20'000;
    for (const auto& order : model::OrderRepository(store).list(event, paid)) {
        for (const auto& position : order.positions) {
            if (!position.canceled && !asking.contains(position.itemId) && out.size() < count) {
                out.push_back(position.secret);
                break;
            }
        }
    }
    return out;
}

struct Series {
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    std::string summary() {
        if (values.empty()) {
            return "none";
        }
        std::sort(values.begin(), values.end());
        const auto at = [&](double q) { return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))]; };
        return fmt::format("n {}, median {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms", values.size(), at(0.5),
                           at(0.95), at(0.99), values.back());
    }
};

class BenchApp : public wxApp {
public:
    BenchApp(std::filesystem::path db, std::string remoteUrl, std::string remoteToken)
        : m_db(std::move(db)), m_remoteUrl(std::move(remoteUrl)), m_remoteToken(std::move(remoteToken)) {}

    bool OnInit() override {
        gui::setMessagesToStderr(true);
        m_created = Clock::now();
        m_frame = new gui::MainFrame(std::make_unique<model::Store>(m_db));
        m_frame->Show();
        fmt::print("window shown: {:.0f} ms after the frame was created\n", msBetween(m_created, Clock::now()));
        m_search = dynamic_cast<wxSearchCtrl*>(wxWindow::FindWindowByName(wxS("orders.search"), m_frame));
        m_list = dynamic_cast<wxDataViewCtrl*>(wxWindow::FindWindowByName(wxS("orders.list"), m_frame));
        m_count = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName(wxS("orders.count"), m_frame));
        {
            model::Store reader(m_db);
            m_searches = searchesFor(reader, m_frame->currentEvent());
            m_secrets = doorSecrets(reader, m_frame->currentEvent(), 200);
        }
        m_heartbeat.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { beat(); });
        m_heartbeat.Start(5);
        m_script.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { gui::guardedCall([this] { step(); }, m_frame); });
        m_script.Start(2);
        return true;
    }

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
    enum class Phase { Opening, Typing, Scrolling, Paging, Door, Import, Sync, Done };

    unsigned rows() const {
        const auto* model = dynamic_cast<const wxDataViewVirtualListModel*>(m_list->GetModel());
        return model != nullptr ? model->GetCount() : 0;
    }
    bool idle() const { return m_frame->session().pendingTasks() == 0; }

    void note(double ms, const wxString& what) const {
        if (m_phase != Phase::Opening && m_phase != Phase::Done && ms > m_longestWork) {
            m_longestWork = ms;
            m_longestWhat = what;
        }
    }
    void beat() {
        const auto now = Clock::now();
        if (m_lastBeat != Clock::time_point{} && m_phase != Phase::Done) {
            (m_phase == Phase::Opening  ? m_openGaps
             : m_phase == Phase::Import ? m_importGaps
             : m_phase == Phase::Sync   ? m_syncGaps
                                        : m_gaps)
                .add(msBetween(m_lastBeat, now));
        }
        m_lastBeat = now;
    }

    void step() {
        const auto now = Clock::now();
        switch (m_phase) {
        case Phase::Opening:
            if (!m_firstRows && rows() > 0) {
                m_firstRows = true;
                fmt::print("first rows listed: {:.0f} ms after the frame was created ({} rows)\n",
                           msBetween(m_created, now), rows());
            }
            if (m_firstRows && idle() && m_count->GetLabel().Contains(wxS(" of ")) &&
                !m_count->GetLabel().Contains(wxS("..."))) {
                const auto [peak, current] = residentMb();
                fmt::print("whole event indexed and listed: {:.0f} ms after the frame was created ({}; RSS {:.0f} MB)\n",
                           msBetween(m_created, now), m_count->GetLabel().utf8_string(), current);
                fmt::print("UI thread while opening: heartbeat gap {}\n", m_openGaps.summary());
                m_phase = Phase::Typing;
                m_nextKey = now;
            }
            return;
        case Phase::Typing:
            typing(now);
            return;
        case Phase::Scrolling:
            scrolling(now);
            return;
        case Phase::Paging:
            paging(now);
            return;
        case Phase::Door:
            door(now);
            return;
        case Phase::Import:
            if (!m_frame->importing() && idle()) {
                fmt::print("File > Import of {} orders: {:.1f} s to done ({}); UI thread meanwhile: heartbeat gap {}\n",
                           kImportOrders, msBetween(m_importStart, now) / 1000,
                           m_frame->GetStatusBar()->GetStatusText(0).utf8_string(), m_importGaps.summary());
                startSync();
            }
            return;
        case Phase::Sync:
            syncing(now);
            return;
        case Phase::Done:
            return;
        }
    }

    void typing(Clock::time_point now) {
        if (m_waiting) {
            if (!idle()) {
                return;
            }
            m_waiting = false;
            m_keyLatency.add(msBetween(m_lastKey, now));
            if (m_typed == m_searches[m_query].size()) {
                fmt::print("  search \"{}\": {} rows\n", m_searches[m_query], rows());
                ++m_query;
                m_typed = 0;
                m_nextKey = now + std::chrono::milliseconds(300);
            }
        }
        if (m_query >= m_searches.size()) {
            fmt::print("typing {} searches: each keystroke to its result shown: {}\n", m_searches.size(),
                       m_keyLatency.summary());
            m_search->SetValue(wxString());
            m_phase = Phase::Scrolling;
            m_waitStart = now;
            return;
        }
        if (now >= m_nextKey) {
            const std::string& text = m_searches[m_query];
            ++m_typed;
            m_lastKey = now;
            m_search->SetValue(wxString::FromUTF8(text.substr(0, m_typed)));
            m_waiting = true;
            m_nextKey = now + std::chrono::milliseconds(120);
        }
    }

    void scrolling(Clock::time_point now) {
        if (!m_scrollStarted) {
            if (!idle() || now < m_nextKey) {
                return;
            }
            m_scrollStarted = true;
            m_scrollRow = 0;
            m_scrollStart = now;
            fmt::print("all rows listed again after clearing the search: {} rows on the page\n", rows());
        }
        auto* model = dynamic_cast<wxDataViewVirtualListModel*>(m_list->GetModel());
        if (now < m_nextKey) {
            return;
        }
        if (m_scrollRow >= rows()) {
            fmt::print("scrolling the page from first to last row ({} rows, a screenful each 16 ms): {:.0f} ms\n",
                       rows(), msBetween(m_scrollStart, now));
            m_phase = Phase::Paging;
            m_pages = 0;
            m_next = dynamic_cast<wxButton*>(wxWindow::FindWindowByName(wxS("orders.nextPage"), m_frame));
            return;
        }
        m_list->EnsureVisible(model->GetItem(std::min(m_scrollRow, rows() - 1)));
        m_scrollRow += 40;
        m_nextKey = now + std::chrono::milliseconds(16);
    }

    void paging(Clock::time_point now) {
        if (m_next == nullptr || !m_next->IsShown() || !m_next->IsEnabled() || m_pages >= 10) {
            if (m_pages > 0) {
                fmt::print("Next page: {}\n", m_pageTimes.summary());
            }
            m_frame->setDoorMode(true);
            m_door = dynamic_cast<wxTextCtrl*>(wxWindow::FindWindowByName(wxS("door.code"), m_frame));
            m_headline = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName(wxS("door.headline"), m_frame));
            m_phase = Phase::Door;
            m_nextKey = now + std::chrono::milliseconds(500);
            return;
        }
        const auto start = Clock::now();
        wxCommandEvent click(wxEVT_BUTTON, m_next->GetId());
        click.SetEventObject(m_next);
        m_next->ProcessWindowEvent(click);
        m_list->Update();  // the new rows drawn
        m_pageTimes.add(msBetween(start, Clock::now()));
        ++m_pages;
    }

    void door(Clock::time_point now) {
        if (m_door == nullptr || m_headline == nullptr) {
            fmt::print("door mode: no input found\n");
            finish();
            return;
        }
        if (m_waiting) {
            // The verdict replaces "Checking..." (background reloads the check-in causes in the
            // other panels may still run: they are not what the person at the door waits for).
            if (m_headline->GetLabel() == wxS("Checking...")) {
                return;
            }
            m_headline->Update();
            m_doorLatency.add(msBetween(m_lastKey, Clock::now()));
            m_waiting = false;
            m_nextKey = now + std::chrono::milliseconds(50);
            if (m_doorIndex == 1) {
                fmt::print("  door, first scan: \"{}\"\n", m_headline->GetLabel().utf8_string());
            }
        }
        if (m_doorIndex >= m_secrets.size()) {
            fmt::print("door mode, {} distinct tickets: Enter to result shown: {}\n", m_secrets.size(),
                       m_doorLatency.summary());
            m_frame->setDoorMode(false);
            m_phase = Phase::Import;
            m_importStart = Clock::now();
            m_frame->importExport(wxString(
                (m_db.parent_path() / fmt::format("import-{}_pretixdata.json", kImportOrders)).string()));
            return;
        }
        if (now < m_nextKey) {
            return;
        }
        m_door->ChangeValue(wxString::FromUTF8(m_secrets[m_doorIndex++]));
        m_lastKey = Clock::now();
        wxCommandEvent enter(wxEVT_TEXT_ENTER, m_door->GetId());
        enter.SetEventObject(m_door);
        enter.SetString(m_door->GetValue());
        m_door->ProcessWindowEvent(enter);
        m_waiting = true;
    }

    void startSync() {
        if (m_remoteUrl.empty()) {
            fmt::print("sync: no remote server\n");
            finish();
            return;
        }
        m_phase = Phase::Sync;
        m_syncStep = SyncStep::Find;
        dynamic_cast<wxNotebook*>(wxWindow::FindWindowByName(wxS("notebook"), m_frame))->SetSelection(5);
        m_syncMessage = dynamic_cast<wxStaticText*>(wxWindow::FindWindowByName(wxS("sync.message"), m_frame));
        auto* url = dynamic_cast<wxTextCtrl*>(wxWindow::FindWindowByName(wxS("sync.url"), m_frame));
        auto* token = dynamic_cast<wxTextCtrl*>(wxWindow::FindWindowByName(wxS("sync.token"), m_frame));
        if (m_syncMessage == nullptr || url == nullptr || token == nullptr) {
            fmt::print("sync: the Sync tab has no server fields\n");
            finish();
            return;
        }
        // What a person types, then Find events: the organizer and event come from the server.
        url->SetValue(wxString::FromUTF8(m_remoteUrl));
        token->SetValue(wxString::FromUTF8(m_remoteToken));
        m_syncStart = Clock::now();
        click("sync.find");
    }

    void click(const char* name) {
        auto* button = dynamic_cast<wxButton*>(wxWindow::FindWindowByName(wxString::FromUTF8(name), m_frame));
        wxCommandEvent event(wxEVT_BUTTON, button->GetId());
        event.SetEventObject(button);
        button->ProcessWindowEvent(event);
    }

    void syncing(Clock::time_point now) {
        wxString said = m_syncMessage->GetLabel();
        said.Replace(wxS("\n"), wxS(" "));
        if (m_syncStep == SyncStep::Find) {
            if (said.StartsWith(wxS("Found"))) {
                // Connect keeps the token and starts the first sync at once.
                m_syncStep = SyncStep::Syncing;
                m_syncStart = now;
                click("sync.connect");
            } else if (msBetween(m_syncStart, now) > 30'000) {
                fmt::print("sync: Find events did not answer: \"{}\"\n", said.utf8_string());
                finish();
            }
            return;
        }
        if (!said.StartsWith(wxS("Synced")) && !said.StartsWith(wxS("The sync failed"))) {
            return;
        }
        fmt::print("Connect and first sync of {} orders from the server: {:.1f} s to \"{}\"; UI thread meanwhile: "
                   "heartbeat gap {}\n",
                   kSyncOrders, msBetween(m_syncStart, now) / 1000, said.utf8_string(), m_syncGaps.summary());
        finish();
    }

    void finish() {
        m_phase = Phase::Done;
        m_script.Stop();
        m_heartbeat.Stop();
        fmt::print("UI thread from the first search to the last scan: heartbeat gap {}\n", m_gaps.summary());
        fmt::print("longest single piece of UI-thread work (an event handler or a round of queued calls): {:.1f} ms ({})\n",
                   m_longestWork, m_longestWhat.utf8_string());
        const auto [peak, current] = residentMb();
        fmt::print("memory: peak RSS {:.0f} MB, at the end {:.0f} MB\n", peak, current);
        m_frame->Close(true);
    }

    std::filesystem::path m_db;
    gui::MainFrame* m_frame = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewCtrl* m_list = nullptr;
    wxStaticText* m_count = nullptr;
    wxButton* m_next = nullptr;
    wxTextCtrl* m_door = nullptr;
    wxStaticText* m_headline = nullptr;
    wxTimer m_heartbeat;
    wxTimer m_script;
    Phase m_phase = Phase::Opening;
    enum class SyncStep { Find, Syncing };
    std::string m_remoteUrl, m_remoteToken;
    SyncStep m_syncStep = SyncStep::Find;
    wxStaticText* m_syncMessage = nullptr;
    Clock::time_point m_importStart{}, m_syncStart{};
    Clock::time_point m_created{}, m_lastBeat{}, m_lastKey{}, m_nextKey{}, m_waitStart{}, m_scrollStart{};
    bool m_firstRows = false;
    bool m_waiting = false;
    bool m_scrollStarted = false;
    unsigned m_scrollRow = 0;
    int m_pages = 0;
    std::vector<std::string> m_searches;
    std::vector<std::string> m_secrets;
    std::size_t m_query = 0;
    std::size_t m_typed = 0;
    std::size_t m_doorIndex = 0;
    Series m_openGaps, m_gaps, m_importGaps, m_syncGaps, m_keyLatency, m_pageTimes, m_doorLatency;
    mutable double m_longestWork = 0;
    mutable wxString m_longestWhat;
};

}  // namespace

int main(int argc, char** argv) {
    int positions = 1'000'000;
    std::filesystem::path keep;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else {
            positions = std::atoi(argv[i]);
        }
    }
    const auto dir = keep.empty() ? std::filesystem::temp_directory_path() / fmt::format("boxoffice-bench-gui-{}", getpid())
                                  : keep;
    std::filesystem::create_directories(dir);
    int status = 0;
    pid_t remote = -1;
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
    try {
        // Generated in a child process, so that the import's memory does not count as the window's.
        const auto db = dir / fmt::format("gui-{}.sqlite", positions);
        if (!std::filesystem::exists(db)) {
            const pid_t child = fork();
            if (child == 0) {
                try {
                    prepareDatabase(positions, dir);
                    std::fflush(stdout);
                    _exit(0);
                } catch (const std::exception& e) {
                    fmt::print(stderr, "bench_gui: {}\n", e.what());
                    _exit(1);
                }
            }
            int childStatus = 0;
            if (child < 0 || waitpid(child, &childStatus, 0) != child || !WIFEXITED(childStatus) ||
                WEXITSTATUS(childStatus) != 0) {
                throw std::runtime_error("generating the event failed");
            }
        }
        prepareDatabase(positions, dir);  // says "reusing"
        // The import phase's export, written in a child too (kept with --keep).
        if (const pid_t child = fork(); child == 0) {
            importFile(dir);
            _exit(0);
        } else if (int childStatus = 0; child < 0 || waitpid(child, &childStatus, 0) != child) {
            throw std::runtime_error("writing the export to import failed");
        }
        // The sync phase's server; the token the Sync tab keeps goes to a file of the bench's own
        // folder, as the desk keeps it without a secret store.
        setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
        setenv("BOXOFFICE_TOKEN_STORE", "file", 1);
        std::string url;
        std::string token;
        remote = startRemote(dir, url, token);
        wxApp::SetInstance(new BenchApp(db, url, token));
        int wxArgc = 1;
        char* wxArgv[] = {argv[0], nullptr};
        status = wxEntry(wxArgc, wxArgv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench_gui: {}\n", e.what());
        status = 1;
    }
    if (remote > 0) {
        kill(remote, SIGTERM);
        waitpid(remote, nullptr, 0);
    }
    if (keep.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    return status;
}
