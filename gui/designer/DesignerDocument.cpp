// The Designer tab's document: listing the event's layouts in the layout choice (the ticket
// layouts, then the event's certificate of attendance), opening one for editing and saving it.
// Reading and storing run on the session's workers. A ticket layout is saved through
// pdf::saveLayout (storeLayout), the certificate through certificates::saveEventLayout
// (DesignerCertificate.cpp); both with the layout as opened, so a change made elsewhere is not
// overwritten without asking.
#include "designer/DesignerPanel.h"

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/Layouts.h"
#include "boxoffice/render/TicketLoader.h"
#include "designer/BackgroundFiles.h"
#include "designer/LayoutActions.h"
#include "designer/PreflightPanel.h"
#include "designer/PropertiesPanel.h"

#include <algorithm>
#include <utility>
#include <wx/choice.h>
#include <wx/textdlg.h>

namespace boxoffice::gui {

namespace {

// A layout read for editing, with what its canvas draws it with.
struct Opened {
    model::Id id = 0;
    model::TicketLayout stored;                                // a ticket layout as stored
    std::optional<certificates::OpenedLayout> certificate;    // the certificate as opened
    layout::Layout layout;
    std::shared_ptr<const CanvasDesign> design;
};

// What the layout choice lists: the ticket layouts and the event's certificate layout (its JSON:
// the stored one's, or the built-in design's when it stores none).
struct Listed {
    std::vector<LayoutSummary> layouts;
    LayoutSummary certificate;
};

// The layout as the save use case stores it (mm with two decimals ...), to tell whether the
// stored one is the one being edited.
std::string normalised(const layout::Layout& layout) { return layout::toJsonText(layout, -1); }

// The event's certificate layout for editing: the stored one with its background, or the
// built-in design; drawn with the certificate's sample data. Runs on a worker.
model::Result<Opened> openCertificate(model::Store& store, model::Id event) {
    Opened out;
    out.id = kCertificateLayout;
    model::LayoutRepository repository(store);
    const auto stored = repository.certificateLayout(event);
    auto design = std::make_shared<CanvasDesign>();
    if (stored) {
        auto parsed = layout::parseLayout(stored->layout);
        if (!parsed) {
            return parsed.error();
        }
        out.layout = std::move(parsed.value());
        auto background = readStoredBackground(repository, stored->background);
        if (!background) {
            return background.error();
        }
        design->background = std::move(background.value());
        out.certificate = certificates::OpenedLayout{stored->modified};
    } else {
        out.layout = certificates::defaultCertificateLayout();
        out.certificate = certificates::OpenedLayout{std::nullopt};
    }
    auto data = certificates::previewData(store, event);
    if (!data) {
        return data.error();
    }
    design->data = std::move(data.value());
    out.design = std::move(design);
    return out;
}

} // namespace

wxString DesignerPanel::layoutName() const {
    if (m_layoutId == kCertificateLayout) {
        return _("Certificate of attendance");
    }
    return m_opened ? fromUtf8(m_opened->name) : wxString();
}

void DesignerPanel::doReload() {
    const model::Id event = eventId();
    if (m_document && event != m_documentEvent) {
        // Another event: its layouts replace this one. Unsaved changes are saved first if wanted.
        if (m_document->modified() && m_layoutId &&
            confirm(_("The layout you were designing has changes that are not saved. Save them before showing the "
                      "other event?"),
                    _("Save"), this)) {
            session().run<model::Result<bool>>(
                this,
                [previous = m_documentEvent, id = *m_layoutId, json = normalised(m_document->layout()),
                 background = m_document->background()](desk::TaskContext& context) -> model::Result<bool> {
                    if (id == kCertificateLayout) {
                        auto saved = storeCertificate(context.store, previous, json, background);
                        return saved ? model::Result<bool>(true) : model::Result<bool>(saved.error());
                    }
                    auto saved = storeLayout(context.store, previous, id, json, background);
                    return saved ? model::Result<bool>(true) : model::Result<bool>(saved.error());
                },
                [this](model::Result<bool>&& saved) {
                    if (!saved) {
                        showError(wxString::Format(_("The layout could not be saved: %s"), fromUtf8(saved.error().message)), this);
                    }
                });
        }
        m_canvas->setDocument(nullptr, nullptr);
        m_properties->show(nullptr);
        m_preflight->clear();
        m_document.reset();
        m_layoutId.reset();
        m_opened.reset();
        m_openedCertificate.reset();
        m_documentEvent = 0;
        m_wantOpen.reset();
    }
    if (event == 0) {
        m_layouts.clear();
        fillLayoutChoice();
        updateState();
        return;
    }
    m_listTask = session().run<Listed>(
        this,
        [event](desk::TaskContext& context) {
            Listed out;
            model::LayoutRepository repository(context.store);
            for (const auto& stored : repository.list(event)) {
                auto parsed = layout::parseLayout(stored.layout);
                out.layouts.push_back({stored.id, stored.name, stored.isDefault,
                                       parsed ? normalised(parsed.value()) : stored.layout.dump(),
                                       stored.background && !stored.background->empty() ? stored.background : std::nullopt});
            }
            out.certificate.id = kCertificateLayout;
            if (const auto stored = repository.certificateLayout(event)) {
                auto parsed = layout::parseLayout(stored->layout);
                out.certificate.json = parsed ? normalised(parsed.value()) : stored->layout.dump();
                out.certificate.background = stored->background;
            } else {
                out.certificate.json = normalised(certificates::defaultCertificateLayout());
            }
            return out;
        },
        [this, event](Listed&& read) {
            if (event != eventId()) {
                return;
            }
            m_layouts = std::move(read.layouts);
            fillLayoutChoice();
            auto listed = [this](model::Id id) {
                return std::find_if(m_layouts.begin(), m_layouts.end(), [id](const LayoutSummary& l) { return l.id == id; });
            };
            if (m_wantOpen && listed(*m_wantOpen) != m_layouts.end()) {
                const model::Id id = *m_wantOpen;
                m_wantOpen.reset();
                open(id);
            } else if (m_layoutId == kCertificateLayout) {
                // Changed elsewhere (stored or reset by another desk) while unchanged here: shown as stored.
                if (m_document && !m_document->modified() &&
                    (read.certificate.json != normalised(m_document->layout()) ||
                     read.certificate.background != m_document->background()->storedId)) {
                    open(kCertificateLayout);
                }
            } else if (!m_layoutId || listed(*m_layoutId) == m_layouts.end()) {
                if (m_opening) {
                    // The layout being opened arrives in a moment.
                } else if (m_layouts.empty()) {
                    m_canvas->setDocument(nullptr, nullptr);
                    m_preflight->clear();
                    m_document.reset();
                    m_layoutId.reset();
                    m_opened.reset();
                    m_openedCertificate.reset();
                    m_properties->show(nullptr);
                } else {
                    const auto chosen = std::find_if(m_layouts.begin(), m_layouts.end(),
                                                     [](const LayoutSummary& l) { return l.isDefault; });
                    open(chosen != m_layouts.end() ? chosen->id : m_layouts.front().id);
                }
            } else if (m_document && !m_document->modified() &&
                       (listed(*m_layoutId)->json != normalised(m_document->layout()) ||
                        listed(*m_layoutId)->background != m_document->background()->storedId)) {
                // Changed elsewhere (the LAN API, another desk) while unchanged here: shown as stored.
                open(*m_layoutId);
            }
            updateState();
        });
}

void DesignerPanel::open(model::Id layoutId) {
    const model::Id event = eventId();
    m_opening = true;
    updateState();
    m_openTask = session().run<model::Result<Opened>>(
        this,
        [event, layoutId](desk::TaskContext& context) -> model::Result<Opened> {
            if (layoutId == kCertificateLayout) {
                return openCertificate(context.store, event);
            }
            model::LayoutRepository repository(context.store);
            auto stored = repository.byId(event, layoutId);
            if (!stored) {
                return model::Error::notFound("The layout is gone.");
            }
            auto parsed = layout::parseLayout(stored->layout);
            if (!parsed) {
                return parsed.error();
            }
            auto design = std::make_shared<CanvasDesign>();
            auto background = readStoredBackground(repository, stored->background);
            if (!background) {
                return background.error();
            }
            design->background = std::move(background.value());
            auto data = render::TicketLoader(context.store).preview(event);
            if (!data) {
                return data.error();
            }
            design->data = std::move(data.value());
            return Opened{layoutId, std::move(*stored), std::nullopt, std::move(parsed.value()), std::move(design)};
        },
        [this, event](model::Result<Opened>&& opened) {
            m_opening = false;
            if (event != eventId()) {
                return;
            }
            if (!opened) {
                updateState();
                showError(wxString::Format(_("The layout cannot be opened: %s"), fromUtf8(opened.error().message)), this);
                return;
            }
            if (m_layoutId != opened->id) {
                m_measured->clear();
                m_canvas->clearGuides();  // guides belong to the layout they were made on
            }
            auto next = std::make_unique<layout::Document>(std::move(opened->layout), measuredHeights(m_measured),
                                                           opened->design->background);
            // The canvas lets go of the old document (a gesture in progress ends) before it goes.
            m_canvas->setDocument(next.get(), opened->design);
            m_preflight->clear();
            m_document = std::move(next);
            m_layoutId = opened->id;
            if (opened->certificate) {
                m_opened.reset();
            } else {
                m_opened = std::move(opened->stored);
            }
            m_openedCertificate.reset();
            if (opened->certificate) {
                m_openedCertificate = OpenedCertificate{opened->certificate->modified};
            }
            m_properties->setCatalogue(opened->certificate ? layout::CatalogueKind::Certificate
                                                           : layout::CatalogueKind::Ticket);
            m_documentEvent = event;
            fillLayoutChoice();
            afterChange(false);
        },
        [this](const wxString& error) {
            m_opening = false;
            updateState();
            showError(error, this);
        });
}

void DesignerPanel::save(bool overwrite) {
    if (!m_document || !m_layoutId || m_saving || eventId() == 0 || m_documentEvent != eventId()) {
        return;
    }
    if (*m_layoutId == kCertificateLayout) {
        saveCertificate(overwrite);
        return;
    }
    std::optional<model::TicketLayout> basedOn;
    if (!overwrite) {
        basedOn = m_opened;
    }
    m_saving = true;
    updateState();
    m_canvas->SetFocus();
    session().run<model::Result<model::TicketLayout>>(
        this,
        [event = eventId(), id = *m_layoutId, json = normalised(m_document->layout()), background = m_document->background(),
         basedOn = std::move(basedOn)](desk::TaskContext& context) {
            return storeLayout(context.store, event, id, json, background, basedOn);
        },
        [this, saved = m_document->layout(), background = m_document->background(),
         document = m_document.get()](model::Result<model::TicketLayout>&& stored) {
            m_saving = false;
            if (!stored) {
                if (stored.error().code == model::ErrorCode::Conflict && m_document.get() == document) {
                    askToOverwrite();
                    return;
                }
                saveFailed(wxString::Format(_("The layout could not be saved: %s"), fromUtf8(stored.error().message)));
                return;
            }
            auto storedBackground = storedAs(background, stored.value());
            if (m_document.get() == document) {
                m_opened = std::move(stored.value());
            }
            afterSaved(m_document.get() == document, saved, background, storedBackground);
        },
        [this](const wxString& error) { saveFailed(error); });
}

void DesignerPanel::askToOverwrite() {
    updateState();
    if (askOverwrite(layoutName(), this)) {
        save(true);
    } else {
        m_closeAfterSave = false;
    }
}

void DesignerPanel::afterSaved(bool sameDocument, const layout::Layout& saved, const layout::SharedBackground& background,
                               const layout::SharedBackground& storedBackground) {
    if (sameDocument) {
        m_document->backgroundStored(background, storedBackground);
        // Edits made while it was being saved stay unsaved.
        if (m_document->layout() == saved && m_document->background() == (storedBackground ? storedBackground : background)) {
            m_document->markSaved();
        }
    }
    updateState();
    if (std::exchange(m_closeAfterSave, false) && !modified()) {
        if (wxWindow* window = wxGetTopLevelParent(this)) {
            window->Close();
        }
    }
}

void DesignerPanel::saveFailed(const wxString& message) {
    m_saving = false;
    m_closeAfterSave = false;
    updateState();
    showError(message, this);
}

void DesignerPanel::newLayout() {
    if (eventId() == 0) {
        return;
    }
    if (modified() && !confirm(_("Discard the unsaved changes of this layout?"), _("Discard"), this)) {
        return;
    }
    const wxString name = wxGetTextFromUser(_("Name of the new layout:"), _("New layout"), _("New layout"), this);
    if (name.empty()) {
        return;
    }
    session().run<model::Result<model::TicketLayout>>(
        this,
        [event = eventId(), name = name.utf8_string()](desk::TaskContext& context) {
            // pretix's default design on the background of the event's default layout (pretix's
            // default A4 page for an event set up here or imported), blank A4 without one.
            pdf::LayoutEdit edit;
            edit.name = name;
            edit.layout = nlohmann::json::parse(normalised(layout::defaultLayout()));
            if (const auto current = model::LayoutRepository(context.store).defaultLayout(event)) {
                edit.background = current->background;
            }
            return pdf::saveLayout(context.store, event, std::nullopt, edit, pdf::EditMode::Replace);
        },
        [this](model::Result<model::TicketLayout>&& made) {
            if (!made) {
                showError(wxString::Format(_("The layout could not be made: %s"), fromUtf8(made.error().message)), this);
                return;
            }
            m_wantOpen = made->id;
            reload();
        });
}

void DesignerPanel::chooseLayout() {
    const int at = m_layoutChoice->GetSelection();
    if (at < 0 || static_cast<std::size_t>(at) > m_layouts.size()) {
        return;
    }
    // The entry after the ticket layouts is the certificate's.
    const model::Id id =
        static_cast<std::size_t>(at) == m_layouts.size() ? kCertificateLayout : m_layouts[static_cast<std::size_t>(at)].id;
    if (m_layoutId == id) {
        return;
    }
    if (modified() && !confirm(_("Discard the unsaved changes of this layout?"), _("Discard"), this)) {
        fillLayoutChoice();
        return;
    }
    open(id);
}

void DesignerPanel::fillLayoutChoice() {
    m_layoutChoice->Clear();
    int selection = wxNOT_FOUND;
    for (const auto& l : m_layouts) {
        const wxString name = fromUtf8(l.name);
        // TRANSLATORS: a layout's name in the list of layouts, marked as the event's default.
        const int at = m_layoutChoice->Append(l.isDefault ? wxString::Format(_("%s (default)"), name) : name);
        if (m_layoutId && *m_layoutId == l.id) {
            selection = at;
        }
    }
    if (eventId() != 0) {
        const int at = m_layoutChoice->Append(_("Certificate of attendance"));
        if (m_layoutId == kCertificateLayout) {
            selection = at;
        }
    }
    m_layoutChoice->SetSelection(selection);
    m_layoutChoice->Enable(eventId() != 0);
}

} // namespace boxoffice::gui
