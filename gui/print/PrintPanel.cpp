#include "print/PrintPanel.h"

#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/PrintRequest.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/Calibration.h"
#include "print/CalibrationDialog.h"
#include "print/PagePreview.h"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <set>
#include <unordered_set>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>

namespace boxoffice::gui {

wxDEFINE_EVENT(EVT_PRINT_REQUEST, PrintRequestEvent);
wxDEFINE_EVENT(EVT_SHOW_EVENT_REQUEST, ShowEventRequest);

PrintRequestEvent::PrintRequestEvent(wxEventType type, std::vector<model::Id> positions, const wxString& label)
    : wxCommandEvent(type), m_positions(std::move(positions)), m_label(label) {}

namespace {

enum ScopeChoice { ScopeEveryone, ScopeList, ScopeProduct, ScopeOrders, ScopeChosen };

struct Preview {
    render::Raster raster;
    wxString description;
};

// The number that chooses a plural form (wxPLURAL takes an unsigned int).
unsigned pluralOf(std::size_t n) { return static_cast<unsigned>(std::min<std::size_t>(n, 1'000'000'000)); }

wxString documentNoun(printing::PrintedDocument document, std::size_t count) {
    return document == printing::PrintedDocument::Ticket
               ? wxString::Format(wxPLURAL("%zu ticket", "%zu tickets", pluralOf(count)), count)
               : wxString::Format(wxPLURAL("%zu certificate", "%zu certificates", pluralOf(count)), count);
}

} // namespace

PrintPanel::PrintPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("print"),
                 {model::Change::Kind::Event, model::Change::Kind::Orders, model::Change::Kind::CheckinLists,
                  model::Change::Kind::Checkins, model::Change::Kind::Layouts, model::Change::Kind::Printing}),
      m_recountTimer(this) {
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);

    // What to print.
    auto* whatBox = new wxStaticBoxSizer(wxVERTICAL, this, _("What to print"));
    auto* what = whatBox->GetStaticBox();
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    const wxString documents[] = {_("Tickets"), _("Certificates of attendance")};
    m_document = new wxChoice(what, wxID_ANY, wxDefaultPosition, wxDefaultSize, 2, documents, 0, wxDefaultValidator,
                              wxS("print.document"));
    m_document->SetSelection(0);
    grid->Add(new wxStaticText(what, wxID_ANY, _("&Document:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_document, 1, wxEXPAND);
    const wxString scopes[] = {_("Everyone"), _("A check-in list"), _("A product"), _("Orders"),
                               _("Chosen in the order browser")};
    m_scope = new wxChoice(what, wxID_ANY, wxDefaultPosition, wxDefaultSize, 5, scopes, 0, wxDefaultValidator,
                           wxS("print.scope"));
    m_scope->SetSelection(ScopeEveryone);
    grid->Add(new wxStaticText(what, wxID_ANY, _("&Whose:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_scope, 1, wxEXPAND);
    m_list = new wxChoice(what, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          wxS("print.list"));
    grid->Add(new wxStaticText(what, wxID_ANY, _("Check-in &list:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_list, 1, wxEXPAND);
    m_product = new wxChoice(what, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                             wxS("print.product"));
    grid->Add(new wxStaticText(what, wxID_ANY, _("P&roduct:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_product, 1, wxEXPAND);
    m_orders = new wxTextCtrl(what, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              wxS("print.orders"));
    m_orders->SetHint(_("Order codes, separated by spaces"));
    grid->Add(new wxStaticText(what, wxID_ANY, _("Or&ders:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_orders, 1, wxEXPAND);
    whatBox->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
    m_notYetPrinted = new wxCheckBox(what, wxID_ANY, _("Only those &not yet printed"), wxDefaultPosition,
                                     wxDefaultSize, 0, wxDefaultValidator, wxS("print.notYetPrinted"));
    m_checkedIn = new wxCheckBox(what, wxID_ANY, _("Only those chec&ked in"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("print.checkedIn"));
    whatBox->Add(m_notYetPrinted, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    whatBox->Add(m_checkedIn, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_count = new wxStaticText(what, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("print.count"));
    m_count->SetFont(m_count->GetFont().Bold());
    whatBox->Add(m_count, 0, wxEXPAND | wxALL, FromDIP(6));
    left->Add(whatBox, 0, wxEXPAND | wxALL, FromDIP(6));

    // Where and how.
    auto* printerBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Printer"));
    auto* where = printerBox->GetStaticBox();
    auto* printerRow = new wxBoxSizer(wxHORIZONTAL);
    m_printer = new wxChoice(where, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                             wxS("print.printer"));
    m_refreshPrinters = new wxButton(where, wxID_ANY, _("Re&fresh"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, wxS("print.refreshPrinters"));
    printerRow->Add(new wxStaticText(where, wxID_ANY, _("Pr&inter:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    printerRow->Add(m_printer, 1, wxEXPAND | wxRIGHT, FromDIP(6));
    printerRow->Add(m_refreshPrinters);
    printerBox->Add(printerRow, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* copiesRow = new wxBoxSizer(wxHORIZONTAL);
    m_copies = new wxSpinCtrl(where, wxID_ANY, wxS("1"), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 100, 1,
                              wxS("print.copies"));
    m_calibrate = new wxButton(where, wxID_ANY, _("C&alibrate..."), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("print.calibrate"));
    m_calibrate->SetToolTip(_("Correct where this printer prints, with a printed test page"));
    copiesRow->Add(new wxStaticText(where, wxID_ANY, _("&Copies:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    copiesRow->Add(m_copies, 0, wxRIGHT, FromDIP(12));
    copiesRow->AddStretchSpacer();
    copiesRow->Add(m_calibrate);
    printerBox->Add(copiesRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    m_print = new wxButton(where, wxID_ANY, _("&Print"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("print.print"));
    m_save = new wxButton(where, wxID_ANY, _("&Save as PDF..."), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, wxS("print.save"));
    m_saveEach = new wxButton(where, wxID_ANY, _("One PDF per &person..."), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("print.saveEach"));
    m_saveEach->SetToolTip(_("Save each certificate as its own file, named after the order code and the name"));
    actions->Add(m_print, 0, wxRIGHT, FromDIP(6));
    actions->Add(m_save, 0, wxRIGHT, FromDIP(6));
    actions->Add(m_saveEach);
    printerBox->Add(actions, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    auto* progressRow = new wxBoxSizer(wxHORIZONTAL);
    m_gauge = new wxGauge(where, wxID_ANY, 100, wxDefaultPosition, wxDefaultSize, wxGA_HORIZONTAL | wxGA_SMOOTH,
                          wxDefaultValidator, wxS("print.progress"));
    m_cancel = new wxButton(where, wxID_CANCEL, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("print.cancel"));
    progressRow->Add(m_gauge, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    progressRow->Add(m_cancel);
    printerBox->Add(progressRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_status = new wxStaticText(where, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                                wxS("print.status"));
    printerBox->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    left->Add(printerBox, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));

    // The print log.
    left->Add(new wxStaticText(this, wxID_ANY, _("Print &log:")), 0, wxLEFT | wxRIGHT, FromDIP(6));
    m_log = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                           wxDefaultValidator, wxS("print.log"));
    m_log->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, FromDIP(130));
    m_log->AppendColumn(_("Printer"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_log->AppendColumn(_("What"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_log->AppendColumn(_("Pages"), wxLIST_FORMAT_RIGHT, FromDIP(50));
    m_log->AppendColumn(_("Copies"), wxLIST_FORMAT_RIGHT, FromDIP(50));
    left->Add(m_log, 1, wxEXPAND | wxALL, FromDIP(6));
    columns->Add(left, 3, wxEXPAND);

    // The preview.
    auto* right = new wxBoxSizer(wxVERTICAL);
    auto* pageRow = new wxBoxSizer(wxHORIZONTAL);
    m_previousPage = new wxButton(this, wxID_ANY, _("< Pre&vious page"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("print.previousPage"));
    m_nextPage = new wxButton(this, wxID_ANY, _("Ne&xt page >"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("print.nextPage"));
    m_pageLabel = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                   wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE, wxS("print.pageLabel"));
    pageRow->Add(m_previousPage, 0, wxRIGHT, FromDIP(6));
    pageRow->Add(m_pageLabel, 1, wxALIGN_CENTER_VERTICAL);
    pageRow->Add(m_nextPage, 0, wxLEFT, FromDIP(6));
    right->Add(pageRow, 0, wxEXPAND | wxALL, FromDIP(6));
    m_preview = new PagePreview(this);
    right->Add(m_preview, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    columns->Add(right, 2, wxEXPAND);
    SetSizer(columns);

    // Changing the choice recounts after a short pause (typing order codes is several changes).
    const auto changed = [this](wxCommandEvent&) { onChoiceChanged(); };
    m_document->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        // Certificates are for those who came, as the certificates API has it.
        m_checkedIn->SetValue(currentDocument() == printing::PrintedDocument::Certificate);
        onChoiceChanged();
    });
    m_scope->Bind(wxEVT_CHOICE, changed);
    m_list->Bind(wxEVT_CHOICE, changed);
    m_product->Bind(wxEVT_CHOICE, changed);
    m_orders->Bind(wxEVT_TEXT, changed);
    m_notYetPrinted->Bind(wxEVT_CHECKBOX, changed);
    m_checkedIn->Bind(wxEVT_CHECKBOX, changed);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { guardedCall([this] { recount(); }, this); }, m_recountTimer.GetId());
    m_printer->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        this->session().run<bool>(
            this,
            [name = std::string(selectedPrinter().utf8_string())](desk::TaskContext& context) {
                desk::setPreference(context.store, "print.printer", name);
                return true;
            },
            [](bool&&) {});
        updateButtons();
    });
    m_refreshPrinters->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { loadPrinters(); });
    m_calibrate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { calibrate(); }, this); });
    m_print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { print(); }, this); });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { saveAll(); }, this); });
    m_saveEach->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { saveEach(); }, this); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_work.cancel();
        setBusy(false, wxString());
        say(_("Cancelled. What had already gone to the printer is in the print log."));
    });
    m_previousPage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_previewPage > 0) {
            --m_previewPage;
            showPreview();
        }
    });
    m_nextPage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_previewPage + 1 < m_totalPages) {
            ++m_previewPage;
            showPreview();
        }
    });

    askSavePath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Save as PDF"), wxString(), suggestedName, _("PDF files (*.pdf)|*.pdf"),
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    askFolder = [this] {
        wxDirDialog dialog(this, _("Choose the folder for the certificates"), wxString(),
                           wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    askReprint = [this](const wxString& question) {
        wxMessageDialog dialog(this, question, _("Print again?"), wxYES_NO | wxCANCEL | wxCANCEL_DEFAULT | wxICON_QUESTION);
        dialog.SetYesNoCancelLabels(_("Print &again"), _("&Leave them out"), _("Cancel"));
        return dialog.ShowModal();
    };
    m_gauge->Hide();
    m_cancel->Hide();
    loadPrinters();
    updateButtons();
}

void PrintPanel::chooseTickets(std::vector<model::Id> positions, const wxString& label) {
    m_chosen = std::move(positions);
    m_chosenLabel = label;
    m_scope->SetSelection(ScopeChosen);
    m_document->SetSelection(0);
    m_notYetPrinted->SetValue(false);
    m_checkedIn->SetValue(false);
    onChoiceChanged();
    m_recountTimer.Stop();
    recount();
}

void PrintPanel::doReload() {
    m_catalogueTask.cancel();
    m_catalogueTask = session().run<Catalogue>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            Catalogue c;
            if (event != 0) {
                c.lists = model::CheckinRepository(context.store).lists(event);
                c.items = model::EventRepository(context.store).items(event);
            }
            return c;
        },
        [this](Catalogue&& c) { showCatalogue(std::move(c)); });
    loadLog();
}

void PrintPanel::showCatalogue(Catalogue&& catalogue) {
    const model::Id list = m_list->GetSelection() > 0 && static_cast<std::size_t>(m_list->GetSelection()) <= m_catalogue.lists.size()
                               ? m_catalogue.lists[static_cast<std::size_t>(m_list->GetSelection())].id
                               : 0;
    const model::Id product = m_product->GetSelection() >= 0 &&
                                      static_cast<std::size_t>(m_product->GetSelection()) < m_catalogue.items.size()
                                  ? m_catalogue.items[static_cast<std::size_t>(m_product->GetSelection())].id
                                  : 0;
    m_catalogue = std::move(catalogue);
    m_list->Clear();
    for (const auto& l : m_catalogue.lists) {
        const int at = m_list->Append(fromUtf8(l.name));
        if (l.id == list) {
            m_list->SetSelection(at);
        }
    }
    if (m_list->GetSelection() == wxNOT_FOUND && !m_catalogue.lists.empty()) {
        m_list->SetSelection(0);
    }
    m_product->Clear();
    for (const auto& item : m_catalogue.items) {
        const int at = m_product->Append(localized(item.name));
        if (item.id == product) {
            m_product->SetSelection(at);
        }
    }
    if (m_product->GetSelection() == wxNOT_FOUND && !m_catalogue.items.empty()) {
        m_product->SetSelection(0);
    }
    onChoiceChanged();
    m_recountTimer.Stop();
    recount();
}

void PrintPanel::loadPrinters() {
    m_printerTask.cancel();
    m_printerTask = session().run<std::pair<model::Result<std::vector<printing::Printer>>, std::string>>(
        this,
        [](desk::TaskContext& context) {
            return std::make_pair(printing::listPrinters(),
                                  desk::preference(context.store, "print.printer").value_or(std::string()));
        },
        [this](std::pair<model::Result<std::vector<printing::Printer>>, std::string>&& loaded) {
            m_printer->Clear();
            m_printers.clear();
            if (!loaded.first) {
                say(wxString::Format(_("No printing: %s You can still save a PDF."), fromUtf8(loaded.first.error().message)));
                updateButtons();
                return;
            }
            m_printers = std::move(loaded.first.value());
            for (const auto& p : m_printers) {
                wxString label = fromUtf8(p.name);
                if (p.isDefault) {
                    label += wxS(" ") + _("(default)");
                }
                if (p.state == "stopped" || !p.accepting) {
                    label += wxS(" ") + _("(stopped)");
                }
                const int at = m_printer->Append(label);
                if (p.name == loaded.second) {
                    m_printer->SetSelection(at);
                }
            }
            if (m_printer->GetSelection() == wxNOT_FOUND && !m_printers.empty()) {
                m_printer->SetSelection(0);  // the default printer comes first
            }
            if (m_printers.empty()) {
                say(_("The system has no printers. Add one in the system's settings, or save a PDF."));
            }
            updateButtons();
        },
        [this](const wxString& error) { say(error); });
}

void PrintPanel::loadLog() {
    m_logTask.cancel();
    m_logTask = session().run<std::vector<model::PrintRun>>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            return event == 0 ? std::vector<model::PrintRun>{} : model::PrintLogRepository(context.store).runs(event);
        },
        [this](std::vector<model::PrintRun>&& runs) {
            m_log->DeleteAllItems();
            for (const auto& run : runs) {
                const long row = m_log->InsertItem(m_log->GetItemCount(), localDateTime(run.printedAt));
                m_log->SetItem(row, 1, fromUtf8(run.printer));
                m_log->SetItem(row, 2, documentNoun(run.document, static_cast<std::size_t>(run.positions)));
                m_log->SetItem(row, 3, wxString::Format(wxS("%d"), run.pages));
                m_log->SetItem(row, 4, wxString::Format(wxS("%d"), run.copies));
            }
        });
}

printing::PrintedDocument PrintPanel::currentDocument() const {
    return m_document->GetSelection() == 1 ? printing::PrintedDocument::Certificate : printing::PrintedDocument::Ticket;
}

printing::Selection PrintPanel::currentSelection() const {
    using Scope = printing::Selection::Scope;
    printing::Selection s;
    switch (m_scope->GetSelection()) {
    case ScopeList:
        s.scope = Scope::List;
        if (const int at = m_list->GetSelection(); at >= 0 && static_cast<std::size_t>(at) < m_catalogue.lists.size()) {
            s.listId = m_catalogue.lists[static_cast<std::size_t>(at)].id;
        }
        break;
    case ScopeProduct:
        s.scope = Scope::Product;
        if (const int at = m_product->GetSelection(); at >= 0 && static_cast<std::size_t>(at) < m_catalogue.items.size()) {
            s.itemId = m_catalogue.items[static_cast<std::size_t>(at)].id;
        }
        break;
    case ScopeOrders: {
        s.scope = Scope::Orders;
        wxStringTokenizer codes(m_orders->GetValue(), wxS(" ,;\t\n"), wxTOKEN_STRTOK);
        while (codes.HasMoreTokens()) {
            s.orders.push_back(std::string(codes.GetNextToken().Upper().utf8_string()));
        }
        break;
    }
    case ScopeChosen:
        s.scope = Scope::Positions;
        s.positions = m_chosen;
        break;
    default:
        s.scope = Scope::Everyone;
    }
    s.notYetPrinted = m_notYetPrinted->GetValue();
    s.checkedInOnly = m_checkedIn->GetValue();
    return s;
}

void PrintPanel::onChoiceChanged() {
    const int scope = m_scope->GetSelection();
    m_list->Enable(scope == ScopeList);
    m_product->Enable(scope == ScopeProduct);
    m_orders->Enable(scope == ScopeOrders);
    m_saveEach->Show(currentDocument() == printing::PrintedDocument::Certificate);
    m_counted = false;
    m_count->SetLabel(_("Counting..."));
    updateButtons();
    Layout();
    m_recountTimer.StartOnce(250);
}

void PrintPanel::recount() {
    const auto selection = currentSelection();
    const auto document = currentDocument();
    if (eventId() == 0 || (selection.scope == printing::Selection::Scope::List && selection.listId == 0) ||
        (selection.scope == printing::Selection::Scope::Product && selection.itemId == 0)) {
        m_ids.clear();
        m_pages.clear();
        m_totalPages = 0;
        m_counted = true;
        m_count->SetLabel(_("Nothing to print."));
        m_preview->setText(_("Nothing to print."));
        m_pageLabel->SetLabel(wxString());
        updateButtons();
        return;
    }
    m_countTask.cancel();
    m_countTask = session().run<model::Result<Counted>>(
        this,
        [event = eventId(), selection, document](desk::TaskContext& context) -> model::Result<Counted> {
            auto ids = printing::selectPositions(context.store, event, selection, document);
            if (!ids) {
                return ids.error();
            }
            auto pages = printing::pagesPerTicket(context.store, event, ids.value(), document, context.stop);
            if (!pages) {
                return pages.error();
            }
            return Counted{std::move(ids.value()), std::move(pages.value())};
        },
        [this, document](model::Result<Counted>&& counted) {
            m_counted = true;
            if (!counted) {
                m_ids.clear();
                m_pages.clear();
                m_totalPages = 0;
                m_count->SetLabel(fromUtf8(counted.error().message));
                m_preview->setText(_("Nothing to print."));
                m_pageLabel->SetLabel(wxString());
                updateButtons();
                return;
            }
            // Counted again with the same tickets (a change elsewhere): the preview stays on its page.
            const bool same = counted->ids == m_ids;
            session().discard(std::move(m_ids));
            m_ids = std::move(counted->ids);
            m_pages = std::move(counted->pages);
            m_totalPages = std::accumulate(m_pages.begin(), m_pages.end(), 0);
            m_count->SetLabel(m_ids.empty() ? _("Nothing to print.")
                                            : wxString::Format(wxPLURAL("%s, %d page", "%s, %d pages", pluralOf(static_cast<std::size_t>(m_totalPages))),
                                                               documentNoun(document, m_ids.size()), m_totalPages));
            m_previewPage = same ? std::clamp(m_previewPage, 0, std::max(m_totalPages - 1, 0)) : 0;
            showPreview();
            updateButtons();
        });
}

void PrintPanel::showPreview() {
    m_previousPage->Enable(m_previewPage > 0);
    m_nextPage->Enable(m_previewPage + 1 < m_totalPages);
    if (m_ids.empty() || m_totalPages == 0) {
        m_preview->setText(_("Nothing to print."));
        m_pageLabel->SetLabel(wxString());
        return;
    }
    // The ticket the page belongs to, and which of its pages it is.
    std::size_t ticket = 0;
    int page = m_previewPage;
    while (ticket < m_pages.size() && page >= m_pages[ticket]) {
        page -= m_pages[ticket];
        ++ticket;
    }
    m_pageLabel->SetLabel(wxString::Format(_("Page %d of %d"), m_previewPage + 1, m_totalPages));
    const wxSize size = m_preview->GetClientSize();
    const int maxWidth = std::max(size.x - 8, 100);
    const int maxHeight = std::max(size.y - 8, 100);
    m_previewTask.cancel();
    m_previewTask = session().run<model::Result<Preview>>(
        this,
        [event = eventId(), id = m_ids[std::min(ticket, m_ids.size() - 1)], page, document = currentDocument(),
         includeAbsent = !m_checkedIn->GetValue(), maxWidth, maxHeight](desk::TaskContext& context) -> model::Result<Preview> {
            auto batch = printing::loadBatch(context.store, event, {id}, document, includeAbsent);
            if (!batch) {
                return batch.error();
            }
            if (batch->jobs.empty()) {
                return model::Error{model::ErrorCode::Conflict, "This attendee was not checked in.", {}};
            }
            auto raster = printing::previewPage(batch.value(), page, maxWidth, maxHeight, context.stop);
            if (!raster) {
                return raster.error();
            }
            const auto& data = batch->jobs.front().data;
            Preview p;
            p.raster = std::move(raster.value());
            p.description = fromUtf8(data.order.code + "-" + std::to_string(data.position.positionid) +
                                     (data.position.attendeeName ? " " + *data.position.attendeeName : std::string()));
            return p;
        },
        [this](model::Result<Preview>&& preview) {
            if (!preview) {
                m_preview->setText(fromUtf8(preview.error().message));
                return;
            }
            auto& r = preview->raster;
            m_paperWidthPt = r.pageWidthPt;
            m_paperHeightPt = r.pageHeightPt;
            // wxImage takes the pixels over and frees them with free().
            auto* pixels = static_cast<unsigned char*>(std::malloc(r.rgb.size()));
            std::copy(r.rgb.begin(), r.rgb.end(), pixels);
            wxImage image(r.width, r.height, pixels);
            m_preview->setPage(wxBitmap(image),
                               wxString::Format(_("Preview of page %d of %d: %s"), m_previewPage + 1, m_totalPages,
                                                preview->description));
            m_pageLabel->SetLabel(wxString::Format(_("Page %d of %d: %s"), m_previewPage + 1, m_totalPages,
                                                   preview->description));
        },
        [this](const wxString& error) { m_preview->setText(error); });
}

wxString PrintPanel::selectedPrinter() const {
    const int at = m_printer->GetSelection();
    return at >= 0 && static_cast<std::size_t>(at) < m_printers.size() ? fromUtf8(m_printers[static_cast<std::size_t>(at)].name)
                                                                      : wxString();
}

void PrintPanel::print() {
    if (m_busy || !m_counted || m_ids.empty() || selectedPrinter().empty()) {
        return;
    }
    // Ask first about what the print log says was printed already.
    struct Printed {
        std::unordered_set<model::Id> ids;
        model::LastPrint latest;
    };
    setBusy(true, _("Checking the print log..."));
    m_work = session().run<Printed>(
        this,
        [ids = m_ids, document = currentDocument()](desk::TaskContext& context) {
            Printed p;
            for (const auto& [id, last] : model::PrintLogRepository(context.store).lastPrints(ids, document)) {
                p.ids.insert(id);
                if (last.printedAt > p.latest.printedAt) {
                    p.latest = last;
                }
            }
            return p;
        },
        [this](Printed&& printed) {
            setBusy(false, wxString());
            std::vector<model::Id> ids = m_ids;
            if (!printed.ids.empty()) {
                const wxString question = wxString::Format(
                    wxPLURAL("%zu of these was already printed, last on %s on %s. Print it again?",
                             "%zu of these were already printed, last on %s on %s. Print them again?",
                             pluralOf(printed.ids.size())),
                    printed.ids.size(), localDateTime(printed.latest.printedAt), fromUtf8(printed.latest.printer));
                const int answer = askReprint ? askReprint(question) : wxID_CANCEL;
                if (answer == wxID_CANCEL) {
                    say(_("Nothing was printed."));
                    return;
                }
                if (answer == wxID_NO) {
                    std::erase_if(ids, [&](model::Id id) { return printed.ids.contains(id); });
                    if (ids.empty()) {
                        say(_("Everything chosen was printed before; nothing was printed."));
                        return;
                    }
                }
            }
            startPrint(std::move(ids));
        },
        [this](const wxString& error) {
            setBusy(false, wxString());
            say(error);
        });
}

void PrintPanel::startPrint(std::vector<model::Id> ids) {
    printing::PrintOptions options;
    options.printer = std::string(selectedPrinter().utf8_string());
    options.copies = m_copies->GetValue();
    const auto document = currentDocument();
    setBusy(true, wxString::Format(_("Printing on %s..."), selectedPrinter()));
    m_work = session().run<model::Result<printing::PrintOutcome>>(
        this,
        [event = eventId(), ids = std::move(ids), document, includeAbsent = !m_checkedIn->GetValue(),
         options](desk::TaskContext& context) -> model::Result<printing::PrintOutcome> {
            context.progress({0, static_cast<std::int64_t>(ids.size()), "loading"});
            auto batch = printing::loadBatch(context.store, event, ids, document, includeAbsent);
            if (!batch) {
                return batch.error();
            }
            if (batch->jobs.empty()) {
                return model::Error::badInput("None of them was checked in: there is nothing to print.");
            }
            return printing::printBatch(
                context.store, batch.value(), options,
                [&context](std::size_t done, std::size_t total) {
                    context.progress({static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), "rendering"});
                },
                context.stop);
        },
        [this, document](model::Result<printing::PrintOutcome>&& outcome) {
            setBusy(false, wxString());
            if (!outcome) {
                say(fromUtf8(outcome.error().message));
                showError(fromUtf8(outcome.error().message), this);
                return;
            }
            const auto& run = outcome->run;
            say(wxString::Format(_("Printed %s (%d pages) on %s."), documentNoun(document, run.entries.size()), run.pages,
                                 fromUtf8(run.printer)));
            loadLog();
            if (m_notYetPrinted->GetValue()) {
                recount();
            }
        },
        [this](const wxString& error) { workFailed(error, true); },
        [this](const desk::Progress& progress) { showProgress(progress, true); });
}

void PrintPanel::saveAll() {
    if (m_busy || !m_counted || m_ids.empty() || !askSavePath) {
        return;
    }
    const auto document = currentDocument();
    const wxString path =
        askSavePath(document == printing::PrintedDocument::Ticket ? _("tickets.pdf") : _("certificates.pdf"));
    if (path.empty()) {
        return;
    }
    setBusy(true, wxString::Format(_("Saving %s..."), path));
    m_work = session().run<model::Result<render::RenderSummary>>(
        this,
        [event = eventId(), ids = m_ids, document, includeAbsent = !m_checkedIn->GetValue(),
         file = std::filesystem::path(path.fn_str().data())](desk::TaskContext& context) -> model::Result<render::RenderSummary> {
            auto batch = printing::loadBatch(context.store, event, ids, document, includeAbsent);
            if (!batch) {
                return batch.error();
            }
            return printing::saveBatch(
                batch.value(), file,
                [&context](std::size_t done, std::size_t total) {
                    context.progress({static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), "rendering"});
                },
                context.stop);
        },
        [this, path, document](model::Result<render::RenderSummary>&& saved) {
            setBusy(false, wxString());
            if (!saved) {
                say(fromUtf8(saved.error().message));
                showError(fromUtf8(saved.error().message), this);
                return;
            }
            say(wxString::Format(_("Saved %s (%d pages) to %s."), documentNoun(document, saved->tickets), saved->pages,
                                 path));
        },
        [this](const wxString& error) { workFailed(error, false); },
        [this](const desk::Progress& progress) { showProgress(progress, false); });
}

void PrintPanel::saveEach() {
    if (m_busy || !m_counted || m_ids.empty() || !askFolder) {
        return;
    }
    const wxString folder = askFolder();
    if (folder.empty()) {
        return;
    }
    const auto document = currentDocument();
    setBusy(true, wxString::Format(_("Saving into %s..."), folder));
    m_work = session().run<model::Result<std::vector<std::filesystem::path>>>(
        this,
        [event = eventId(), ids = m_ids, document, includeAbsent = !m_checkedIn->GetValue(),
         dir = std::filesystem::path(folder.fn_str().data())](
            desk::TaskContext& context) -> model::Result<std::vector<std::filesystem::path>> {
            auto batch = printing::loadBatch(context.store, event, ids, document, includeAbsent);
            if (!batch) {
                return batch.error();
            }
            return printing::saveEach(
                batch.value(), dir,
                [&context](std::size_t done, std::size_t total) {
                    context.progress({static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), "rendering"});
                },
                context.stop);
        },
        [this, folder, document](model::Result<std::vector<std::filesystem::path>>&& saved) {
            setBusy(false, wxString());
            if (!saved) {
                say(fromUtf8(saved.error().message));
                showError(fromUtf8(saved.error().message), this);
                return;
            }
            say(wxString::Format(_("Saved %s as separate files in %s."), documentNoun(document, saved->size()), folder));
        },
        [this](const wxString& error) { workFailed(error, false); },
        [this](const desk::Progress& progress) { showProgress(progress, false); });
}

void PrintPanel::calibrate() {
    const wxString printer = selectedPrinter();
    if (printer.empty()) {
        return;
    }
    const double width = m_paperWidthPt > 0 ? m_paperWidthPt : render::kA4.width;
    const double height = m_paperHeightPt > 0 ? m_paperHeightPt : render::kA4.height;
    CalibrationDialog dialog(this, session(), std::string(printer.utf8_string()), width, height);
    dialog.ShowModal();
}

void PrintPanel::showProgress(const desk::Progress& progress, bool inWords) {
    if (progress.total <= 0) {
        return;
    }
    m_gauge->SetRange(static_cast<int>(progress.total));
    m_gauge->SetValue(static_cast<int>(std::min(progress.done, progress.total)));
    if (inWords) {
        m_status->SetLabel(wxString::Format(_("Rendering %lld of %lld..."), static_cast<long long>(progress.done),
                                            static_cast<long long>(progress.total)));
    }
}

void PrintPanel::workFailed(const wxString& error, bool showBox) {
    setBusy(false, wxString());
    say(error);
    if (showBox) {
        showError(error, this);
    }
}

void PrintPanel::setBusy(bool busy, const wxString& what) {
    m_busy = busy;
    m_gauge->Show(busy);
    m_cancel->Show(busy);
    if (busy) {
        m_gauge->SetValue(0);
        m_status->SetLabel(what);
    }
    updateButtons();
    Layout();
}

void PrintPanel::say(const wxString& text) {
    m_status->SetLabel(text);
    m_status->SetToolTip(text);
    Layout();
}

void PrintPanel::updateButtons() {
    const bool ready = !m_busy && m_counted && !m_ids.empty();
    m_print->Enable(ready && !selectedPrinter().empty());
    m_save->Enable(ready);
    m_saveEach->Enable(ready);
    m_calibrate->Enable(!m_busy && !selectedPrinter().empty());
    m_refreshPrinters->Enable(!m_busy);
}

} // namespace boxoffice::gui
