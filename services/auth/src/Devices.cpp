#include "boxoffice/auth/Devices.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "NoWait.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/DeviceRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::auth {

namespace {

constexpr std::size_t kSetupTokenLength = 16;   // 31^16: about 79 bits, single use, expiring
constexpr std::size_t kApiTokenLength = 64;     // about 317 bits
constexpr std::size_t kSerialLength = 16;

model::Error fieldError(const std::string& field, std::string message) {
    model::FieldErrors errors;
    errors[field].push_back(message);
    return model::Error::badInput(std::move(message), std::move(errors));
}

// The URL without a trailing slash, or the reason it cannot be put into a setup code.
std::variant<std::string, std::string> checkUrl(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    const auto scheme = url.find("://");
    if (scheme == std::string::npos || (url.substr(0, scheme) != "http" && url.substr(0, scheme) != "https")) {
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      "Enter the address scanners reach this server at, "
                                                      "e.g. http://192.168.1.20:8000.");
    }
    const std::string rest = url.substr(scheme + 3);
    if (rest.empty() || rest.find('/') != std::string::npos || rest.find_first_of(" ?#@") != std::string::npos) {
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      "The address must be http(s)://host:port without a path: "
                                                      "scanners ask for /api/v1/... at the host's root.");
    }
    return std::variant<std::string, std::string>(std::in_place_index<0>, url);
}

std::string text(std::string s, std::size_t max = 190) {
    if (s.size() > max) {
        s.resize(max);
    }
    return s;
}

void apply(model::Device& d, const DeviceSoftware& s) {
    d.hardwareBrand = text(s.hardwareBrand);
    d.hardwareModel = text(s.hardwareModel);
    d.osName = text(s.osName);
    d.osVersion = text(s.osVersion);
    d.softwareBrand = text(s.softwareBrand);
    d.softwareVersion = text(s.softwareVersion);
}

bool sameHash(const std::optional<model::TokenHash>& stored, const model::TokenHash& presented) {
    return stored && CRYPTO_memcmp(stored->data(), presented.data(), presented.size()) == 0;
}

}  // namespace

std::string setupPayload(const std::string& url, const std::string& setupToken) {
    return nlohmann::json{{"handshake_version", 1}, {"url", url}, {"token", setupToken}}.dump();
}

