// The variable catalogue (spec ticket-layout.md §5) and the resolver that turns an element's
// content into text for one order position (§4). The resolver takes plain data gathered by the
// caller (TicketData); it never reads the store. A Resolver is cheap to build, holds references
// to its TicketData (which must outlive it) and is used by one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Time.h"

namespace boxoffice::layout {

// One entry of the catalogue, for the designer's content drop-down and placeholder list.
struct VariableInfo {
    std::string name;
    std::string label;
    std::string sample;  // the editor's sample value (English)
};

// Which kind of document a catalogue is for. A certificate of attendance prints every ticket
// variable and its own (checkin_date, checkin_time, checkin_datetime, checkin_list,
// attendance), whose values its caller puts into TicketData::extra.
enum class CatalogueKind { Ticket, Certificate };

// Every built-in text variable of `kind`, in the editor's order (a certificate's own last).
const std::vector<VariableInfo>& variableCatalogue(CatalogueKind kind = CatalogueKind::Ticket);
// Whether `name` is a ticket variable (the certificate's own are not: they are extra values).
bool isKnownVariable(std::string_view name);

// Everything a ticket for one position may print. Fill what you have; missing parts print "".
struct TicketData {
    model::Organizer organizer;
    model::Event event;
    std::optional<model::SubEvent> subevent;
    model::Order order;  // positions may be filled (used for add-ons), or empty
    model::OrderPosition position;
    std::optional<model::OrderPosition> parent;  // the position this add-on belongs to
    model::Item item;
    std::optional<model::Variation> variation;
    std::optional<model::Category> category;
    std::vector<model::Item> items;  // the event's products (names of add-ons); optional
    std::vector<model::Question> questions;
    std::optional<model::Timestamp> firstScan;
    // meta:NAME and itemmeta:NAME set by the caller; they win over the values of the event (or
    // its date) and of the product (or its variation), which the resolver reads otherwise.
    std::map<std::string, std::string> eventMeta;
    std::map<std::string, std::string> itemMeta;
    std::map<std::string, std::string> extra;      // further variables (plugins, certificates)
    std::map<std::string, std::vector<unsigned char>> images;  // image variables (PNG files)
    model::Timestamp now{};
    // Offset of the event's time zone from UTC at a given moment; unset: UTC.
    std::function<std::chrono::seconds(model::Timestamp)> utcOffset;
};

class Resolver {
public:
    explicit Resolver(const TicketData& data) : m_data(data) {}

    // Text for a text element (§4.1, §4.2), in `locale` if not empty, else the order's language.
    std::string text(const Content& content, const std::optional<std::string>& locale) const;
    // Content to encode in a QR code (§6.9): absent content = the full secret.
    std::string barcode(const std::optional<Content>& content) const;
    // The value of one variable; nullopt for unknown names. `language` selects formats.
    std::optional<std::string> variable(std::string_view name, std::string_view language) const;
    // The picture of an image variable (§4.4), or nullptr.
    const std::vector<unsigned char>* image(const std::string& name) const;
    // Replaces {placeholders} (§4.2).
    std::string substitute(std::string_view text, std::string_view language) const;
    // The names of the {placeholders} of `text` that substitute() leaves as they are, braces
    // and all, because no variable of this ticket's event has that name (a typo, a question the
    // event lacks): each once, in the order they first appear.
    std::vector<std::string> unknownPlaceholders(std::string_view text) const;

    const TicketData& data() const { return m_data; }

private:
    std::string resolve(const Content& content, std::string_view language, bool fullSecret) const;
    // The value of one placeholder's NAME; nullopt when it has none.
    std::optional<std::string> placeholder(std::string_view key, std::string_view language) const;
    std::string formatDate(model::Timestamp t, std::string_view language, std::string_view what) const;
    const TicketData& m_data;
};

// Language fallback for text_i18n (§4.3).
std::string pickLanguage(const std::map<std::string, std::string>& texts, std::string_view language);

}  // namespace boxoffice::layout
