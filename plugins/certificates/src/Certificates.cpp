#include "boxoffice/certificates/Certificates.h"

#include <fmt/core.h>

#include <optional>
#include <string>
#include <unordered_map>

#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/Background.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::certificates {

layout::Layout defaultCertificateLayout() {
    static const char* const kLayout = R"([
{"type":"textcontainer","left":"20.00","bottom":"220.00","width":"170.00","height":"25.00","content":"other",
 "text":"Certificate of attendance","fontsize":"30.0","fontfamily":"Open Sans","bold":true,"italic":false,
 "align":"center","verticalalign":"middle","color":[0,0,0,1],"autoresize":true},
{"type":"textcontainer","left":"20.00","bottom":"190.00","width":"170.00","height":"12.00","content":"other",
 "text":"This is to certify that","fontsize":"14.0","fontfamily":"Open Sans","bold":false,"italic":false,
 "align":"center","verticalalign":"middle","color":[0,0,0,1]},
{"type":"textcontainer","left":"20.00","bottom":"165.00","width":"170.00","height":"20.00","content":"attendee_name",
 "fontsize":"24.0","fontfamily":"Open Sans","bold":true,"italic":false,"align":"center","verticalalign":"middle",
 "color":[0,0,0,1],"autoresize":true},
{"type":"textcontainer","left":"20.00","bottom":"140.00","width":"170.00","height":"20.00","content":"other",
 "text":"attended {event_name}","fontsize":"16.0","fontfamily":"Open Sans","bold":false,"italic":false,
 "align":"center","verticalalign":"middle","color":[0,0,0,1],"autoresize":true},
{"type":"textcontainer","left":"20.00","bottom":"120.00","width":"170.00","height":"12.00","content":"other",
 "text":"{event_location} · checked in on {checkin_datetime}","fontsize":"12.0","fontfamily":"Open Sans",
 "bold":false,"italic":false,"align":"center","verticalalign":"middle","color":[60,60,60,1],"autoresize":true},
{"type":"textcontainer","left":"20.00","bottom":"40.00","width":"170.00","height":"10.00","content":"organizer",
 "fontsize":"11.0","fontfamily":"Open Sans","bold":false,"italic":false,"align":"center","verticalalign":"middle",
 "color":[60,60,60,1]}])";
    return layout::parseLayoutText(kLayout).value();
}

model::Result<std::shared_ptr<const render::RenderTemplate>> eventDesign(model::Store& store, model::Id eventId) {
    model::LayoutRepository repo(store);
    auto design = std::make_shared<render::RenderTemplate>();
    auto stored = repo.certificateLayout(eventId);
    if (!stored) {
        design->layout = defaultCertificateLayout();
        return std::shared_ptr<const render::RenderTemplate>(design);
    }
    auto parsed = layout::parseLayout(stored->layout);
    if (!parsed) {
        return model::Error::badInput(fmt::format("Certificate layout: {}", parsed.error().message));
    }
    design->layout = std::move(parsed.value());
    if (stored->background) {
        auto file = repo.file(*stored->background);
        if (!file) {
            return model::Error::notFound(
                fmt::format("The background {} of the certificate layout is missing.", *stored->background));
        }
        design->backgroundPdf = std::move(file->data);
    }
    return std::shared_ptr<const render::RenderTemplate>(design);
}

