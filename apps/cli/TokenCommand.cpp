// boxoffice-cli token create|list|revoke: API tokens for scanners and other box offices.
#include <fmt/core.h>

#include "Command.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/TokenRepository.h"

namespace boxoffice::cli {
namespace {

struct TokenOptions {
    std::string name;
    std::string organizer;
    std::string event;
    std::string permissions = "checkin";
    long long revokeId = 0;
};

int create(Context& ctx, const TokenOptions& o) {
    const auto permissions = model::Permissions::parse(o.permissions);
    if (!permissions) {
        throw UserError("Unknown permission in \"" + o.permissions +
                        "\". Use checkin, view_orders, change_orders, event_settings or all (pretix's names "
                        "such as can_checkin_orders work too), separated by commas.");
    }
    auto created = auth::issueToken(ctx.store(), o.name, o.organizer,
                                    o.event.empty() ? std::nullopt : std::optional<std::string>(o.event), *permissions);
    if (!created) {
        throw UserError(created.error().message);
    }
    fmt::print("Created token {} \"{}\" for {}/{} that may {}. It is shown only now; store it safely:\n",
               created->record.id, o.name, o.organizer, o.event.empty() ? "*" : o.event,
               created->record.permissions.toString());
    fmt::print("{}\n", created->secret);
    return kExitOk;
}

int list(Context& ctx) {
    auto tokens = model::TokenRepository(ctx.store()).list();
    if (tokens.empty()) {
        fmt::print("No API tokens.\n");
        return kExitOk;
    }
    fmt::print("{:<18} {:<24} {:<28} {:<21} {:<8} {}\n", "ID", "NAME", "SCOPE", "LAST USED", "STATE", "PERMISSIONS");
    for (const auto& t : tokens) {
        fmt::print("{:<18} {:<24} {:<28} {:<21} {:<8} {}\n", t.id, t.name,
                   t.organizerSlug + "/" + (t.eventSlug ? *t.eventSlug : "*"),
                   t.lastUsed ? model::formatTimestamp(*t.lastUsed) : "never", t.revoked ? "revoked" : "active",
                   t.permissions.toString());
    }
    return kExitOk;
}

int revoke(Context& ctx, long long id) {
    if (auto revoked = auth::revokeToken(ctx.store(), id); !revoked) {
        throw UserError(revoked.error().message);
    }
    fmt::print("Token {} revoked.\n", id);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<TokenOptions>();
        auto* token = app.add_subcommand("token", "Create, list and revoke API tokens");
        token->require_subcommand(1);
        auto* c = token->add_subcommand("create", "Create a token; prints it as the last line");
        c->add_option("--name", opts->name, "What the token is for, e.g. \"Gate 1 scanner\"")->required();
        c->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        c->add_option("--event", opts->event, "Event slug (omit for all events of the organizer)");
        c->add_option("--permissions", opts->permissions,
                      "What the token may do, comma-separated: checkin (scan and search: a scanner), view_orders, "
                      "change_orders (create orders), event_settings (check-in lists, layouts, uploads) or all")
            ->capture_default_str();
        auto* l = token->add_subcommand("list", "List tokens (never their secrets)");
        auto* r = token->add_subcommand("revoke", "Revoke a token by ID");
        r->add_option("ID", opts->revokeId, "Token ID from `token list`")->required();
        return [opts, c, l, r](Context& ctx) {
            if (c->parsed()) {
                return create(ctx, *opts);
            }
            if (l->parsed()) {
                return list(ctx);
            }
            if (r->parsed()) {
                return revoke(ctx, opts->revokeId);
            }
            return kExitUsage;
        };
    },
    60}};

}  // namespace
}  // namespace boxoffice::cli
