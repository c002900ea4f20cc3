// The Sales tab: selling tickets at the desk, keyboard first.
//
// Top to bottom: the shift (an operator starts one before selling; End shift and the shift
// report as PDF or CSV), the event's products with their price and what the quotas have left, a
// quantity and Add (Enter); the cart with each ticket's attendee name, the questions its product
// asks and the add-ons it offers (added with a quantity, shown indented under their ticket);
// payment (cash with the amount given and the change shown as it is typed, card or free) and Pay;
// then the last sale's order code and change, with Print tickets on the chosen printer (at once
// on Pay when "Print tickets when paid" is ticked) or Save PDF, and Cancel order. Every read and
// every use case (sales/Sale.h, sales/Shifts.h, printing/PrintRun.h, printing/ShiftReportPdf.h)
// runs on a session worker; a refused sale keeps the cart and shows each problem beside its field
// or on its cart line. Reloads on the store's changes of the event and its orders.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/printing/Printers.h"
#include "boxoffice/printing/PrintRun.h"
#include "boxoffice/sales/Availability.h"
#include "boxoffice/sales/Sale.h"
#include "boxoffice/sales/Shifts.h"
#include "sales/Cart.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxColour;
class wxListCtrl;
class wxListEvent;
class wxPanel;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class SalesPanel : public StorePanel {
public:
    SalesPanel(wxWindow* parent, Session& session);

    // Puts the keyboard where selling starts: the operator field without a shift, else the
    // products. Called when the tab is shown.
    void focusStart();

    // What a person answers in dialogs; tests answer instead. A file to save to (empty:
    // cancelled; the shift report is CSV for a name ending in .csv, else PDF); the order to cancel
    // (nullopt: cancelled).
    struct CancelAnswer {
        std::string orderCode;
        std::string reason;
        std::optional<sales::PaymentMethod> refund;
    };
    std::function<wxString(const wxString& suggestedName)> askPdfPath;
    std::function<wxString(const wxString& suggestedName)> askReportPath;
    std::function<std::optional<CancelAnswer>()> askCancel;

    const Cart& cart() const { return m_cart; }
    // The order code of the last sale made here (empty before the first).
    const std::string& lastOrderCode() const { return m_lastOrderCode; }

private:
    // A product (or one of its variations) as the desk offers it.
    struct Offer {
        model::Id itemId = 0;
        std::optional<model::Id> variationId;
        std::string label;
        model::Money price;
        sales::Availability availability;
    };
    // What a ticket of a product may be bought with: the products of its add-on categories, with
    // each category's limits.
    struct AddonRule {
        std::string category;
        int minCount = 0;
        int maxCount = 1;
    };
    struct AddonMenu {
        std::vector<Offer> offers;  // priced as with this product (nothing when included)
        std::vector<AddonRule> rules;
    };
    struct Catalogue {
        model::Id eventId = 0;
        model::Event event;
        std::vector<Offer> offers;
        std::vector<model::Question> questions;
        std::map<model::Id, AddonMenu> addons;  // by the product sold with them
        std::optional<sales::Shift> shift;  // the event's open shift, the newest
    };
    // On a worker: what the desk sells of the event.
    static Catalogue loadCatalogue(model::Store& store, model::Id eventId, const std::string& language);
    static std::map<model::Id, AddonMenu> loadAddonMenus(model::Store& store, model::Id eventId,
                                                         const std::string& language);

    enum CartColumn { CartNumber, CartTicket, CartPrice, CartName };
    static wxColour errorColour();
    static wxStaticText* errorText(wxWindow* parent, const char* name);

    void buildShift(wxWindow* parent, wxSizer* column);
    void buildProducts(wxWindow* parent, wxSizer* column);
    void buildCart(wxWindow* parent, wxSizer* column);
    void buildAddons(wxWindow* parent, wxSizer* column);
    void buildPayment(wxWindow* parent, wxSizer* column);
    void buildLastSale(wxWindow* parent, wxSizer* column);
    void bindKeys();

