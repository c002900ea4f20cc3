// The Designer tab's pages and background: the page bar above the canvas (PageBar), the
// Background menu, Add page and Remove page. A new background is made or checked on a session
// worker (BackgroundFiles.h) and becomes the document's as one undo step, the elements where they
// were; the canvas follows the document's background (syncPages). A ticket prints one page per
// page of its background, each the size of the first (spec ticket-layout.md §6.1, render's
// TicketDocument); so Add page makes the background one blank page longer, Remove page of a page
// the background has makes it one page shorter (layout::Document::removePage), and a page that an
// element names beyond the background is shown (grey, "not printed") but prints nothing.
#include "designer/DesignerPanel.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/render/BackgroundPdf.h"
#include "designer/BackgroundFiles.h"
#include "designer/PageBar.h"
#include "designer/PageSizeDialog.h"

#include <algorithm>
#include <utility>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/menu.h>

namespace boxoffice::gui {

namespace {

enum MenuId {
    kUpload = wxID_HIGHEST + 800,
    kBlank,
    kRemove,
};

} // namespace

PageBar* DesignerPanel::makePageBar() {
    m_pages = new PageBar(this);
    m_pages->MoveBeforeInTabOrder(m_canvas);
    m_pages->onChoose = [this](int page) { showPage(page); };
    m_pages->onAddPage = [this] { backgroundAction(BackgroundAction::AddPage); };
    m_pages->onRemovePage = [this](int page) { removePage(page); };
    m_pages->onBackground = [this] { showBackgroundMenu(); };
    return m_pages;
}

void DesignerPanel::showPage(int page) {
    if (!m_document || page < 1 || page > m_document->pageCount()) {
        return;
    }
    m_document->endBurst();
    m_document->clearSelection();
    m_canvas->setPage(page);
    afterChange(false);
}

void DesignerPanel::showBackgroundMenu() {
    if (!m_document) {
        return;
    }
    wxMenu menu;
    menu.Append(kUpload, _("&Upload PDF..."), _("Print the tickets on the pages of a PDF file"));
    menu.Append(kBlank, _("&Blank page..."), _("Print the tickets on blank pages of a size you choose"));
    menu.Append(kRemove, _("&Remove background"), _("Print the tickets on blank A4 pages"));
    menu.Enable(kRemove, !m_document->background()->pdf.empty());
    menu.Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
        switch (event.GetId()) {
            case kUpload: backgroundAction(BackgroundAction::Upload); break;
            case kBlank: backgroundAction(BackgroundAction::Blank); break;
            case kRemove: backgroundAction(BackgroundAction::Remove); break;
            default: break;
        }
    });
    auto& button = m_pages->backgroundButton();
    button.PopupMenu(&menu, 0, button.GetSize().y);
}

