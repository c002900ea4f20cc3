// The public entry points of an import: the first pass over the file, then the store check and the
// second pass that writes, in one transaction (see Importer.h).
#include "boxoffice/importer/Importer.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "ExportDocument.h"
#include "ExportSource.h"
#include "ImportWriter.h"

namespace boxoffice::importer {

model::Error databaseError(const SQLite::Exception& e) {
    // Keep SQLite's own error codes out of the public API: busy is worth a retry, the rest is not.
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return {model::ErrorCode::Busy,
                "The database is busy (another program is writing to it); nothing was imported. Try again.", {}};
    }
    return {model::ErrorCode::Io, std::string("The database failed; nothing was imported: ") + e.what(), {}};
}

namespace {

// A large import inserts into big indexes (ticket secrets, names, e-mails) in no particular order:
// with SQLite's default page cache of 2 MB nearly every insert would read an index page back from
// the write-ahead log. While the import runs the cache may grow to kImportCacheKiB; it is given
// back afterwards.
constexpr int kImportCacheKiB = 64 * 1024;

class LargerPageCache {
public:
    explicit LargerPageCache(model::Store& store) : m_store(store) {
        m_previous = store.db().execAndGet("PRAGMA cache_size").getInt();
        store.db().exec("PRAGMA cache_size = -" + std::to_string(kImportCacheKiB));
    }
    ~LargerPageCache() {
        try {
            m_store.db().exec("PRAGMA cache_size = " + std::to_string(m_previous));
        } catch (const SQLite::Exception&) {
            // The cache stays larger for this connection: memory, not correctness.
        }
    }
    LargerPageCache(const LargerPageCache&) = delete;
    LargerPageCache& operator=(const LargerPageCache&) = delete;

private:
    model::Store& m_store;
    int m_previous = 0;
};

model::Result<ImportSummary> importSource(model::Store& store, ExportSource& source, const ImportControl& control) {
    const auto step = [&control](std::string_view name) {
        if (control.progress) {
            control.progress(name);
        }
    };
    step("reading");
    StreamControl reading{control.stop, nullptr};
    if (control.fraction) {
        reading.fraction = [&control](double f) { control.fraction("reading", f); };
    }
    auto file = checkFile(source, reading);
    if (!file) {
        return file.error();
    }
    if (control.stop.stop_requested()) {
        return model::Error{model::ErrorCode::Conflict, "The import was cancelled.", {}};
    }
    try {
        LargerPageCache cache(store);
        model::Store::Transaction tx(store);
        step("checking");
        auto summary = storeExport(store, source, file.value(), control, step);
        if (!summary) {
            return summary.error();  // the transaction rolls back
        }
        ensureCheckinList(store, summary->eventId);
        step("saving");
        tx.commit();
        return summary;
    } catch (const SQLite::Exception& e) {
        return databaseError(e);
    }
}

}  // namespace

model::Result<ImportSummary> importPretixJsonText(model::Store& store, std::string_view jsonText,
                                                  const ImportControl& control) {
    auto source = ExportSource::fromText(jsonText);
    return importSource(store, *source, control);
}

model::Result<ImportSummary> importPretixJson(model::Store& store, const std::filesystem::path& file,
                                              const ImportControl& control) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return model::Error{model::ErrorCode::Io,
                            file.string() + (std::filesystem::exists(file, ec) ? " is not a file." : " does not exist."),
                            {}};
    }
    auto source = ExportSource::openFile(file);
    if (!source) {
        return source.error();
    }
    auto result = importSource(store, *source.value(), control);
    if (!result && result.error().code != model::ErrorCode::Busy && !control.stop.stop_requested()) {
        auto e = result.error();
        e.message = file.filename().string() + ": " + e.message;
        return e;
    }
    return result;
}

}  // namespace boxoffice::importer
