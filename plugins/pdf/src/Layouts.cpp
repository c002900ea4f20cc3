#include "boxoffice/pdf/Layouts.h"

#include <fmt/core.h>

#include <algorithm>

#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/Background.h"

namespace boxoffice::pdf {

namespace {

using nlohmann::json;

json normalised(const layout::Layout& l) { return json::parse(layout::toJson(l).dump()); }

// The background file `id`, or why it cannot be one.
std::optional<std::string> backgroundProblem(model::Store& store, const std::string& id,
                                             std::optional<model::Id> uploader) {
    auto file = model::LayoutRepository(store).file(id);
    // An upload is usable by the token that sent it, until it expires; files made on this
    // machine (no owner) by anyone who knows their ID.
    const bool usable = file && (!file->ownerToken || (uploader && *file->ownerToken == *uploader)) &&
                        (!file->expires || *file->expires > model::now());
    if (!usable) {
        return "The submitted file ID was not found.";
    }
    if (file->contentType != "application/pdf") {
        return "The submitted file has a file type that is not allowed in this field.";
    }
    if (auto pdf = render::Background::fromPdf(file->data); !pdf) {
        return pdf.error().message;
    }
    return std::nullopt;
}

// Applies `edit` to `layout`, collecting what is wrong with it.
model::FieldErrors apply(model::Store& store, const LayoutEdit& edit, EditMode mode, model::TicketLayout& layout,
                         std::optional<model::Id> uploader) {
    model::FieldErrors errors;
    const bool replace = mode == EditMode::Replace;
    if (edit.name) {
        if (edit.name->empty()) {
            errors["name"].push_back("This field may not be blank.");
        } else {
            layout.name = *edit.name;
        }
    } else if (replace) {
        errors["name"].push_back("This field is required.");
    }
    if (edit.isDefault || replace) {
        layout.isDefault = edit.isDefault.value_or(false);
    }
    if (edit.layout) {
        auto parsed = layout::parseLayout(*edit.layout);
        if (!parsed) {
            auto it = parsed.error().fields.find("layout");
            errors["layout"] = it != parsed.error().fields.end() ? it->second
                                                                 : std::vector<std::string>{parsed.error().message};
        } else {
            layout.layout = normalised(parsed.value());
        }
    } else if (replace) {
        layout.layout = normalised(layout::defaultLayout());
    }
    if (edit.newBackground) {
        if (auto pdf = render::Background::fromPdf(edit.newBackground->data); !pdf) {
            errors["background"].push_back(pdf.error().message);
        } else {
            model::StoredFile file = *edit.newBackground;
            file.id.clear();
            file.contentType = "application/pdf";
            file.ownerToken.reset();
            file.expires.reset();
            file.created = {};
            if (file.filename.empty()) {
                file.filename = "background.pdf";
            }
            model::LayoutRepository(store).storeFile(file);
            layout.background = file.id;
        }
    } else if (edit.background) {
        const auto& id = *edit.background;
        if (!id || id == layout.background) {
            layout.background = id;
        } else if (auto problem = backgroundProblem(store, *id, uploader)) {
            errors["background"].push_back(*problem);
        } else {
            layout.background = id;
        }
    } else if (replace) {
        layout.background.reset();
    }
    if (edit.itemAssignments) {
        const auto known = model::EventRepository(store).items(layout.eventId);
        for (const auto& a : *edit.itemAssignments) {
            if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.id == a.itemId; })) {
                errors["item_assignments"].push_back(
                    fmt::format("Invalid pk \"{}\" - object does not exist.", a.itemId));
            }
        }
        layout.itemAssignments = *edit.itemAssignments;
    } else if (replace) {
        layout.itemAssignments.clear();
    }
    return errors;
}

// The layout as stored, or NotFound.
model::Result<model::TicketLayout> storedLayout(model::Store& store, model::Id eventId, model::Id layoutId) {
    auto l = model::LayoutRepository(store).byId(eventId, layoutId);
    if (!l) {
        return model::Error::notFound("Not found.");
    }
    return std::move(*l);
}

}  // namespace

