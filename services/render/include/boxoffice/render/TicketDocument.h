// One PDF being written with cairo: tickets are appended one after another, each ticket one page
// per background page (spec ticket-layout.md §6.1), and an order's PDF is simply its positions'
// tickets in turn. A background used by many tickets is embedded once. cairo, pango and poppler
// stay inside the .cpp (pimpl). Not thread-safe: one TicketDocument per thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/Types.h"
#include "boxoffice/render/Background.h"

namespace boxoffice::render {

// Moves and scales everything drawn on a page (background and elements) to make up for a
// printer that does not print where it should: a point at (x, y) mm from the page's top left
// corner is drawn at (offsetX + x * scaleX, offsetY + y * scaleY). The page size is unchanged.
struct PageTransform {
    double offsetXMm = 0;
    double offsetYMm = 0;
    double scaleX = 1;
    double scaleY = 1;
    bool identity() const { return offsetXMm == 0 && offsetYMm == 0 && scaleX == 1 && scaleY == 1; }
};

class TicketDocument {
public:
    ~TicketDocument();
    TicketDocument(const TicketDocument&) = delete;
    TicketDocument& operator=(const TicketDocument&) = delete;

    // Starts a PDF at `file` (overwritten). Io error when it cannot be created.
    static model::Result<std::unique_ptr<TicketDocument>> create(const std::filesystem::path& file,
                                                                  std::string title = "Ticket",
                                                                  PageTransform transform = {});
    // Starts a PDF kept in memory: bytes() holds it once finished.
    static std::unique_ptr<TicketDocument> createInMemory(std::string title = "Ticket");

    // Appends one ticket: for each page of `background`, the background page and the layout's
    // elements of that page, on a page of the background's first page size. Problems with single
    // elements (spec §6.12) are appended to `problems` when given; they do not fail the ticket.
    // Returns the number of pages written.
    model::Result<int> addTicket(const layout::Layout& layout, const Background& background,
                                 const layout::TicketData& data, std::vector<std::string>* problems = nullptr);

    // Completes the file; nothing may be added afterwards. Io error when writing failed.
    model::Result<bool> finish();

    int pageCount() const;
    // The finished PDF of a document made by createInMemory (empty before finish() and for a file).
    const std::vector<unsigned char>& bytes() const;

private:
    struct Impl;
    explicit TicketDocument(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::render
