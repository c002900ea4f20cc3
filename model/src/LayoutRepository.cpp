#include "boxoffice/model/LayoutRepository.h"

#include <random>

#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

TicketLayout readLayout(CachedStatement& q) {
    TicketLayout l;
    l.id = q.getColumn(0).getInt64();
    l.eventId = q.getColumn(1).getInt64();
    l.name = q.getColumn(2).getString();
    l.isDefault = sql::flag(q.getColumn(3));
    l.layout = nlohmann::json::parse(q.getColumn(4).getString(), nullptr, false);
    if (l.layout.is_discarded()) {
        l.layout = nlohmann::json::array();
    }
    l.background = sql::optText(q.getColumn(5));
    return l;
}

void loadAssignments(Store& store, TicketLayout& l) {
    auto q = store.cached(
        "SELECT id, layout_id, item_id, sales_channel FROM ticket_layout_item WHERE layout_id = ? ORDER BY id");
    q.bind(1, l.id);
    while (q.executeStep()) {
        l.itemAssignments.push_back(
            {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), q.getColumn(3).getString()});
    }
}

// An upload ID in the form pretix uses ("file:" and a random UUID). Unguessable is not needed
// here (files are reached only through authenticated routes), only unique.
std::string newFileId() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> hex(0, 15);
    std::string s = "file:";
    static constexpr char kDigits[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            s += '-';
        }
        s += kDigits[hex(rd)];
    }
    return s;
}

}  // namespace

void LayoutRepository::upsert(TicketLayout& l) {
    if (l.id == 0) {
        l.id = m_store.nextLocalId("ticket_layout");
    }
    if (l.isDefault) {
        auto clear = m_store.cached("UPDATE ticket_layout SET is_default = 0 WHERE event_id = ? AND id != ?");
        clear.bind(1, l.eventId);
        clear.bind(2, l.id);
        clear.exec();
    }
    auto s = m_store.cached(
        "INSERT INTO ticket_layout (id, event_id, name, is_default, layout, background) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET event_id=excluded.event_id, name=excluded.name, "
        "is_default=excluded.is_default, layout=excluded.layout, background=excluded.background");
    s.bind(1, l.id);
    s.bind(2, l.eventId);
    s.bind(3, l.name);
    bindValue(s, 4, l.isDefault);
    s.bind(5, l.layout.dump());
    bindValue(s, 6, l.background);
    s.exec();
    auto del = m_store.cached("DELETE FROM ticket_layout_item WHERE layout_id = ?");
    del.bind(1, l.id);
    del.exec();
    for (auto& a : l.itemAssignments) {
        a.layoutId = l.id;
        if (a.id == 0) {
            a.id = m_store.nextLocalId("ticket_layout_item");
        }
        // One layout per product and channel: an assignment moves the product to this layout.
        auto ins = m_store.cached(
            "INSERT OR REPLACE INTO ticket_layout_item (id, layout_id, item_id, sales_channel) VALUES (?,?,?,?)");
        ins.bind(1, a.id);
        ins.bind(2, a.layoutId);
        ins.bind(3, a.itemId);
        ins.bind(4, a.salesChannel);
        ins.exec();
    }
    m_store.noteChange({Change::Kind::Layouts, l.eventId});
}

std::optional<TicketLayout> LayoutRepository::byId(Id eventId, Id layoutId) {
    auto q = m_store.cached(
        "SELECT id, event_id, name, is_default, layout, background FROM ticket_layout WHERE event_id = ? AND id = ?");
    q.bind(1, eventId);
    q.bind(2, layoutId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto l = readLayout(q);
    loadAssignments(m_store, l);
    return l;
}

std::vector<TicketLayout> LayoutRepository::list(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, name, is_default, layout, background FROM ticket_layout WHERE event_id = ? ORDER BY id");
    q.bind(1, eventId);
    std::vector<TicketLayout> out;
    while (q.executeStep()) {
        out.push_back(readLayout(q));
    }
    for (auto& l : out) {
        loadAssignments(m_store, l);
    }
    return out;
}

std::optional<TicketLayout> LayoutRepository::defaultLayout(Id eventId) {
    for (auto& l : list(eventId)) {
        if (l.isDefault) {
            return l;
        }
    }
    return std::nullopt;
}

bool LayoutRepository::remove(Id eventId, Id layoutId) {
    auto s = m_store.cached("DELETE FROM ticket_layout WHERE event_id = ? AND id = ?");
    s.bind(1, eventId);
    s.bind(2, layoutId);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Layouts, eventId});
    return true;
}