model::Result<LayoutEdit> layoutEditFromJson(const json& body) {
    LayoutEdit edit;
    model::FieldErrors errors;
    if (!body.is_object()) {
        return model::Error::badInput("Expected a JSON object.");
    }
    if (body.contains("name")) {
        if (body["name"].is_string()) {
            edit.name = body["name"].get<std::string>();
        } else {
            errors["name"].push_back("This field may not be blank.");
        }
    }
    if (body.contains("default")) {
        if (body["default"].is_boolean()) {
            edit.isDefault = body["default"].get<bool>();
        } else {
            errors["default"].push_back("Must be a valid boolean.");
        }
    }
    if (body.contains("layout")) {
        edit.layout = body["layout"];
    }
    if (body.contains("background")) {
        const json& bg = body["background"];
        if (bg.is_null()) {
            edit.background = std::optional<std::string>();
        } else if (bg.is_string()) {
            edit.background = bg.get<std::string>();
        } else {
            errors["background"].push_back("Expected a file ID (\"file:...\") or null.");
        }
    }
    if (body.contains("item_assignments")) {
        const json& items = body["item_assignments"];
        std::vector<model::TicketLayoutItem> assignments;
        if (!items.is_array()) {
            errors["item_assignments"].push_back("Expected a list of {\"item\", \"sales_channel\"}.");
        } else {
            for (const auto& a : items) {
                if (!a.is_object() || !a.contains("item") || !a["item"].is_number_integer()) {
                    errors["item_assignments"].push_back("Each assignment needs an integer \"item\".");
                    continue;
                }
                model::TicketLayoutItem item;
                item.itemId = a["item"].get<model::Id>();
                item.salesChannel = a.value("sales_channel", std::string("web"));
                assignments.push_back(item);
            }
        }
        edit.itemAssignments = std::move(assignments);
    }
    if (!errors.empty()) {
        return model::Error::badInput("Invalid ticket layout.", std::move(errors));
    }
    return edit;
}

model::Result<model::TicketLayout> saveLayout(model::Store& store, model::Id eventId, std::optional<model::Id> layoutId,
                                              const LayoutEdit& edit, EditMode mode,
                                              std::optional<model::Id> uploader) {
    model::Store::Transaction tx(store);
    if (!model::EventRepository(store).eventById(eventId)) {
        return model::Error::notFound("Not found.");
    }
    model::TicketLayout layout;
    layout.eventId = eventId;
    if (layoutId) {
        auto stored = storedLayout(store, eventId, *layoutId);
        if (!stored) {
            return stored.error();
        }
        layout = std::move(stored.value());
        const auto& base = edit.basedOn;
        if (base && (base->name != layout.name || base->layout != layout.layout || base->background != layout.background)) {
            return model::Error{model::ErrorCode::Conflict,
                                "The layout \"" + layout.name + "\" was changed elsewhere since it was opened.", {}};
        }
    }
    if (auto errors = apply(store, edit, layoutId ? mode : EditMode::Replace, layout, uploader); !errors.empty()) {
        return model::Error::badInput("Invalid ticket layout.", std::move(errors));
    }
    model::LayoutRepository layouts(store);
    layouts.upsert(layout);
    if (layout.background) {
        layouts.keepFile(*layout.background);
    }
    auto stored = storedLayout(store, eventId, layout.id);
    tx.commit();
    return stored;
}

model::Result<bool> deleteLayout(model::Store& store, model::Id eventId, model::Id layoutId) {
    model::Store::Transaction tx(store);
    if (!model::LayoutRepository(store).remove(eventId, layoutId)) {
        return model::Error::notFound("Not found.");
    }
    tx.commit();
    return true;
}

model::Result<model::TicketLayout> duplicateLayout(model::Store& store, model::Id eventId, model::Id layoutId,
                                                   std::string name) {
    model::Store::Transaction tx(store);
    auto original = storedLayout(store, eventId, layoutId);
    if (!original) {
        return original.error();
    }
    model::TicketLayout copy = std::move(original.value());
    copy.id = 0;
    copy.name = name.empty() ? copy.name + " (copy)" : std::move(name);
    copy.isDefault = false;
    copy.itemAssignments.clear();
    model::LayoutRepository(store).upsert(copy);
    auto stored = storedLayout(store, eventId, copy.id);
    tx.commit();
    return stored;
}

model::Result<bool> setDefaultLayout(model::Store& store, model::Id eventId, model::Id layoutId) {
    model::Store::Transaction tx(store);
    auto layout = storedLayout(store, eventId, layoutId);
    if (!layout) {
        return layout.error();
    }
    layout->isDefault = true;
    model::LayoutRepository(store).upsert(layout.value());
    tx.commit();
    return true;
}

model::Result<model::StoredFile> storeUpload(model::Store& store, model::StoredFile file) {
    if (auto pdf = render::Background::fromPdf(file.data); !pdf) {
        return model::Error::badInput(pdf.error().message);
    }
    const auto now = model::now();
    file.contentType = "application/pdf";
    file.expires = now + kUploadLifetime;
    model::Store::Transaction tx(store);
    model::LayoutRepository files(store);
    files.removeExpiredFiles(now);
    if (file.ownerToken) {
        const auto pending = files.pendingUploads(*file.ownerToken, now);
        if (pending.files >= kMaxPendingUploads ||
            pending.bytes + static_cast<std::int64_t>(file.data.size()) > kMaxPendingUploadBytes) {
            return model::Error{model::ErrorCode::Conflict,
                                fmt::format("This token has {} uploads ({} MB) waiting for a layout to use them; at "
                                            "most {} ({} MB) may wait. Use them, or try again when they expire a "
                                            "day after their upload.",
                                            pending.files, pending.bytes >> 20, kMaxPendingUploads,
                                            kMaxPendingUploadBytes >> 20),
                                {}};
        }
    }
    files.storeFile(file);
    tx.commit();
    return file;
}

}  // namespace boxoffice::pdf
