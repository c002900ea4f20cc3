#include "designer/DesignerPanel.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "designer/GuideDialog.h"
#include "designer/PageBar.h"
#include "designer/PreflightPanel.h"
#include "designer/PreviewSearch.h"
#include "designer/PropertiesPanel.h"
#include "designer/Rulers.h"
#include "designer/StepText.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

namespace boxoffice::gui {

using layout::Length;

namespace {

// The zoom choice's first entries; the zoom steps follow them.
enum ZoomEntry { kFitPage, kFitWidth, kFitEntries };

enum ToolId {
    kBringForward = wxID_HIGHEST + 700,
    kSendBackward,
    kAlignLeft,
    kAlignCenterX,
    kAlignRight,
    kAlignTop,
    kAlignCenterY,
    kAlignBottom,
    kDistributeX,
    kDistributeY,
};

} // namespace

DesignerPanel::DesignerPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("designer"), {model::Change::Kind::Event, model::Change::Kind::Layouts}) {
    auto* column = new wxBoxSizer(wxVERTICAL);

    // Which layout, saving it, the zoom.
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("La&yout:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_layoutChoice = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(220, -1)), 0, nullptr, 0,
                                  wxDefaultValidator, wxS("designer.layout"));
    top->Add(m_layoutChoice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_newLayout = button(this, _("&New layout..."), _("Make a new layout from pretix's default design"),
                         "designer.newLayout");
    top->Add(m_newLayout, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_manage = button(this, _("&Manage layout"),
                      _("Rename, duplicate or delete this layout, make it the default, choose its products, edit, import "
                        "or export its JSON"),
                      "designer.manage");
    top->Add(m_manage, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_save = button(this, _("&Save"), _("Store the layout: tickets print with it from now on"), "designer.save");
    top->Add(m_save, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
    m_state = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                               wxS("designer.state"));
    top->Add(m_state, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("&Zoom:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_zoom = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          wxS("designer.zoom"));
    // The fits first (kFitPage, kFitWidth), then the steps.
    m_zoom->Append(_("Fit page"));
    // TRANSLATORS: a zoom: the page's width fills the window, the page scrolls down.
    m_zoom->Append(_("Fit width"));
    m_zoomSteps = {0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 8.0};
    for (const double step : m_zoomSteps) {
        // TRANSLATORS: a zoom level, "150 %".
        m_zoom->Append(wxString::Format(_("%d %%"), static_cast<int>(std::lround(step * 100))));
    }
    m_zoom->SetSelection(kFitPage);
    top->Add(m_zoom, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
    column->Add(top, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));

    // Adding and arranging elements.
    auto* tools = new wxWrapSizer(wxHORIZONTAL);
    auto gap = [&] { tools->AddSpacer(FromDIP(12)); };
    tools->Add(new wxStaticText(this, wxID_ANY, _("Add:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    const struct {
        NewElement kind;
        wxString label;
        wxString tip;
        const char* name;
    } adds[] = {
        {NewElement::TextBox, _("Text box"), _("A box of text that wraps and can shrink to fit"), "designer.add.textbox"},
        {NewElement::LegacyText, _("Text (legacy)"), _("pretix's older text element, for devices that do not know text boxes"),
         "designer.add.text"},
        {NewElement::Qr, _("QR code"), _("The ticket's check-in code"), "designer.add.qr"},
        {NewElement::Image, _("Image"), _("A picture that differs per ticket, such as a photo; put fixed logos into the background"),
         "designer.add.image"},
        {NewElement::Logo, _("Logo"), _("The Box Office logo"), "designer.add.logo"},
    };
    for (const auto& add : adds) {
        auto* b = button(this, add.label, add.tip, add.name);
        b->Bind(wxEVT_BUTTON, [this, kind = add.kind](wxCommandEvent&) { guardedCall([&] { addElement(kind); }, this); });
        tools->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        m_addButtons.push_back(b);
    }
    gap();
    m_undo = button(this, _("Undo"), _("Undo"), "designer.undo");
    m_redo = button(this, _("Redo"), _("Redo"), "designer.redo");
    m_undo->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(wxID_UNDO); });
    m_redo->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(wxID_REDO); });
    tools->Add(m_undo, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    tools->Add(m_redo, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    gap();
    auto* duplicate = button(this, _("Duplicate"), _("Copy the selected elements a little to the right and down (Ctrl+D)"),
                             "designer.duplicate");
    duplicate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(wxID_DUPLICATE); });
    auto* remove = button(this, _("Delete"), _("Delete the selected elements (Delete)"), "designer.delete");
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(wxID_DELETE); });
    auto* forward = button(this, _("Bring forward"), _("Draw the selected elements over the next one"), "designer.forward");
    forward->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(kBringForward); });
    auto* backward = button(this, _("Send back"), _("Draw the selected elements under the one before"), "designer.backward");
    backward->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { command(kSendBackward); });
    for (auto* b : {duplicate, remove}) {
        tools->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        m_selectionButtons.push_back(b);
    }
    gap();
    for (auto* b : {forward, backward}) {
        tools->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        m_selectionButtons.push_back(b);
    }
    m_align = button(this, _("Align..."), _("Line up or space out the selected elements"), "designer.align");
    m_align->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showAlignMenu(); });
    tools->Add(m_align, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    gap();
    m_lock = button(this, _("Lock"), _("Keep the selected elements from being moved, resized or deleted"), "designer.lock");
    m_lock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_document && m_document->setLocked(true)) {
            afterChange(false);
        }
    });
    m_unlock = button(this, _("Unlock"), _("Let the selected elements be moved and changed again"), "designer.unlock");
    m_unlock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_document && m_document->setLocked(false)) {
            afterChange(false);
        }
    });
    tools->Add(m_lock, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    tools->Add(m_unlock, 0, wxALIGN_CENTER_VERTICAL);
    column->Add(tools, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));

    // The page and the selection's properties.
    auto* body = new wxBoxSizer(wxHORIZONTAL);
    m_canvas = new DesignerCanvas(this, session, m_measured);
    auto* pageColumn = new wxBoxSizer(wxVERTICAL);
    pageColumn->Add(makePageBar(), 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    pageColumn->Add(withRulers(this, *m_canvas), 1, wxEXPAND);
    tools->Add(makeGuidesButton(this, *m_canvas), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(12));
    // Beside the zoom, and after it for the Tab key.
    auto* grid = makeGridToggle(this, *m_canvas);
    grid->MoveAfterInTabOrder(m_zoom);
    top->Add(grid, 0, wxALIGN_CENTER_VERTICAL);
    body->Add(pageColumn, 1, wxEXPAND);
    // Beside the page: which ticket it shows, and the properties of the selection.
    auto* side = new wxBoxSizer(wxVERTICAL);
    m_preview = new PreviewSearch(this, session, *m_canvas);
    side->Add(m_preview, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_properties = new PropertiesPanel(this, session);
    side->Add(m_properties, 1, wxEXPAND);
    body->Add(side, 0, wxEXPAND | wxLEFT, FromDIP(4));
    column->Add(body, 1, wxEXPAND | wxALL, FromDIP(8));
    m_preflight = new PreflightPanel(this, session);
    column->Add(m_preflight, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(column);

    m_canvas->onChanged = [this](bool edited) { afterChange(edited, true); };
    m_canvas->onCommand = [this](int id) { command(id); };
    m_canvas->onZoom = [this] { updateZoomChoice(); };
    m_properties->onEdited = [this] { afterChange(true); };
    m_properties->ticket = [this] { return m_canvas->ticket(); };
    m_preview->eventId = [this] { return m_document ? m_documentEvent : model::Id{0}; };
    m_preview->certificate = [this] { return certificateOpen(); };
    m_preview->onShown = [this] { afterChange(false); };
    m_preflight->subject = [this]() -> std::optional<PreflightSubject> {
        if (!m_document || !m_layoutId || m_documentEvent != eventId()) {
            return std::nullopt;
        }
        return PreflightSubject{eventId(), *m_layoutId, m_document->layout(), m_canvas->pageSize()};
    };
    m_preflight->onActivated = [this](std::size_t element, std::shared_ptr<const layout::TicketData> ticket) {
        showProblem(element, ticket.get());
    };
    m_layoutChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { chooseLayout(); });
    m_newLayout->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { newLayout(); }, this); });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    m_manage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showLayoutMenu(); });
    m_zoom->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const int at = event.GetSelection();
        if (at == kFitPage || at == kFitWidth) {
            m_canvas->zoomToFit(at == kFitPage ? DesignerCanvas::Fit::Page : DesignerCanvas::Fit::Width);
        } else if (at >= kFitEntries && static_cast<std::size_t>(at - kFitEntries) < m_zoomSteps.size()) {
            m_canvas->setZoom(m_zoomSteps[static_cast<std::size_t>(at - kFitEntries)]);
        }
        m_canvas->SetFocus();
    });
    updateState();
}

