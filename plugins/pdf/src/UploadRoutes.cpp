// POST /api/v1/upload: files for later use in a layout (pretix's upload API). Only background
// PDFs are taken, checked with poppler before they are stored.
#include <fmt/core.h>

#include "Routes.h"
#include "boxoffice/pdf/Layouts.h"

namespace boxoffice::pdf {
namespace {

using nlohmann::json;
using server::Context;
using server::Response;

// pretix answers a refused upload with a bare list of messages.
Response refused(const std::string& message) { return Response::json(json::array({message}), 400); }

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

std::string lowerAscii(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

// The filename parameter of a Content-Disposition header (quoted or token form); "" if none.
std::string dispositionFilename(const std::string& header) {
    const std::string lowered = lowerAscii(header);
    std::size_t pos = 0;
    while ((pos = lowered.find("filename=", pos)) != std::string::npos) {
        if (pos > 0 && header[pos - 1] != ';' && header[pos - 1] != ' ') {
            pos += 9;
            continue;
        }
        std::string value = header.substr(pos + 9);
        if (!value.empty() && value.front() == '"') {
            const auto end = value.find('"', 1);
            return end == std::string::npos ? std::string() : value.substr(1, end - 1);
        }
        return trim(value.substr(0, value.find(';')));
    }
    return {};
}

}  // namespace

void registerUploadRoutes(server::Router& router) {
    // An upload becomes a layout's background: a change of event settings.
    router.add("POST", "/api/v1/upload", server::Auth::AnyToken,
               server::Permissions{server::Permission::ChangeEventSettings}, [](Context& ctx) {
        const std::string& body = ctx.request.body;
        if (body.empty()) {
            return refused("No file has been submitted.");
        }
        const std::string type = lowerAscii(trim(ctx.request.header("content-type").substr(
            0, ctx.request.header("content-type").find(';'))));
        if (type != "application/pdf") {
            return refused(fmt::format("Content type \"{}\" is not allowed", type));
        }
        const std::string filename = dispositionFilename(ctx.request.header("content-disposition"));
        if (filename.empty()) {
            return Response::detail(400, "Missing filename. Request should include a Content-Disposition header with "
                                         "a filename parameter.");
        }
        if (!lowerAscii(filename).ends_with(".pdf")) {
            return refused(fmt::format("File name \"{}\" has an invalid extension for type \"{}\"", filename, type));
        }
        if (body.size() > kMaxUploadBytes) {
            return refused(fmt::format("The submitted file is too large (at most {} MB).", kMaxUploadBytes >> 20));
        }
        model::StoredFile file;
        file.filename = filename;
        file.data.assign(body.begin(), body.end());
        file.ownerToken = ctx.token->id;
        auto stored = storeUpload(ctx.store, std::move(file));
        if (!stored && stored.error().code == model::ErrorCode::Conflict) {
            // The token's quota of waiting uploads: it frees up as they are used or expire.
            auto tooMany = Response::detail(429, stored.error().message);
            tooMany.headers.emplace_back("Retry-After", "3600");
            return tooMany;
        }
        if (!stored && stored.error().code == model::ErrorCode::Busy) {
            return Response::fromError(stored.error());
        }
        if (!stored) {
            return refused(stored.error().message);
        }
        return Response::json({{"id", stored->id}}, 201);
    });
}

}  // namespace boxoffice::pdf
