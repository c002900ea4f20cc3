// The Print tab: tickets and certificates of attendance on paper or to PDF.
//
// Choose what (tickets or certificates; everyone, a check-in list, a product, order codes, or the
// tickets the order browser's Print action sent here; only not yet printed, only checked in) and
// see how many tickets and pages that is, with a page-by-page preview of the real renderer's
// pages. Print goes through printing/PrintRun.h, the same code as `boxoffice-cli print`: rendered
// with the printer's calibration and handed to the system's print spooler on a worker, with
// progress and Cancel; it asks before printing again what the print log says was printed. Save
// as PDF writes one file (or, for certificates, one file per person). Below: the print log.
// Printer calibration is set in a dialog (CalibrationDialog) with a printed test page.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/PrintLog.h"
#include "boxoffice/printing/Printers.h"
#include "boxoffice/printing/PrintRun.h"

#include <functional>
#include <memory>
#include <vector>
#include <wx/timer.h>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxGauge;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class PagePreview;

class PrintPanel : public StorePanel {
public:
    PrintPanel(wxWindow* parent, Session& session);

    // Chooses these tickets, described by `label` ("ticket ABC12-1"): the order browser's Print.
    void chooseTickets(std::vector<model::Id> positions, const wxString& label);

    // What a person answers; tests answer instead. A path to save to (empty: cancelled), a folder
    // for one file per person, and whether to print again what was printed before: wxID_YES
    // (print them again), wxID_NO (leave them out) or wxID_CANCEL.
    std::function<wxString(const wxString& suggestedName)> askSavePath;
    std::function<wxString()> askFolder;
    std::function<int(const wxString& question)> askReprint;

    // What the current choice covers, once counted.
    std::size_t ticketCount() const { return m_ids.size(); }
    int pageCount() const { return m_totalPages; }

private:
    struct Catalogue {
        std::vector<model::CheckinList> lists;
        std::vector<model::Item> items;
    };
    struct Counted {
        std::vector<model::Id> ids;
        std::vector<int> pages;
    };
    void doReload() override;
    void showCatalogue(Catalogue&& catalogue);
    void loadPrinters();
    void loadLog();
    printing::Selection currentSelection() const;
    printing::PrintedDocument currentDocument() const;
    void onChoiceChanged();
    void recount();
    void showPreview();
    void print();
    void startPrint(std::vector<model::Id> ids);
    void saveAll();
    void saveEach();
    void calibrate();
    void showProgress(const desk::Progress& progress, bool inWords);
    void workFailed(const wxString& error, bool showBox);
    void setBusy(bool busy, const wxString& what);
    void say(const wxString& text);
    void updateButtons();
    wxString selectedPrinter() const;

    wxChoice* m_document = nullptr;
    wxChoice* m_scope = nullptr;
    wxChoice* m_list = nullptr;
    wxChoice* m_product = nullptr;
    wxTextCtrl* m_orders = nullptr;
    wxCheckBox* m_notYetPrinted = nullptr;
    wxCheckBox* m_checkedIn = nullptr;
    wxStaticText* m_count = nullptr;
    wxChoice* m_printer = nullptr;
    wxButton* m_refreshPrinters = nullptr;
    wxSpinCtrl* m_copies = nullptr;
    wxButton* m_calibrate = nullptr;
    wxButton* m_print = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_saveEach = nullptr;
    wxGauge* m_gauge = nullptr;
    wxButton* m_cancel = nullptr;
    wxStaticText* m_status = nullptr;
    wxStaticText* m_pageLabel = nullptr;
    wxButton* m_previousPage = nullptr;
    wxButton* m_nextPage = nullptr;
    PagePreview* m_preview = nullptr;
    wxListCtrl* m_log = nullptr;

    Catalogue m_catalogue;
    std::vector<printing::Printer> m_printers;
    std::vector<model::Id> m_chosen;  // the tickets chooseTickets() gave
    wxString m_chosenLabel;
    std::vector<model::Id> m_ids;  // what the choice covers, counted
    std::vector<int> m_pages;      // pages per ticket of m_ids
    int m_totalPages = 0;
    bool m_counted = false;
    int m_previewPage = 0;
    double m_paperWidthPt = 0;  // the previewed page's size, for calibration
    double m_paperHeightPt = 0;
    bool m_busy = false;
    wxTimer m_recountTimer;
    desk::TaskHandle m_catalogueTask;
    desk::TaskHandle m_printerTask;
    desk::TaskHandle m_logTask;
    desk::TaskHandle m_countTask;
    desk::TaskHandle m_previewTask;
    desk::TaskHandle m_work;
};

} // namespace boxoffice::gui
