#include "boxoffice/sync/Inbox.h"

#include "boxoffice/model/OrderUploadRepository.h"

#include "boxoffice/checkin/CheckinExport.h"
#include "boxoffice/model/SyncInboxRepository.h"

#include <fstream>
#include <string_view>

namespace boxoffice::sync {

namespace {

constexpr std::size_t kMaxNoteCharacters = 2'000;
constexpr std::string_view kCrlf = "\r\n";

CheckinFacts facts(const model::InboxCheckin& c) {
    CheckinFacts f;
    f.checkinId = c.checkinId;
    f.positionId = c.positionId;
    f.orderCode = c.orderCode;
    f.positionNumber = c.positionNumber;
    f.attendeeName = c.attendeeName;
    f.listId = c.listId;
    f.listName = c.listName;
    f.type = std::string(model::toString(c.type));
    f.datetime = c.datetime;
    f.device = c.device;
    return f;
}

DoubleEntryRow row(const model::InboxDoubleEntry& e) {
    DoubleEntryRow r;
    r.id = e.id;
    r.here = facts(e.here);
    r.remoteDatetime = e.remoteDatetime;
    r.remoteDevice = e.remoteDevice;
    r.detected = e.detected;
    r.reviewed = e.reviewed;
    r.note = e.note;
    r.reviewedAt = e.reviewedAt;
    return r;
}

model::Error notAConflict() {
    return model::Error::notFound("This check-in is not a conflict (any more).");
}

// Characters as a person counts them: UTF-8 code points (continuation bytes do not count).
std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (const char ch : text) {
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

std::int64_t writeCsv(const std::vector<model::InboxDoubleEntry>& entries, std::ostream& out) {
    out << "Order,Position,Attendee,List,Here (UTC),Here device,Remote (UTC),Remote device,Detected (UTC),"
           "Reviewed,Note"
        << kCrlf;
    std::int64_t written = 0;
    for (const auto& e : entries) {
        out << checkin::csvField(e.here.orderCode) << ',' << e.here.positionNumber << ','
            << checkin::csvField(e.here.attendeeName) << ',' << checkin::csvField(e.here.listName) << ','
            << model::formatTimestamp(e.here.datetime) << ',' << checkin::csvField(e.here.device) << ','
            << model::formatTimestamp(e.remoteDatetime) << ',' << checkin::csvField(e.remoteDevice) << ','
            << model::formatTimestamp(e.detected) << ',' << (e.reviewed ? "yes" : "no") << ','
            << checkin::csvField(e.note) << kCrlf;
        ++written;
    }
    return written;
}

} // namespace

std::vector<QueuedUpload> uploadQueue(model::Store& store, model::Id eventId, std::int64_t limit) {
    const auto now = model::now();
    std::vector<QueuedUpload> out;
    for (auto& r : model::SyncInboxRepository(store).queue(eventId, limit)) {
        QueuedUpload q;
        q.checkin = facts(r.checkin);
        q.attempts = r.attempts;
        if (r.nextAttempt && *r.nextAttempt > now) {
            q.nextAttempt = r.nextAttempt;
        }
        q.lastError = std::move(r.lastError);
        q.lastStatus = r.lastStatus;
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Conflict> conflicts(model::Store& store, model::Id eventId) {
    std::vector<Conflict> out;
    for (auto& r : model::SyncInboxRepository(store).conflicts(eventId)) {
        out.push_back(Conflict{facts(r.checkin), r.httpStatus, std::move(r.reason)});
    }
    return out;
}

model::Result<bool> retryConflict(model::Store& store, model::Id checkinId) {
    model::Store::Transaction tx(store);
    if (!model::SyncInboxRepository(store).retryConflict(checkinId)) {
        return notAConflict();
    }
    tx.commit();
    return true;
}

model::Result<bool> dismissConflict(model::Store& store, model::Id checkinId) {
    model::Store::Transaction tx(store);
    if (!model::SyncInboxRepository(store).dismissConflict(checkinId, model::now())) {
        return notAConflict();
    }
    tx.commit();
    return true;
}

std::vector<OrderConflict> orderConflicts(model::Store& store, model::Id eventId) {
    std::vector<OrderConflict> out;
    for (const auto& u : model::OrderUploadRepository(store).conflicts(eventId)) {
        out.push_back(OrderConflict{u.orderId, u.orderCode, u.lastStatus, u.lastError, u.attempts});
    }
    return out;
}

model::Result<bool> retryOrderConflict(model::Store& store, model::Id orderId) {
    model::Store::Transaction tx(store);
    if (!model::OrderUploadRepository(store).retryConflict(orderId)) {
        return notAConflict();
    }
    tx.commit();
    return true;
}

model::Result<bool> dismissOrderConflict(model::Store& store, model::Id orderId) {
    model::Store::Transaction tx(store);
    if (!model::OrderUploadRepository(store).dismissConflict(orderId, model::now())) {
        return notAConflict();
    }
    tx.commit();
    return true;
}

std::vector<DoubleEntryRow> doubleEntries(model::Store& store, model::Id eventId) {
    std::vector<DoubleEntryRow> out;
    for (const auto& e : model::SyncInboxRepository(store).doubleEntries(eventId)) {
        out.push_back(row(e));
    }
    return out;
}

std::int64_t unreviewedDoubleEntries(model::Store& store, model::Id eventId) {
    return model::SyncInboxRepository(store).unreviewedCount(eventId);
}

model::Result<bool> reviewDoubleEntry(model::Store& store, model::Id doubleEntryId, bool reviewed,
                                      const std::string& note) {
    if (characters(note) > kMaxNoteCharacters) {
        const std::string message = "Ensure this field has no more than 2000 characters.";
        return model::Error::badInput(message, {{"note", {message}}});
    }
    model::Store::Transaction tx(store);
    if (!model::SyncInboxRepository(store).setReview(doubleEntryId, reviewed, note, model::now())) {
        return model::Error::notFound("This double entry is not known (any more).");
    }
    tx.commit();
    return true;
}

model::Result<std::int64_t> exportDoubleEntriesCsv(model::Store& store, model::Id eventId,
                                                   const std::filesystem::path& file) {
    // One query: the rows are one snapshot, read before the file is touched.
    const auto entries = model::SyncInboxRepository(store).doubleEntries(eventId);
    return checkin::writeCsvFile(file, [&entries](std::ostream& out) -> model::Result<std::int64_t> {
        return writeCsv(entries, out);
    });
}

} // namespace boxoffice::sync