void LayoutRepository::storeFile(StoredFile& f) {
    if (f.id.empty()) {
        f.id = newFileId();
    }
    if (f.created == Timestamp{}) {
        f.created = now();
    }
    auto s = m_store.cached(
        "INSERT OR REPLACE INTO stored_file (id, filename, content_type, data, created, owner_token, expires) "
        "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, f.id);
    s.bind(2, f.filename);
    s.bind(3, f.contentType);
    s.bind(4, f.data.data(), static_cast<int>(f.data.size()));
    s.bind(5, toStorage(f.created));
    bindValue(s, 6, f.ownerToken);
    bindValue(s, 7, f.expires);
    s.exec();
}

std::optional<StoredFile> LayoutRepository::file(const std::string& id) {
    auto q = m_store.cached(
        "SELECT id, filename, content_type, data, created, owner_token, expires FROM stored_file WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    StoredFile f;
    f.id = q.getColumn(0).getString();
    f.filename = q.getColumn(1).getString();
    f.contentType = q.getColumn(2).getString();
    const auto blob = q.getColumn(3);
    const auto* bytes = static_cast<const unsigned char*>(blob.getBlob());
    f.data.assign(bytes, bytes + blob.getBytes());
    f.created = sql::time(q.getColumn(4));
    f.ownerToken = sql::optId(q.getColumn(5));
    f.expires = sql::optTime(q.getColumn(6));
    return f;
}

void LayoutRepository::keepFile(const std::string& id) {
    auto s = m_store.cached("UPDATE stored_file SET expires = NULL WHERE id = ? AND expires IS NOT NULL");
    s.bind(1, id);
    s.exec();
}

int LayoutRepository::removeExpiredFiles(Timestamp when) {
    auto s = m_store.cached(
        "DELETE FROM stored_file WHERE expires IS NOT NULL AND expires < ? "
        "AND id NOT IN (SELECT background FROM ticket_layout WHERE background IS NOT NULL) "
        "AND id NOT IN (SELECT background FROM certificate_layout WHERE background IS NOT NULL)");
    s.bind(1, toStorage(when));
    return s.exec();
}

LayoutRepository::Pending LayoutRepository::pendingUploads(Id ownerToken, Timestamp when) {
    auto q = m_store.cached(
        "SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM stored_file "
        "WHERE owner_token = ? AND expires IS NOT NULL AND expires >= ?");
    q.bind(1, ownerToken);
    q.bind(2, toStorage(when));
    Pending out;
    if (q.executeStep()) {
        out.files = q.getColumn(0).getInt64();
        out.bytes = q.getColumn(1).getInt64();
    }
    return out;
}

std::optional<CertificateLayout> LayoutRepository::certificateLayout(Id eventId) {
    auto q = m_store.cached("SELECT event_id, layout, background, modified FROM certificate_layout WHERE event_id = ?");
    q.bind(1, eventId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    CertificateLayout l;
    l.eventId = q.getColumn(0).getInt64();
    l.layout = nlohmann::json::parse(q.getColumn(1).getString(), nullptr, false);
    if (l.layout.is_discarded()) {
        l.layout = nlohmann::json::array();
    }
    l.background = sql::optText(q.getColumn(2));
    l.modified = sql::time(q.getColumn(3));
    return l;
}

void LayoutRepository::setCertificateLayout(CertificateLayout& l) {
    l.modified = now();
    auto s = m_store.cached(
        "INSERT OR REPLACE INTO certificate_layout (event_id, layout, background, modified) VALUES (?,?,?,?)");
    s.bind(1, l.eventId);
    s.bind(2, l.layout.dump());
    bindValue(s, 3, l.background);
    s.bind(4, toStorage(l.modified));
    s.exec();
    m_store.noteChange({Change::Kind::Layouts, l.eventId});
}

bool LayoutRepository::removeCertificateLayout(Id eventId) {
    auto s = m_store.cached("DELETE FROM certificate_layout WHERE event_id = ?");
    s.bind(1, eventId);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Layouts, eventId});
    return true;
}

}  // namespace boxoffice::model
