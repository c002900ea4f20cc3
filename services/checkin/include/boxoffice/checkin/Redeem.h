// Redeeming a ticket on a check-in list: the decision of scanner-protocol.md §C.3 (in that order)
// and the check-in it records. Used by the LAN server, the pretixdroid plugin and the desk (GUI).
//
// Each call runs in one BEGIN IMMEDIATE transaction (shared with redeems arriving at the same
// time, each in its own savepoint), so any number of gates (threads or processes) redeeming one
// ticket at the same moment admit it exactly once.
// A canceled position is not found (reason Invalid), as pretix looks among active positions only;
// a position of a canceled order is (reason Canceled or Unpaid).
// Call from the thread that owns the Store. Not modelled (so never reported): blocked tickets,
// validity windows, custom rules, revoked secrets, reusable media.
#pragma once

#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::checkin {

struct RedeemRequest {
    std::string code;             // the scanned secret (or a position ID with allowIdLookup)
    bool allowIdLookup = false;   // a purely numeric code may match a position ID (legacy URLs)
    // The code came from a URL path, where old scanner apps wrote a space as '+': a code with '+'
    // that matches nothing is tried again with spaces.
    bool plusMayBeSpace = false;
    model::Id listId = 0;
    model::CheckinType type = model::CheckinType::Entry;
    bool force = false;
    bool ignoreUnpaid = false;
    bool questionsSupported = true;
    bool canceledSupported = false;
    std::optional<std::string> nonce;
    std::optional<model::Timestamp> datetime;  // nullopt: now
    std::map<model::Id, std::string> answers;  // question ID -> answer (choices: option IDs or identifiers, comma-separated)
    std::string device = "api";
    // The access version (model::EventRepository::accessVersion) the caller was authorized at,
    // when it was remembered rather than read for this request (server::Router::
    // checksAccessItself): the redeem is decided only if its transaction finds the database still
    // at that version, and is otherwise refused with ErrorCode::Conflict, nothing written, for the
    // caller to authorize again. nullopt: not checked here.
    std::optional<std::int64_t> accessVersion;
};

enum class Status { Ok, Incomplete, Error };
enum class Reason { None, Invalid, Unpaid, Canceled, AlreadyRedeemed, Product, Unapproved };

std::string_view toString(Status s);  // "ok", "incomplete", "error"
std::string_view toString(Reason r);  // "invalid", "unpaid", ...; "" for None

struct RedeemResult {
    Status status = Status::Error;
    Reason reason = Reason::None;
    model::CheckinList list;                  // without counts
    std::optional<model::PositionRow> ticket;  // set whenever the code matched a position
    std::vector<model::Checkin> checkins;      // the ticket's check-ins on the list, after this redeem
    std::vector<model::Question> questions;    // status Incomplete: the questions to ask
    std::optional<model::Checkin> checkin;     // the check-in recorded now, or the earlier one with the nonce
    bool created = false;                      // a new check-in row was written
    bool forced = false;                       // accepted only because of `force`
};

// While another connection holds the database's write lock for long (an import), the redeem is
// decided against the database as it was and the journal beside it ("<file>.redeems"), and
// journaled; the next transaction moves the journal into the database (src/RedeemJournal.h).
// Errors: NotFound when the list is not one of the event's; Busy when the database stayed
// locked and the journal could not be used either; Conflict only when the database is no longer
// at the request's accessVersion (a result, no error, means that version held). An unknown code
// is not an error: status Error with reason Invalid.
model::Result<RedeemResult> redeem(model::Store& store, model::Id eventId, const RedeemRequest& request);

// What redeemLater hands on: get() returns what redeem() would have returned, or throws what it
// would have thrown.
class RedeemOutcome {
public:
    RedeemOutcome(std::optional<model::Result<RedeemResult>> result, std::exception_ptr error)
        : m_result(std::move(result)), m_error(std::move(error)) {}
    model::Result<RedeemResult> get();  // once

private:
    std::optional<model::Result<RedeemResult>> m_result;
    std::exception_ptr m_error;
};

// redeem() for a caller that does not wait for the commit (the LAN server, whose worker takes
// the next request meanwhile). While a DedicatedWriter for the store's file lives, the redeem
// joins the next group commit and this returns at once; `done` is called later on the
// DedicatedWriter's thread, after the commit, so it must only hand the outcome on (the next
// commit waits for it). Without one, the redeem runs now, on this thread and `store`, and `done`
// is called before this returns. Throws only before the redeem is queued; `done` is then not
// called.
void redeemLater(model::Store& store, model::Id eventId, RedeemRequest request,
                 std::function<void(RedeemOutcome)> done);

// Redeems that arrive together share one transaction (a group commit). While a DedicatedWriter
// for the file lives, a thread of its own runs those transactions one after another, on one
// connection kept for the purpose; without one, one of the waiting callers runs each, on its own
// connection. The thread keeps the serial part of the redeems running back to back: a caller
// that ran the transaction had to wake the next one to run the next, and on a busy machine that
// one often waited for a core first. The one connection keeps its page cache: SQLite drops a
// connection's cache whenever another connection has committed, so with many server workers
// taking turns every transaction would start cold and read its pages again. The server holds
// one while it runs. Its thread first moves into the database what the journal still holds from
// before (a process stopped while the lock was taken).
class DedicatedWriter {
public:
    // `walAutocheckpoint`: the connection's PRAGMA wal_autocheckpoint (0 where a checkpointer
    // thread does that work).
    DedicatedWriter(const std::filesystem::path& file, int walAutocheckpoint);
    ~DedicatedWriter();
    DedicatedWriter(const DedicatedWriter&) = delete;
    DedicatedWriter& operator=(const DedicatedWriter&) = delete;

    // Starts the WAL over from its first frame: a RESTART checkpoint run by the thread, on its
    // connection, between two of its transactions, so no redeem sleeps in SQLite's busy handler
    // behind it (which rounds every wait up to 1, 2, 5, 10 ms). It waits for readers in steps of
    // 50 µs, at most 5 ms, and gives up when another connection keeps the write lock (an import;
    // false then). Blocks the caller until it is done. For the server's checkpointer, which
    // copies most of the WAL with PASSIVE checkpoints beforehand; what is left, the last frames
    // and two fsyncs, took 8-13 ms at 7,000 redeems/s (bench/server).
    bool restartWal();

private:
    std::filesystem::path m_file;
};

}  // namespace boxoffice::checkin
