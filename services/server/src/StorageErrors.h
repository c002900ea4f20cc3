// How the server answers a request that failed on the database: a storage that cannot take the
// request now (disk full, read-only, I/O error, busy or locked) is 503 with Retry-After, which
// scanners read as "try again later"; anything else is a real internal error, 500. Both with
// pretix's {"detail": "..."} body. Pure functions; safe from any thread.
#pragma once

#include <exception>
#include <string>

#include "boxoffice/server/Http.h"

namespace boxoffice::server::detail {

// Seconds a client is asked to wait (Retry-After) when the storage is unavailable.
inline constexpr int kStorageRetryAfterSeconds = 5;

// Whether an SQLite result code, primary or extended, means the storage is unavailable for now:
// SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR (any extended code), SQLITE_BUSY or SQLITE_LOCKED.
bool isStorageUnavailable(int sqliteCode);

// 503 {"detail": message} with "Retry-After: 5".
Response storageUnavailable(const std::string& message);

// The answer to an exception that escaped a route handler (`error` must not be null): a
// model::StoreError or an SQLite::Exception whose code isStorageUnavailable() is 503 with
// Retry-After; every other exception 500.
Response exceptionResponse(const std::exception_ptr& error);

}  // namespace boxoffice::server::detail
