// The Designer tab: the ticket layouts of the shown event, one of them open for editing on a
// canvas that shows the page as it prints (DesignerCanvas), with buttons to add elements, undo
// and redo (saying what: "Undo Move 3 elements"), arrange, lock, duplicate and delete, and the
// properties of the selection beside it (PropertiesPanel), and pre-flight below (PreflightPanel:
// the layout as edited against the tickets it prints, the certificate against the certificates
// it prints). The document being edited is a layout::Document (every edit and the undo history
// live there, without wx); Save hands it to pdf::saveLayout with the layout as it was opened, so
// a change made elsewhere meanwhile is not overwritten without asking. The Manage layout menu
// renames, duplicates, deletes a layout, makes it the default and assigns products to it
// (LayoutActions.cpp, ProductsDialog), and edits the layout as pretix layout JSON, exports it to a
// file and imports one (LayoutSource.cpp, SourceDialog): each replacement is one undo step,
// unsaved until Save. Above the canvas the page bar (PageBar) shows the layout's pages, Add page,
// Remove page and the Background menu (BackgroundActions.cpp): the background PDF is part of the
// document, so a new one, or one a page longer or shorter, is an undo step and Save stores it
// with the layout in one transaction. Reading the layouts, saving, drawing and the JSON files run
// on the session's workers; the UI thread never waits for them. After the ticket layouts the
// layout choice lists the event's certificate of attendance (DesignerDocument.cpp,
// DesignerCertificate.cpp): its stored layout, or the built-in design, edited alike and saved
// through certificates::saveEventLayout; the Manage layout menu offers only what makes sense for
// it, and going back to the built-in design.
//
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "designer/DesignerCanvas.h"
#include "boxoffice/layout/Editing.h"
#include "boxoffice/model/TicketLayout.h"
#include "boxoffice/model/Time.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxStaticText;

namespace boxoffice::gui {

class PageBar;
class PreflightPanel;
class PreviewSearch;
class PropertiesPanel;

// A layout of the event as the layout choice lists it.
struct LayoutSummary {
    model::Id id = 0;
    std::string name;
    bool isDefault = false;
    std::string json;  // as stored (normalised by the save use case)
    std::optional<std::string> background;  // the stored background file's ID
};

// The layout ID the designer gives the event's certificate layout, which has none of its own.
inline constexpr model::Id kCertificateLayout = 0;

class DesignerPanel : public StorePanel {
public:
    DesignerPanel(wxWindow* parent, Session& session);
    ~DesignerPanel() override;

    // The layout open for editing (nullptr before one is read) and its ID.
    const layout::Document* document() const { return m_document.get(); }
    std::optional<model::Id> layoutId() const { return m_layoutId; }
    // Whether the open layout is the event's certificate of attendance.
    bool certificateOpen() const { return m_document && m_layoutId == kCertificateLayout; }
    // Whether the open layout has changes not saved yet, and whether a save is under way.
    bool modified() const;
    bool saving() const { return m_saving; }
    DesignerCanvas& canvas() { return *m_canvas; }
    PreflightPanel& preflight() { return *m_preflight; }

    // What the Undo and Redo buttons say ("Undo Move 1 element").
    wxString undoText() const;
    wxString redoText() const;

    // An editing command (the buttons' and the canvas's shortcuts): wxID_UNDO, wxID_REDO,
    // wxID_CUT, wxID_COPY, wxID_PASTE, wxID_DUPLICATE, wxID_DELETE, wxID_SELECTALL.
    void command(int id);
    // Stores the open layout (pdf::saveLayout on a worker). When the stored layout changed since
    // it was opened, asks whether to overwrite that change; `overwrite` skips the question.
    void save(bool overwrite = false);

    // The Manage layout menu's actions on the open layout; each asks what it needs (a name, a
    // confirmation, the products) in a dialog and runs the use case on a worker.
    // Source: the JSON source view (SourceDialog); Apply replaces the layout as one undo step.
    // ExportJson writes the layout as pretix layout JSON to a file the user picks; ImportJson
    // reads one and replaces the layout with it as one undo step (an invalid file: a message).
    // ResetCertificate (the certificate only; Rename to Products are for ticket layouts only)
    // asks, then drops the event's stored certificate layout: the built-in design opens.
    enum class LayoutAction {
        Rename, Duplicate, Delete, MakeDefault, Products, Source, ExportJson, ImportJson, ResetCertificate
    };
    void layoutAction(LayoutAction action);

    // Where to export the layout's JSON, offering `suggestedName`, and which file to import; an
    // empty answer cancels. Unset: the save and open file dialogs; tests answer with a path.
    std::function<wxString(const wxString& suggestedName)> askJsonExportPath;
    std::function<wxString()> askJsonImportPath;

    // The page bar above the canvas, and showing page `page` (1-based) of the layout there: the
    // selection is cleared, elements of other pages stay aside.
    PageBar& pageBar() { return *m_pages; }
    void showPage(int page);

