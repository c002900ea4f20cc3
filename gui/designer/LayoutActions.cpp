// The Designer tab's Manage layout menu: rename, duplicate, delete, make default, products. Each
// runs its pdf/Layouts.h use case on a session worker; the layout choice is filled again from the
// reload that follows. The menu's JSON entries (source, export, import) are in LayoutSource.cpp.
#include "designer/LayoutActions.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/Layouts.h"
#include "designer/DesignerPanel.h"
#include "designer/PreflightPanel.h"
#include "designer/PropertiesPanel.h"
#include "designer/ProductsDialog.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

namespace boxoffice::gui {

namespace {

enum MenuId {
    kRename = wxID_HIGHEST + 760,
    kDuplicate,
    kDelete,
    kMakeDefault,
    kProducts,
    kSource,
    kExportJson,
    kImportJson,
    kResetCertificate,
};

// What the products dialog starts from, read on a worker.
struct ProductsOf {
    std::vector<model::Item> items;
    std::vector<model::TicketLayout> layouts;
};

} // namespace

bool askOverwrite(const wxString& layoutName, wxWindow* parent) {
    const wxString question = wxString::Format(
        _("The layout \"%s\" was changed elsewhere (by a scanner client or another box office) since you opened "
          "it.\n\nOverwrite that change with your version, or cancel and keep editing? Cancel loses nothing: your "
          "changes stay here, unsaved."),
        layoutName);
    wxMessageDialog dialog(parent, question, _("Box Office"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    dialog.SetYesNoLabels(_("&Overwrite"), _("Cancel"));
    return dialog.ShowModal() == wxID_YES;
}

bool DesignerPanel::mayClose() {
    if (!modified()) {
        return true;
    }
    if (m_saving) {
        m_closeAfterSave = true;  // the save under way closes the window when it is done
        return false;
    }
    const wxString name = layoutName();
    wxMessageDialog dialog(this,
                           wxString::Format(_("The layout \"%s\" has changes that are not saved. Save them before "
                                              "closing?"),
                                            name),
                           _("Box Office"), wxYES_NO | wxCANCEL | wxCANCEL_DEFAULT | wxICON_QUESTION);
    dialog.SetYesNoCancelLabels(_("&Save"), _("&Discard"), _("Cancel"));
    switch (dialog.ShowModal()) {
    case wxID_YES:
        m_closeAfterSave = true;
        save();
        if (!m_saving) {  // nothing to save it to (no event or layout open): keep the window
            m_closeAfterSave = false;
        }
        return false;
    case wxID_NO:
        return true;
    default:
        return false;
    }
}

void DesignerPanel::showLayoutMenu() {
    if (!m_layoutId) {
        return;
    }
    const auto current = std::find_if(m_layouts.begin(), m_layouts.end(),
                                       [this](const LayoutSummary& l) { return l.id == *m_layoutId; });
    const bool isDefault = current != m_layouts.end() && current->isDefault;
    wxMenu menu;
    menu.Append(kRename, _("&Rename..."));
    menu.Append(kDuplicate, _("D&uplicate"));
    menu.Append(kDelete, _("&Delete..."));
    menu.AppendSeparator();
    menu.Append(kMakeDefault, _("Make &default"));
    menu.Append(kProducts, _("&Products..."));
    menu.AppendSeparator();
    menu.Append(kSource, _("JSON &source..."));
    menu.Append(kImportJson, _("&Import JSON..."));
    menu.Append(kExportJson, _("&Export JSON..."));
    const bool certificate = *m_layoutId == kCertificateLayout;
    if (certificate) {
        menu.AppendSeparator();
        menu.Append(kResetCertificate, _("Reset to the &built-in design..."));
        // Nothing to reset while the built-in design is open unchanged.
        menu.Enable(kResetCertificate, modified() || (m_openedCertificate && m_openedCertificate->modified));
    }
    // The certificate has no name, copies, default or products of its own.
    for (const int id : {kRename, kDuplicate, kProducts}) {
        menu.Enable(id, !certificate);
    }
    menu.Enable(kDelete, !isDefault && !certificate);
    menu.Enable(kMakeDefault, !isDefault && !certificate);
    menu.Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
        switch (event.GetId()) {
            case kRename: layoutAction(LayoutAction::Rename); break;
            case kDuplicate: layoutAction(LayoutAction::Duplicate); break;
            case kDelete: layoutAction(LayoutAction::Delete); break;
            case kMakeDefault: layoutAction(LayoutAction::MakeDefault); break;
            case kProducts: layoutAction(LayoutAction::Products); break;
            case kSource: layoutAction(LayoutAction::Source); break;
            case kExportJson: layoutAction(LayoutAction::ExportJson); break;
            case kImportJson: layoutAction(LayoutAction::ImportJson); break;
            case kResetCertificate: layoutAction(LayoutAction::ResetCertificate); break;
            default: break;
        }
    });
    m_manage->PopupMenu(&menu, 0, m_manage->GetSize().y);
}

void DesignerPanel::layoutAction(LayoutAction action) {
    if (!m_layoutId || !m_document || m_saving || eventId() == 0 || m_documentEvent != eventId()) {
        return;
    }
    const bool certificate = *m_layoutId == kCertificateLayout;
    const bool ticketOnly = action == LayoutAction::Rename || action == LayoutAction::Duplicate ||
                            action == LayoutAction::Delete || action == LayoutAction::MakeDefault ||
                            action == LayoutAction::Products;
    if ((certificate && ticketOnly) || (!certificate && action == LayoutAction::ResetCertificate)) {
        return;
    }
    guardedCall(
        [&] {
            switch (action) {
                case LayoutAction::Rename: renameLayout(); break;
                case LayoutAction::Duplicate: duplicateLayout(); break;
                case LayoutAction::Delete: deleteLayout(); break;
                case LayoutAction::MakeDefault: makeDefaultLayout(); break;
                case LayoutAction::Products: editProducts(); break;
                case LayoutAction::Source: editSource(); break;
                case LayoutAction::ExportJson: exportJson(); break;
                case LayoutAction::ImportJson: importJson(); break;
                case LayoutAction::ResetCertificate: resetCertificate(); break;
            }
        },
        this);
}

void DesignerPanel::showLayoutError(const wxString& what, const model::Error& error) {
    wxString why;
    switch (error.code) {
        case model::ErrorCode::NotFound: why = _("It no longer exists: it may have been deleted elsewhere."); break;
        case model::ErrorCode::Busy: why = _("The database is busy. Please try again in a moment."); break;
        default:
            why = fromUtf8(error.message);
            for (const auto& [field, messages] : error.fields) {
                for (const auto& message : messages) {
                    why += wxS("\n") + fromUtf8(message);
                }
            }
            break;
    }
    showError(what + wxS("\n\n") + why, this);
}

void DesignerPanel::renameLayout() {
    const wxString current = m_opened ? fromUtf8(m_opened->name) : wxString();
    wxTextEntryDialog dialog(this, _("New name of the layout:"), _("Rename layout"), current);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    wxString name = dialog.GetValue();
    name.Trim().Trim(false);
    if (name.empty() || name == current) {
        return;
    }
    session().run<model::Result<model::TicketLayout>>(
        this,
        [event = eventId(), id = *m_layoutId, name = name.utf8_string()](desk::TaskContext& context) {
            pdf::LayoutEdit edit;
            edit.name = name;
            return pdf::saveLayout(context.store, event, id, edit, pdf::EditMode::Patch);
        },
        [this, id = *m_layoutId](model::Result<model::TicketLayout>&& renamed) {
            if (!renamed) {
                showLayoutError(_("The layout could not be renamed."), renamed.error());
                return;
            }
            // Only the name: a design changed elsewhere meanwhile is still a conflict for Save.
            if (m_opened && m_layoutId == id) {
                m_opened->name = renamed->name;
            }
            reload();
        });
}

void DesignerPanel::duplicateLayout() {
    if (modified() && !confirm(_("Discard the unsaved changes of this layout? The copy is made of the layout as "
                                 "saved."),
                               _("Discard"), this)) {
        return;
    }
    // TRANSLATORS: the name of a copy of a layout.
    const wxString name = wxString::Format(_("%s (copy)"), m_opened ? fromUtf8(m_opened->name) : wxString());
    session().run<model::Result<model::TicketLayout>>(
        this,
        [event = eventId(), id = *m_layoutId, name = name.utf8_string()](desk::TaskContext& context) {
            return pdf::duplicateLayout(context.store, event, id, name);
        },
        [this](model::Result<model::TicketLayout>&& made) {
            if (!made) {
                showLayoutError(_("The layout could not be duplicated."), made.error());
                return;
            }
            m_wantOpen = made->id;
            reload();
        });
}

void DesignerPanel::deleteLayout() {
    const auto current = std::find_if(m_layouts.begin(), m_layouts.end(),
                                      [this](const LayoutSummary& l) { return l.id == *m_layoutId; });
    if (current != m_layouts.end() && current->isDefault) {
        showError(_("This is the event's default layout: make another layout the default before deleting this one."),
                  this);
        return;
    }
    const wxString name = m_opened ? fromUtf8(m_opened->name) : wxString();
    const wxString question =
        modified() ? wxString::Format(_("Delete the layout \"%s\" with its unsaved changes? Its products will print "
                                        "with the default layout. This cannot be undone."),
                                      name)
                   : wxString::Format(_("Delete the layout \"%s\"? Its products will print with the default layout. "
                                        "This cannot be undone."),
                                      name);
    if (!confirm(question, _("Delete"), this)) {
        return;
    }
    session().run<model::Result<bool>>(
        this,
        [event = eventId(), id = *m_layoutId](desk::TaskContext& context) {
            return pdf::deleteLayout(context.store, event, id);
        },
        [this, id = *m_layoutId](model::Result<bool>&& deleted) {
            if (!deleted) {
                showLayoutError(_("The layout could not be deleted."), deleted.error());
                return;
            }
            if (m_layoutId == id) {
                // The reload opens the default layout in its place.
                m_canvas->setDocument(nullptr, nullptr);
                m_properties->show(nullptr);
                m_preflight->clear();
                m_document.reset();
                m_layoutId.reset();
                m_opened.reset();
            }
            reload();
        });
}

void DesignerPanel::makeDefaultLayout() {
    session().run<model::Result<bool>>(
        this,
        [event = eventId(), id = *m_layoutId](desk::TaskContext& context) {
            return pdf::setDefaultLayout(context.store, event, id);
        },
        [this](model::Result<bool>&& made) {
            if (!made) {
                showLayoutError(_("The layout could not be made the default."), made.error());
                return;
            }
            reload();
        });
}

void DesignerPanel::editProducts() {
    session().run<ProductsOf>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            ProductsOf read;
            read.items = model::EventRepository(context.store).items(event);
            read.layouts = model::LayoutRepository(context.store).list(event);
            return read;
        },
        [this, event = eventId(), id = *m_layoutId](ProductsOf&& read) {
            if (event != eventId() || m_layoutId != id) {
                return;
            }
            const auto self = std::find_if(read.layouts.begin(), read.layouts.end(),
                                           [id](const model::TicketLayout& l) { return l.id == id; });
            if (self == read.layouts.end()) {
                showLayoutError(_("The products of the layout cannot be shown."), model::Error::notFound({}));
                return;
            }
            if (read.items.empty()) {
                showError(_("This event has no products yet: add them on the Event tab first."), this);
                return;
            }
            std::vector<ProductChoice> choices;
            for (const auto& item : read.items) {
                ProductChoice choice{item.id, localized(item.name), {}, false};
                for (const auto& l : read.layouts) {
                    for (const auto& a : l.itemAssignments) {
                        if (a.itemId != item.id) {
                            continue;
                        }
                        if (l.id == id) {
                            choice.assigned = true;
                        } else if (choice.otherLayout.empty()) {
                            choice.otherLayout = fromUtf8(l.name);
                        }
                    }
                }
                choices.push_back(std::move(choice));
            }
            ProductsDialog dialog(this, fromUtf8(self->name), choices);
            if (dialog.ShowModal() != wxID_OK) {
                return;
            }
            const auto checked = dialog.checked();
            // The layout's assignments of the products still checked stay as they are (with their
            // sales channels); a product newly checked is assigned for each channel it is sold in.
            std::vector<model::TicketLayoutItem> assignments;
            for (const auto& a : self->itemAssignments) {
                if (std::find(checked.begin(), checked.end(), a.itemId) != checked.end()) {
                    assignments.push_back(a);
                }
            }
            for (const auto& item : read.items) {
                const bool had = std::any_of(self->itemAssignments.begin(), self->itemAssignments.end(),
                                             [&](const model::TicketLayoutItem& a) { return a.itemId == item.id; });
                if (had || std::find(checked.begin(), checked.end(), item.id) == checked.end()) {
                    continue;
                }
                const std::vector<std::string> channels =
                    item.salesChannels.empty() ? std::vector<std::string>{"web"} : item.salesChannels;
                for (const auto& channel : channels) {
                    model::TicketLayoutItem a;
                    a.layoutId = id;
                    a.itemId = item.id;
                    a.salesChannel = channel;
                    assignments.push_back(a);
                }
            }
            session().run<model::Result<model::TicketLayout>>(
                this,
                [event, id, assignments = std::move(assignments)](desk::TaskContext& context) {
                    pdf::LayoutEdit edit;
                    edit.itemAssignments = assignments;
                    return pdf::saveLayout(context.store, event, id, edit, pdf::EditMode::Patch);
                },
                [this](model::Result<model::TicketLayout>&& saved) {
                    if (!saved) {
                        showLayoutError(_("The products of the layout could not be saved."), saved.error());
                        return;
                    }
                    reload();
                });
        });
}

} // namespace boxoffice::gui
