#include "boxoffice/printing/PrintRun.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <system_error>
#include <unordered_set>

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/printing/Calibration.h"
#include "boxoffice/printing/Printers.h"
#include "boxoffice/render/Background.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::printing {

namespace {

const model::Error kCancelled{model::ErrorCode::Conflict, "The printing was cancelled.", {}};

// A file name for a temporary PDF no other run uses.
std::filesystem::path temporaryPdf() {
    static std::atomic<unsigned> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    return std::filesystem::temp_directory_path() /
           fmt::format("boxoffice-print-{:x}-{}.pdf", static_cast<unsigned long long>(stamp), counter++);
}

bool hasEntry(const std::vector<model::Checkin>& checkins) {
    return std::any_of(checkins.begin(), checkins.end(),
                       [](const model::Checkin& c) { return c.type == model::CheckinType::Entry; });
}

// The page size each design prints on (its background's first page), read once per design.
class PaperSizes {
public:
    model::Result<render::PageSize> of(const render::RenderTemplate* design) {
        if (auto it = m_sizes.find(design); it != m_sizes.end()) {
            return it->second;
        }
        render::PageSize size = render::kA4;
        if (!design->backgroundPdf.empty()) {
            auto background = render::Background::fromPdf(design->backgroundPdf);
            if (!background) {
                return background.error();
            }
            size = background.value().pageSize(0);
        }
        m_sizes.emplace(design, size);
        return size;
    }

private:
    std::map<const render::RenderTemplate*, render::PageSize> m_sizes;
};

}  // namespace

model::Result<std::vector<model::Id>> selectPositions(model::Store& store, model::Id eventId,
                                                      const Selection& selection, PrintedDocument document) {
    using Scope = Selection::Scope;
    model::PositionQuery query(store);
    std::vector<model::Id> ids;
    if (selection.scope == Scope::Positions) {
        for (model::Id id : selection.positions) {
            auto row = query.byId(eventId, id);
            if (!row) {
                return model::Error::notFound(fmt::format("The event has no ticket with ID {}.", id));
            }
            if (!row->position.canceled) {
                ids.push_back(id);
            }
        }
    } else if (selection.scope == Scope::Orders) {
        render::TicketLoader loader(store);
        for (const auto& code : selection.orders) {
            auto positions = loader.orderPositions(eventId, code);
            if (!positions) {
                return positions.error();
            }
            ids.insert(ids.end(), positions->begin(), positions->end());
        }
    } else {
        model::PositionFilter filter;
        filter.ordering = "order__code,positionid";
        if (selection.scope == Scope::List) {
            if (!model::CheckinRepository(store).list(eventId, selection.listId)) {
                return model::Error::notFound(fmt::format("The event has no check-in list with ID {}.", selection.listId));
            }
            filter.list = selection.listId;
        } else {
            filter.orderStatuses = {model::OrderStatus::Paid, model::OrderStatus::Pending};
            if (selection.scope == Scope::Product) {
                filter.items = {selection.itemId};
            }
        }
        if (selection.checkedInOnly) {
            filter.hasCheckin = true;
        }
        ids = query.pageIds(eventId, filter);
    }
    // Each position once, first place kept.
    std::unordered_set<model::Id> seen;
    ids.erase(std::remove_if(ids.begin(), ids.end(), [&](model::Id id) { return !seen.insert(id).second; }),
              ids.end());
    if (selection.checkedInOnly && (selection.scope == Scope::Positions || selection.scope == Scope::Orders)) {
        const auto checkins = query.checkins(ids, std::nullopt);
        std::vector<model::Id> kept;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (hasEntry(checkins[i])) {
                kept.push_back(ids[i]);
            }
        }
        ids = std::move(kept);
    }
    if (selection.notYetPrinted) {
        const auto printed = model::PrintLogRepository(store).printedPositions(eventId, document);
        std::erase_if(ids, [&](model::Id id) { return printed.contains(id); });
    }
    return ids;
}

