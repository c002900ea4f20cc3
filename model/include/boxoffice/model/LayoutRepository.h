// Reads and writes ticket layouts, their product assignments and stored files (backgrounds).
#pragma once

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
    std::optional<StoredFile> file(const std::string& id);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
