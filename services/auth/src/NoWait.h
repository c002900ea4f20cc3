// One small write that must never wait for the database (a token's or device's last use).
#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

#include "boxoffice/model/Store.h"

namespace boxoffice::auth::detail {

// Runs `write` in its own transaction with a busy timeout of 0 (the store's own is restored
// after). Busy when another connection is writing at the moment, Io (or the store's code) when
// the write fails otherwise; the store is then unchanged. `what` completes the messages.
template <class Write>
model::Result<bool> writeWithoutWaiting(model::Store& store, const std::string& what, Write&& write) {
    auto& db = store.db();
    try {
        const int busyTimeout = db.execAndGet("PRAGMA busy_timeout").getInt();
        db.setBusyTimeout(0);
        struct RestoreTimeout {
            SQLite::Database& db;
            int ms;
            ~RestoreTimeout() {
                try {
                    db.setBusyTimeout(ms);
                } catch (...) {  // NOLINT(bugprone-empty-catch): nothing better to do in a destructor
                }
            }
        } restore{db, busyTimeout};
        model::Store::Transaction tx(store);
        write();
        tx.commit();
        return true;
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return model::Error{model::ErrorCode::Busy, "The database is busy; " + what + " was not recorded.", {}};
        }
        return model::Error{model::ErrorCode::Io, "Cannot record " + what + ": " + e.what(), {}};
    } catch (const model::StoreError& e) {
        return model::Error{e.code(), "Cannot record " + what + ": " + e.what(), {}};
    }
}

}  // namespace boxoffice::auth::detail