model::Result<std::vector<int>> pagesPerTicket(model::Store& store, model::Id eventId,
                                               const std::vector<model::Id>& positions, PrintedDocument document,
                                               std::stop_token stop) {
    std::map<const render::RenderTemplate*, int> pagesOf;
    const auto pagesOfDesign = [&](const std::shared_ptr<const render::RenderTemplate>& design) -> model::Result<int> {
        if (auto it = pagesOf.find(design.get()); it != pagesOf.end()) {
            return it->second;
        }
        int pages = 1;
        if (!design->backgroundPdf.empty()) {
            auto background = render::Background::fromPdf(design->backgroundPdf);
            if (!background) {
                return background.error();
            }
            pages = background.value().pageCount();
        }
        pagesOf.emplace(design.get(), pages);
        return pages;
    };
    if (document == PrintedDocument::Certificate) {
        auto design = certificates::eventDesign(store, eventId);
        if (!design) {
            return design.error();
        }
        auto pages = pagesOfDesign(design.value());
        if (!pages) {
            return pages.error();
        }
        return std::vector<int>(positions.size(), pages.value());
    }
    render::TicketLoader loader(store);
    model::PositionQuery query(store);
    std::vector<int> out;
    out.reserve(positions.size());
    constexpr std::size_t kChunk = 2000;
    for (std::size_t begin = 0; begin < positions.size(); begin += kChunk) {
        if (stop.stop_requested()) {
            return kCancelled;
        }
        const std::vector<model::Id> chunk(positions.begin() + static_cast<std::ptrdiff_t>(begin),
                                           positions.begin() + static_cast<std::ptrdiff_t>(std::min(positions.size(), begin + kChunk)));
        for (const auto& row : query.rowsById(chunk)) {
            auto design = loader.design(eventId, row.position.itemId, row.salesChannel);
            if (!design) {
                return design.error();
            }
            auto pages = pagesOfDesign(design.value());
            if (!pages) {
                return pages.error();
            }
            out.push_back(pages.value());
        }
    }
    return out;
}

model::Result<Batch> loadBatch(model::Store& store, model::Id eventId, const std::vector<model::Id>& positions,
                               PrintedDocument document, bool includeAbsent) {
    Batch batch;
    batch.eventId = eventId;
    batch.document = document;
    if (document == PrintedDocument::Ticket) {
        render::TicketLoader loader(store);
        auto jobs = loader.jobs(eventId, positions);
        if (!jobs) {
            return jobs.error();
        }
        batch.jobs = std::move(jobs.value());
    } else {
        auto design = certificates::eventDesign(store, eventId);
        if (!design) {
            return design.error();
        }
        for (model::Id id : positions) {
            auto job = certificates::certificateJob(store, eventId, id, !includeAbsent, design.value());
            if (!job) {
                if (job.error().code == model::ErrorCode::Conflict) {
                    ++batch.notCheckedIn;
                    continue;
                }
                return job.error();
            }
            batch.jobs.push_back(std::move(job.value()));
        }
    }
    batch.entries.reserve(batch.jobs.size());
    for (const auto& job : batch.jobs) {
        batch.entries.push_back({job.data.position.id, job.design ? job.design->layoutId : std::nullopt,
                                 job.design ? job.design->name : std::string()});
    }
    return batch;
}

model::Result<PrintOutcome> printBatch(model::Store& store, const Batch& batch, const PrintOptions& options,
                                       const ProgressCallback& progress, std::stop_token stop) {
    if (batch.jobs.empty()) {
        return model::Error::badInput("There is nothing to print.");
    }
    if (options.copies < 1 || options.copies > 100) {
        return model::Error::badInput("The number of copies must be between 1 and 100.");
    }
    std::string printer = options.printer;
    if (printer.empty()) {
        auto fallback = defaultPrinter();
        if (!fallback) {
            return fallback.error();
        }
        if (fallback->empty()) {
            return model::Error::badInput("No printer is chosen and the system has no default printer.");
        }
        printer = fallback.value();
    }
    // Consecutive tickets of one paper size go to the spooler as one job: a job has one media.
    PaperSizes sizes;
    struct Group {
        std::size_t begin = 0;
        std::size_t end = 0;
        render::PageSize size;
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < batch.jobs.size(); ++i) {
        if (!batch.jobs[i].design) {
            return model::Error::badInput(fmt::format("Ticket {} has no layout.", i + 1));
        }
        auto size = sizes.of(batch.jobs[i].design.get());
        if (!size) {
            return size.error();
        }
        if (groups.empty() || paperKey(groups.back().size.width, groups.back().size.height) !=
                                  paperKey(size->width, size->height)) {
            groups.push_back({i, i, size.value()});
        }
        groups.back().end = i + 1;
    }

    PrintOutcome outcome;
    model::PrintRun& run = outcome.run;
    run.eventId = batch.eventId;
    run.printer = printer;
    run.document = batch.document;
    run.copies = options.copies;
    const std::string what = batch.document == PrintedDocument::Ticket ? "tickets" : "certificates";
    std::string cancelled;
    for (const auto& group : groups) {
        if (stop.stop_requested()) {
            cancelled = fmt::format("The printing was cancelled after {} of {} {} went to the printer.",
                                    run.entries.size(), batch.jobs.size(), what);
            break;
        }
        const auto transform = calibration(store, printer, paperKey(group.size.width, group.size.height));
        std::vector<render::TicketJob> part;
        const bool whole = group.begin == 0 && group.end == batch.jobs.size();
        if (!whole) {
            part.assign(batch.jobs.begin() + static_cast<std::ptrdiff_t>(group.begin),
                        batch.jobs.begin() + static_cast<std::ptrdiff_t>(group.end));
        }
        render::RenderOptions renderOptions;
        renderOptions.title = options.title.empty() ? fmt::format("Box Office {} ({})", what, group.end - group.begin)
                                                    : options.title;
        renderOptions.transform = transform.value_or(render::PageTransform{});
        const auto file = temporaryPdf();
        auto rendered = render::renderTickets(
            whole ? batch.jobs : part, file, renderOptions,
            [&](const render::RenderProgress& p) {
                if (progress) {
                    progress(group.begin + p.done, batch.jobs.size());
                }
            },
            stop);
        if (!rendered) {
            if (stop.stop_requested() && rendered.error().code == model::ErrorCode::Conflict) {
                cancelled = fmt::format("The printing was cancelled after {} of {} {} went to the printer.",
                                        run.entries.size(), batch.jobs.size(), what);
                break;
            }
            return rendered.error();
        }
        auto job = spoolPdf({printer, file, renderOptions.title, group.size.width, group.size.height, options.copies});
        std::error_code ec;
        std::filesystem::remove(file, ec);
        if (!job) {
            if (run.entries.empty()) {
                return job.error();
            }
            cancelled = fmt::format("{} {} of {} {} went to the printer.", job.error().message, run.entries.size(),
                                    batch.jobs.size(), what);
            break;
        }
        run.jobs += (run.jobs.empty() ? "" : " ") + std::to_string(job.value());
        run.pages += rendered->pages;
        run.entries.insert(run.entries.end(), batch.entries.begin() + static_cast<std::ptrdiff_t>(group.begin),
                           batch.entries.begin() + static_cast<std::ptrdiff_t>(group.end));
        outcome.problems.insert(outcome.problems.end(), rendered->problems.begin(), rendered->problems.end());
    }
    if (!run.entries.empty()) {
        model::Store::Transaction tx(store);
        model::PrintLogRepository(store).add(run);
        tx.commit();
    }
    if (!cancelled.empty()) {
        return model::Error{model::ErrorCode::Conflict, cancelled, {}};
    }
    return outcome;
}

