// "Spring Concert" set up through the sales use cases: 120 seats shared by "Regular" (15.00 EUR)
// and "Reduced" (10.00 EUR), both 7% tax and sold at the desk; a free "Guest list" ticket; a
// "Programme" add-on (3.00 EUR, at most one per ticket); a required choice question; the main
// entrance list checking desk sales in automatically and a side door list that does not; and an
// open shift of "Alice". Fails the test (REQUIRE) when a use case refuses.
#pragma once

#include <cstdint>
#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/sales/Sale.h"

namespace boxoffice::test {

struct SpringConcert {
    model::Id eventId = 0;
    model::Id regular = 0;
    model::Id reduced = 0;
    model::Id guest = 0;
    model::Id programme = 0;
    model::Id quota = 0;
    model::Id question = 0;     // "How did you hear about us?" (C, required)
    model::Id optionRadio = 0;
    model::Id mainList = 0;     // auto-checks-in the desk's sales
    model::Id sideDoor = 0;     // does not
    model::Id shift = 0;        // Alice's, open
};

SpringConcert setUpSpringConcert(model::Store& store, std::int64_t seats = 120);

// The error's message and its field errors, for a failed check's report.
std::string describe(const model::Error& error);

// A position of `item` with the required question answered "Radio" (its option RADIO).
sales::SalePosition ticket(const SpringConcert& c, model::Id item);

// A cash sale of `positions` with `given` hundredths handed over.
sales::SaleRequest cashSale(const SpringConcert& c, std::vector<sales::SalePosition> positions,
                            std::int64_t given);

}  // namespace boxoffice::test
