#include "designer/BackgroundFiles.h"

#include "boxoffice/model/Files.h"
#include "boxoffice/render/BackgroundPdf.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>
#include <utility>
#include <wx/intl.h>

namespace boxoffice::gui {

model::Result<layout::SharedBackground> backgroundOf(std::vector<unsigned char> pdf, std::optional<std::string> storedId) {
    auto info = render::inspectBackground(pdf);
    if (!info) {
        return info.error();
    }
    layout::BackgroundFile file;
    file.pages = info->pages;
    file.width = layout::Length::pt(info->size.width);
    file.height = layout::Length::pt(info->size.height);
    if (!pdf.empty()) {
        file.pdf = std::move(pdf);
        file.storedId = std::move(storedId);
    }
    return std::make_shared<const layout::BackgroundFile>(std::move(file));
}

model::Result<layout::SharedBackground> readStoredBackground(model::LayoutRepository& files,
                                                             const std::optional<std::string>& id) {
    if (!id || id->empty()) {
        return std::make_shared<const layout::BackgroundFile>();
    }
    auto file = files.file(*id);
    if (!file) {
        return model::Error::notFound("The layout's background PDF is missing.");
    }
    auto background = backgroundOf(std::move(file->data), *id);
    if (!background) {
        // Shown as the renderer would print it: it refuses the ticket (spec §6.12), the canvas
        // says why. The file stays the layout's until another is chosen.
        layout::BackgroundFile unreadable;
        unreadable.pdf = std::move(file->data);
        unreadable.storedId = *id;
        return std::make_shared<const layout::BackgroundFile>(std::move(unreadable));
    }
    return background;
}

model::Result<layout::SharedBackground> readBackgroundFile(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        return model::Error{model::ErrorCode::Io, error.message(), {}};
    }
    if (size > kMaxBackgroundBytes) {
        return model::Error::badInput(wxTRANSLATE("The file is bigger than 10 MB."));
    }
    std::ifstream in(file, std::ios::binary);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
        return model::Error{model::ErrorCode::Io, std::strerror(errno), {}};
    }
    if (bytes.empty()) {
        return model::Error::badInput(wxTRANSLATE("The file is empty."));
    }
    return backgroundOf(std::move(bytes));
}

model::Result<layout::SharedBackground> makeBlankBackground(render::PageSize size, int pages) {
    auto pdf = render::blankBackground(size, pages);
    if (!pdf) {
        return pdf.error();
    }
    return backgroundOf(std::move(pdf.value()));
}

model::Result<layout::SharedBackground> addBlankPage(const layout::SharedBackground& background) {
    auto pdf = render::withBlankPages(background ? background->pdf : std::vector<unsigned char>{});
    if (!pdf) {
        return pdf.error();
    }
    return backgroundOf(std::move(pdf.value()));
}

model::Result<layout::SharedBackground> removeBackgroundPage(const layout::SharedBackground& background, int page) {
    auto pdf = render::withoutPage(background ? background->pdf : std::vector<unsigned char>{}, page);
    if (!pdf) {
        return pdf.error();
    }
    return backgroundOf(std::move(pdf.value()));
}

void putBackground(pdf::LayoutEdit& edit, const layout::SharedBackground& background) {
    if (!background || background->pdf.empty()) {
        edit.background = std::optional<std::string>();
    } else if (background->storedId) {
        edit.background = background->storedId;
    } else {
        model::StoredFile file;
        file.filename = "background.pdf";
        file.data = background->pdf;
        edit.newBackground = std::move(file);
    }
}

model::Result<model::TicketLayout> storeLayout(model::Store& store, model::Id eventId, model::Id layoutId,
                                               const std::string& json, const layout::SharedBackground& background,
                                               std::optional<model::TicketLayout> basedOn) {
    pdf::LayoutEdit edit;
    edit.layout = nlohmann::json::parse(json);
    putBackground(edit, background);
    edit.basedOn = std::move(basedOn);
    return pdf::saveLayout(store, eventId, layoutId, edit, pdf::EditMode::Patch);
}

layout::SharedBackground storedAs(const layout::SharedBackground& sent, const model::TicketLayout& stored) {
    if (!sent || sent->pdf.empty() || sent->storedId || !stored.background) {
        return nullptr;
    }
    layout::BackgroundFile file = *sent;
    file.storedId = stored.background;
    return std::make_shared<const layout::BackgroundFile>(std::move(file));
}

model::Result<model::CertificateLayout> storeCertificate(model::Store& store, model::Id eventId, const std::string& json,
                                                         const layout::SharedBackground& background,
                                                         std::optional<certificates::OpenedLayout> basedOn) {
    std::optional<std::vector<unsigned char>> pdf;
    if (background && !background->pdf.empty()) {
        pdf = background->pdf;
    }
    return certificates::saveEventLayout(store, eventId, json, pdf, basedOn);
}

layout::SharedBackground storedAs(const layout::SharedBackground& sent, const model::CertificateLayout& stored) {
    if (!sent || sent->pdf.empty() || !stored.background) {
        return nullptr;
    }
    layout::BackgroundFile file = *sent;
    file.storedId = stored.background;
    return std::make_shared<const layout::BackgroundFile>(std::move(file));
}

std::filesystem::path pdfBeside(const std::filesystem::path& json) {
    auto pdf = json;
    if (pdf.extension() == ".pdf") {
        pdf += ".pdf";  // "layout.pdf" exported as JSON: its background is "layout.pdf.pdf", not itself
    } else {
        pdf.replace_extension(".pdf");
    }
    return pdf;
}

std::string writeWholeFile(const std::filesystem::path& file, const std::string_view bytes) {
    const auto temporary = model::temporaryBeside(file);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            return std::strerror(errno);
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            const std::string why = std::strerror(errno);
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return why;
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return error.message();
    }
    return {};
}

}  // namespace boxoffice::gui
