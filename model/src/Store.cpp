#include "boxoffice/model/Store.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <utility>

#include "Schema.h"

namespace boxoffice::model {

namespace {

// "BxOf": marks a file as a Box Office database (PRAGMA application_id).
constexpr int kApplicationId = 0x42784F66;

bool isIdentifier(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
    });
}

SQLite::Database openDatabase(const std::filesystem::path& file) {
    // Memory statistics take one process-wide mutex on every SQLite allocation, which the LAN
    // server's worker connections would all queue on; nothing here reads the statistics. Only
    // possible before SQLite initialises: a later call is refused and changes nothing.
    static const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    static_cast<void>(kNoMemoryStatistics);
    try {
        if (file.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(file.parent_path(), ec);
        }
        // NOMUTEX: a Store belongs to one thread at a time (its statement cache is not shared
        // either), so SQLite's per-connection mutex, taken on every step and column read, only
        // cost time: about 7 % of an orders page on the LAN server.
        return SQLite::Database(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                                Store::kBusyTimeoutMs);
    } catch (const SQLite::Exception& e) {
        throw StoreError(ErrorCode::Io, "Cannot open the database " + file.string() + ": " + e.what());
    }
}

}  // namespace

// ---- ChangeFeed -------------------------------------------------------------------------------

ChangeFeed& ChangeFeed::instance() {
    static ChangeFeed feed;
    return feed;
}

ChangeFeed::Token ChangeFeed::subscribe(Callback cb) {
    std::lock_guard lock(m_mutex);
    const Token t = m_next++;
    m_subscribers.emplace_back(t, std::move(cb));
    return t;
}

void ChangeFeed::unsubscribe(Token token) {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_subscribers, [token](const auto& s) { return s.first == token; });
}

void ChangeFeed::publish(const Change& change) {
    std::vector<Callback> copy;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& s : m_subscribers) {
            copy.push_back(s.second);
        }
    }
    for (const auto& cb : copy) {
        cb(change);
    }
}

// ---- Store ------------------------------------------------------------------------------------

Store::Store(const std::filesystem::path& file) : m_path(file), m_db(openDatabase(file)) {
    configure();
    migrate();
}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& file) {
    try {
        return std::make_unique<Store>(file);
    } catch (const StoreError& e) {
        return Error{e.code(), e.what(), {}};
    } catch (const SQLite::Exception& e) {
        return Error{ErrorCode::Io, "Cannot open the database " + file.string() + ": " + e.what(), {}};
    }
}

std::filesystem::path Store::defaultPath() {
    if (const char* env = std::getenv("BOXOFFICE_DB"); env && *env) {
        return env;
    }
#if defined(_WIN32)
    if (const char* appData = std::getenv("APPDATA"); appData && *appData) {
        return std::filesystem::path(appData) / "BoxOffice" / "boxoffice.sqlite";
    }
#elif defined(__APPLE__)
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / "Library" / "Application Support" / "BoxOffice" / "boxoffice.sqlite";
    }
#else
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "boxoffice" / "boxoffice.sqlite";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".local" / "share" / "boxoffice" / "boxoffice.sqlite";
    }
#endif
    return "boxoffice.sqlite";
}

void Store::configure() {
    // Read-only checks first: a file we must refuse is left exactly as it was.
    int appId = 0;
    int version = 0;
    int tables = 0;
    try {
        appId = m_db.execAndGet("PRAGMA application_id").getInt();
        version = m_db.execAndGet("PRAGMA user_version").getInt();
        tables = m_db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    } catch (const SQLite::Exception& e) {
        throw StoreError(ErrorCode::Unsupported,
                         m_path.string() + " is not a Box Office database (" + e.what() + ").");
    }
    if (tables > 0 && appId != kApplicationId) {
        throw StoreError(ErrorCode::Unsupported, m_path.string() + " is an SQLite database of another program, "
                                                                   "not a Box Office database; it was not changed.");
    }
    if (version > kSchemaVersion) {
        throw StoreError(ErrorCode::Unsupported,
                         m_path.string() + " was written by a newer version of Box Office (schema " +
                             std::to_string(version) + ", this version knows up to " +
                             std::to_string(kSchemaVersion) + "). Update Box Office to open it; the file was not changed.");
    }
    // WAL: readers never block the writer. synchronous=NORMAL in WAL mode keeps every committed
    // transaction across a crash or kill of the process (not across a power cut).
    m_db.exec("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = NORMAL");
    m_db.exec("PRAGMA foreign_keys = ON");
    m_db.exec("PRAGMA temp_store = MEMORY");
    // A WAL that grew while it could not start over (readers and writers always about: a busy
    // door) is cut back to 256 MiB by the first commit after it starts over: as large as the
    // server lets it grow (server::kDefaultWalTruncateBytes), so that commit has no large
    // ftruncate to do in the middle of the gates' check-ins.
    m_db.exec("PRAGMA journal_size_limit = 268435456");
}

