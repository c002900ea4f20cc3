#include "Puller.h"

#include <SQLiteCpp/Exception.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <stop_token>
#include <thread>

#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/OrderUploadRepository.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::sync::detail {

namespace {

using nlohmann::json;
namespace wire = model::wire;

constexpr std::int64_t kMaxPages = 1'000'000;

// A path segment: unreserved characters stay, everything else is percent-encoded.
std::string segment(const std::string& s) {
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((std::isalnum(c) && c < 0x80) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out += HttpClient::escape(std::string(1, static_cast<char>(c)));
        }
    }
    return out;
}

std::string describe(const HttpResponse& r) {
    std::string detail;
    if (r.bodyIsJson()) {
        auto j = json::parse(r.body, nullptr, false);
        if (j.is_object() && j.contains("detail") && j["detail"].is_string()) {
            detail = ": " + j["detail"].get<std::string>();
        }
    }
    return "HTTP " + std::to_string(r.status) + detail;
}

std::string fileIdFor(const std::string& url) {
    std::uint64_t h = 14695981039346656037ULL;
    for (char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        h ^= c;
        h *= 1099511628211ULL;
    }
    return "file:sync-" + std::to_string(h);
}

}  // namespace

std::string eventApiUrl(const model::SyncRemote& remote) {
    std::string base = remote.url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base + "/api/v1/organizers/" + segment(remote.organizer) + "/events/" + segment(remote.eventSlug) + "/";
}

Puller::Puller(model::Store& store, model::SyncRemote& remote, Requester& requester, const EngineOptions& options)
    : m_store(store), m_remote(remote), m_requester(requester), m_options(options), m_eventUrl(eventApiUrl(remote)) {}

void Puller::report(const std::string& step, std::int64_t done, std::int64_t total) {
    if (m_options.progress) {
        m_options.progress(Progress{step, done, total});
    }
}

namespace {

// Pages fetched ahead of the writer: the fetcher thread downloads and parses the next page while
// the calling thread writes the current one. Holds at most kAhead pages, so a long list is never
// in memory whole.
class PageQueue {
public:
    static constexpr std::size_t kAhead = 2;

    struct Page {
        model::Result<JsonAnswer> answer;
        bool last = true;        // no page follows (end of the list, an error, or an unexpected answer)
        bool reachable = false;  // whether the fetcher's last request reached the server
    };

    // Fetcher side: waits for room; false when the reader has stopped.
    bool push(Page page) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || m_pages.size() < kAhead; });
        if (m_stopped) {
            return false;
        }
        m_pages.push_back(std::move(page));
        m_changed.notify_all();
        return true;
    }
    // Fetcher side: no page will follow (called when the fetcher ends, however it ends).
    void finish() {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }
    // Reader side: the next page; nullopt when a stop of `cancel` was requested while waiting.
    std::optional<Page> pop(std::stop_token cancel) {
        std::unique_lock lock(m_mutex);
        while (m_pages.empty()) {
            if (m_finished) {
                return Page{ioError("The download of a list ended unexpectedly."), true, false};
            }
            if (cancel.stop_requested()) {
                return std::nullopt;
            }
            m_changed.wait(lock, cancel, [&] { return m_finished || !m_pages.empty(); });
        }
        Page page = std::move(m_pages.front());
        m_pages.pop_front();
        m_changed.notify_all();
        return page;
    }
    void stop() {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable_any m_changed;  // _any: the reader's wait also ends on a stop request
    std::deque<Page> m_pages;
    bool m_stopped = false;
    bool m_finished = false;
};

}  // namespace