DesignerPanel::~DesignerPanel() = default;

wxButton* DesignerPanel::button(wxWindow* parent, const wxString& label, const wxString& tip, const char* name) {
    auto* b = new wxButton(parent, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT, wxDefaultValidator,
                           wxString::FromUTF8(name));
    b->SetToolTip(tip);
    return b;
}

bool DesignerPanel::modified() const { return m_document && m_document->modified(); }

wxString DesignerPanel::undoText() const {
    return gui::undoText(m_document ? m_document->undoLabel() : std::nullopt);
}

wxString DesignerPanel::redoText() const {
    return gui::redoText(m_document ? m_document->redoLabel() : std::nullopt);
}

void DesignerPanel::addElement(NewElement kind) {
    if (!m_document) {
        return;
    }
    // Near the page's top left corner (pretix's editor: about 100 pixels in), below any element
    // added there already.
    const int page = m_canvas->page();
    const Length pageTop = Length::pt(m_canvas->pageSize().height);
    Length left = Length::mm(20);
    Length top = pageTop - Length::mm(20);
    auto taken = [&](Length l, Length t) {
        for (std::size_t i = 0; i < m_document->size(); ++i) {
            if (layout::base(m_document->element(i)).page != page) {
                continue;
            }
            const auto frame = layout::boundsOf(m_document->frame(i));
            if (std::abs((frame.left - l).toMm()) < 0.5 && std::abs((frame.top() - t).toMm()) < 0.5) {
                return true;
            }
        }
        return false;
    };
    for (int tries = 0; tries < 40 && taken(left, top); ++tries) {
        left = left + Length::mm(5);
        top = top - Length::mm(5);
    }
    layout::Element element;
    switch (kind) {
        case NewElement::TextBox: {
            layout::TextContainer t;
            t.content.content = "event_name";
            t.style.fontSize = 13.0;
            t.width = Length::mm(80);
            t.height = Length::mm(10);
            t.lineHeight = 1.0;
            t.verticalAlign = layout::VAlign::Middle;
            t.autoResize = true;
            t.splitLongWords = true;
            t.base = {page, left, top - t.height};
            element = t;
            break;
        }
        case NewElement::LegacyText: {
            layout::TextArea a;
            a.content.content = "event_name";
            a.style.fontSize = 13.0;
            a.width = Length::mm(50);
            a.lineHeight = 1.0;
            a.downward = true;
            a.base = {page, left, top};  // downward: the anchor is the block's top
            element = a;
            break;
        }
        case NewElement::Qr: {
            layout::BarcodeArea b;
            b.content = layout::Content{"secret", {}, {}};
            b.size = Length::mm(40);
            b.noWhitespace = true;
            b.base = {page, left, top - b.size};
            element = b;
            break;
        }
        case NewElement::Image: {
            layout::ImageArea i;
            i.width = Length::mm(40);
            i.height = Length::mm(30);
            i.base = {page, left, top - i.height};
            element = i;
            break;
        }
        case NewElement::Logo: {
            layout::PoweredBy p;
            p.size = Length::mm(15);
            p.content = "dark";
            p.base = {page, left, top - p.size};
            element = p;
            break;
        }
    }
    m_document->endBurst();
    m_document->add(std::move(element));
    afterChange(true);
    m_canvas->SetFocus();
}

