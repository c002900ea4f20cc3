// The Designer tab's properties: native controls that follow the selection (STYLE.md, "The
// designer"; spec ticket-layout.md §8.4). One element: its position and size in millimetres, its
// page, and what its type has (text: content with the value it prints on the ticket the canvas
// shows, custom text checked for unknown placeholders as it is typed, font family, size, bold,
// italic, colour, alignment, line height, rotation, and for a text box auto-resize and splitting
// long words; QR code: content, quiet zone, colour; image: its variable; logo: its style). Several
// elements: their position and page together, and the font settings of every text among them,
// a value they do not share shown empty. Each changed value is one undo step, however many
// elements it changes (a typed custom text or colour is one step until the field is left).
// Showing the selection sets the controls under an RAII blocker, so what the program sets is
// never taken for an edit. The font families are read once on a session worker
// (render::fontFamilies). UI thread only.
//
// PropertiesPanel.cpp: the rows, geometry, page, QR code, image and logo; PropertiesText.cpp:
// everything of text elements.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/layout/Editing.h"
#include "boxoffice/layout/Variables.h"

#include <functional>
#include <string>
#include <vector>
#include <wx/scrolwin.h>

class wxCheckBox;
class wxChoice;
class wxColourPickerCtrl;
class wxFlexGridSizer;
class wxSpinCtrl;
class wxSpinCtrlDouble;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class PropertiesPanel : public wxScrolledWindow {
public:
    PropertiesPanel(wxWindow* parent, Session& session);

    // Shows what `document` has selected (nullptr: no layout open).
    void show(layout::Document* document);

    // Which variables the content choice offers: a ticket's, or a certificate's (its own too).
    // Call before show() when another kind of layout opens.
    void setCatalogue(layout::CatalogueKind kind);

    // After a control changed the document.
    std::function<void()> onEdited;
    // The ticket whose values the canvas shows (nullptr: none): the sample values and the
    // placeholders a custom text may use come from it.
    std::function<const layout::TicketData*()> ticket;

    // The families the font choice offers (tests wait for them).
    const std::vector<std::string>& fontFamilies() const { return m_families; }

private:
    struct Row {
        wxStaticText* label = nullptr;
        wxWindow* control = nullptr;
    };
    Row addRow(const wxString& label, wxWindow* control);
    void showRow(const Row& row, bool shown);
    // While show() runs: `row` is to be shown.
    void want(const Row& row, bool shown = true);
    wxSpinCtrlDouble* spin(const char* name, double min, double max, double increment, unsigned digits);

    // Applies `change` to the one selected element as one step (`burst` joins a typed value).
    void editElement(layout::Property property, const char* burst, bool oneStep,
                     const std::function<void(layout::Element&)>& change);
    // Applies `change` to every selected element (those it does not concern stay) as one step.
    void editSelected(layout::Property property, const char* burst, bool oneStep,
                      const std::function<void(layout::Element&)>& change);
    void editPosition(bool x, double mm);
    void edited();

    // PropertiesText.cpp.
    void buildTextRows();
    void fillCatalogue();
    void bindTextRows();
    void editContent();
    void editText();
    void setContent(const layout::Content* content, bool barcode);
    // The font settings of the selected texts (one or several): each control shows the value
    // they share, or nothing.
    void showTextStyle(const std::vector<const layout::TextStyle*>& styles);
    void showQrColor(const layout::BarcodeArea& qr);
    // The text box's or legacy text's own rows.
    void showTextBox(const layout::TextContainer& box);
    void showLegacyText(const layout::TextArea& area);
    // The value the selected element prints on the ticket shown (`element` is the only one).
    void showSample(const layout::Element& element);
    // Checks a custom text: its unknown placeholders into the error line; true when none.
    bool checkText(const std::string& text);
    // A spin shown empty (several values differ, no line height) takes only a value typed into
    // it: its arrows and its fallback on leaving it start from its minimum.
    void showEmpty(wxSpinCtrlDouble* spin);
    bool takesValue(wxSpinCtrlDouble* spin);
    void setFamilies(std::vector<std::string> families);
    // Fills the font choice for `family` (empty: several differ), keeping one it does not offer.
    void setFamily(const std::string& family, bool shared);

    Session& m_session;
    layout::Document* m_document = nullptr;
    bool m_updating = false;  // set while show() fills the controls

    wxFlexGridSizer* m_grid = nullptr;
    wxStaticText* m_heading = nullptr;
    wxStaticText* m_hint = nullptr;
    wxSpinCtrlDouble* m_x = nullptr;
    wxSpinCtrlDouble* m_y = nullptr;
    wxSpinCtrlDouble* m_width = nullptr;
    wxSpinCtrlDouble* m_height = nullptr;
    wxSpinCtrlDouble* m_size = nullptr;
    wxSpinCtrlDouble* m_rotation = nullptr;
    wxSpinCtrl* m_page = nullptr;
    wxChoice* m_content = nullptr;
    wxStaticText* m_sample = nullptr;
    wxTextCtrl* m_text = nullptr;
    wxStaticText* m_textError = nullptr;
    wxChoice* m_family = nullptr;
    wxSpinCtrlDouble* m_fontSize = nullptr;
    wxCheckBox* m_bold = nullptr;
    wxCheckBox* m_italic = nullptr;
    wxColourPickerCtrl* m_color = nullptr;
    wxChoice* m_align = nullptr;
    wxSpinCtrlDouble* m_lineHeight = nullptr;
    wxCheckBox* m_autoResize = nullptr;
    wxCheckBox* m_splitLongWords = nullptr;
    wxCheckBox* m_noWhitespace = nullptr;
    wxChoice* m_logoStyle = nullptr;
    wxTextCtrl* m_image = nullptr;
    Row m_xRow, m_yRow, m_widthRow, m_heightRow, m_sizeRow, m_rotationRow, m_pageRow, m_contentRow, m_sampleRow,
        m_textRow, m_textErrorRow, m_familyRow, m_fontSizeRow, m_styleRow, m_colorRow, m_alignRow, m_lineHeightRow,
        m_autoResizeRow, m_splitRow, m_noWhitespaceRow, m_logoRow, m_imageRow;
    // The content choice: the catalogue's variables, "Other...", and, when the element has one
    // the catalogue lacks (meta:NAME, other_i18n, an unknown name), that one last.
    std::vector<std::string> m_contentNames;
    std::vector<const Row*> m_wanted;  // the rows show() shows
    std::vector<wxSpinCtrlDouble*> m_emptied;  // spins show() left empty
    std::vector<wxSpinCtrlDouble*> m_typed;    // spins typed into since
    std::size_t m_catalogueEntries = 0;
    layout::CatalogueKind m_catalogue = layout::CatalogueKind::Ticket;
    // The font choice: the renderer's families, and last a family it lacks (from an imported
    // layout: kept, printed in Open Sans), which `m_familyNames` has one more of.
    std::vector<std::string> m_families;
    std::vector<std::string> m_familyNames;
};

} // namespace boxoffice::gui
