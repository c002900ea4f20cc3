// The store's side of an import: checking the export against what the store holds, and writing
// it order by order during the second pass over the file. Everything here runs inside the
// caller's Store::Transaction (BEGIN IMMEDIATE), so what was checked is what gets written; a
// problem found on the way is returned as an error and the caller's transaction rolls back, so
// the store is left as it was. Call from the thread that owns the Store.
#pragma once

#include <SQLiteCpp/Exception.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "ExportDocument.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::importer {

// What references of the file may name: the catalogue of the file and of the store's event.
struct Known {
    std::unordered_set<model::Id> categories;
    std::unordered_map<model::Id, std::unordered_set<model::Id>> itemVariations;  // product -> its variations
    std::unordered_set<model::Id> variations;
    std::unordered_map<model::Id, std::unordered_set<model::Id>> questionOptions;
    std::unordered_set<model::Id> subevents;
};

// What the store holds of the export's event (small parts only); empty when the event is new.
struct StoreState {
    std::optional<model::Event> event;
    std::unordered_map<model::Id, bool> categoryAddon;
    std::unordered_map<model::Id, std::vector<model::Id>> questionItems;
    Known known;
};

// Problems found against the store, kept apart by kind so the message lists them in one order
// however the file is read: IDs of other events and the catalogue's references, then the orders'
// references (found during the second pass), then ticket secrets of other positions.
struct StoreProblems {
    Problems before;
    Problems orderReferences;
    Problems secrets;

    bool empty() const { return before.empty() && orderReferences.empty() && secrets.empty(); }
    Problems all() const;
};

// Checks the catalogue's references, and that no ID or ticket secret of the file belongs to
// another row (using the orders' keys of the first pass). Reads the small parts of the store's
// event that writing needs. Writes nothing.
StoreState checkAgainstStore(model::Store& store, const FileCheck& file, StoreProblems& problems);

// The references of orders[index] (products, variations, dates, questions, options).
void checkOrderReferences(const model::Order& order, std::size_t index, const Known& known, Problems& problems);

// The store check and the second pass over `source`: writes the event, its catalogue and every
// order (IDs from the file are kept, orders are matched by code), and the automatic check-ins of
// the orders. The orders' keys of `file` are released once checked. `step` is told "writing" before the second pass. Errors: BadInput with the problems
// found, Conflict when cancelled, Io when the file changed since the first pass. Throws
// SQLite::Exception when the database fails. The caller rolls back on any error.
model::Result<ImportSummary> storeExport(model::Store& store, ExportSource& source, FileCheck& file,
                                         const ImportControl& control,
                                         const std::function<void(std::string_view)>& step);

// The user's message for a database failure during an import (Busy when the file stayed locked).
model::Error databaseError(const SQLite::Exception& e);

// Creates the check-in list "Default" (all products) when the event has none.
void ensureCheckinList(model::Store& store, model::Id eventId);

}  // namespace boxoffice::importer