void DesignerPanel::command(int id) {
    if (!m_document) {
        return;
    }
    auto& doc = *m_document;
    doc.endBurst();
    bool edited = false;
    bool selected = false;
    switch (id) {
        case wxID_UNDO: edited = doc.undo(); break;
        case wxID_REDO: edited = doc.redo(); break;
        case wxID_COPY:
        case wxID_CUT:
            if (doc.selection().empty()) {
                return;
            }
            m_clipboard = doc.copy();
            // Also on the system's clipboard, as pretix's source view takes it.
            if (wxTheClipboard->Open()) {
                wxTheClipboard->SetData(new wxTextDataObject(fromUtf8(m_clipboard)));
                wxTheClipboard->Close();
            }
            edited = id == wxID_CUT && doc.cut();
            break;
        case wxID_PASTE:
            if (m_clipboard.empty()) {
                return;
            } else if (auto pasted = doc.paste(m_clipboard, m_canvas->page()); !pasted) {
                showError(fromUtf8(pasted.error().message), this);
            } else {
                edited = pasted.value() > 0;
            }
            break;
        case wxID_DUPLICATE: edited = doc.duplicate(Length::mm(5)); break;
        case wxID_DELETE: edited = doc.removeSelected(); break;
        case wxID_SELECTALL:
            doc.selectAll(m_canvas->page());
            selected = true;
            break;
        case kBringForward: edited = doc.reorder(layout::Reorder::Forward); break;
        case kSendBackward: edited = doc.reorder(layout::Reorder::Backward); break;
        case kAlignLeft: edited = doc.align(layout::Alignment::Left); break;
        case kAlignCenterX: edited = doc.align(layout::Alignment::CenterX); break;
        case kAlignRight: edited = doc.align(layout::Alignment::Right); break;
        case kAlignTop: edited = doc.align(layout::Alignment::Top); break;
        case kAlignCenterY: edited = doc.align(layout::Alignment::CenterY); break;
        case kAlignBottom: edited = doc.align(layout::Alignment::Bottom); break;
        case kDistributeX: edited = doc.distribute(layout::Axis::X); break;
        case kDistributeY: edited = doc.distribute(layout::Axis::Y); break;
        default: return;
    }
    if (edited || selected) {
        afterChange(edited);
    }
}

