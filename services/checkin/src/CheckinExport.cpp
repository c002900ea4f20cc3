#include "boxoffice/checkin/CheckinExport.h"

#include <cerrno>
#include <fstream>
#include <ostream>
#include <system_error>

#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/Files.h"

namespace boxoffice::checkin {

namespace {

constexpr std::string_view kCrlf = "\r\n";

model::Error ioError(std::string message) { return {model::ErrorCode::Io, std::move(message), {}}; }

std::string systemReason(int error) { return std::error_code(error, std::generic_category()).message(); }

}  // namespace

std::string csvField(std::string_view text) {
    std::string field;
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@' ||
                          text.front() == '\t' || text.front() == '\r')) {
        field += '\'';
    }
    field += text;
    if (field.find_first_of("\",\r\n") == std::string::npos) {
        return field;
    }
    std::string quoted = "\"";
    for (char c : field) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    quoted += '"';
    return quoted;
}

model::Result<std::int64_t> exportCheckinsCsv(model::Store& store, model::Id eventId, model::Id listId,
                                              std::ostream& out, std::string_view language) {
    model::CheckinRepository checkins(store);
    if (!checkins.listInfo(eventId, listId)) {
        return model::Error::notFound("Not found.");
    }
    out << "List,Order,Position ID,Attendee name,Product,Variation,Type,Time (UTC),Device,Automatic,Sync state"
        << kCrlf;
    std::int64_t written = 0;
    checkins.forEachCheckinRow(eventId, listId, [&](const model::CheckinRepository::CheckinRow& row) {
        const auto& c = row.checkin;
        out << csvField(row.listName) << ',' << csvField(row.orderCode) << ',' << c.positionId << ','
            << csvField(row.attendeeName.value_or("")) << ',' << csvField(row.itemName.text(language)) << ','
            << csvField(row.variation ? row.variation->text(language) : std::string()) << ','
            << model::toString(c.type) << ',' << model::formatTimestamp(c.datetime) << ',' << csvField(c.device)
            << ',' << (c.autoCheckedIn ? "yes" : "no") << ',' << model::toString(c.syncState) << kCrlf;
        ++written;
    });
    out.flush();
    if (!out) {
        return ioError("The file could not be written.");
    }
    return written;
}

model::Result<std::int64_t> writeCsvFile(const std::filesystem::path& file,
                                         const std::function<model::Result<std::int64_t>(std::ostream&)>& write) {
    const auto temporary = model::temporaryBeside(file);
    auto discard = [&] {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
    };
    try {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            return ioError(systemReason(errno));
        }
        errno = 0;
        auto written = write(out);
        out.flush();
        const int writeError = errno;
        out.close();
        if (!written || !out) {
            discard();
            if (!written && written.error().code != model::ErrorCode::Io) {
                return written;
            }
            return ioError(systemReason(writeError != 0 ? writeError : EIO));
        }
        std::error_code renamed;
        std::filesystem::rename(temporary, file, renamed);
        if (renamed) {
            discard();
            return ioError(renamed.message());
        }
        return written;
    } catch (...) {
        discard();  // e.g. the task was cancelled and its query interrupted
        throw;
    }
}

model::Result<std::int64_t> exportCheckinsCsvFile(model::Store& store, model::Id eventId, model::Id listId,
                                                  const std::filesystem::path& file, std::string_view language) {
    return writeCsvFile(file, [&](std::ostream& out) { return exportCheckinsCsv(store, eventId, listId, out, language); });
}

}  // namespace boxoffice::checkin
