#include "boxoffice/importer/DefaultLayout.h"

#include <nlohmann/json.hpp>

#include "EmbeddedAssets.h"
#include "boxoffice/model/LayoutRepository.h"

namespace boxoffice::importer {

model::Id addDefaultTicketLayout(model::Store& store, model::Id eventId) {
    model::LayoutRepository layouts(store);
    model::StoredFile background;
    background.filename = "ticket_default_a4.pdf";
    background.contentType = "application/pdf";
    background.data.assign(assets::kDefaultBackgroundPdf, assets::kDefaultBackgroundPdf + assets::kDefaultBackgroundPdfSize);
    layouts.storeFile(background);
    model::TicketLayout layout;
    layout.eventId = eventId;
    layout.name = "Default layout";
    layout.isDefault = true;
    layout.layout = nlohmann::json::parse(assets::kDefaultLayoutJson);
    layout.background = background.id;
    layouts.upsert(layout);
    return layout.id;
}

}  // namespace boxoffice::importer