    void doReload() override;
    void showCatalogue(Catalogue&& catalogue);
    void showShift();
    void startShift();
    void endShift();
    void saveShiftReport();
    void showReportSaved(model::Result<bool>&& saved, const wxString& file);

    void addToCart();
    void removeFromCart();
    void showCart(std::optional<std::size_t> select);
    std::optional<std::size_t> selectedCartLine() const;
    void showTicketFields();
    void showQuestions(std::optional<std::size_t> line);
    void showAddons(std::optional<std::size_t> line);
    void addAddon();
    wxString lineProblem(std::size_t line) const;
    void nextTicket();
    void updatePayment();
    std::optional<model::Money> amountGiven() const;
    sales::PaymentMethod paymentMethod() const;

    void pay();
    void showSaleErrors(const model::Error& error);
    wxString lineErrorText(std::size_t line, const std::string& field, const wxString& text) const;
    void showSold(sales::Sale&& sale);
    void loadPrinters();
    void rememberPrintOnPay();
    // `afterPay`: printed at once after Pay ("Print tickets when paid"); the status says so.
    void printTickets(bool afterPay = false);
    void showPrinted(model::Result<printing::PrintOutcome>&& printed, const std::string& code, bool afterPay);
    void saveTickets();
    void cancelOrder();
    void say(const wxString& text);
    void updateButtons();
    wxString amountText(model::Money amount) const;
    wxString serviceMessage(const std::string& message) const;

    Catalogue m_catalogue;
    Cart m_cart;
    // Problems of the last refused sale, per cart line and field ("item", "answers.7").
    std::map<std::size_t, std::map<std::string, wxString>> m_lineErrors;
    bool m_busy = false;
    std::string m_lastOrderCode;
    std::vector<model::Id> m_lastPositions;
    std::vector<printing::Printer> m_printers;

    wxStaticText* m_shiftState = nullptr;
    wxStaticText* m_operatorLabel = nullptr;
    wxTextCtrl* m_operator = nullptr;
    wxButton* m_startShift = nullptr;
    wxButton* m_endShift = nullptr;
    wxButton* m_shiftReport = nullptr;
    wxStaticText* m_shiftError = nullptr;
    wxListCtrl* m_products = nullptr;
    wxTextCtrl* m_quantity = nullptr;
    wxButton* m_add = nullptr;
    wxListCtrl* m_cartList = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxPanel* m_questions = nullptr;
    struct AnswerField {
        model::Id question = 0;
        wxTextCtrl* text = nullptr;
        wxStaticText* error = nullptr;
    };
    std::vector<AnswerField> m_answerFields;
    wxPanel* m_addons = nullptr;
    wxStaticText* m_addonRules = nullptr;
    wxChoice* m_addonChoice = nullptr;
    wxTextCtrl* m_addonQuantity = nullptr;
    wxButton* m_addAddon = nullptr;
    std::optional<model::Id> m_addonMenuOf;  // the product whose add-ons m_addonChoice lists
    wxButton* m_remove = nullptr;
    wxStaticText* m_cartError = nullptr;
    wxRadioBox* m_payment = nullptr;
    wxStaticText* m_total = nullptr;
    wxTextCtrl* m_given = nullptr;
    wxStaticText* m_change = nullptr;
    wxStaticText* m_paymentError = nullptr;
    wxButton* m_pay = nullptr;
    wxStaticText* m_lastSale = nullptr;
    wxChoice* m_printer = nullptr;
    wxCheckBox* m_printOnPay = nullptr;
    wxButton* m_print = nullptr;
    wxButton* m_savePdf = nullptr;
    wxButton* m_cancelOrder = nullptr;
    wxStaticText* m_status = nullptr;

    desk::TaskHandle m_catalogueTask;
    desk::TaskHandle m_printerTask;
    desk::TaskHandle m_work;
};

}  // namespace boxoffice::gui