void DesignerPanel::showAlignMenu() {
    wxMenu menu;
    menu.Append(kAlignLeft, _("Align &left edges"));
    menu.Append(kAlignCenterX, _("Align &centres horizontally"));
    menu.Append(kAlignRight, _("Align &right edges"));
    menu.AppendSeparator();
    menu.Append(kAlignTop, _("Align &top edges"));
    menu.Append(kAlignCenterY, _("Align &middles vertically"));
    menu.Append(kAlignBottom, _("Align &bottom edges"));
    menu.AppendSeparator();
    menu.Append(kDistributeX, _("Space out &horizontally"));
    menu.Append(kDistributeY, _("Space out &vertically"));
    const std::size_t selected = m_document ? m_document->selection().size() : 0;
    for (int id = kAlignLeft; id <= kAlignBottom; ++id) {
        menu.Enable(id, selected >= 2);
    }
    menu.Enable(kDistributeX, selected >= 3);
    menu.Enable(kDistributeY, selected >= 3);
    menu.Bind(wxEVT_MENU, [this](wxCommandEvent& event) { command(event.GetId()); });
    m_align->PopupMenu(&menu, 0, m_align->GetSize().y);
}

void DesignerPanel::showProblem(std::size_t element, const layout::TicketData* ticket) {
    if (!m_document || element >= m_document->size()) {
        return;
    }
    m_document->endBurst();
    m_document->select({element});
    if (ticket) {
        m_canvas->showTicket(*ticket);
    }
    afterChange(false);
}

void DesignerPanel::afterChange(bool edited, bool fromCanvas) {
    if (edited) {
        m_preflight->layoutEdited();
    }
    if (edited && !fromCanvas) {
        m_canvas->documentChanged();
    } else if (!fromCanvas) {
        m_canvas->selectionChanged();
    }
    m_properties->show(m_document.get());
    m_preview->update();
    updateState();
}

