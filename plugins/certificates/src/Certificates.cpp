#include "boxoffice/certificates/Certificates.h"

#include <fmt/core.h>

#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/CheckinRepository.h"
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

model::Result<render::TicketJob> certificateJob(model::Store& store, model::Id eventId, model::Id positionId,
                                                bool requireCheckin,
                                                std::shared_ptr<const render::RenderTemplate> design) {
    render::TicketLoader loader(store);
    auto data = loader.load(eventId, positionId);
    if (!data) {
        return data.error();
    }
    model::CheckinRepository checkins(store);
    std::optional<model::Checkin> first;
    for (const auto& c : checkins.forPosition(positionId)) {
        if (c.type == model::CheckinType::Entry && (!first || c.datetime < first->datetime)) {
            first = c;
        }
    }
    if (!first && requireCheckin) {
        return model::Error{model::ErrorCode::Conflict,
                            "A certificate is only available for attendees who were checked in.", {}};
    }
    layout::TicketData& d = data.value();
    layout::Resolver resolver(d);
    std::string list;
    if (first) {
        if (auto l = checkins.list(eventId, first->listId)) {
            list = l->name;
        }
        layout::TicketData when = d;
        when.now = first->datetime;
        layout::Resolver at(when);
        const std::string lang = d.order.locale;
        d.extra["checkin_date"] = at.variable("now_date", lang).value_or("");
        d.extra["checkin_time"] = at.variable("now_time", lang).value_or("");
        d.extra["checkin_datetime"] = at.variable("now_datetime", lang).value_or("");
    } else {
        d.extra["checkin_date"] = d.extra["checkin_time"] = d.extra["checkin_datetime"] = "";
    }
    d.extra["checkin_list"] = list;
    d.extra["attendance"] = first ? "Attended" : "Not attended";
    if (!design) {
        auto builtIn = std::make_shared<render::RenderTemplate>();
        builtIn->layout = defaultCertificateLayout();
        design = builtIn;
    }
    return render::TicketJob{std::move(d), std::move(design)};
}

}  // namespace boxoffice::certificates
