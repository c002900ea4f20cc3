// The Designer tab's layout as JSON: the source view (SourceDialog), and exporting the layout to
// a pretix layout JSON file and importing one. pretix's layout JSON has no background, so the
// background goes beside it: exporting "name.json" also writes the background as "name.pdf", and
// importing "name.json" offers a "name.pdf" beside it as the background. Files are written and
// read (and an imported one parsed and its PDF checked) on a session worker; a replacement is one
// undo step and stays unsaved until Save.
#include "designer/DesignerPanel.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/Files.h"
#include "designer/BackgroundFiles.h"
#include "designer/SourceDialog.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <wx/filedlg.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

// A layout file bigger than this is not a layout (pretix's are a few kilobytes).
constexpr std::uintmax_t kMaxLayoutFileBytes = 16u * 1024u * 1024u;

// An imported file as read and parsed on the worker.
struct ImportedFile {
    std::string readError;  // the file could not be read (then `parsed` is empty)
    bool tooBig = false;
    SourceParse parsed;
    // The PDF beside it ("name.pdf" beside "name.json"), when there is one: as a background, or
    // why it cannot be one.
    std::optional<std::filesystem::path> pdf;
    std::optional<model::Result<layout::SharedBackground>> background;
};

ImportedFile readLayoutFile(const std::filesystem::path& file) {
    ImportedFile out;
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        out.readError = error.message();
        return out;
    }
    if (size > kMaxLayoutFileBytes) {
        out.tooBig = true;
        return out;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        out.readError = std::strerror(errno);
        return out;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        out.readError = std::strerror(errno);
        return out;
    }
    out.parsed = parseSource(text);
    if (const auto pdf = pdfBeside(file); out.parsed.layout && std::filesystem::is_regular_file(pdf, error)) {
        out.pdf = pdf;
        out.background = readBackgroundFile(pdf);
    }
    return out;
}

} // namespace

void DesignerPanel::replaceLayout(layout::Layout replacement, layout::SharedBackground background) {
    if (!m_document) {
        return;
    }
    m_document->endBurst();
    m_document->replace(std::move(replacement), std::move(background));
    afterChange(true);
}

void DesignerPanel::editSource() {
    const layout::Document* document = m_document.get();
    const model::Id id = *m_layoutId;
    SourceDialog dialog(this, fromUtf8(layout::toJsonText(m_document->layout(), 2)));
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    // Another layout opened while the dialog was open (another event shown): the text was meant
    // for the one that is gone.
    if (!m_document || m_document.get() != document || m_layoutId != id) {
        return;
    }
    auto edited = dialog.layout();
    // Unchanged text is no step of its own.
    if (edited && *edited != m_document->layout()) {
        replaceLayout(std::move(*edited));
    }
}

void DesignerPanel::exportJson() {
    const wxString suggested = suggestedFileName(layoutName(), wxS("layout"), wxS(".json"));
    wxString path;
    if (askJsonExportPath) {
        path = askJsonExportPath(suggested);
    } else {
        wxFileDialog dialog(this, _("Export the layout as JSON"), wxString(), suggested,
                            _("pretix layout JSON (*.json)|*.json|All files (*)|*"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() == wxID_OK) {
            path = dialog.GetPath();
        }
    }
    if (path.empty()) {
        return;
    }
    // The layout as it is edited now, unsaved changes and background included.
    std::string json = layout::toJsonText(m_document->layout(), 2) + "\n";
    const auto file = toPath(path);
    const auto background = m_document->background();
    const auto pdf = pdfBeside(file);
    const wxString pdfPath = background->pdf.empty() ? wxString() : wxString(pdf.wstring());
    session().run<std::string>(
        this,
        [file, pdf, json = std::move(json), background](desk::TaskContext&) {
            std::string error = writeWholeFile(file, json);
            if (error.empty() && !background->pdf.empty()) {
                error = writeWholeFile(
                    pdf, std::string_view(reinterpret_cast<const char*>(background->pdf.data()), background->pdf.size()));
            }
            return error;
        },
        [this, path, pdfPath](std::string&& error) {
            if (!error.empty()) {
                showError(wxString::Format(_("The layout could not be exported to %s: %s"), path, fromUtf8(error)),
                          this);
                return;
            }
            m_state->SetLabel(pdfPath.empty() ? wxString::Format(_("Exported to %s"), path)
                                              : wxString::Format(_("Exported to %s, the background to %s"), path, pdfPath));
        });
}

void DesignerPanel::importJson() {
    wxString path;
    if (askJsonImportPath) {
        path = askJsonImportPath();
    } else {
        wxFileDialog dialog(this, _("Import a layout from JSON"), wxString(), wxString(),
                            _("pretix layout JSON (*.json)|*.json|All files (*)|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (dialog.ShowModal() == wxID_OK) {
            path = dialog.GetPath();
        }
    }
    if (path.empty()) {
        return;
    }
    session().run<ImportedFile>(
        this, [file = toPath(path)](desk::TaskContext&) { return readLayoutFile(file); },
        [this, path, document = m_document.get(), id = *m_layoutId](ImportedFile&& read) {
            // Another layout opened meanwhile: the file was meant for the one that is gone.
            if (m_document.get() != document || m_layoutId != id || !m_document) {
                return;
            }
            wxString why;
            if (read.tooBig) {
                why = _("The file is far too big to be a ticket layout.");
            } else if (!read.readError.empty()) {
                why = fromUtf8(read.readError);
            } else if (!read.parsed.layout) {
                why = problemText(read.parsed);
            }
            if (!why.empty()) {
                showError(wxString::Format(_("The layout was not imported from %s:\n\n%s"), path, why), this);
                return;
            }
            layout::SharedBackground background;
            if (read.background && *read.background) {
                const wxString pdf(read.pdf->wstring());
                if (confirm(wxString::Format(_("Beside the layout is %s. Take it as the layout's background too?"), pdf),
                            _("Take it"), this)) {
                    background = std::move(read.background->value());
                }
            }
            replaceLayout(std::move(*read.parsed.layout), std::move(background));
            if (read.background && !*read.background) {
                showError(wxString::Format(_("The layout was imported, but %s beside it cannot be its background:\n\n%s"),
                                           wxString(read.pdf->wstring()), wxGetTranslation(fromUtf8(read.background->error().message))),
                          this);
            }
        });
}

} // namespace boxoffice::gui