model::Result<model::CertificateLayout> saveEventLayout(model::Store& store, model::Id eventId,
                                                        const std::string& layoutJson,
                                                        const std::optional<std::vector<unsigned char>>& backgroundPdf,
                                                        const std::optional<OpenedLayout>& basedOn) {
    auto parsed = layout::parseLayoutText(layoutJson);
    if (!parsed) {
        return parsed.error();
    }
    if (backgroundPdf) {
        if (auto pdf = render::Background::fromPdf(*backgroundPdf); !pdf) {
            return pdf.error();
        }
    }
    model::Store::Transaction tx(store);
    model::LayoutRepository repo(store);
    auto previous = repo.certificateLayout(eventId);
    if (basedOn && basedOn->modified != (previous ? std::optional(previous->modified) : std::nullopt)) {
        return model::Error{model::ErrorCode::Conflict,
                            "The certificate layout was changed elsewhere since it was opened.", {}};
    }
    model::CertificateLayout stored;
    stored.eventId = eventId;
    stored.layout = nlohmann::json::parse(layout::toJsonText(parsed.value()));
    // The designer sends the background with every save: the same PDF again keeps its file
    // rather than storing a copy and dropping the original.
    bool sameBackground = false;
    if (backgroundPdf && previous && previous->background) {
        const auto file = repo.file(*previous->background);
        sameBackground = file && file->data == *backgroundPdf;
    }
    if (sameBackground) {
        stored.background = previous->background;
    } else if (backgroundPdf) {
        model::StoredFile file;
        file.filename = "certificate-background.pdf";
        file.contentType = "application/pdf";
        file.data = *backgroundPdf;
        repo.storeFile(file);
        stored.background = file.id;
    }
    repo.setCertificateLayout(stored);
    if (previous && previous->background && !sameBackground) {
        // The replaced background goes unless a ticket layout uses it too.
        if (auto old = repo.file(*previous->background)) {
            old->expires = model::now() - std::chrono::seconds(1);
            repo.storeFile(*old);
            repo.removeExpiredFiles(model::now());
        }
    }
    auto saved = repo.certificateLayout(eventId);
    tx.commit();
    return std::move(*saved);
}

bool resetEventLayout(model::Store& store, model::Id eventId) {
    model::Store::Transaction tx(store);
    const bool removed = model::LayoutRepository(store).removeCertificateLayout(eventId);
    tx.commit();
    return removed;
}

namespace {

// The event's first entry check-in of `positionId`, if any.
std::optional<model::Checkin> firstEntry(model::CheckinRepository& checkins, model::Id positionId) {
    std::optional<model::Checkin> first;
    for (const auto& c : checkins.forPosition(positionId)) {
        if (c.type == model::CheckinType::Entry && (!first || c.datetime < first->datetime)) {
            first = c;
        }
    }
    return first;
}

// The name of list `listId` of the event ("" when it is gone).
std::string listName(model::CheckinRepository& checkins, model::Id eventId, model::Id listId) {
    const auto list = checkins.listInfo(eventId, listId);
    return list ? list->name : std::string();
}

// Puts the certificate's own variables into `d.extra`: of the first entry check-in at
// `checkedIn` on the list named `list`, or, without one, those of an attendee not checked in.
void putCheckinVariables(layout::TicketData& d, const std::optional<model::Timestamp>& checkedIn,
                         const std::string& list) {
    if (checkedIn) {
        // The check-in's moment in the formats of the ticket's now_* variables: the resolver
        // reads the ticket's `now`, so it is set to the check-in for the moment (a copy of the
        // ticket per position would cost more than the formatting).
        const model::Timestamp now = d.now;
        d.now = *checkedIn;
        const layout::Resolver at(d);
        const std::string& lang = d.order.locale;
        std::string date = at.variable("now_date", lang).value_or("");
        std::string time = at.variable("now_time", lang).value_or("");
        std::string datetime = at.variable("now_datetime", lang).value_or("");
        d.now = now;
        d.extra["checkin_date"] = std::move(date);
        d.extra["checkin_time"] = std::move(time);
        d.extra["checkin_datetime"] = std::move(datetime);
    } else {
        d.extra["checkin_date"] = d.extra["checkin_time"] = d.extra["checkin_datetime"] = "";
    }
    d.extra["checkin_list"] = list;
    d.extra["attendance"] = checkedIn ? "Attended" : "Not attended";
}

// The certificate values of every ticket of an event, from its check-ins read at once.
class CertificateData final : public render::PreflightData {
public:
    explicit CertificateData(bool checkedInOnly) : m_checkedInOnly(checkedInOnly) {}

