// Reads and writes ticket layouts, their product assignments, certificate layouts and stored
// files (backgrounds). Files uploaded through the API belong to the uploading token and expire
// (StoredFile::expires) until a layout uses them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/TicketLayout.h"

namespace boxoffice::model {

struct StoredFile {
    std::string id;  // "file:<uuid>" as pretix's upload API answers
    std::string filename;
    std::string contentType;
    std::vector<unsigned char> data;
    Timestamp created{};
    std::optional<Id> ownerToken;       // API token that uploaded it; nullopt: made on this machine
    std::optional<Timestamp> expires;   // nullopt: kept
};

class LayoutRepository {
public:
    explicit LayoutRepository(Store& store) : m_store(store) {}

    // Inserts (id 0: local ID) or updates; assignments are replaced by those given. Making a
    // layout the default clears the flag on the event's other layouts.
    void upsert(TicketLayout& layout);
    std::optional<TicketLayout> byId(Id eventId, Id layoutId);
    std::vector<TicketLayout> list(Id eventId);
    std::optional<TicketLayout> defaultLayout(Id eventId);
    bool remove(Id eventId, Id layoutId);

    // Stores a file and sets file.id if empty.
    void storeFile(StoredFile& file);
    // The file, also when expired (callers decide; see removeExpiredFiles).
    std::optional<StoredFile> file(const std::string& id);
    // Keeps a file for good (clears its expiry): call when a layout starts using it.
    void keepFile(const std::string& id);
    // Deletes files whose expiry is before `when` and that no layout uses; returns how many.
    int removeExpiredFiles(Timestamp when);
    // The uploads of token `ownerToken` still waiting for a layout to take them (not expired at
    // `when`): how many, and their bytes.
    struct Pending {
        std::int64_t files = 0;
        std::int64_t bytes = 0;
    };
    Pending pendingUploads(Id ownerToken, Timestamp when);

    std::optional<CertificateLayout> certificateLayout(Id eventId);
    // Inserts or replaces the event's certificate layout; sets `modified` to now.
    void setCertificateLayout(CertificateLayout& layout);
    bool removeCertificateLayout(Id eventId);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