void Store::migrate() {
    int version = schemaVersion();
    while (version < kSchemaVersion) {
        SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
        // Another connection may have migrated while we waited for the lock.
        version = schemaVersion();
        if (version >= kSchemaVersion) {
            break;
        }
        m_db.exec(schema::kMigrations.at(static_cast<std::size_t>(version)));
        m_db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        m_db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        tx.commit();
        ++version;
    }
}

int Store::schemaVersion() { return m_db.execAndGet("PRAGMA user_version").getInt(); }

CachedStatement Store::cached(const std::string& sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        it = m_statements.emplace(sql, std::make_unique<SQLite::Statement>(m_db, sql)).first;
    } else {
        it->second->tryReset();
        it->second->clearBindings();
    }
    return CachedStatement(*it->second);
}

CachedStatement Store::cached(const char* sql) {
    if (auto it = m_statementsByAddress.find(sql);
        it != m_statementsByAddress.end() && std::strcmp(it->second->getQuery().c_str(), sql) == 0) {
        it->second->tryReset();
        it->second->clearBindings();
        return CachedStatement(*it->second);
    }
    CachedStatement s = cached(std::string(sql));
    m_statementsByAddress[sql] = m_statements.find(sql)->second.get();
    return s;
}

std::int64_t Store::dataVersion() { return m_db.execAndGet("PRAGMA data_version").getInt64(); }

std::pair<std::int64_t, std::int64_t> Store::changeStamp() {
    // data_version moves with other connections' commits, total_changes with this one's writes.
    auto q = cached("PRAGMA data_version");
    q.executeStep();
    return {q.getColumn(0).getInt64(), sqlite3_total_changes64(m_db.getHandle())};
}

std::int64_t Store::rememberedCount(const std::string& key, const std::function<std::int64_t()>& count) {
    return rememberedNumbers("count\x1f" + key, [&] { return std::vector<std::int64_t>{count()}; }).at(0);
}

std::optional<std::vector<std::int64_t>> Store::rememberedNumbers(const std::string& key) {
    const auto stamp = changeStamp();
    if (stamp != m_numbersStamp) {
        m_numbers.clear();
        m_numbersBytes = 0;
        m_numbersStamp = stamp;
    }
    if (auto it = m_numbers.find(key); it != m_numbers.end()) {
        return it->second;
    }
    return std::nullopt;
}

// After rememberedNumbers(key), with what was read after it: the stamp checked there is at
// least as old as what was read, so the next change drops it. At most 4 MiB per connection (a
// search key names all its candidates); past that all is dropped and remembering starts anew.
void Store::rememberNumbers(const std::string& key, std::vector<std::int64_t> numbers) {
    constexpr std::size_t kMaxBytes = 4 * 1024 * 1024;
    const std::size_t bytes = key.size() + numbers.size() * sizeof(std::int64_t) + 64;
    if (bytes > kMaxBytes) {
        return;
    }
    if (m_numbersBytes + bytes > kMaxBytes) {
        m_numbers.clear();
        m_numbersBytes = 0;
    }
    if (m_numbers.insert_or_assign(key, std::move(numbers)).second) {
        m_numbersBytes += bytes;
    }
}

std::vector<std::int64_t> Store::rememberedNumbers(const std::string& key,
                                                   const std::function<std::vector<std::int64_t>()>& read) {
    if (auto kept = rememberedNumbers(key)) {
        return std::move(*kept);
    }
    auto v = read();
    rememberNumbers(key, v);
    return v;
}