model::Result<render::RenderSummary> saveBatch(const Batch& batch, const std::filesystem::path& file,
                                               const ProgressCallback& progress, std::stop_token stop) {
    if (batch.jobs.empty()) {
        return model::Error::badInput("There is nothing to save.");
    }
    render::RenderOptions options;
    options.title = batch.document == PrintedDocument::Ticket ? "Tickets" : "Certificates of attendance";
    return render::renderTickets(
        batch.jobs, file, options,
        [&](const render::RenderProgress& p) {
            if (progress) {
                progress(p.done, p.total);
            }
        },
        std::move(stop));
}

model::Result<render::Raster> previewPage(const Batch& batch, int page, int maxWidth, int maxHeight,
                                          std::stop_token stop) {
    if (batch.jobs.empty()) {
        return model::Error::badInput("There is nothing to preview.");
    }
    const auto file = temporaryPdf();
    auto rendered = render::renderTickets({batch.jobs.front()}, file, {}, std::move(stop));
    if (!rendered) {
        return rendered.error();
    }
    auto raster = render::rasterizePage(file, page, maxWidth, maxHeight);
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return raster;
}

std::string fileNameFor(const layout::TicketData& data) {
    std::string name = data.order.code;
    if (const auto& attendee = data.position.attendeeName; attendee && !attendee->empty()) {
        name += " " + *attendee;
    } else {
        name += fmt::format("-{}", data.position.positionid);
    }
    for (char& c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
            c == '>' || c == '|') {
            c = '_';
        }
    }
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) {
        name.pop_back();  // Windows refuses names ending so
    }
    return name + ".pdf";
}

model::Result<std::vector<std::filesystem::path>> saveEach(const Batch& batch, const std::filesystem::path& directory,
                                                           const ProgressCallback& progress, std::stop_token stop) {
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec)) {
        return model::Error{model::ErrorCode::Io, fmt::format("{} is not a folder.", directory.string()), {}};
    }
    std::vector<std::filesystem::path> written;
    std::set<std::string> used;
    render::RenderOptions options;
    options.title = batch.document == PrintedDocument::Ticket ? "Ticket" : "Certificate of attendance";
    for (std::size_t i = 0; i < batch.jobs.size(); ++i) {
        if (stop.stop_requested()) {
            return kCancelled;
        }
        std::string name = fileNameFor(batch.jobs[i].data);
        for (int n = 2; !used.insert(name).second; ++n) {
            name = fileNameFor(batch.jobs[i].data);
            name.insert(name.size() - 4, fmt::format(" ({})", n));
        }
        const auto file = directory / std::filesystem::path(reinterpret_cast<const char8_t*>(name.c_str()));
        auto rendered = render::renderTickets({batch.jobs[i]}, file, options, {}, stop);
        if (!rendered) {
            return rendered.error();
        }
        written.push_back(file);
        if (progress) {
            progress(i + 1, batch.jobs.size());
        }
    }
    return written;
}

}  // namespace boxoffice::printing
