// pretix's device API as pretixSCAN speaks it (spec pretixscan-devices.md §2): initialize with a
// setup token, info, update, revoke, and the server version. The device use cases are in
// services/auth Devices.h; these routes only parse and answer.
#include "CoreRoutes.h"
#include "boxoffice/auth/Devices.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

// The version this server reports, as pretix encodes it (major·10^10 + minor·10^7 + patch·10^4 +
// stage·100 + stage number; 50 = release). At or above 4.12.0.dev1 pretixSCAN uses the check-in RPC.
constexpr const char* kPretixVersion = "2025.7.0";
constexpr std::int64_t kPretixNumeric = 20250070005000;
static_assert(kPretixNumeric == 2025LL * 10'000'000'000LL + 7LL * 10'000'000LL + 0LL * 10'000LL + 50LL * 100LL);

json versionJson() { return {{"pretix", kPretixVersion}, {"pretix_numeric", kPretixNumeric}}; }

// The device object of initialize, info, update and revoke. `apiToken`: what the device
// presented or was just given (the store keeps only its hash).
json deviceJson(const model::Device& d, const std::string& apiToken) {
    json gate = nullptr;
    if (!d.gateName.empty()) {
        gate = {{"id", d.id}, {"name", d.gateName}};  // one gate per device: the device's own ID
    }
    return {{"organizer", d.organizerSlug},
            {"device_id", d.id},
            {"unique_serial", d.uniqueSerial},
            {"api_token", apiToken},
            {"name", d.name},
            {"security_profile", d.securityProfile},
            {"gate", gate}};
}

// The API token of the request's "Authorization: Device <t>" header (the route let it through).
std::string presentedToken(const Context& ctx) {
    const std::string header = ctx.request.header("authorization");
    const auto end = header.find_last_not_of(" \t\r\n");
    const auto begin = header.find_last_of(" \t", end);
    return end == std::string::npos ? std::string() : header.substr(begin + 1, end - begin);
}

// Reads the device's self-description; `base` keeps what the body leaves out.
model::Result<auth::DeviceSoftware> readSoftware(const json& body, auth::DeviceSoftware base) {
    model::FieldErrors errors;
    for (auto [key, field] : {std::pair{"hardware_brand", &base.hardwareBrand}, std::pair{"hardware_model", &base.hardwareModel},
                              std::pair{"os_name", &base.osName}, std::pair{"os_version", &base.osVersion},
                              std::pair{"software_brand", &base.softwareBrand},
                              std::pair{"software_version", &base.softwareVersion}}) {
        auto it = body.find(key);
        if (it == body.end()) {
            continue;
        }
        if (it->is_string()) {
            *field = it->get<std::string>();
        } else if (it->is_null()) {
            field->clear();
        } else {
            errors[key].push_back("Not a valid string.");
        }
    }
    if (!errors.empty()) {
        return model::Error::badInput("Invalid device data.", std::move(errors));
    }
    return base;
}

auth::DeviceSoftware softwareOf(const model::Device& d) {
    return {d.hardwareBrand, d.hardwareModel, d.osName, d.osVersion, d.softwareBrand, d.softwareVersion};
}

Response initialize(Context& ctx) {
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    const auto token = body.value().find("token");
    if (token == body.value().end() || !token->is_string()) {
        return Response::fieldErrors({{"token", {token == body.value().end() ? "This field is required."
                                                                               : "Not a valid string."}}});
    }
    auto software = readSoftware(body.value(), {});
    if (!software) {
        return Response::fromError(software.error());
    }
    auto initialized = auth::initializeDevice(ctx.store, token->get<std::string>(), software.value());
    if (!initialized) {
        return Response::fromError(initialized.error());
    }
    return Response::json(deviceJson(initialized->device, initialized->apiToken));
}

Response update(Context& ctx) {
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    auto software = readSoftware(body.value(), softwareOf(*ctx.device));
    if (!software) {
        return Response::fromError(software.error());
    }
    auto updated = auth::updateDevice(ctx.store, ctx.device->id, software.value());
    if (!updated) {
        return Response::fromError(updated.error());
    }
    return Response::json(deviceJson(updated.value(), presentedToken(ctx)));
}

}  // namespace

void registerDeviceRoutes(Router& router) {
    router.add("POST", "/api/v1/device/initialize", Auth::None, initialize);
    router.add("GET", "/api/v1/device/info", Auth::Device, [](Context& ctx) {
        return Response::json({{"device", deviceJson(*ctx.device, presentedToken(ctx))},
                               {"server", {{"version", versionJson()}}},
                               {"medium_key_sets", json::array()}});
    });
    router.add("POST", "/api/v1/device/update", Auth::Device, update);
    router.add("POST", "/api/v1/device/revoke", Auth::Device, [](Context& ctx) {
        auto revoked = auth::revokeDevice(ctx.store, ctx.device->id);
        if (!revoked) {
            return Response::fromError(revoked.error());
        }
        return Response::json(deviceJson(revoked.value(), presentedToken(ctx)));
    });
    router.add("GET", "/api/v1/version", Auth::AnyToken, Devices::Allowed,
               [](Context&) { return Response::json(versionJson()); });
}

}  // namespace boxoffice::server::detail