    model::Result<bool> prepare(model::Store& store, model::Id eventId) override {
        model::CheckinRepository checkins(store);
        m_first = checkins.firstEntriesWithLists(eventId);
        for (const auto& list : checkins.listInfos(eventId)) {
            m_lists.emplace(list.id, list.name);
        }
        return true;
    }

    bool complete(layout::TicketData& ticket) override {
        // The Print tab prints certificates for paid and pending orders (printing::Selection).
        const auto status = ticket.order.status;
        if (status != model::OrderStatus::Paid && status != model::OrderStatus::Pending) {
            return false;
        }
        const auto first = m_first.find(ticket.position.id);
        if (first == m_first.end()) {
            if (m_checkedInOnly) {
                return false;
            }
            putCheckinVariables(ticket, std::nullopt, std::string());
            return true;
        }
        const auto list = m_lists.find(first->second.listId);
        putCheckinVariables(ticket, first->second.datetime, list == m_lists.end() ? std::string() : list->second);
        return true;
    }

private:
    bool m_checkedInOnly;
    std::unordered_map<model::Id, model::CheckinRepository::FirstEntry> m_first;
    std::unordered_map<model::Id, std::string> m_lists;
};

}  // namespace

model::Result<render::TicketJob> certificateJob(model::Store& store, model::Id eventId, model::Id positionId,
                                                bool requireCheckin,
                                                std::shared_ptr<const render::RenderTemplate> design) {
    render::TicketLoader loader(store);
    auto data = loader.load(eventId, positionId);
    if (!data) {
        return data.error();
    }
    model::CheckinRepository checkins(store);
    const auto first = firstEntry(checkins, positionId);
    if (!first && requireCheckin) {
        return model::Error{model::ErrorCode::Conflict,
                            "A certificate is only available for attendees who were checked in.", {}};
    }
    layout::TicketData& d = data.value();
    putCheckinVariables(d, first ? std::optional(first->datetime) : std::nullopt,
                        first ? listName(checkins, eventId, first->listId) : std::string());
    if (!design) {
        auto stored = eventDesign(store, eventId);
        if (!stored) {
            return stored.error();
        }
        design = stored.value();
    }
    return render::TicketJob{std::move(d), std::move(design)};
}

model::Result<layout::TicketData> previewData(model::Store& store, model::Id eventId, model::Id positionId) {
    if (positionId != 0) {
        auto job = certificateJob(store, eventId, positionId, false, std::make_shared<render::RenderTemplate>());
        if (!job) {
            return job.error();
        }
        return std::move(job->data);
    }
    auto data = render::TicketLoader(store).preview(eventId);
    if (!data) {
        return data.error();
    }
    layout::TicketData& d = data.value();
    model::CheckinRepository checkins(store);
    auto first = d.position.id != 0 ? firstEntry(checkins, d.position.id) : std::nullopt;
    if (!first) {
        model::Checkin sample;
        const auto admission = d.subevent ? d.subevent->dateAdmission : d.event.dateAdmission;
        const auto begin = d.subevent ? std::optional(d.subevent->dateFrom) : d.event.dateFrom;
        sample.datetime = admission ? *admission : begin ? *begin : d.now != model::Timestamp{} ? d.now : model::now();
        const auto lists = checkins.lists(eventId);
        sample.listId = lists.empty() ? 0 : lists.front().id;
        first = sample;
    }
    putCheckinVariables(d, first->datetime, listName(checkins, eventId, first->listId));
    return std::move(d);
}

model::Result<render::PreflightReport> preflight(model::Store& store, model::Id eventId, const layout::Layout& layout,
                                                 const render::PreflightOptions& options, bool checkedInOnly,
                                                 render::PreflightRun run) {
    CertificateData data(checkedInOnly);
    run.layoutId.reset();
    run.data = &data;
    return render::preflight(store, eventId, layout, options, run);
}

}  // namespace boxoffice::certificates
