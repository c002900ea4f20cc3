#include "boxoffice/importer/ExportGenerator.h"

#include <chrono>
#include <ostream>
#include <unordered_set>

#include "DemoPeople.h"
#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Time.h"

namespace boxoffice::importer {

using nlohmann::json;
using model::Id;

namespace {

constexpr const char* kSecretAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr const char* kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";
constexpr std::int64_t kTaxPercent = 19;

std::string money(std::int64_t minor) { return model::Money::fromMinor(minor).toString(); }

// VAT included in a gross price, rounded half up, in minor units.
std::int64_t includedTax(std::int64_t gross) {
    return (gross * kTaxPercent * 2 + (100 + kTaxPercent)) / ((100 + kTaxPercent) * 2);
}

// The conference's catalogue: IDs of what orders refer to.
struct Catalogue {
    Id ticket = 0, dayPass = 0, workshop = 0, dinner = 0, shirt = 0;
    std::vector<std::pair<Id, std::int64_t>> ticketVariations;  // Regular, Student, Supporter: ID, price
    std::vector<Id> shirtSizes;
    Id dietQuestion = 0, companyQuestion = 0, newsletterQuestion = 0;
    std::vector<std::pair<Id, std::string>> dietOptions;
};

json variation(Id id, const char* name, std::int64_t price, int position) {
    return {{"id", id}, {"active", true}, {"price", money(price)}, {"name", name}, {"description", ""},
            {"position", position}, {"require_membership", false}, {"sales_channels", {"web"}},
            {"available_from", nullptr}, {"available_until", nullptr}, {"hide_without_voucher", false},
            {"meta_data", json::object()}};
}

json item(Id id, int position, const char* name, Id category, std::int64_t price, bool admission, json variations) {
    return {{"id", id}, {"position", position}, {"name", name}, {"internal_name", ""}, {"category", category},
            {"price", money(price)}, {"tax_rate", money(kTaxPercent * 100)}, {"tax_name", "VAT"},
            {"admission", admission}, {"personalized", admission}, {"active", true}, {"sales_channels", {"web"}},
            {"description", ""}, {"available_from", nullptr}, {"available_until", nullptr},
            {"require_voucher", false}, {"hide_without_voucher", false}, {"allow_cancel", true},
            {"require_bundling", false}, {"min_per_order", nullptr}, {"max_per_order", nullptr},
            {"checkin_attention", false}, {"original_price", nullptr}, {"issue_giftcard", false},
            {"meta_data", json::object()}, {"require_membership", false}, {"variations", std::move(variations)}};
}

json question(Id id, const char* identifier, const char* text, const char* type, bool required, int position,
              bool atCheckin, json items, json options) {
    return {{"id", id}, {"identifier", identifier}, {"required", required}, {"question", text},
            {"position", position}, {"hidden", false}, {"ask_during_checkin", atCheckin}, {"help_text", ""},
            {"type", type}, {"items", std::move(items)}, {"options", std::move(options)}};
}

json catalogue(const GeneratorIds& ids, Catalogue& c, json& event) {
    const Id tickets = ids.category, workshops = ids.category + 1, addons = ids.category + 2;
    event["categories"] = {
        {{"id", tickets}, {"name", "Tickets"}, {"description", ""}, {"position", 0}, {"internal_name", ""}},
        {{"id", workshops}, {"name", "Workshops"}, {"description", ""}, {"position", 1}, {"internal_name", ""}},
        {{"id", addons}, {"name", "Add-ons"}, {"description", "Extras for a conference ticket"}, {"position", 2},
         {"internal_name", ""}, {"is_addon", true}}};
    c.ticket = ids.item;
    c.dayPass = ids.item + 1;
    c.workshop = ids.item + 2;
    c.dinner = ids.item + 3;
    c.shirt = ids.item + 4;
    c.ticketVariations = {{ids.variation, 24900}, {ids.variation + 1, 9900}, {ids.variation + 2, 44900}};
    json ticketVars = {variation(ids.variation, "Regular", 24900, 0), variation(ids.variation + 1, "Student", 9900, 1),
                       variation(ids.variation + 2, "Supporter", 44900, 2)};
    json shirtVars = json::array();
    const char* sizes[] = {"S", "M", "L", "XL"};
    for (int i = 0; i < 4; ++i) {
        const Id v = ids.variation + 3 + i;
        c.shirtSizes.push_back(v);
        shirtVars.push_back(variation(v, sizes[i], 2500, i));
    }
    event["items"] = {item(c.ticket, 0, "Conference ticket", tickets, 24900, true, std::move(ticketVars)),
                      item(c.dayPass, 1, "Day pass (Saturday)", tickets, 12900, true, json::array()),
                      item(c.workshop, 2, "Workshop: Running the door", workshops, 4900, true, json::array()),
                      item(c.dinner, 3, "Conference dinner", addons, 5900, true, json::array()),
                      item(c.shirt, 4, "T-shirt", addons, 2500, false, std::move(shirtVars))};
    c.dietQuestion = ids.question;
    c.companyQuestion = ids.question + 1;
    c.newsletterQuestion = ids.question + 2;
    const char* diets[] = {"No restrictions", "Vegetarian", "Vegan", "Gluten-free", "Halal", "Kosher"};
    json options = json::array();
    for (int i = 0; i < 6; ++i) {
        const Id o = ids.option + i;
        c.dietOptions.emplace_back(o, diets[i]);
        options.push_back({{"id", o}, {"identifier", "DIET" + std::to_string(i + 1)}, {"position", i}, {"answer", diets[i]}});
    }
    event["questions"] = {
        question(c.dietQuestion, "DIET", "Dietary requirements", "C", true, 0, true, {c.ticket}, std::move(options)),
        question(c.companyQuestion, "COMPANY", "Company or organisation", "S", false, 1, false, {c.ticket, c.dayPass},
                 json::array()),
        question(c.newsletterQuestion, "NEWSLETTER", "Send me the conference newsletter", "B", false, 2, false,
                 {c.ticket, c.dayPass, c.workshop}, json::array())};
    return {{{"id", ids.quota}, {"size", 400}, {"subevent", nullptr}, {"items", {c.ticket}},
             {"variations", {ids.variation, ids.variation + 1, ids.variation + 2}}},
            {{"id", ids.quota + 1}, {"size", 120}, {"subevent", nullptr}, {"items", {c.dayPass}}, {"variations", json::array()}},
            {{"id", ids.quota + 2}, {"size", 30}, {"subevent", nullptr}, {"items", {c.workshop}}, {"variations", json::array()}},
            {{"id", ids.quota + 3}, {"size", 150}, {"subevent", nullptr}, {"items", {c.dinner}}, {"variations", json::array()}},
            {{"id", ids.quota + 4}, {"size", nullptr}, {"subevent", nullptr}, {"items", {c.shirt}},
             {"variations", c.shirtSizes}}};
}

// Builds the positions of one order; returns their total in minor units.
class OrderBuilder {
public:
    OrderBuilder(demo::Random& random, const Catalogue& c, Id& nextPosition)
        : m_random(random), m_c(c), m_nextPosition(nextPosition) {}

