// The desk's cart (gui/sales/Cart.h) without a window: add-ons kept directly under their ticket,
// the positions naming their ticket's index as the sale wants it (an earlier position), the
// indexes following when lines are inserted or removed, a ticket taking its add-ons with it, the
// numbers the desk gives tickets, and the sale's field paths read back to their line.
#include "sales/Cart.h"

#include <catch2/catch.hpp>

using namespace boxoffice;
using gui::Cart;
using gui::CartLine;

namespace {

CartLine line(model::Id item, const char* label, std::int64_t price) {
    CartLine l;
    l.itemId = item;
    l.label = label;
    l.price = model::Money::fromMinor(price);
    return l;
}

std::vector<std::string> labels(const Cart& cart) {
    std::vector<std::string> out;
    for (const auto& l : cart.lines()) {
        out.push_back(l.label);
    }
    return out;
}

}  // namespace

TEST_CASE("cart: add-ons follow their ticket and the positions name it", "[cart]") {
    Cart cart;
    cart.add(line(1, "Regular", 15'00), 2);
    cart.add(line(2, "Reduced", 10'00), 1);
    REQUIRE(cart.size() == 3);

    // An add-on of the second ticket goes right under it; the Reduced ticket moves down.
    const auto first = cart.addAddon(1, line(9, "Programme", 3'00), 1);
    REQUIRE(first == std::optional<std::size_t>(2));
    CHECK(labels(cart) == std::vector<std::string>{"Regular", "Regular", "Programme", "Reduced"});
    // Two more for the first ticket: under it, the later ticket's add-on index follows.
    CHECK(cart.addAddon(0, line(9, "Programme", 3'00), 2) == std::optional<std::size_t>(1));
    CHECK(labels(cart) ==
          std::vector<std::string>{"Regular", "Programme", "Programme", "Regular", "Programme", "Reduced"});
    CHECK(cart.lines()[4].addonTo == std::optional<std::size_t>(3));
    // Adding to an add-on's line adds to nothing: the desk adds to the line's ticket (ticketOf).
    CHECK_FALSE(cart.addAddon(1, line(9, "Programme", 3'00), 1));
    CHECK_FALSE(cart.addAddon(17, line(9, "Programme", 3'00), 1));
    CHECK_FALSE(cart.addAddon(0, line(9, "Programme", 3'00), 0));
    CHECK(cart.ticketOf(2) == 0);
    CHECK(cart.ticketOf(3) == 3);

    // Tickets are numbered without their add-ons.
    CHECK(cart.ticketNumber(0) == 1);
    CHECK(cart.ticketNumber(2) == 1);
    CHECK(cart.ticketNumber(3) == 2);
    CHECK(cart.ticketNumber(4) == 2);
    CHECK(cart.ticketNumber(5) == 3);
    CHECK(cart.total().minor() == 15'00 * 2 + 10'00 + 3'00 * 3);

    const auto positions = cart.positions();
    REQUIRE(positions.size() == 6);
    CHECK(!positions[0].addonTo);
    CHECK(positions[1].addonTo == std::optional<std::size_t>(0));
    CHECK(positions[2].addonTo == std::optional<std::size_t>(0));
    CHECK(!positions[3].addonTo);
    CHECK(positions[4].addonTo == std::optional<std::size_t>(3));
    CHECK(positions[4].itemId == 9);
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (positions[i].addonTo) {
            CHECK(*positions[i].addonTo < i);  // the sale wants the ticket earlier
        }
    }
}

TEST_CASE("cart: removing a ticket removes its add-ons, removing an add-on only itself", "[cart]") {
    Cart cart;
    cart.add(line(1, "Regular", 15'00), 3);
    REQUIRE(cart.addAddon(0, line(9, "Programme", 3'00), 1));
    REQUIRE(cart.addAddon(2, line(9, "Programme", 3'00), 1));  // the second Regular, now at 2
    REQUIRE(cart.addAddon(4, line(8, "Parking", 5'00), 1));    // the third, now at 4
    CHECK(labels(cart) == std::vector<std::string>{"Regular", "Programme", "Regular", "Programme", "Regular", "Parking"});

    cart.remove(2);  // the second ticket and its Programme
    CHECK(labels(cart) == std::vector<std::string>{"Regular", "Programme", "Regular", "Parking"});
    CHECK(cart.lines()[1].addonTo == std::optional<std::size_t>(0));
    CHECK(cart.lines()[3].addonTo == std::optional<std::size_t>(2));

    cart.remove(1);  // an add-on alone
    CHECK(labels(cart) == std::vector<std::string>{"Regular", "Regular", "Parking"});
    CHECK(cart.lines()[2].addonTo == std::optional<std::size_t>(1));
    CHECK(cart.positions()[2].addonTo == std::optional<std::size_t>(1));

    cart.remove(0);
    CHECK(labels(cart) == std::vector<std::string>{"Regular", "Parking"});
    CHECK(cart.lines()[1].addonTo == std::optional<std::size_t>(0));
    cart.remove(5);  // nothing there
    CHECK(cart.size() == 2);

    // A ticket added later is a ticket, whatever the line it was copied from said.
    CartLine copied = cart.lines()[1];
    cart.add(copied, 1);
    CHECK(!cart.lines()[2].addonTo);
}

TEST_CASE("cart: a sale's field path names the line and the field", "[cart]") {
    const auto at = gui::positionField("positions.4.addon_to");
    REQUIRE(at);
    CHECK(at->index == 4);
    CHECK(at->field == "addon_to");
    const auto answer = gui::positionField("positions.12.answers.7");
    REQUIRE(answer);
    CHECK(answer->index == 12);
    CHECK(answer->field == "answers.7");
    CHECK_FALSE(gui::positionField("payment"));
    CHECK_FALSE(gui::positionField("positions"));
    CHECK_FALSE(gui::positionField("positions.x.item"));
}