Id Store::nextLocalId(const std::string& table) {
    if (!isIdentifier(table)) {
        throw std::invalid_argument("bad table name: " + table);
    }
    auto q = cached("SELECT max(id) FROM " + table + " WHERE id >= ?");
    q.bind(1, kLocalIdBase);
    q.executeStep();
    return q.getColumn(0).isNull() ? kLocalIdBase : q.getColumn(0).getInt64() + 1;
}

void Store::noteChange(const Change& change) {
    if (sqlite3_get_autocommit(m_db.getHandle()) != 0) {
        ChangeFeed::instance().publish(change);
        return;
    }
    if (std::find(m_notedChanges.begin(), m_notedChanges.end(), change) == m_notedChanges.end()) {
        m_notedChanges.push_back(change);
    }
}

void Store::publishNotedChanges() {
    const auto changes = std::exchange(m_notedChanges, {});
    for (const auto& change : changes) {
        ChangeFeed::instance().publish(change);
    }
}

// BEGIN and COMMIT come from the statement cache: the server runs one or two transactions per
// request, and parsing them again each time showed in its profile.
Store::Transaction::Transaction(Store& store, TxMode mode) : m_store(store) {
    m_store.cached(mode == TxMode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED").exec();
    m_store.m_notedChanges.clear();
    m_changesAtBegin = sqlite3_total_changes64(m_store.m_db.getHandle());
}

Store::Transaction::~Transaction() {
    if (!m_done) {
        m_store.m_notedChanges.clear();
        m_store.m_db.tryExec("ROLLBACK");
    }
}

void Store::Transaction::commit() {
    if (sqlite3_total_changes64(m_store.m_db.getHandle()) != m_changesAtBegin) {
        m_store.redoSearchText();
    }
    m_store.cached("COMMIT").exec();
    m_done = true;
    m_store.publishNotedChanges();
}

Store::Savepoint::Savepoint(Store& store) : m_store(store), m_changeMark(store.m_notedChanges.size()) {
    m_store.cached("SAVEPOINT boxoffice").exec();
}

Store::Savepoint::~Savepoint() {
    if (!m_done) {
        m_store.m_notedChanges.resize(std::min(m_changeMark, m_store.m_notedChanges.size()));
        m_store.m_db.tryExec("ROLLBACK TO boxoffice");
        m_store.m_db.tryExec("RELEASE boxoffice");
    }
}

void Store::Savepoint::release() {
    m_store.cached("RELEASE boxoffice").exec();
    m_done = true;
}

// The positions migration 8's triggers noted, redone in the trigram table in three statements.
void Store::redoSearchText() {
    {
        auto any = cached("SELECT 1 FROM position_search_dirty LIMIT 1");
        if (!any.executeStep()) {
            return;
        }
    }
    cached("DELETE FROM position_search WHERE rowid IN (SELECT id FROM position_search_dirty)").exec();
    cached("INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc "
           "WHERE id IN (SELECT id FROM position_search_dirty)").exec();
    cached("DELETE FROM position_search_dirty").exec();
}

void Store::backupTo(const std::filesystem::path& target) {
    std::filesystem::path tmp = target;
    tmp += ".partial";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    try {
        {
            SQLite::Database dest(tmp.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(dest, m_db);
            // Copy in steps so writers are not held off for the whole copy.
            int rc = SQLITE_OK;
            do {
                rc = backup.executeStep(256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                    sqlite3_sleep(20);
                }
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            if (rc != SQLITE_DONE) {
                throw StoreError(ErrorCode::Io, "backup failed: " + std::string(sqlite3_errstr(rc)));
            }
        }
        std::filesystem::rename(tmp, target);
    } catch (const SQLite::Exception& e) {
        std::filesystem::remove(tmp, ec);
        throw StoreError(ErrorCode::Io, "Backup to " + target.string() + " failed: " + e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        std::filesystem::remove(tmp, ec);
        throw StoreError(ErrorCode::Io, "Backup to " + target.string() + " failed: " + e.what());
    }
}

}  // namespace boxoffice::model