void DesignerPanel::backgroundAction(BackgroundAction action) {
    if (!m_document || !m_layoutId || m_documentEvent != eventId()) {
        return;
    }
    // A new background has as many pages as print now, so no element stops printing.
    const int pages = m_document->printedPages();
    switch (action) {
        case BackgroundAction::Upload: {
            wxString path;
            if (askBackgroundPath) {
                path = askBackgroundPath();
            } else {
                wxFileDialog dialog(this, _("Upload a background PDF"), wxString(), wxString(),
                                    _("PDF files (*.pdf)|*.pdf;*.PDF|All files (*)|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
                if (dialog.ShowModal() == wxID_OK) {
                    path = dialog.GetPath();
                }
            }
            if (!path.empty()) {
                changeBackground([file = toPath(path)] { return readBackgroundFile(file); }, layout::EditKind::Background,
                                 wxString::Format(_("%s cannot be the background of the tickets:"), path));
            }
            break;
        }
        case BackgroundAction::Blank: {
            const auto& now = *m_document->background();
            PageSizeDialog dialog(this, render::PageSize{now.width.toPt(), now.height.toPt()});
            if (dialog.ShowModal() == wxID_OK) {
                changeBackground([size = dialog.pageSize(), pages] { return makeBlankBackground(size, pages); },
                                 layout::EditKind::Background, _("The blank page could not be made:"));
            }
            break;
        }
        case BackgroundAction::Remove:
            if (pages > 1) {
                changeBackground([pages] { return makeBlankBackground(render::kA4, pages); }, layout::EditKind::Background,
                                 _("The background could not be removed:"));
            } else {
                m_document->endBurst();
                if (m_document->setBackground(nullptr)) {
                    afterChange(true);
                }
            }
            break;
        case BackgroundAction::AddPage:
            changeBackground([background = m_document->background()] { return addBlankPage(background); },
                             layout::EditKind::AddPage, _("The page could not be added:"));
            break;
    }
}

void DesignerPanel::removePage(int page) {
    if (!m_document || !m_layoutId || m_documentEvent != eventId() || page < 1 || page > m_document->pageCount() ||
        m_document->pageCount() <= 1) {
        return;
    }
    const auto& doc = *m_document;
    if (doc.lockedOn(page)) {
        showError(wxString::Format(_("Page %d has locked elements. Unlock them to remove the page."), page), this);
        return;
    }
    const bool withBackground = doc.backgroundHas(page);
    if (withBackground && doc.background()->pages <= 1) {
        showError(wxString::Format(_("Page %d cannot be removed: it is the only page of the background PDF. Move the "
                                     "elements of the pages after it onto it, or remove or replace the background "
                                     "first."),
                                   page),
                  this);
        return;
    }
    if (const std::size_t elements = doc.elementsOn(page); elements > 0) {
        // TRANSLATORS: the page's number, then how many elements are on it: "Remove page 2 and the 3
        // elements on it?".
        wxString question = wxString::Format(wxPLURAL("Remove page %d and the %zu element on it?",
                                                      "Remove page %d and the %zu elements on it?",
                                                      static_cast<unsigned>(elements)),
                                             page, elements);
        question += wxS("\n\n") + (withBackground
                                       ? wxString::Format(_("Page %d of the background PDF goes with it. The pages "
                                                            "after it move up one page. Undo brings it all back."),
                                                          page)
                                       : _("The pages after it move up one page. Undo brings it all back."));
        const layout::Document* asked = m_document.get();
        // The question is modal, but what arrives meanwhile (a reload) may open another layout.
        if (!confirm(question, _("Remove page"), this) || m_document.get() != asked) {
            return;
        }
    }
    const auto removed = [this, page](layout::SharedBackground background) {
        m_document->endBurst();
        if (m_document->removePage(page, std::move(background))) {
            afterChange(true);
            showPage(std::min(page, m_document->pageCount()));
        }
    };
    if (!withBackground) {
        removed(nullptr);
        return;
    }
    session().run<model::Result<layout::SharedBackground>>(
        this,
        [background = m_document->background(), page](desk::TaskContext&) {
            return removeBackgroundPage(background, page);
        },
        [this, removed, document = m_document.get(), id = *m_layoutId,
         from = m_document->background()](model::Result<layout::SharedBackground>&& made) {
            // Another layout opened, or the background changed (undone) meanwhile: the shorter
            // background was made from one that is no longer the document's.
            if (!m_document || m_document.get() != document || m_layoutId != id || m_document->background() != from) {
                return;
            }
            if (!made) {
                showError(_("The page could not be removed:") + wxS("\n\n") +
                              wxGetTranslation(fromUtf8(made.error().message)),
                          this);
                return;
            }
            removed(std::move(made.value()));
        });
}

void DesignerPanel::changeBackground(std::function<model::Result<layout::SharedBackground>()> make, layout::EditKind kind,
                                     const wxString& failure) {
    session().run<model::Result<layout::SharedBackground>>(
        this, [make = std::move(make)](desk::TaskContext&) { return make(); },
        [this, kind, failure, document = m_document.get(), id = *m_layoutId](model::Result<layout::SharedBackground>&& made) {
            // Another layout opened meanwhile: the background was meant for the one that is gone.
            if (!m_document || m_document.get() != document || m_layoutId != id) {
                return;
            }
            if (!made) {
                showError(failure + wxS("\n\n") + wxGetTranslation(fromUtf8(made.error().message)), this);
                return;
            }
            m_document->endBurst();
            if (!m_document->setBackground(std::move(made.value()), kind)) {
                return;
            }
            afterChange(true);
            if (kind == layout::EditKind::AddPage) {
                showPage(m_document->printedPages());
            }
        });
}

void DesignerPanel::syncPages() {
    if (!m_pages) {
        return;
    }
    if (!m_document) {
        m_pages->setPages(0, 0, 0);
        m_pages->setPageSize(std::nullopt);
        m_pages->enableEditing(false);
        return;
    }
    const auto& doc = *m_document;
    const auto& background = doc.background();
    int page = m_canvas->page();
    // The selection on another page (moved there in the properties, a pre-flight problem there):
    // that page is shown.
    const auto& selection = doc.selection();
    if (!selection.empty() &&
        std::none_of(selection.begin(), selection.end(), [&](std::size_t i) { return layout::base(doc.element(i)).page == page; })) {
        page = layout::base(doc.element(selection.front())).page;
    }
    page = std::clamp(page, 1, doc.pageCount());
    if (const CanvasDesign* design = m_canvas->design(); design && design->background != background) {
        // A new background (chosen, undone, redone): the same ticket's values over it.
        auto next = std::make_shared<CanvasDesign>();
        next->background = background;
        next->data = design->data;
        m_canvas->setDocument(m_document.get(), std::move(next), page);
    } else {
        m_canvas->setPage(page);
    }
    m_pages->setPages(doc.pageCount(), doc.printedPages(), page);
    m_pages->setPageSize(std::make_pair(background->width, background->height));
    m_pages->enableEditing(m_layoutId.has_value() && m_documentEvent == eventId());
}

} // namespace boxoffice::gui
