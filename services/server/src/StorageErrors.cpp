#include "StorageErrors.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "boxoffice/model/Store.h"

namespace boxoffice::server::detail {

bool isStorageUnavailable(int sqliteCode) {
    if (sqliteCode < 0) {
        return false;  // not an SQLite result code (SQLiteCpp's own errors)
    }
    switch (sqliteCode & 0xFF) {  // the primary code of an extended one
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_IOERR:
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return true;
        default: return false;
    }
}

Response storageUnavailable(const std::string& message) {
    Response response = Response::detail(503, message);
    response.headers.emplace_back("Retry-After", std::to_string(kStorageRetryAfterSeconds));
    return response;
}

Response exceptionResponse(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const model::StoreError& e) {
        return storageUnavailable(std::string("The database is not available: ") + e.what());
    } catch (const SQLite::Exception& e) {
        const int code = e.getExtendedErrorCode() >= 0 ? e.getExtendedErrorCode() : e.getErrorCode();
        if (isStorageUnavailable(code) || isStorageUnavailable(e.getErrorCode())) {
            return storageUnavailable(std::string("The database cannot take this request now: ") + e.what());
        }
        return Response::detail(500, std::string("Internal server error: ") + e.what());
    } catch (const std::exception& e) {
        return Response::detail(500, std::string("Internal server error: ") + e.what());
    } catch (...) {
        return Response::detail(500, "Internal server error.");
    }
}

}  // namespace boxoffice::server::detail
