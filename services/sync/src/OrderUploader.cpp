#include "OrderUploader.h"

#include <algorithm>
#include <map>
#include <set>

#include "Puller.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::sync::detail {

using nlohmann::json;

namespace {

std::set<std::string> secretsOf(const model::Order& o) {
    std::set<std::string> out;
    for (const auto& p : o.positions) {
        out.insert(p.secret);
    }
    return out;
}

std::set<std::string> secretsOf(const json& remoteOrder) {
    std::set<std::string> out;
    if (remoteOrder.contains("positions") && remoteOrder["positions"].is_array()) {
        for (const auto& p : remoteOrder["positions"]) {
            if (p.is_object() && p.contains("secret") && p["secret"].is_string()) {
                out.insert(p["secret"].get<std::string>());
            }
        }
    }
    return out;
}

}  // namespace

OrderUploader::OrderUploader(model::Store& store, const model::SyncRemote& remote, Requester& requester,
                             const EngineOptions& options)
    : m_store(store), m_remote(remote), m_requester(requester), m_options(options),
      m_ordersUrl(eventApiUrl(remote) + "orders/") {}

json OrderUploader::body(const model::Order& o) {
    std::map<model::Id, int> positionNumber;
    for (const auto& p : o.positions) {
        positionNumber[p.id] = p.positionid;
    }
    json positions = json::array();
    for (const auto& p : o.positions) {
        if (p.canceled) {
            continue;
        }
        json answers = json::array();
        for (const auto& a : p.answers) {
            answers.push_back({{"question", a.questionId}, {"answer", a.answer}, {"options", a.options}});
        }
        json pj = {{"positionid", p.positionid},
                   {"item", p.itemId},
                   {"variation", p.variationId ? json(*p.variationId) : json(nullptr)},
                   {"price", p.price.toString()},
                   {"attendee_name", p.attendeeName ? json(*p.attendeeName) : json(nullptr)},
                   {"attendee_email", p.attendeeEmail ? json(*p.attendeeEmail) : json(nullptr)},
                   {"secret", p.secret},
                   {"addon_to", p.addonTo && positionNumber.contains(*p.addonTo) ? json(positionNumber[*p.addonTo])
                                                                                  : json(nullptr)},
                   {"answers", answers}};
        positions.push_back(std::move(pj));
    }
    const bool paid = o.status == model::OrderStatus::Paid;
    json b = {{"code", o.code},
              {"status", paid ? "p" : "n"},
              {"testmode", o.testmode},
              {"email", o.email},
              {"locale", o.locale},
              {"sales_channel", o.salesChannel},
              {"payment_provider", o.paymentProvider},
              {"comment", o.comment},
              {"send_email", false},
              // pretix records the payment at payment_date; datetime is the order's own time (a
              // server that does not take it keeps the time of the upload).
              {"datetime", model::formatTimestamp(o.datetime)},
              {"positions", positions}};
    if (paid) {
        b["payment_date"] = model::formatTimestamp(o.datetime);
    }
    return b;
}

OrderUploader::Lookup OrderUploader::lookup(const model::Order& order, json& found) {
    auto answer = m_requester.getJson(m_ordersUrl + HttpClient::escape(order.code) + "/");
    if (!answer) {
        m_lastStatus.reset();
        return Lookup::Failed;
    }
    const auto status = answer->response.status;
    m_lastStatus = static_cast<int>(status);
    if (status == 404) {
        return Lookup::Missing;
    }
    if (status != 200 || !answer->body.is_object()) {
        return Lookup::Failed;
    }
    found = answer->body;
    const auto ours = secretsOf(order);
    return secretsOf(found) == ours ? Lookup::Ours : Lookup::Taken;
}

void OrderUploader::adopt(const model::Order& order, const json& remoteOrder) {
    std::map<int, model::Id> remoteIds;
    for (const auto& p : remoteOrder.value("positions", json::array())) {
        if (p.is_object() && p.contains("positionid") && p["positionid"].is_number_integer() && p.contains("id") &&
            p["id"].is_number_integer()) {
            remoteIds[p["positionid"].get<int>()] = p["id"].get<model::Id>();
        }
    }
    const std::string code = remoteOrder.contains("code") && remoteOrder["code"].is_string()
                                 ? remoteOrder["code"].get<std::string>()
                                 : order.code;
    model::OrderUploadRepository repo(m_store);
    model::Store::Transaction tx(m_store);
    // Ours first step aside to IDs no row can hold (negative); then a row holding one of the
    // remote's IDs (another order not uploaded yet) moves to a fresh local ID; then ours take them.
    std::vector<std::pair<model::Id, model::Id>> moves;
    std::set<model::Id> targets;
    for (const auto& p : order.positions) {
        auto it = remoteIds.find(p.positionid);
        if (it != remoteIds.end() && it->second != p.id) {
            moves.emplace_back(p.id, it->second);
            targets.insert(it->second);
        }
    }
    for (const auto& [from, to] : moves) {
        repo.renumberPosition(from, -from);
    }
    for (const auto target : targets) {
        auto q = m_store.cached("SELECT 1 FROM order_position WHERE id = ?");
        q.bind(1, target);
        const bool held = q.executeStep();
        q.reset();
        if (held) {
            model::Id fresh = std::max(m_store.nextLocalId("order_position"), *targets.rbegin() + 1);
            repo.renumberPosition(target, fresh);
        }
    }
    for (const auto& [from, to] : moves) {
        repo.renumberPosition(-from, to);
    }
    if (code != order.code) {
        auto u = m_store.cached("UPDATE orders SET code = ? WHERE id = ?");
        u.bind(1, code);
        u.bind(2, order.id);
        u.exec();
    }
    repo.settleUploaded(order.id, code);
    tx.commit();
    ++m_summary.ordersUploaded;
}