    std::int64_t build(const demo::Person& buyer, const std::string& company, json& positions) {
        const std::uint32_t r = m_random.below(100);
        const int tickets = r < 70 ? 1 : r < 90 ? 2 : 3;
        for (int t = 0; t < tickets; ++t) {
            const demo::Person attendee = t == 0 ? buyer : demo::randomPerson(m_random);
            const bool conference = m_random.percent(80);
            const Id parent = m_nextPosition;
            if (conference) {
                const std::uint32_t v = m_random.below(100);
                const auto& var = m_c.ticketVariations[v < 60 ? 0 : v < 85 ? 1 : 2];
                json answers = json::array();
                if (m_random.percent(40)) {
                    const auto& diet = m_random.pick(m_c.dietOptions);
                    answers.push_back({{"question", m_c.dietQuestion}, {"answer", diet.second}, {"options", {diet.first}}});
                }
                if (!company.empty() && t == 0) {
                    answers.push_back({{"question", m_c.companyQuestion}, {"answer", company}});
                }
                if (m_random.percent(60)) {
                    answers.push_back({{"question", m_c.newsletterQuestion}, {"answer", m_random.percent(50) ? "True" : "False"}});
                }
                add(positions, m_c.ticket, var.first, var.second, &attendee, std::nullopt, std::move(answers));
                if (m_random.percent(40)) {
                    add(positions, m_c.dinner, std::nullopt, 5900, nullptr, parent, json::array());
                }
                if (m_random.percent(30)) {
                    add(positions, m_c.shirt, m_random.pick(m_c.shirtSizes), 2500, nullptr, parent, json::array());
                }
            } else {
                add(positions, m_c.dayPass, std::nullopt, 12900, &attendee, std::nullopt, json::array());
            }
        }
        if (m_random.percent(20)) {
            const demo::Person attendee = buyer;
            add(positions, m_c.workshop, std::nullopt, 4900, &attendee, std::nullopt, json::array());
        }
        return m_total;
    }

private:
    void add(json& positions, Id item, std::optional<Id> variation, std::int64_t price, const demo::Person* attendee,
             std::optional<Id> addonTo, json answers) {
        const Id id = m_nextPosition++;
        m_total += price;
        positions.push_back({{"id", id},
                             {"positionid", static_cast<int>(positions.size()) + 1},
                             {"item", item},
                             {"variation", variation ? json(*variation) : json(nullptr)},
                             {"subevent", nullptr},
                             {"seat", nullptr},
                             {"price", money(price)},
                             {"tax_rate", money(kTaxPercent * 100)},
                             {"tax_value", money(includedTax(price))},
                             {"attendee_name", attendee ? json(attendee->name) : json(nullptr)},
                             {"attendee_email", attendee ? json(attendee->email) : json(nullptr)},
                             {"company", nullptr},
                             {"street", nullptr},
                             {"zipcode", nullptr},
                             {"country", attendee ? json(attendee->country) : json(nullptr)},
                             {"state", nullptr},
                             {"secret", m_random.text(32, kSecretAlphabet)},
                             {"addon_to", addonTo ? json(*addonTo) : json(nullptr)},
                             {"answers", std::move(answers)}});
    }