model::Result<bool> Puller::walk(const std::string& step, const std::string& url, const PageHandler& apply,
                                 bool optional, std::string* firstPageGenerated) {
    // The fetcher uses the engine's connection (the calling thread makes no request meanwhile)
    // and stops at the next request once `halt` is requested: on cancellation (forwarded at once
    // from the engine's token) or when the writer fails.
    std::stop_source halt;
    const std::stop_callback forwardCancel(m_options.cancel, [&halt] { halt.request_stop(); });
    Requester fetch(m_requester.client(), m_requester.policy(), halt.get_token());
    PageQueue queue;
    std::thread fetcher([&] {
        try {
            std::string next = url;
            for (std::int64_t page = 0; !next.empty(); ++page) {
                PageQueue::Page p{ioError(step + ": too many pages"), true, false};
                if (page < kMaxPages) {
                    p.answer = fetch.getJson(next);
                }
                next.clear();
                if (p.answer && p.answer->response.status == 200 && p.answer->body.is_object()) {
                    const auto& body = p.answer->body;
                    if (auto it = body.find("next"); it != body.end() && it->is_string()) {
                        next = it->get<std::string>();
                    }
                }
                p.last = next.empty();
                p.reachable = fetch.reachable();
                if (!queue.push(std::move(p))) {
                    break;
                }
            }
        } catch (const std::exception&) {
            // The reader gets "ended unexpectedly" below; nothing of a half-read page was queued.
        }
        queue.finish();
    });
    struct Join {
        std::thread& thread;
        PageQueue& queue;
        std::stop_source& halt;
        ~Join() {
            halt.request_stop();
            queue.stop();
            thread.join();
        }
    } join{fetcher, queue, halt};
    auto cancelled = [&] {
        if (m_requester.cancelled()) {
            halt.request_stop();
            return true;
        }
        return false;
    };

    std::int64_t done = 0;
    for (std::int64_t page = 0;; ++page) {
        std::optional<PageQueue::Page> fetched;
        while (!(fetched = queue.pop(m_options.cancel))) {
            if (cancelled()) {
                return cancelledError();
            }
        }
        if (cancelled()) {
            return cancelledError();
        }
        m_requester.setReachable(fetched->reachable);
        if (!fetched->answer) {
            return cancelled() ? cancelledError() : fetched->answer.error();
        }
        const auto& resp = fetched->answer->response;
        if (resp.status == 404 && !resp.bodyIsJson() && optional && page == 0) {
            return false;
        }
        if (resp.status != 200) {
            return ioError("GET " + step + ": " + describe(resp));
        }
        const json& body = fetched->answer->body;
        if (!body.is_object() || !body.contains("results") || !body["results"].is_array()) {
            return ioError("GET " + step + ": the answer is not a pretix list (no \"results\")");
        }
        if (page == 0 && firstPageGenerated) {
            *firstPageGenerated = resp.header("x-page-generated");
        }
        try {
            model::Store::Transaction tx(m_store);
            auto applied = apply(body["results"]);
            if (!applied) {
                return applied.error();
            }
            tx.commit();
        } catch (const std::exception& e) {
            return model::Error{model::ErrorCode::Conflict, "Cannot store " + step + " from the remote: " + e.what(), {}};
        }
        ++m_summary.pages;
        done += static_cast<std::int64_t>(body["results"].size());
        const auto total = body.contains("count") && body["count"].is_number_integer() ? body["count"].get<std::int64_t>() : -1;
        report(step, done, total);
        if (fetched->last) {
            return true;
        }
    }
}

model::Result<bool> Puller::pullEvent() {
    report("event", 0, 1);
    auto answer = m_requester.getJson(m_eventUrl);
    if (!answer) {
        return answer.error();
    }
    if (answer->response.status != 200 || !answer->body.is_object()) {
        return ioError("GET event " + m_remote.organizer + "/" + m_remote.eventSlug + ": " + describe(answer->response));
    }
    auto parsed = wire::eventFromJson(answer->body);
    if (!parsed) {
        return model::Error::badInput("The remote event cannot be read: " + parsed.error().message, parsed.error().fields);
    }
    try {
        model::Store::Transaction tx(m_store);
        model::EventRepository events(m_store);
        model::Event e = std::move(parsed.value());
        auto organizer = events.organizerBySlug(m_remote.organizer);
        e.organizerId = organizer ? organizer->id : events.upsertOrganizer(m_remote.organizer, m_remote.organizer);
        std::optional<model::Event> existing;
        if (m_remote.eventId) {
            existing = events.eventById(*m_remote.eventId);
        }
        if (!existing) {
            existing = events.eventBySlug(m_remote.organizer, e.slug);
        }
        if (existing) {
            e.id = existing->id;
            e.scannerListId = existing->scannerListId;
            e.ticketDownloads = existing->ticketDownloads;
            e.locale = existing->locale;
        }
        events.upsertEvent(e);
        tx.commit();
        m_eventId = e.id;
        m_remote.eventId = e.id;
    } catch (const std::exception& ex) {
        return model::Error{model::ErrorCode::Conflict, std::string("Cannot store the event: ") + ex.what(), {}};
    }
    report("event", 1, 1);
    return true;
}