void OrderUploader::conflict(model::Id orderId, std::optional<int> status, const std::string& reason) {
    model::Store::Transaction tx(m_store);
    model::OrderUploadRepository(m_store).settleConflict(orderId, status, reason);
    tx.commit();
    ++m_summary.orderConflicts;
}

bool OrderUploader::upload(const model::OrderUpload& u) {
    model::OrderUploadRepository repo(m_store);
    auto order = model::OrderRepository(m_store).byId(u.orderId);
    bool sent = u.state == model::UploadState::Sent;
    auto stop = [&](std::string why, std::optional<int> status) {
        model::Store::Transaction tx(m_store);
        const auto delay = m_requester.backoff(u.attempts + 1, m_requester.policy().queueCap);
        repo.noteFailure(u.orderId, status, why, model::now() + std::chrono::microseconds(delay));
        tx.commit();
        m_stopReason = "Upload of order " + u.orderCode + " failed: " + why;
        return false;
    };
    auto forget = [&] {
        model::Store::Transaction tx(m_store);
        repo.forget(u.orderId);
        tx.commit();
        return true;
    };
    if (!order) {
        return forget();
    }
    json found;
    if (order->status == model::OrderStatus::Canceled) {
        // Canceled here before the remote had it: nothing to upload; one that may have reached the
        // remote is taken as it is there.
        if (!sent) {
            return forget();
        }
        switch (lookup(*order, found)) {
            case Lookup::Ours: adopt(*order, found); return true;
            case Lookup::Missing:
            case Lookup::Taken: return forget();
            case Lookup::Failed: return stop("the remote could not be asked for it", m_lastStatus);
        }
    }
    const auto& policy = m_requester.policy();
    const std::string payload = body(*order).dump();
    std::string lastError;
    for (int attempt = 1; attempt <= policy.maxAttempts; ++attempt) {
        if (m_requester.cancelled()) {
            m_stopReason = kCancelledMessage;
            return false;
        }
        if (sent) {
            switch (lookup(*order, found)) {
                case Lookup::Ours: adopt(*order, found); return true;
                case Lookup::Taken:
                    conflict(u.orderId, 409, "The remote server has another order with the code " + order->code + ".");
                    return true;
                case Lookup::Failed:
                    if (m_lastStatus && (*m_lastStatus == 401 || *m_lastStatus == 403)) {
                        m_stopReason = "The remote server refused the token (HTTP " + std::to_string(*m_lastStatus) + ").";
                        return false;
                    }
                    return stop("the remote could not be asked whether it has the order", m_lastStatus);
                case Lookup::Missing: break;
            }
        }
        {
            model::Store::Transaction tx(m_store);
            repo.markSent(u.orderId);
            tx.commit();
            sent = true;
        }
        auto res = m_requester.client().postJson(m_ordersUrl, payload);
        if (!res) {
            m_requester.setReachable(false);
            lastError = res.error().message;
        } else {
            m_requester.setReachable(true);
            const auto& resp = res.value();
            const json answer = resp.bodyIsJson() ? json::parse(resp.body, nullptr, false) : json();
            if ((resp.status == 201 || resp.status == 200) && answer.is_object()) {
                adopt(*order, answer);
                return true;
            }
            if (resp.status == 401 || resp.status == 403) {
                m_stopReason = "The remote server refused the token (HTTP " + std::to_string(resp.status) + ").";
                return false;
            }
            if (resp.status == 400 && answer.is_object() && answer.contains("code")) {
                continue;  // our code is taken there: the lookup tells whether by this very order
            }
            if (resp.status == 400 || (resp.status == 404 && answer.is_object())) {
                conflict(u.orderId, static_cast<int>(resp.status),
                         answer.is_object() ? answer.dump() : "HTTP " + std::to_string(resp.status));
                return true;
            }
            lastError = "HTTP " + std::to_string(resp.status);
            if (!Requester::transientStatus(resp.status)) {
                return stop(resp.status == 404 ? "the remote server has no orders endpoint here (plain 404)" : lastError,
                            static_cast<int>(resp.status));
            }
        }
        if (attempt < policy.maxAttempts && !m_requester.sleep(m_requester.backoff(attempt, policy.cap))) {
            m_stopReason = kCancelledMessage;
            return false;
        }
    }
    return stop(lastError, std::nullopt);
}

model::Result<PushSummary> OrderUploader::run(model::Id eventId) {
    model::OrderUploadRepository repo(m_store);
    const auto dueBy = m_options.honourQueueBackoff ? model::now() : model::now() + std::chrono::hours(24 * 365 * 100);
    for (const auto& u : repo.due(eventId, dueBy)) {
        if (!upload(u)) {
            break;
        }
    }
    m_summary.ordersRemaining = repo.pendingCount(eventId);
    if (!m_stopReason.empty()) {
        const auto code = m_stopReason == kCancelledMessage ? model::ErrorCode::Conflict : model::ErrorCode::Io;
        return model::Error{code,
                            m_stopReason + " (" + std::to_string(m_summary.ordersUploaded) + " orders uploaded, " +
                                std::to_string(m_summary.ordersRemaining) + " still to upload)",
                            {}};
    }
    return m_summary;
}

}  // namespace boxoffice::sync::detail
