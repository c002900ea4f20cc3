// Redeems that do not wait for a long writer. An import of a large event writes in one
// transaction of several seconds; a scanner cannot wait that long at the door. When the database's
// write lock stays taken (kJournalAfter), a batch of redeems is decided against what the database
// held before (a read snapshot: in WAL mode readers never wait for the writer) together with what
// this journal holds, and what the redeems write (their check-ins and the answers given) goes into
// the journal: a small SQLite file beside the database ("<file>.redeems") whose commit is durable
// before any scanner is answered. The next transaction that gets the database's write lock moves
// the journal's rows into the database first (RedeemJournal::mergeInto), in that transaction.
//
// Exactly once, across threads and processes: every batch of redeems, in either mode, holds the
// journal's own write lock (Hold) from before it reads until after it commits. A ticket admitted
// into the journal is therefore seen by every later decision; a batch that merged the journal
// commits the database before it deletes the merged rows, so a later journal decision reads them
// in the database. Should the process stop between the two commits, the next merge finds the rows
// in the database by their nonce (every journaled check-in has one) and skips them.
//
// Not thread-safe: one Queue (GroupCommit.cpp) owns it and uses it from one batch at a time.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::checkin::detail {

// How long a batch of redeems waits for the database's write lock before it is journaled.
inline constexpr std::chrono::milliseconds kJournalAfter{150};

class RedeemJournal {
public:
    // The journal of the database `databaseFile` ("<file>.redeems"), created when missing.
    // Throws SQLite::Exception when it cannot be opened.
    explicit RedeemJournal(const std::filesystem::path& databaseFile);
    RedeemJournal(const RedeemJournal&) = delete;
    RedeemJournal& operator=(const RedeemJournal&) = delete;

    static std::filesystem::path pathFor(const std::filesystem::path& databaseFile);

    // The journal's write lock for one batch: BEGIN IMMEDIATE, rolled back unless committed.
    class Hold {
    public:
        explicit Hold(RedeemJournal& journal);
        ~Hold();
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;
        void commit();

    private:
        RedeemJournal& m_journal;
        bool m_done = false;
    };

    // A redeem's writes, undone alone when it fails (inside a Hold).
    class Savepoint {
    public:
        explicit Savepoint(RedeemJournal& journal);
        ~Savepoint();
        Savepoint(const Savepoint&) = delete;
        Savepoint& operator=(const Savepoint&) = delete;
        void release();

    private:
        RedeemJournal& m_journal;
        bool m_done = false;
    };

    // Inside a Hold. Whether anything waits to be merged.
    bool pending();
    // Inside a Hold and the database's write transaction: writes every journaled answer and
    // check-in into `store`. A check-in already there (its nonce) is skipped; one whose ticket or
    // list is gone meanwhile (the import removed it) is kept as a refused scan of its list, with
    // the code that was scanned. Returns how many rows were merged.
    std::size_t mergeInto(model::Store& store);
    // Inside a Hold, after the database committed what mergeInto wrote: empties the journal.
    void forgetMerged();

    // Inside a Hold: what the journal adds to the database's snapshot.
    std::vector<model::Checkin> checkins(model::Id positionId, model::Id listId);
    std::optional<model::Checkin> byNonce(model::Id listId, const std::string& nonce);
    std::vector<model::Answer> answers(model::Id positionId);

    // Inside a Hold: journals a check-in of the ticket scanned as `code`. Gives it a nonce when it
    // has none and an ID after the larger of `nextDatabaseId` and the journal's last (the ID the
    // scanner is told; the merge keeps it unless the database gave it away meanwhile).
    void addCheckin(model::Checkin& checkin, const std::string& code, model::Id nextDatabaseId);
    // Inside a Hold: journals an answer given for a position of `orderId`.
    void addAnswer(model::Id positionId, model::Id orderId, const model::Answer& answer);

private:
    SQLite::Database m_db;
};

}  // namespace boxoffice::checkin::detail