    // The Background menu's actions and Add page (BackgroundActions.cpp). Upload takes a PDF the
    // user picks (checked on a worker as the renderer reads it: a file that is no usable PDF is a
    // message and changes nothing); Blank makes blank pages of a size chosen in PageSizeDialog, as
    // many as print now; Remove goes back to no background (blank A4 pages, as many as print now);
    // AddPage adds a blank page at the end. Each is one undo step with the elements where they
    // were, unsaved until Save.
    enum class BackgroundAction { Upload, Blank, Remove, AddPage };
    void backgroundAction(BackgroundAction action);
    // Remove page (the page bar's button for the page shown, a page button's context menu):
    // removes page `page` (1-based) as one undo step, "Remove page 2". Its elements go with it,
    // after a question that says how many (none on it: no question); the pages after it move up
    // one. A page the background PDF has takes the background's page with it (made on a worker),
    // so every later page keeps its own background and prints as before; the question says so.
    // Refused with a message: the background PDF's only page (remove or replace the background,
    // or move the elements beyond it, first) and a page with locked elements (unlock them first).
    // The layout's only page cannot be removed (the button is disabled).
    void removePage(int page);
    // Which PDF to take as the background; an empty answer cancels. Unset: the open file dialog.
    std::function<wxString()> askBackgroundPath;

    // With unsaved changes, asks whether to save them (the window closes once they are saved),
    // discard them, or keep the window open.
    bool mayClose() override;

protected:
    void doReload() override;

private:
    enum class NewElement { TextBox, LegacyText, Qr, Image, Logo };

    wxButton* button(wxWindow* parent, const wxString& label, const wxString& tip, const char* name);
    // Opens `layoutId`, or the event's certificate layout for kCertificateLayout.
    void open(model::Id layoutId);
    // The open layout's name as the user sees it.
    wxString layoutName() const;
    // DesignerCertificate.cpp: saving the certificate, and going back to its built-in design.
    void saveCertificate(bool overwrite);
    // The ends of a save, for ticket layouts and the certificate alike: a save refused because
    // the stored layout changed meanwhile asks whether to overwrite it; a stored one marks the
    // document saved unless it was edited meanwhile (`sameDocument`: it is still the one saved)
    // and closes the window when that was asked for; a failed one says why.
    void askToOverwrite();
    void afterSaved(bool sameDocument, const layout::Layout& saved, const layout::SharedBackground& background,
                    const layout::SharedBackground& storedBackground);
    void saveFailed(const wxString& message);
    void resetCertificate();
    void addElement(NewElement kind);
    void newLayout();
    void chooseLayout();
    void showAlignMenu();
    void showLayoutMenu();
    // LayoutActions.cpp: the layout management behind layoutAction.
    void renameLayout();
    void duplicateLayout();
    void deleteLayout();
    void makeDefaultLayout();
    void editProducts();
    // LayoutSource.cpp: the layout as JSON (source view, export, import).
    void editSource();
    void exportJson();
    void importJson();
    // Replaces the open layout with `replacement` (and its background, when given) as one undo step.
    void replaceLayout(layout::Layout replacement, layout::SharedBackground background = nullptr);
    // BackgroundActions.cpp: the page bar and the background. `make` runs on a worker; what it
    // made becomes the background as one step labelled `kind` (a failure: `failure` and why).
    PageBar* makePageBar();
    void showBackgroundMenu();
    void changeBackground(std::function<model::Result<layout::SharedBackground>()> make, layout::EditKind kind,
                          const wxString& failure);
    // Keeps the page bar and the canvas's background in step with the document.
    void syncPages();
    // A use case's failure, as a message: "The layout could not be renamed: ...".
    void showLayoutError(const wxString& what, const model::Error& error);
    // A pre-flight problem activated: selects its element, shows its ticket when it has one.
    void showProblem(std::size_t element, const layout::TicketData* ticket);
    // After an edit or a selection change: buttons, properties, the unsaved mark; `edited`: the
    // layout changed, so the canvas draws a new picture.
    void afterChange(bool edited, bool fromCanvas = false);
    void updateState();
    void updateZoomChoice();
    void fillLayoutChoice();

    std::unique_ptr<layout::Document> m_document;
    std::optional<model::Id> m_layoutId;
    model::Id m_documentEvent = 0;  // the event the open layout belongs to
    std::shared_ptr<MeasuredTexts> m_measured = std::make_shared<MeasuredTexts>();
    std::vector<LayoutSummary> m_layouts;
    // The open layout as stored when it was read or last saved here: what a save is based on.
    std::optional<model::TicketLayout> m_opened;
    // The certificate as it was opened or last saved here (with the certificate open): the stored
    // one's `modified`, nullopt for the built-in design (certificates::OpenedLayout).
    struct OpenedCertificate {
        std::optional<model::Timestamp> modified;
    };
    std::optional<OpenedCertificate> m_openedCertificate;
    std::optional<model::Id> m_wantOpen;  // a layout just created, opened once listed
    std::string m_clipboard;              // copied elements as pretix layout JSON
    bool m_saving = false;
    bool m_closeAfterSave = false;  // the window is closed once the save that is running succeeds
    bool m_opening = false;

    DesignerCanvas* m_canvas = nullptr;
    PageBar* m_pages = nullptr;
    PropertiesPanel* m_properties = nullptr;
    PreviewSearch* m_preview = nullptr;
    PreflightPanel* m_preflight = nullptr;
    wxChoice* m_layoutChoice = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_newLayout = nullptr;
    wxButton* m_manage = nullptr;
    wxStaticText* m_state = nullptr;
    wxChoice* m_zoom = nullptr;
    std::vector<double> m_zoomSteps;  // the zoom choice's entries after Fit page and Fit width
    wxButton* m_undo = nullptr;
    wxButton* m_redo = nullptr;
    std::vector<wxButton*> m_addButtons;
    std::vector<wxButton*> m_selectionButtons;  // need a selection
    wxButton* m_align = nullptr;
    wxButton* m_lock = nullptr;
    wxButton* m_unlock = nullptr;
    desk::TaskHandle m_listTask;
    desk::TaskHandle m_openTask;
};

} // namespace boxoffice::gui