model::Result<PairedDevice> createSetupToken(model::Store& store, const PairRequest& request) {
    model::Store::Transaction tx(store);
    model::FieldErrors errors;
    model::EventRepository events(store);
    std::vector<model::Event> scope;
    if (!events.organizerBySlug(request.organizer)) {
        errors["organizer"].push_back("There is no organizer \"" + request.organizer + "\".");
    } else if (request.event) {
        if (auto e = events.eventBySlug(request.organizer, *request.event)) {
            scope.push_back(*e);
        } else {
            errors["event"].push_back("Organizer \"" + request.organizer + "\" has no event \"" + *request.event + "\".");
        }
    } else {
        for (auto& e : events.events()) {
            if (e.organizerSlug == request.organizer) {
                scope.push_back(std::move(e));
            }
        }
    }
    if (errors.empty()) {
        model::CheckinRepository lists(store);
        for (model::Id id : request.listIds) {
            const bool found = std::any_of(scope.begin(), scope.end(),
                                           [&](const model::Event& e) { return lists.listInfo(e.id, id).has_value(); });
            if (!found) {
                errors["lists"].push_back("Invalid pk \"" + std::to_string(id) + "\" - object does not exist.");
            }
        }
    }
    auto url = checkUrl(request.url);
    if (url.index() == 1) {
        errors["url"].push_back(std::get<1>(url));
    }
    if (request.lifetime.count() <= 0) {
        errors["lifetime"].push_back("Ensure this value is greater than 0.");
    }
    if (!errors.empty()) {
        std::string message = errors.begin()->second.front();
        return model::Error::badInput(std::move(message), std::move(errors));
    }
    PairedDevice out;
    model::Device& d = out.device;
    d.organizerSlug = request.organizer;
    d.eventSlug = request.event;
    d.gateName = text(request.gateName);
    d.name = text(!request.name.empty() ? request.name : d.gateName.empty() ? "Scanner" : d.gateName + " scanner");
    if (!request.listIds.empty()) {
        std::vector<model::Id> ids = request.listIds;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        d.listIds = std::move(ids);
    }
    d.uniqueSerial = randomSecret(kSerialLength);
    std::transform(d.uniqueSerial.begin(), d.uniqueSerial.end(), d.uniqueSerial.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    out.setupToken = randomSecret(kSetupTokenLength);
    d.setupTokenHash = hashToken(out.setupToken);
    d.created = model::now();
    d.setupExpires = d.created + request.lifetime;
    model::DeviceRepository(store).insert(d);
    out.payload = setupPayload(std::get<0>(url), out.setupToken);
    tx.commit();
    return out;
}

model::Result<InitializedDevice> initializeDevice(model::Store& store, const std::string& setupToken,
                                                  const DeviceSoftware& software, model::Timestamp now) {
    if (setupToken.empty()) {
        return fieldError("token", "This field may not be blank.");
    }
    const auto hash = hashToken(setupToken);
    model::Store::Transaction tx(store);
    model::DeviceRepository devices(store);
    auto device = devices.bySetupTokenHash(hash);
    if (!device || !sameHash(device->setupTokenHash, hash)) {
        return fieldError("token", "This initialization token is not known.");
    }
    if (device->setupUsed || device->initialized()) {
        return fieldError("token", "This initialization token has already been used.");
    }
    if (device->revoked()) {
        return fieldError("token", "This initialization token has been revoked.");
    }
    if (device->setupExpires && *device->setupExpires <= now) {
        return fieldError("token", "This initialization token has expired.");
    }
    InitializedDevice out;
    out.apiToken = randomSecret(kApiTokenLength);
    device->apiTokenHash = hashToken(out.apiToken);
    device->setupUsed = true;
    device->initializedAt = now;
    device->lastSeen = now;
    apply(*device, software);
    devices.save(*device);
    tx.commit();
    out.device = std::move(*device);
    return out;
}

model::Result<model::Device> updateDevice(model::Store& store, model::Id deviceId, const DeviceSoftware& software) {
    model::Store::Transaction tx(store);
    model::DeviceRepository devices(store);
    auto device = devices.byId(deviceId);
    if (!device) {
        return model::Error::notFound("There is no device with ID " + std::to_string(deviceId) + ".");
    }
    if (device->revoked()) {
        return model::Error::conflict("Device access has been revoked.");
    }
    apply(*device, software);
    devices.save(*device);
    tx.commit();
    return std::move(*device);
}

model::Result<model::Device> revokeDevice(model::Store& store, model::Id deviceId) {
    model::Store::Transaction tx(store);
    model::DeviceRepository devices(store);
    auto device = devices.byId(deviceId);
    if (!device) {
        return model::Error::notFound("There is no device with ID " + std::to_string(deviceId) + ".");
    }
    if (!device->revoked()) {
        device->revokedAt = model::now();
        devices.save(*device);
        tx.commit();
    }
    return std::move(*device);
}

std::vector<model::Device> listDevices(model::Store& store) { return model::DeviceRepository(store).list(); }

std::optional<model::Device> findDevice(model::Store& store, std::string_view presentedApiToken) {
    if (presentedApiToken.empty()) {
        return std::nullopt;
    }
    const auto hash = hashToken(presentedApiToken);
    auto device = model::DeviceRepository(store).byApiTokenHash(hash);
    if (!device || !sameHash(device->apiTokenHash, hash)) {
        return std::nullopt;
    }
    return device;
}

model::Result<bool> recordDeviceSeen(model::Store& store, model::Id deviceId, model::Timestamp when) {
    return detail::writeWithoutWaiting(store, "the device's last contact",
                                       [&] { model::DeviceRepository(store).touch(deviceId, when); });
}

}  // namespace boxoffice::auth
