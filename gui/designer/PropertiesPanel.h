// The Designer tab's properties: native controls that follow the selection (STYLE.md, "The
// designer"; spec ticket-layout.md §8.4). One element: its position and size in millimetres,
// and what its type has (text: content, custom text, font size, bold, italic, alignment,
// rotation; QR code: content, quiet zone; image: its variable; logo: its style). Several
// elements: their position together. Each changed value is one undo step (a custom text typed
// is one step until the field is left). Showing the selection sets the controls under an RAII
// blocker, so what the program sets is never taken for an edit. UI thread only.
#pragma once

#include "boxoffice/layout/Editing.h"

#include <functional>
#include <string>
#include <vector>
#include <wx/scrolwin.h>

class wxCheckBox;
class wxChoice;
class wxFlexGridSizer;
class wxSpinCtrlDouble;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class PropertiesPanel : public wxScrolledWindow {
public:
    explicit PropertiesPanel(wxWindow* parent);

    // Shows what `document` has selected (nullptr: no layout open).
    void show(layout::Document* document);

    // After a control changed the document.
    std::function<void()> onEdited;

private:
    struct Row {
        wxStaticText* label = nullptr;
        wxWindow* control = nullptr;
    };
    Row addRow(const wxString& label, wxWindow* control);
    void showRow(const Row& row, bool shown);
    wxSpinCtrlDouble* spin(const char* name, double min, double max, double increment, unsigned digits);

    // Applies `change` to the one selected element as one step (`field` joins a burst).
    void editElement(const std::string& field, bool oneStep, const std::function<void(layout::Element&)>& change);
    void editPosition(bool x, double mm);
    void editContent();
    void setContent(const layout::Content* content, bool barcode);

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
    wxChoice* m_content = nullptr;
    wxTextCtrl* m_text = nullptr;
    wxSpinCtrlDouble* m_fontSize = nullptr;
    wxCheckBox* m_bold = nullptr;
    wxCheckBox* m_italic = nullptr;
    wxChoice* m_align = nullptr;
    wxCheckBox* m_noWhitespace = nullptr;
    wxChoice* m_logoStyle = nullptr;
    wxTextCtrl* m_image = nullptr;
    Row m_xRow, m_yRow, m_widthRow, m_heightRow, m_sizeRow, m_rotationRow, m_contentRow, m_textRow, m_fontSizeRow,
        m_styleRow, m_alignRow, m_noWhitespaceRow, m_logoRow, m_imageRow;
    // The content choice: the catalogue's variables, "Other...", and, when the element has one
    // the catalogue lacks (meta:NAME, other_i18n, an unknown name), that one last.
    std::vector<std::string> m_contentNames;
    std::size_t m_catalogueEntries = 0;
};

} // namespace boxoffice::gui
