// The local SQLite store: one database file holding every event this box office carries.
//
// A Store is one connection. It is not thread-safe: each thread that touches the database opens
// its own Store on the same file (WAL lets readers run beside the one writer). Opening creates
// the schema or upgrades it with numbered migrations, each inside a transaction; a file written
// by a newer version is refused and left untouched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "boxoffice/model/Types.h"

namespace boxoffice::model {

class StoreError : public std::runtime_error {
public:
    StoreError(ErrorCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

// What changed, for views that show store contents (the GUI's panels). Published after commit.
struct Change {
    // Sync: a remote's status (last pull/push, queue, conflicts, online): services/sync SyncEngine::status().
    // Printing: the print log (model/PrintLog.h).
    enum class Kind { Event, Orders, CheckinLists, Checkins, Layouts, Tokens, Settings, Sync, Printing };
    Kind kind;
    Id eventId = 0;  // 0: not specific to one event
    friend bool operator==(const Change&, const Change&) = default;
};

// The one change-notification channel. Subscribers are called on the publishing thread and must
// hand work to their own thread (the GUI uses CallAfter). Shared by every Store of a process.
// Only Store publishes: a repository write notes its change on its Store (Store::noteChange), and
// the transaction publishes what it changed when it commits. Other processes' changes are not
// published here; a view notices them through Store::dataVersion().
class ChangeFeed {
public:
    using Callback = std::function<void(const Change&)>;
    using Token = std::uint64_t;
    static ChangeFeed& instance();
    Token subscribe(Callback cb);
    void unsubscribe(Token token);
    void publish(const Change& change);

private:
    std::mutex m_mutex;
    std::uint64_t m_next = 1;
    std::vector<std::pair<Token, Callback>> m_subscribers;
};

// A prepared statement borrowed from a Store's cache. It comes reset and unbound, and is reset
// again when the handle goes away, so no finished or abandoned query keeps a read transaction
// open (which would pin an old snapshot and stop WAL checkpoints). Use it within one scope.
class CachedStatement {
public:
    explicit CachedStatement(SQLite::Statement& s) : m_s(&s) {}
    ~CachedStatement() {
        if (m_s) {
            m_s->tryReset();
        }
    }
    CachedStatement(CachedStatement&& o) noexcept : m_s(std::exchange(o.m_s, nullptr)) {}
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    CachedStatement& operator=(CachedStatement&&) = delete;

    template <class... A>
    void bind(A&&... args) {
        m_s->bind(std::forward<A>(args)...);
    }
    bool executeStep() { return m_s->executeStep(); }
    int exec() { return m_s->exec(); }
    SQLite::Column getColumn(int index) { return m_s->getColumn(index); }
    void reset() { m_s->reset(); }
    SQLite::Statement& statement() { return *m_s; }

private:
    SQLite::Statement* m_s;
};

class Store {
public:
    static constexpr int kSchemaVersion = 21;
    // How long a statement waits for another connection's lock before it fails with SQLITE_BUSY.
    static constexpr int kBusyTimeoutMs = 5000;

    // Opens (creating if missing) and migrates. Throws StoreError: Unsupported for a file from a
    // newer version or not a Box Office database, Io when it cannot be opened.
    explicit Store(const std::filesystem::path& file);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Opens without throwing: the error's message is meant for the user.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& file);

    // The default database: $BOXOFFICE_DB if set, else the platform's user data folder
    // (Linux: $XDG_DATA_HOME/boxoffice/boxoffice.sqlite, ~/.local/share/... without it).
    static std::filesystem::path defaultPath();

    SQLite::Database& db() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }
    int schemaVersion();

    // A prepared statement kept for the life of this connection, reset and unbound, ready to bind.
    CachedStatement cached(const std::string& sql);
    // The same for SQL text in a literal: its address finds the statement without copying or
    // hashing the text (the text is still compared, so any other pointer is safe too).
    CachedStatement cached(const char* sql);

    // Changes since the file was opened by any connection (PRAGMA data_version): lets a view
    // notice changes made by another process.
    std::int64_t dataVersion();
    // Differs after any commit, by this connection or another: what was read before may have
    // changed when this has.
    std::pair<std::int64_t, std::int64_t> changeStamp();

    // A count remembered under `key` until the database changes (a commit by any connection, or
    // a change made through this one): pages of a large, unchanging result set share one count.
    std::int64_t rememberedCount(const std::string& key, const std::function<std::int64_t()>& count);
    // The same for a short list of numbers (a page's IDs with their revisions), remembered
    // while the database is unchanged. Inside a transaction, the stamp and what `read` reads are
    // of one snapshot.
    std::vector<std::int64_t> rememberedNumbers(const std::string& key,
                                                const std::function<std::vector<std::int64_t>()>& read);
    // The same in two steps, for what is not always worth remembering: the numbers remembered
    // under `key` since the last change, if any, and remembering them.
    std::optional<std::vector<std::int64_t>> rememberedNumbers(const std::string& key);
    void rememberNumbers(const std::string& key, std::vector<std::int64_t> numbers);

    // Next free ID in the local range of `table` (an INTEGER PRIMARY KEY column named id).
    Id nextLocalId(const std::string& table);

    // Called by the repositories after every write: `change` is published on ChangeFeed when
    // the transaction that made it commits (once per kind and event, however many rows), and
    // forgotten when it rolls back. A write made outside a transaction has committed already and
    // is published at once.
    void noteChange(const Change& change);

    enum class TxMode { Deferred, Immediate };
    // RAII transaction: rolls back unless commit() was called. Nested use is not supported.
    class Transaction {
    public:
        explicit Transaction(Store& store, TxMode mode = TxMode::Immediate);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        // Also brings the position search's trigram table up to date (migration 8) first; then
        // publishes the changes noted since BEGIN.
        void commit();

    private:
        Store& m_store;
        bool m_done = false;
        std::int64_t m_changesAtBegin = 0;
    };

    // RAII savepoint inside a Transaction: rolls back to where it began, with the changes noted
    // since, unless release() was called. Nested savepoints must end in reverse order.
    class Savepoint {
    public:
        explicit Savepoint(Store& store);
        ~Savepoint();
        Savepoint(const Savepoint&) = delete;
        Savepoint& operator=(const Savepoint&) = delete;
        void release();

    private:
        Store& m_store;
        std::size_t m_changeMark = 0;
        bool m_done = false;
    };

    // Copies the whole database to `target` with SQLite's online backup API; safe while other
    // connections read and write. Throws StoreError(Io) on failure.
    void backupTo(const std::filesystem::path& target);

private:
    void configure();
    void migrate();
    void redoSearchText();
    void publishNotedChanges();

    std::filesystem::path m_path;
    SQLite::Database m_db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
    std::unordered_map<const char*, SQLite::Statement*> m_statementsByAddress;
    std::pair<std::int64_t, std::int64_t> m_numbersStamp{-1, -1};
    std::unordered_map<std::string, std::vector<std::int64_t>> m_numbers;
    std::size_t m_numbersBytes = 0;
    std::vector<Change> m_notedChanges;  // by the open transaction, in the order first noted
};

}  // namespace boxoffice::model
