// The second and third phase of an import: checking an export against what the store holds, and
// writing it. Both run inside the caller's Store::Transaction (BEGIN IMMEDIATE), so what was
// checked is what gets written; the check writes nothing, and a failed check leaves the store as
// it was. Call from the thread that owns the Store.
#pragma once

#include <SQLiteCpp/Exception.h>

#include <optional>
#include <string>
#include <unordered_map>

#include "ExportDocument.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::importer {

// What an order already stored has that an export may leave out.
struct ExistingOrder {
    model::Id id = 0;
    std::string secret;
    std::string paymentProvider;
    std::optional<model::Date> paymentDate;
    std::optional<model::InvoiceAddress> invoiceAddress;
};

struct ExistingPosition {
    std::string pseudonymizationId;
    std::optional<std::string> city;
    std::optional<model::Id> voucher;
};

// What the store holds of the export's event; empty when the event is new.
struct StoreState {
    std::optional<model::Event> event;
    std::unordered_map<model::Id, bool> categoryAddon;
    std::unordered_map<model::Id, std::vector<model::Id>> questionItems;
    std::unordered_map<std::string, ExistingOrder> orders;  // by code
    std::unordered_map<model::Id, ExistingPosition> positions;
};

// Checks every reference of the file (products, variations, dates, questions, options) against
// the file and the store, and that no ID or ticket secret of the file belongs to another row.
// BadInput with the first problems by path when something is wrong.
model::Result<StoreState> checkAgainstStore(model::Store& store, const ExportData& data);

// Writes the checked data; IDs from the file are kept, orders are matched by code. Returns the
// counts of what the file held. Throws SQLite::Exception when the database fails.
ImportSummary writeExport(model::Store& store, ExportData& data, const StoreState& state);

// The user's message for a database failure during an import (Busy when the file stayed locked).
model::Error databaseError(const SQLite::Exception& e);

// Creates the check-in list "Default" (all products) when the event has none.
void ensureCheckinList(model::Store& store, model::Id eventId);

}  // namespace boxoffice::importer