std::optional<model::Error> Puller::takenElsewhere(const std::string& table, const std::string& what,
                                                   const std::vector<model::Id>& ids) {
    if (ids.empty()) {
        return std::nullopt;
    }
    const std::string sql =
        table == "variation"
            ? "SELECT v.id FROM variation v JOIN item i ON i.id = v.item_id WHERE v.id IN (SELECT value FROM "
              "json_each(?1)) AND i.event_id <> ?2 LIMIT 1"
            : "SELECT id FROM " + table + " WHERE id IN (SELECT value FROM json_each(?1)) AND event_id <> ?2 LIMIT 1";
    auto q = m_store.cached(sql);
    q.bind(1, json(ids).dump());
    q.bind(2, m_eventId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return model::Error{model::ErrorCode::Conflict,
                        "The server's " + what + " " + std::to_string(q.getColumn(0).getInt64()) + " has the ID of a " +
                            what + " of another event in this box office, so this event cannot be synced into the "
                            "same database (is the server another box office?); nothing of it was stored.",
                        {}};
}

model::Result<bool> Puller::pullCatalogue() {
    model::EventRepository events(m_store);
    const model::Id eventId = m_eventId;
    auto each = [&](const char* table, const char* what, auto reader, auto writer) {
        return [&, table, what, reader, writer](const json& results) -> model::Result<bool> {
            for (const auto& j : results) {
                auto v = reader(j);
                if (!v) {
                    ++m_summary.skipped;
                    continue;
                }
                v.value().eventId = eventId;
                if (auto taken = takenElsewhere(table, what, {v.value().id})) {
                    return *taken;
                }
                writer(v.value());
            }
            return true;
        };
    };
    auto r = walk("subevents", m_eventUrl + "subevents/",
                  each("subevent", "date", [](const json& j) { return wire::subEventFromJson(j); },
                       [&](model::SubEvent& s) { events.upsertSubEvent(s); }),
                  true);
    if (!r) {
        return r;
    }
    r = walk("categories", m_eventUrl + "categories/",
             each("category", "category", [](const json& j) { return wire::categoryFromJson(j); },
                  [&](model::Category& c) { events.upsertCategory(c); }),
             true);
    if (!r) {
        return r;
    }
    r = walk("items", m_eventUrl + "items/",
             each("item", "product", [](const json& j) { return wire::itemFromJson(j); },
                  [&](model::Item& i) {
                      std::vector<model::Id> variations;
                      for (const auto& v : i.variations) {
                          variations.push_back(v.id);
                      }
                      if (auto taken = takenElsewhere("variation", "variation", variations)) {
                          throw std::runtime_error(taken->message);
                      }
                      events.upsertItem(i);
                  }),
             false);
    if (!r) {
        return r;
    }
    r = walk("questions", m_eventUrl + "questions/",
             each("question", "question", [](const json& j) { return wire::questionFromJson(j); },
                  [&](model::Question& q) { events.upsertQuestion(q); }),
             true);
    if (!r) {
        return r;
    }
    model::CheckinRepository lists(m_store);
    r = walk("checkinlists", m_eventUrl + "checkinlists/?exclude=checkin_count&exclude=position_count",
             [&](const json& results) -> model::Result<bool> {
                 for (const auto& j : results) {
                     model::CheckinList base;
                     base.eventId = eventId;
                     base.id = j.is_object() && j.contains("id") && j["id"].is_number_integer() ? j["id"].get<model::Id>() : 0;
                     auto l = wire::checkinListFromJson(j, base, false);
                     if (!l || base.id == 0) {
                         ++m_summary.skipped;
                         continue;
                     }
                     if (auto taken = takenElsewhere("checkin_list", "check-in list", {base.id})) {
                         return *taken;
                     }
                     lists.upsertList(l.value());
                 }
                 return true;
             },
             false);
    if (!r) {
        return r;
    }
    auto q = m_store.cached("SELECT id FROM checkin_list WHERE event_id = ?");
    q.bind(1, eventId);
    while (q.executeStep()) {
        m_lists.insert(q.getColumn(0).getInt64());
    }
    return true;
}

model::Result<bool> Puller::pullLayouts() {
    std::vector<model::TicketLayout> layouts;
    auto r = walk("ticketlayouts", m_eventUrl + "ticketlayouts/",
                  [&](const json& results) -> model::Result<bool> {
                      for (const auto& j : results) {
                          auto l = wire::ticketLayoutFromJson(j);
                          if (!l || l.value().id == 0) {
                              ++m_summary.skipped;
                              continue;
                          }
                          layouts.push_back(std::move(l.value()));
                      }
                      return true;
                  },
                  true);
    if (!r || !r.value()) {
        return r;  // an error, or a server without ticket layouts
    }
    std::map<model::Id, std::vector<model::TicketLayoutItem>> assignments;
    auto items = walk("ticketlayoutitems", m_eventUrl + "ticketlayoutitems/",
                      [&](const json& results) -> model::Result<bool> {
                          for (const auto& j : results) {
                              if (!j.is_object() || !j.contains("layout") || !j.contains("item") ||
                                  !j["layout"].is_number_integer() || !j["item"].is_number_integer()) {
                                  continue;
                              }
                              model::TicketLayoutItem a;
                              a.id = j.value("id", model::Id{0});
                              a.layoutId = j["layout"].get<model::Id>();
                              a.itemId = j["item"].get<model::Id>();
                              a.salesChannel = j.contains("sales_channel") && j["sales_channel"].is_string()
                                                   ? j["sales_channel"].get<std::string>()
                                                   : "web";
                              assignments[a.layoutId].push_back(a);
                          }
                          return true;
                      },
                      true);
    if (!items) {
        return items;
    }
    // Backgrounds are fetched before the write transaction: no network I/O while holding the lock.
    std::vector<model::StoredFile> files;
    for (auto& l : layouts) {
        l.eventId = m_eventId;
        if (items.value() && assignments.contains(l.id)) {
            l.itemAssignments = assignments[l.id];
        }
        if (l.background && l.background->starts_with("http")) {
            auto file = m_requester.getFile(*l.background);
            if (file && file->status == 200) {
                model::StoredFile f;
                f.id = fileIdFor(*l.background);
                f.filename = "background.pdf";
                f.contentType = file->header("content-type").empty() ? "application/pdf" : file->header("content-type");
                f.data.assign(file->body.begin(), file->body.end());
                f.created = model::now();
                files.push_back(std::move(f));
                l.background = files.back().id;
            } else {
                ++m_summary.skipped;
                l.background.reset();
            }
        } else {
            l.background.reset();
        }
    }
    try {
        model::Store::Transaction tx(m_store);
        model::LayoutRepository repo(m_store);
        for (auto& f : files) {
            repo.storeFile(f);
        }
        for (auto& l : layouts) {
            repo.upsert(l);
        }
        tx.commit();
    } catch (const std::exception& e) {
        return model::Error{model::ErrorCode::Conflict, std::string("Cannot store ticket layouts: ") + e.what(), {}};
    }
    return true;
}

model::Result<bool> Puller::pullOrders() {
    std::string url = m_eventUrl + "orders/";
    const bool incremental = m_remote.ordersCursor.has_value() && !m_remote.ordersCursor->empty();
    model::OrderRepository orders(m_store);
    model::SyncRepository sync(m_store);
    // A first pull walks the orders in datetime order and notes, with each page, how far it got;
    // one cut off is resumed from there (§B.6.1: created_since, inclusive). A server that ignores
    // created_since sends everything again: slower, still correct.
    std::optional<model::OrdersResume> resume;
    if (incremental) {
        url += "?ordering=-last_modified&modified_since=" + HttpClient::escape(*m_remote.ordersCursor);
    } else {
        resume = sync.ordersResume(m_remote.id);
        url += "?ordering=datetime";
        if (resume) {
            url += "&created_since=" + HttpClient::escape(model::formatTimestamp(resume->createdSince));
        }
    }
    m_summary.full = !incremental;
    std::optional<model::Timestamp> newest;
    std::string generated;
    // Resuming stays possible while the pages arrive in datetime order (a server that ignores the
    // ordering ends it: the next cut-off pull starts over).
    std::optional<model::Timestamp> latestCreated;
    bool inOrder = !incremental;
    auto r = walk("orders", url,
                  [&](const json& results) -> model::Result<bool> {
                      // One query finds the page's positions that have check-ins here; the rest
                      // need a merge only when the remote lists check-ins for them.
                      std::vector<model::Id> positionIds;
                      for (const auto& j : results) {
                          if (!j.is_object() || !j.contains("positions") || !j["positions"].is_array()) {
                              continue;
                          }
                          for (const auto& pj : j["positions"]) {
                              if (pj.is_object() && pj.contains("id") && pj["id"].is_number_integer()) {
                                  positionIds.push_back(pj["id"].get<model::Id>());
                              }
                          }
                      }
                      if (auto taken = takenElsewhere("order_position", "order position", positionIds)) {
                          return *taken;
                      }
                      // Desk orders not uploaded yet are the uploader's: a remote order with such a
                      // code is left to it, and a position of theirs holding an ID the remote uses
                      // moves to a fresh local ID.
                      model::OrderUploadRepository uploads(m_store);
                      const auto unsettled = uploads.unsettledCodes(m_eventId);
                      for (const auto id : uploads.unsettledPositionsAmong(positionIds)) {
                          model::Id fresh = m_store.nextLocalId("order_position");
                          while (std::find(positionIds.begin(), positionIds.end(), fresh) != positionIds.end()) {
                              ++fresh;
                          }
                          uploads.renumberPosition(id, fresh);
                      }
                      const auto withCheckins = sync.positionsWithCheckins(positionIds);
                      for (const auto& j : results) {
                          auto parsed = wire::orderFromJson(j);
                          if (!parsed) {
                              ++m_summary.skipped;
                              continue;
                          }
                          model::Order& o = parsed.value();
                          if (unsettled.contains(o.code)) {
                              continue;
                          }
                          o.eventId = m_eventId;
                          o.id = 0;
                          if (latestCreated && o.datetime < *latestCreated) {
                              inOrder = false;
                          }
                          if (!latestCreated || o.datetime > *latestCreated) {
                              latestCreated = o.datetime;
                          }
                          if (o.lastModified != model::Timestamp{} && (!newest || o.lastModified > *newest)) {
                              newest = o.lastModified;
                          }
                          orders.upsert(o);
                          ++m_summary.orders;
                          m_summary.positions += static_cast<std::int64_t>(o.positions.size());
                          for (const auto& pj : j["positions"]) {
                              if (!pj.is_object() || !pj.contains("id") || !pj["id"].is_number_integer()) {
                                  continue;
                              }
                              std::vector<model::Checkin> checkins;
                              if (pj.contains("checkins") && pj["checkins"].is_array()) {
                                  for (const auto& cj : pj["checkins"]) {
                                      auto c = wire::checkinFromJson(cj);
                                      if (c) {
                                          checkins.push_back(std::move(c.value()));
                                      }
                                  }
                              }
                              m_summary.checkins += static_cast<std::int64_t>(checkins.size());
                              const auto positionId = pj["id"].get<model::Id>();
                              if (!checkins.empty() || withCheckins.contains(positionId)) {
                                  sync.mergeRemoteCheckins(positionId, checkins, m_lists);
                              }
                          }
                      }
                      if (!incremental) {
                          const std::string first = resume ? resume->generated : generated;
                          if (inOrder && latestCreated && !first.empty()) {
                              sync.setOrdersResume(m_remote.id, model::OrdersResume{first, *latestCreated});
                          } else if (!inOrder) {
                              sync.setOrdersResume(m_remote.id, std::nullopt);
                          }
                      }
                      return true;
                  },
                  false, &generated);
    if (!r) {
        return r;
    }
    if (resume) {
        // Orders stored before the cut-off may have changed since: the cursor goes back to then.
        m_remote.ordersCursor = resume->generated;
    } else if (!generated.empty()) {
        m_remote.ordersCursor = generated;
    } else if (newest) {
        m_remote.ordersCursor = model::formatTimestamp(*newest);
    }
    if (!incremental) {
        try {
            model::Store::Transaction tx(m_store);
            sync.setOrdersResume(m_remote.id, std::nullopt);
            tx.commit();
        } catch (const std::exception& e) {
            return model::Error{model::ErrorCode::Conflict, std::string("Cannot store the sync state: ") + e.what(), {}};
        }
    }
    return true;
}

model::Result<PullSummary> Puller::run() {
    for (auto step : {&Puller::pullEvent, &Puller::pullCatalogue, &Puller::pullLayouts, &Puller::pullOrders}) {
        auto r = (this->*step)();
        if (!r) {
            return r.error();
        }
    }
    return m_summary;
}

}  // namespace boxoffice::sync::detail
