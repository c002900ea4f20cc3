// Reads and writes paired devices (Device.h). Writes note a Change::Kind::Tokens: devices are
// credentials like API tokens, and the same views show them. Call from the thread that owns
// the Store; the use cases (services/auth Devices.h) wrap the writes in transactions.
#pragma once

#include <optional>
#include <vector>

#include "boxoffice/model/Device.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

class DeviceRepository {
public:
    explicit DeviceRepository(Store& store) : m_store(store) {}

    void insert(Device& device);  // sets device.id (local range) and created when unset
    // Writes every field of an existing device; false when there is none with its ID.
    bool save(const Device& device);
    std::optional<Device> byId(Id id);
    std::optional<Device> byApiTokenHash(const TokenHash& hash);
    std::optional<Device> bySetupTokenHash(const TokenHash& hash);
    std::vector<Device> list();  // by ID
    // Records the last contact; not a change views need to hear of, and no access change.
    void touch(Id id, Timestamp when);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