void DesignerPanel::updateZoomChoice() {
    int at = wxNOT_FOUND;
    if (m_canvas->fit() != DesignerCanvas::Fit::None) {
        at = m_canvas->fit() == DesignerCanvas::Fit::Page ? kFitPage : kFitWidth;
    } else {
        for (std::size_t i = 0; i < m_zoomSteps.size(); ++i) {
            if (std::abs(m_zoomSteps[i] - m_canvas->zoom()) < 1e-3) {
                at = static_cast<int>(i) + kFitEntries;
            }
        }
    }
    // A zoom between the steps (Ctrl+wheel, a pinch) shows as an entry of its own, last.
    const auto steps = static_cast<unsigned>(m_zoomSteps.size() + kFitEntries);
    if (at == wxNOT_FOUND) {
        const wxString label = wxString::Format(_("%d %%"), static_cast<int>(std::lround(m_canvas->zoom() * 100)));
        if (m_zoom->GetCount() == steps) {
            m_zoom->Append(label);
        } else {
            m_zoom->SetString(steps, label);
        }
        at = static_cast<int>(steps);
    } else if (m_zoom->GetCount() > steps) {
        m_zoom->Delete(steps);
    }
    m_zoom->SetSelection(at);
}

void DesignerPanel::updateState() {
    syncPages();
    const bool open = m_document != nullptr;
    const bool changed = modified();
    // The certificate's built-in design can be saved unchanged, as the event's own.
    const bool builtInCertificate = certificateOpen() && m_openedCertificate && !m_openedCertificate->modified;
    wxString state;
    if (m_saving) {
        state = _("Saving...");
    } else if (m_opening) {
        state = _("Opening...");
    } else if (!open) {
        state = eventId() == 0        ? _("No event is open.")
                : m_layouts.empty()   ? _("This event has no ticket layout yet: make one with New layout.")
                                      : wxString();
    } else if (builtInCertificate && !changed) {
        state = _("Built-in certificate design; Save makes it the event's own");
    } else {
        state = changed ? _("Unsaved changes") : _("All changes saved");
    }
    if (m_state->GetLabel() != state) {
        m_state->SetLabel(state);
    }
    m_save->Enable(open && m_layoutId && (changed || builtInCertificate) && !m_saving);
    m_newLayout->Enable(eventId() != 0);
    m_manage->Enable(open && m_layoutId && m_documentEvent == eventId() && !m_saving);
    for (auto* b : m_addButtons) {
        b->Enable(open);
    }
    m_undo->Enable(open && m_document->canUndo());
    m_redo->Enable(open && m_document->canRedo());
    m_undo->SetToolTip(undoText() + wxS(" (Ctrl+Z)"));
    m_redo->SetToolTip(redoText() + wxS(" (Ctrl+Y)"));
    const std::size_t selected = open ? m_document->selection().size() : 0;
    for (auto* b : m_selectionButtons) {
        b->Enable(selected > 0);
    }
    m_align->Enable(selected >= 2);
    bool anyLocked = false;
    bool anyUnlocked = false;
    if (open) {
        for (std::size_t i : m_document->selection()) {
            (m_document->isLocked(i) ? anyLocked : anyUnlocked) = true;
        }
    }
    m_lock->Enable(anyUnlocked);
    m_unlock->Enable(anyLocked);
    m_preflight->setAvailable(open && m_layoutId && m_documentEvent == eventId(), certificateOpen());
    // The tab's title marks unsaved changes too.
    if (auto* book = dynamic_cast<wxBookCtrlBase*>(GetParent())) {
        const int at = book->FindPage(this);
        const wxString title = changed ? _("Designer") + wxS(" *") : _("Designer");
        if (at != wxNOT_FOUND && book->GetPageText(static_cast<std::size_t>(at)) != title) {
            book->SetPageText(static_cast<std::size_t>(at), title);
        }
    }
}

} // namespace boxoffice::gui
