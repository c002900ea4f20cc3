#include "boxoffice/sync/Remotes.h"

#include <filesystem>

namespace boxoffice::sync {

namespace {

constexpr const char* kRequired = "This field is required.";

// The remote the settings name (the latest when they name none), as known to the store if it is.
model::Result<model::SyncRemote> namedRemote(model::SyncRepository& repo, const RemoteSettings& s) {
    const bool naming = !s.url.empty() || !s.organizer.empty() || !s.event.empty();
    if (!naming) {
        if (auto latest = repo.latestRemote()) {
            return std::move(*latest);
        }
        return model::Error::badInput(
            "No remote is configured yet. Run once with --url, --token, --organizer and --event.",
            {{"url", {kRequired}}, {"organizer", {kRequired}}, {"event", {kRequired}}, {"token", {kRequired}}});
    }
    if (s.url.empty() || s.organizer.empty() || s.event.empty()) {
        model::FieldErrors missing;
        auto require = [&missing](const char* field, const std::string& value) {
            if (value.empty()) {
                missing[field].push_back(kRequired);
            }
        };
        require("url", s.url);
        require("organizer", s.organizer);
        require("event", s.event);
        return model::Error::badInput("Name the remote completely: --url, --organizer and --event.", std::move(missing));
    }
    if (!s.url.starts_with("http://") && !s.url.starts_with("https://")) {
        std::string message = "\"" + s.url + "\" is not an http:// or https:// URL.";
        return model::Error::badInput(message, {{"url", {message}}});
    }
    model::SyncRemote remote;
    remote.url = s.url;
    while (remote.url.size() > 8 && remote.url.back() == '/') {
        remote.url.pop_back();
    }
    remote.organizer = s.organizer;
    remote.eventSlug = s.event;
    for (const auto& known : repo.remotes()) {
        if (known.url == remote.url && known.organizer == remote.organizer && known.eventSlug == remote.eventSlug) {
            remote = known;
        }
    }
    return remote;
}

}  // namespace

model::Result<ConnectedRemote> connectRemote(model::Store& store, const RemoteSettings& settings) {
    model::SyncRepository repo(store);
    auto found = namedRemote(repo, settings);
    if (!found) {
        return found.error();
    }
    ConnectedRemote connected{std::move(found).value(), {}, {}};
    auto& remote = connected.remote;
    if (!settings.caFile.empty()) {
        remote.caFile = std::filesystem::absolute(settings.caFile).string();
    }
    if (settings.insecure) {
        remote.verifyTls = false;
    }
    TokenVault vault(settings.vault);
    if (!settings.token.empty()) {
        auto saved = vault.save(remote.url, remote.organizer, settings.token);
        if (!saved) {
            return saved.error();
        }
        remote.tokenLocation = saved.value();
        connected.tokenKeptIn = TokenVault::describe(remote.tokenLocation);
        connected.token = settings.token;
    } else {
        auto loaded = vault.load(remote.tokenLocation, remote.url, remote.organizer);
        if (!loaded) {
            return model::Error::badInput(loaded.error().message, {{"token", {loaded.error().message}}});
        }
        connected.token = std::move(loaded.value());
    }
    model::Store::Transaction tx(store);
    repo.saveRemote(remote);
    tx.commit();
    return connected;
}

}  // namespace boxoffice::sync
