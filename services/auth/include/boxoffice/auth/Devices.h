// Scanner devices paired by a setup QR code (pretix's device API, as pretixSCAN speaks it):
// pairing creates a device with a single-use, expiring setup token; the device trades it for an
// API token once (initialize); the API token then authenticates it ("Authorization: Device ...")
// until the device is revoked. Tokens come from OpenSSL's CSPRNG; the store keeps only their
// SHA-256 hashes, and presented tokens are compared in constant time.
//
// Each use case runs in its own transaction on the caller's Store; call from the thread that
// owns it. Expected failures are values with pretix's field errors.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Device.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::auth {

// How long a setup token may wait to be scanned, by default.
inline constexpr std::chrono::seconds kSetupTokenLifetime{3600};

struct PairRequest {
    std::string organizer;                 // slug; must exist
    std::optional<std::string> event;      // slug of one of its events; nullopt: every event
    std::string gateName;                  // empty: no gate
    std::vector<model::Id> listIds;        // lists of the event(s) the gate scans on; empty: every list
    std::string name;                      // empty: "<gate> scanner", or "Scanner"
    // The base URL the device reaches this server at, e.g. "http://192.168.1.20:8000": http or
    // https, a host, a port, no path (pretixSCAN drops any path); a trailing slash is removed.
    std::string url;
    std::chrono::seconds lifetime = kSetupTokenLifetime;
};

struct PairedDevice {
    model::Device device;
    std::string setupToken;  // shown once (in the QR code), never stored
    // {"handshake_version": 1, "url": ..., "token": ...}: the setup QR code's content.
    std::string payload;
};

// Creates a device waiting to be initialized, and its setup token. BadInput with field errors
// ("organizer", "event", "lists", "url") when one is missing, unknown or not of the event.
model::Result<PairedDevice> createSetupToken(model::Store& store, const PairRequest& request);

// What a device says about itself (initialize and update bodies).
struct DeviceSoftware {
    std::string hardwareBrand;
    std::string hardwareModel;
    std::string osName;
    std::string osVersion;
    std::string softwareBrand;
    std::string softwareVersion;
};

struct InitializedDevice {
    model::Device device;
    std::string apiToken;  // shown once, never stored
};

// Trades a setup token for an API token, once. BadInput with {"token": [...]} when the token is
// unknown, already used, expired or its device revoked.
model::Result<InitializedDevice> initializeDevice(model::Store& store, const std::string& setupToken,
                                                  const DeviceSoftware& software, model::Timestamp now = model::now());

// Stores what an initialized device tells after an upgrade. NotFound for an unknown device,
// Conflict for a revoked one.
model::Result<model::Device> updateDevice(model::Store& store, model::Id deviceId, const DeviceSoftware& software);

// Revokes a device: its API token (and an unused setup token) stop working at once, on every
// server of this store. Revoking a revoked device changes nothing. NotFound when unknown.
model::Result<model::Device> revokeDevice(model::Store& store, model::Id deviceId);

// Every device, by ID (the desk's and `device list`'s table).
std::vector<model::Device> listDevices(model::Store& store);

// The device a presented API token belongs to, revoked ones included (the caller answers them
// differently); nullopt for an empty, unknown or never-issued token.
std::optional<model::Device> findDevice(model::Store& store, std::string_view presentedApiToken);

// Records the device's last contact at `when`, in its own transaction, never waiting for the
// database: Busy when another connection is writing, Io on other failures; how often to call it
// is the caller's choice (the LAN server: at most once a minute per device).
model::Result<bool> recordDeviceSeen(model::Store& store, model::Id deviceId, model::Timestamp when);

// The setup QR code's content for a base URL and a setup token.
std::string setupPayload(const std::string& url, const std::string& setupToken);

}  // namespace boxoffice::auth