    demo::Random& m_random;
    const Catalogue& m_c;
    Id& m_nextPosition;
    std::int64_t m_total = 0;
};

// The event without its orders; fills in the catalogue the orders refer to.
json eventWithoutOrders(const GeneratorOptions& options, Catalogue& c) {
    json event = {{"name", options.eventName},
                  {"slug", options.eventSlug},
                  {"organizer", {{"name", options.organizerName}, {"slug", options.organizerSlug}}},
                  {"meta_data", json::object()}};
    event["quotas"] = catalogue(options.ids, c, event);
    event["subevents"] = json::array();
    return event;
}

// Makes the orders one at a time and hands each to `emit`.
template <class Emit>
void generateOrders(const GeneratorOptions& options, const Catalogue& c, Emit&& emit) {
    demo::Random random(options.seed);
    using namespace std::chrono;
    const model::Timestamp salesStart = sys_days{year{2027} / January / 15} + hours{8};
    std::unordered_set<std::string> codes;
    Id nextPosition = options.ids.position;
    const auto& featured = demo::featuredPeople();
    for (int n = 0; n < options.orders; ++n) {
        std::string code;
        do {
            code = random.text(5, kCodeAlphabet);
        } while (!codes.insert(code).second);
        const auto nf = static_cast<std::size_t>(n);
        const demo::Person buyer = nf < featured.size() ? featured[nf] : demo::randomPerson(random);
        const std::uint32_t s = random.below(100);
        const char* status = s < 70 ? "p" : s < 82 ? "n" : s < 92 ? "c" : "e";
        const minutes minute{random.below(140 * 24 * 60)};
        const seconds second{random.below(60)};
        const model::Timestamp placed = salesStart + minute + second;
        std::string company;
        json invoice = nullptr;
        if (random.percent(25)) {
            company = random.percent(50) ? demo::randomCompany(random) : std::string();
            invoice = {{"company", company}, {"is_business", !company.empty()}, {"name", buyer.name},
                       {"street", buyer.street}, {"zipcode", buyer.zipcode}, {"city", buyer.city},
                       {"country", buyer.country}, {"state", ""}, {"vat_id", ""}};
        }
        json positions = json::array();
        OrderBuilder builder(random, c, nextPosition);
        std::int64_t total = builder.build(buyer, company, positions);
        json fees = json::array();
        if (random.percent(15)) {
            fees.push_back({{"type", "payment"}, {"description", "Card payment fee"}, {"value", money(250)}});
            total += 250;
        }
        emit(json{{"code", code},
                  {"status", status},
                  {"customer", nullptr},
                  {"testmode", false},
                  {"user", nullptr},
                  {"email", buyer.email},
                  {"phone", random.percent(30) ? json("+49 30 " + random.text(7, "0123456789")) : json("None")},
                  {"locale", buyer.locale == "de" || buyer.locale == "fr" || buyer.locale == "es" ? buyer.locale : "en"},
                  {"comment", ""},
                  {"custom_followup_at", nullptr},
                  {"require_approval", false},
                  {"checkin_attention", random.percent(2)},
                  {"sales_channel", "web"},
                  {"expires", model::formatTimestamp(placed + days{14})},
                  {"datetime", model::formatTimestamp(placed)},
                  {"fees", std::move(fees)},
                  {"total", money(total)},
                  {"positions", std::move(positions)},
                          {"invoice_address", std::move(invoice)}});
    }
}

}  // namespace

json generateExport(const GeneratorOptions& options) {
    Catalogue c;
    json event = eventWithoutOrders(options, c);
    json orders = json::array();
    generateOrders(options, c, [&orders](json order) { orders.push_back(std::move(order)); });
    event["orders"] = std::move(orders);
    return {{"event", std::move(event)}};
}

void writeGeneratedExport(std::ostream& out, const GeneratorOptions& options) {
    Catalogue c;
    json event = eventWithoutOrders(options, c);
    event["orders"] = json::array();
    // The members in the document's own (sorted) order, the orders written as they are made.
    out << "{\"event\":{";
    bool firstMember = true;
    for (const auto& [key, value] : event.items()) {
        out << (firstMember ? "" : ",") << json(key).dump() << ':';
        firstMember = false;
        if (key != "orders") {
            out << value.dump();
            continue;
        }
        out << '[';
        bool firstOrder = true;
        generateOrders(options, c, [&out, &firstOrder](const json& order) {
            out << (firstOrder ? "" : ",") << order.dump();
            firstOrder = false;
        });
        out << ']';
    }
    out << "}}";
}

}  // namespace boxoffice::importer
