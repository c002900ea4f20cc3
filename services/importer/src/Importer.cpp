// The public entry points of an import: read the file, check it, write it in one transaction.
#include "boxoffice/importer/Importer.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "ExportDocument.h"
#include "ImportWriter.h"
#include "boxoffice/checkin/Lists.h"

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

// Orders sold through a sales channel a check-in list checks in automatically get their entry,
// as pretix gives them when the order is placed; positions already checked in on that list are
// left alone, so importing the same file again adds nothing. Inside the import's transaction.
int autoCheckins(model::Store& store, model::Id eventId, const std::vector<model::Order>& orders) {
    auto q = store.cached("SELECT 1 FROM checkin_list WHERE event_id = ? AND auto_checkin_sales_channels <> '[]'");
    q.bind(1, eventId);
    if (!q.executeStep()) {
        return 0;  // the usual case: no list checks in automatically
    }
    std::size_t created = 0;
    for (const auto& order : orders) {
        if (order.status != model::OrderStatus::Canceled && order.status != model::OrderStatus::Expired) {
            created += checkin::autoCheckin(store, order).size();
        }
    }
    return static_cast<int>(created);
}

}  // namespace

model::Result<ImportSummary> importPretixJsonText(model::Store& store, std::string_view jsonText,
                                                  const ImportControl& control) {
    const auto step = [&control](std::string_view name) {
        if (control.progress) {
            control.progress(name);
        }
    };
    const model::Error cancelled{model::ErrorCode::Conflict, "The import was cancelled.", {}};
    step("reading");
    auto data = readExport(jsonText, control.stop);
    if (!data) {
        return data.error();
    }
    ImportSummary summary;
    try {
        if (control.stop.stop_requested()) {
            return cancelled;
        }
        model::Store::Transaction tx(store);
        step("checking");
        auto state = checkAgainstStore(store, data.value());
        if (!state) {
            return state.error();
        }
        if (control.stop.stop_requested()) {
            return cancelled;  // the transaction rolls back
        }
        step("writing");
        summary = writeExport(store, data.value(), state.value());
        ensureCheckinList(store, summary.eventId);
        summary.autoCheckins = autoCheckins(store, summary.eventId, data.value().orders);
        tx.commit();
    } catch (const SQLite::Exception& e) {
        return databaseError(e);
    }
    return summary;
}

model::Result<ImportSummary> importPretixJson(model::Store& store, const std::filesystem::path& file,
                                              const ImportControl& control) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return model::Error{model::ErrorCode::Io,
                            file.string() + (std::filesystem::exists(file, ec) ? " is not a file." : " does not exist."),
                            {}};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return model::Error{model::ErrorCode::Io, "Cannot read " + file.string() + ": " + std::strerror(errno), {}};
    }
    std::string text(static_cast<std::size_t>(std::filesystem::file_size(file, ec)), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (ec || in.gcount() != static_cast<std::streamsize>(text.size())) {
        return model::Error{model::ErrorCode::Io, "Cannot read " + file.string() + ".", {}};
    }
    auto result = importPretixJsonText(store, text, control);
    if (!result && result.error().code != model::ErrorCode::Busy && !control.stop.stop_requested()) {
        auto e = result.error();
        e.message = file.filename().string() + ": " + e.message;
        return e;
    }
    return result;
}

}  // namespace boxoffice::importer
