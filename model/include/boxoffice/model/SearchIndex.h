// The in-memory search index behind PositionFilter::search. The trigram FTS table (migration 3)
// has to read the posting list of every trigram of the search text, and a name search shares
// its common trigrams ("per", "son", "gue", ...) with most of the event: tens of milliseconds on a
// large event. This index keeps, per event, each position's searchable fields in ASCII lower case
// and, per trigram, where it stands: in the names (position and place), at the start of the order
// code or secret (place from the start). A search merges its trigrams' lists where they follow one
// another, which is exact without reading a name: a common first name matching a tenth of the
// event is counted in about a millisecond. PositionQuery uses it; tests may call it directly.
//
// Freshness: table search_version (migration 4) holds a counter per event that triggers raise on
// every change to a searchable field. A snapshot answers only while its counter is the current
// one, read in the caller's transaction; otherwise find() starts a rebuild on a thread of its own
// and returns nullopt, and the caller uses the FTS table meanwhile. A stale answer is never given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model::search {

// IDs (ascending) of the event's positions, canceled ones included, whose attendee name,
// parent's attendee name or invoice name contains `text`, or whose order code or secret starts
// with it, ignoring ASCII case (the rules of SQL LIKE). nullopt: the index cannot answer now
// (text shorter than 3 bytes, or no current snapshot yet).
std::optional<std::vector<Id>> find(Store& store, Id eventId, const std::string& text);

// How many positions match `text` (by find()'s rules), and the first `upTo` of them in pretix's
// default order of check-in list positions: by own attendee name ignoring ASCII case (SQL COLLATE
// NOCASE), then by ID, positions without a name last (NULL before ''). In one pass with the names'
// order in memory, keeping only those `upTo`: a scanner's search of a common first name matches a
// tenth of a large event and shows 50, which is not sorted in SQL. nullopt as for find().
struct ByName {
    std::int64_t count = 0;
    std::vector<Id> first;
};
std::optional<ByName> findByName(Store& store, Id eventId, const std::string& text, std::size_t upTo);

// Starts building the event's index in the background unless it is current or being built:
// a server warms every event's index when it starts, before the first scanner searches.
// True when the index is current already (a benchmark waits for that before it measures).
bool warm(Store& store, Id eventId);

}  // namespace boxoffice::model::search
