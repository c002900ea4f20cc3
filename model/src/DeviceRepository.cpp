#include "boxoffice/model/DeviceRepository.h"

#include <algorithm>
#include <cstring>

#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

bool Device::mayUseList(Id listId) const {
    return !listIds || std::find(listIds->begin(), listIds->end(), listId) != listIds->end();
}

namespace {

constexpr const char* kColumns =
    "id, organizer_slug, event_slug, name, gate_name, list_ids, unique_serial, security_profile, hardware_brand, "
    "hardware_model, os_name, os_version, software_brand, software_version, api_token_hash, setup_token_hash, "
    "setup_expires, setup_used, created, initialized_at, last_seen, revoked_at";

std::optional<TokenHash> optHash(const SQLite::Column& c) {
    if (c.isNull() || c.getBytes() != static_cast<int>(TokenHash{}.size())) {
        return std::nullopt;
    }
    TokenHash h{};
    std::memcpy(h.data(), c.getBlob(), h.size());
    return h;
}

template <class S>
void bindHash(S& s, int i, const std::optional<TokenHash>& h) {
    if (h) {
        s.bind(i, h->data(), static_cast<int>(h->size()));
    } else {
        s.bind(i);
    }
}

Device readDevice(CachedStatement& q) {
    Device d;
    d.id = q.getColumn(0).getInt64();
    d.organizerSlug = q.getColumn(1).getString();
    d.eventSlug = sql::optText(q.getColumn(2));
    d.name = q.getColumn(3).getString();
    d.gateName = q.getColumn(4).getString();
    if (auto lists = sql::optText(q.getColumn(5))) {
        d.listIds = sql::listFromJson<Id>(*lists);
    }
    d.uniqueSerial = q.getColumn(6).getString();
    d.securityProfile = q.getColumn(7).getString();
    d.hardwareBrand = q.getColumn(8).getString();
    d.hardwareModel = q.getColumn(9).getString();
    d.osName = q.getColumn(10).getString();
    d.osVersion = q.getColumn(11).getString();
    d.softwareBrand = q.getColumn(12).getString();
    d.softwareVersion = q.getColumn(13).getString();
    d.apiTokenHash = optHash(q.getColumn(14));
    d.setupTokenHash = optHash(q.getColumn(15));
    d.setupExpires = sql::optTime(q.getColumn(16));
    d.setupUsed = sql::flag(q.getColumn(17));
    d.created = sql::time(q.getColumn(18));
    d.initializedAt = sql::optTime(q.getColumn(19));
    d.lastSeen = sql::optTime(q.getColumn(20));
    d.revokedAt = sql::optTime(q.getColumn(21));
    return d;
}

// Binds every column but id (parameters 1..21, in kColumns' order without id).
template <class S>
void bindFields(S& s, const Device& d) {
    s.bind(1, d.organizerSlug);
    bindValue(s, 2, d.eventSlug);
    s.bind(3, d.name);
    s.bind(4, d.gateName);
    bindValue(s, 5, d.listIds ? std::optional<std::string>(sql::listToJson(*d.listIds)) : std::nullopt);
    s.bind(6, d.uniqueSerial);
    s.bind(7, d.securityProfile);
    s.bind(8, d.hardwareBrand);
    s.bind(9, d.hardwareModel);
    s.bind(10, d.osName);
    s.bind(11, d.osVersion);
    s.bind(12, d.softwareBrand);
    s.bind(13, d.softwareVersion);
    bindHash(s, 14, d.apiTokenHash);
    bindHash(s, 15, d.setupTokenHash);
    bindValue(s, 16, d.setupExpires);
    bindValue(s, 17, d.setupUsed);
    s.bind(18, toStorage(d.created));
    bindValue(s, 19, d.initializedAt);
    bindValue(s, 20, d.lastSeen);
    bindValue(s, 21, d.revokedAt);
}

}  // namespace

void DeviceRepository::insert(Device& d) {
    if (d.id == 0) {
        d.id = m_store.nextLocalId("device");
    }
    if (d.created == Timestamp{}) {
        d.created = now();
    }
    auto s = m_store.cached(
        "INSERT INTO device (organizer_slug, event_slug, name, gate_name, list_ids, unique_serial, security_profile, "
        "hardware_brand, hardware_model, os_name, os_version, software_brand, software_version, api_token_hash, "
        "setup_token_hash, setup_expires, setup_used, created, initialized_at, last_seen, revoked_at, id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindFields(s, d);
    s.bind(22, d.id);
    s.exec();
    m_store.noteChange({Change::Kind::Tokens, 0});
}

bool DeviceRepository::save(const Device& d) {
    auto s = m_store.cached(
        "UPDATE device SET organizer_slug = ?, event_slug = ?, name = ?, gate_name = ?, list_ids = ?, "
        "unique_serial = ?, security_profile = ?, hardware_brand = ?, hardware_model = ?, os_name = ?, "
        "os_version = ?, software_brand = ?, software_version = ?, api_token_hash = ?, setup_token_hash = ?, "
        "setup_expires = ?, setup_used = ?, created = ?, initialized_at = ?, last_seen = ?, revoked_at = ? "
        "WHERE id = ?");
    bindFields(s, d);
    s.bind(22, d.id);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Tokens, 0});
    return true;
}

std::optional<Device> DeviceRepository::byId(Id id) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns + " FROM device WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readDevice(q);
}

std::optional<Device> DeviceRepository::byApiTokenHash(const TokenHash& hash) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns + " FROM device WHERE api_token_hash = ?");
    q.bind(1, hash.data(), static_cast<int>(hash.size()));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readDevice(q);
}

std::optional<Device> DeviceRepository::bySetupTokenHash(const TokenHash& hash) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns + " FROM device WHERE setup_token_hash = ?");
    q.bind(1, hash.data(), static_cast<int>(hash.size()));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readDevice(q);
}

std::vector<Device> DeviceRepository::list() {
    auto q = m_store.cached(std::string("SELECT ") + kColumns + " FROM device ORDER BY id");
    std::vector<Device> out;
    while (q.executeStep()) {
        out.push_back(readDevice(q));
    }
    return out;
}

void DeviceRepository::touch(Id id, Timestamp when) {
    auto s = m_store.cached("UPDATE device SET last_seen = ? WHERE id = ?");
    s.bind(1, toStorage(when));
    s.bind(2, id);
    s.exec();
}

}  // namespace boxoffice::model
