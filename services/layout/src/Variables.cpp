// The variable catalogue and the resolver (spec ticket-layout.md §4, §5).
#include "boxoffice/layout/Variables.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <unordered_set>

namespace boxoffice::layout {
namespace {

using namespace std::chrono;

bool isAlnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool isGerman(std::string_view language) { return language.substr(0, 2) == "de"; }

struct Local {
    year_month_day ymd;
    hh_mm_ss<seconds> tod{seconds(0)};
    weekday wd;
};

const std::array<const char*, 12> kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                                               "July",    "August",   "September", "October", "November", "December"};
const std::array<const char*, 12> kMonthsDe = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                               "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
const std::array<const char*, 7> kWeekdaysEn = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
const std::array<const char*, 7> kWeekdaysDe = {"Sonntag",    "Montag",  "Dienstag", "Mittwoch",
                                                "Donnerstag", "Freitag", "Samstag"};

std::string ordinal(unsigned d) {
    const char* suffix = "th";
    if (d % 100 < 11 || d % 100 > 13) {
        suffix = d % 10 == 1 ? "st" : d % 10 == 2 ? "nd" : d % 10 == 3 ? "rd" : "th";
    }
    return fmt::format("{}{}", d, suffix);
}

std::string shortDate(const Local& l, std::string_view language) {
    int y = static_cast<int>(l.ymd.year());
    unsigned m = static_cast<unsigned>(l.ymd.month());
    unsigned d = static_cast<unsigned>(l.ymd.day());
    if (isGerman(language)) {
        return fmt::format("{:02}.{:02}.{:04}", d, m, y);
    }
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string shortTime(const Local& l) { return fmt::format("{:02}:{:02}", l.tod.hours().count(), l.tod.minutes().count()); }

std::string dayMonth(const Local& l, std::string_view language) {
    unsigned m = static_cast<unsigned>(l.ymd.month()) - 1;
    unsigned d = static_cast<unsigned>(l.ymd.day());
    if (isGerman(language)) {
        return fmt::format("{}. {}", d, kMonthsDe.at(m));
    }
    return fmt::format("{} {}", kMonthsEn.at(m), ordinal(d));
}

std::string longDate(const Local& l, std::string_view language) {
    int y = static_cast<int>(l.ymd.year());
    return isGerman(language) ? fmt::format("{} {}", dayMonth(l, language), y)
                              : fmt::format("{}, {}", dayMonth(l, language), y);
}

std::string money(const model::Money& m, const std::string& currency, std::string_view language) {
    std::string amount = m.toString();
    if (isGerman(language)) {
        std::replace(amount.begin(), amount.end(), '.', ',');
    }
    return fmt::format("{} {}", amount, currency);
}

const char* countryName(const std::string& code) {
    static const std::map<std::string, const char*> kNames = {
        {"AT", "Austria"},     {"BE", "Belgium"},        {"CH", "Switzerland"}, {"CZ", "Czechia"},
        {"DE", "Germany"},     {"DK", "Denmark"},        {"ES", "Spain"},       {"FR", "France"},
        {"GB", "United Kingdom"}, {"IE", "Ireland"},     {"IT", "Italy"},       {"LU", "Luxembourg"},
        {"NL", "Netherlands"}, {"PL", "Poland"},         {"SE", "Sweden"},      {"US", "United States of America"}};
    auto it = kNames.find(code);
    return it == kNames.end() ? nullptr : it->second;
}

std::string country(const std::string& code) {
    const char* name = countryName(code);
    return name ? name : code;
}

std::string joinNonEmpty(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += sep;
        }
        out += p;
    }
    return out;
}

// The fields of pretix's name schemes in scheme order (spec §5); salutation variants add
// "salutation" in front.
const std::map<std::string, std::vector<std::string>, std::less<>> kNameSchemes = {
    {"full", {"full_name"}},
    {"given_family", {"given_name", "family_name"}},
    {"title_given_family", {"title", "given_name", "family_name"}},
    {"title_given_middle_family", {"title", "given_name", "middle_name", "family_name"}},
    {"given_middle_family", {"given_name", "middle_name", "family_name"}},
    {"family_given", {"family_name", "given_name"}},
    {"family_nospace_given", {"family_name", "given_name"}},
    {"family_comma_given", {"family_name", "given_name"}},
    {"calling_full", {"calling_name", "full_name"}},
    {"full_transcription", {"full_name", "latin_transcription"}},
};

// The name parts a ticket prints for a person: the stored parts, else the full name alone.
model::StringMap namePartsOf(const model::StringMap& parts, const std::optional<std::string>& fullName) {
    model::StringMap out;
    for (const auto& [key, value] : parts) {
        if (!key.starts_with('_')) {
            out.emplace(key, value);
        }
    }
    if (out.empty() && fullName && !fullName->empty()) {
        out.emplace("full_name", *fullName);
    }
    return out;
}

// The fields of the parts' scheme in scheme order; without a known scheme the parts present,
// in the order of the common schemes.
std::vector<std::string> schemeFields(const model::StringMap& parts) {
    std::string scheme;
    if (auto it = parts.find("_scheme"); it != parts.end()) {
        scheme = it->second;
    }
    std::vector<std::string> fields;
    if (scheme.starts_with("salutation_")) {
        fields.push_back("salutation");
        scheme = scheme.substr(11);
    }
    if (auto known = kNameSchemes.find(scheme); known != kNameSchemes.end()) {
        fields.insert(fields.end(), known->second.begin(), known->second.end());
        return fields;
    }
    fields.clear();
    for (const char* key : {"salutation", "title", "given_name", "middle_name", "family_name", "calling_name",
                            "full_name", "latin_transcription"}) {
        if (parts.count(key)) {
            fields.push_back(key);
        }
    }
    for (const auto& [key, value] : parts) {
        if (!key.starts_with('_') && std::find(fields.begin(), fields.end(), key) == fields.end()) {
            fields.push_back(key);
        }
    }
    return fields;
}

// `<prefix><part>` (one field), `<prefix><p1>_<p2>...` (two or more fields in scheme order, the
// values joined with a space, a salutation "Mx" left out) and `<prefix>for_salutation`, for the
// name parts `parts` (with "_scheme") of which `shown` are the values to print.
std::string namePart(std::string_view part, const model::StringMap& parts, const model::StringMap& shown) {
    auto value = [&](const std::string& key) {
        auto it = shown.find(key);
        return it == shown.end() ? std::string() : it->second;
    };
    if (auto it = shown.find(std::string(part)); it != shown.end()) {
        return it->second;
    }
    if (part == "for_salutation") {
        std::string salutation = value("salutation");
        std::string family = value("family_name");
        if (family.empty()) {
            return value("full_name");
        }
        return joinNonEmpty({salutation == "Mx" ? std::string() : salutation, value("title"), family}, " ");
    }
    const auto fields = schemeFields(parts);
    const std::size_t n = std::min<std::size_t>(fields.size(), 8);
    for (unsigned mask = 1; mask < (1U << n); ++mask) {
        if ((mask & (mask - 1)) == 0) {
            continue;  // single fields were looked up above
        }
        std::string key;
        std::vector<std::string> values;
        for (std::size_t i = 0; i < n; ++i) {
            if (mask & (1U << i)) {
                key += (key.empty() ? "" : "_") + fields[i];
                std::string v = value(fields[i]);
                values.push_back(fields[i] == "salutation" && v == "Mx" ? std::string() : v);
            }
        }
        if (key == part) {
            return joinNonEmpty(values, " ");
        }
    }
    return {};
}

// A meta property: the first non-empty value among `overrides` (the caller's, then the date's or
// variation's own), else the base's value (the event's or product's, empty or not), else "".
std::string metaValue(std::initializer_list<const model::StringMap*> overrides, const model::StringMap& base,
                      const std::string& key) {
    for (const auto* m : overrides) {
        if (!m) {
            continue;
        }
        if (auto it = m->find(key); it != m->end() && !it->second.empty()) {
            return it->second;
        }
    }
    auto it = base.find(key);
    return it != base.end() ? it->second : std::string();
}

// meta:NAME (§4.1): the caller's value, else the date's own, else the event's.
std::string eventMetaValue(const TicketData& d, const std::string& key) {
    return metaValue({&d.eventMeta, d.subevent ? &d.subevent->metaData : nullptr}, d.event.metaData, key);
}

// itemmeta:NAME (§4.1): the caller's value, else the variation's own, else the product's.
std::string itemMetaValue(const TicketData& d, const std::string& key) {
    return metaValue({&d.itemMeta, d.variation ? &d.variation->metaData : nullptr}, d.item.metaData, key);
}

// Marks a label for the translators (xgettext --keyword=N_ in scripts/update-translations.sh):
// the catalogue keeps the English label; the designer shows it translated.
constexpr const char* N_(const char* text) { return text; }

const std::vector<VariableInfo> kCatalogue = {
    {"secret", N_("Ticket code (barcode content)"), "tdmruoekvkpbv1o2mv8xccvqcikvr58u"},
    {"order", N_("Order code"), "A1B2C"},
    {"positionid", N_("Order position number"), "1"},
    {"order_positionid", N_("Order code and position number"), "A1B2C-1"},
    {"item", N_("Product name"), "Sample product"},
    {"variation", N_("Variation name"), "Sample variation"},
    {"item_description", N_("Product description"), "Sample product description"},
    {"itemvar", N_("Product name and variation"), "Sample product – sample variation"},
    {"itemvar_description", N_("Product variation description"), "Sample product variation description"},
    {"item_category", N_("Product category"), "Ticket category"},
    {"price", N_("Price"), "123.45 EUR"},
    {"price_with_addons", N_("Price including add-ons"), "123.45 EUR"},
    {"attendee_name", N_("Attendee name"), "John Doe"},
    {"attendee_company", N_("Attendee company"), "Sample company"},
    {"attendee_address", N_("Full attendee address"), "John Doe\nSample company\nSesame Street 42\n12345 Any City\nAtlantis"},
    {"attendee_street", N_("Attendee street"), "Sesame Street 42"},
    {"attendee_zipcode", N_("Attendee ZIP code"), "12345"},
    {"attendee_city", N_("Attendee city"), "Any City"},
    {"attendee_state", N_("Attendee state"), "Sample State"},
    {"attendee_country", N_("Attendee country"), "Atlantis"},
    {"attendee_email", N_("Attendee email"), "foo@bar.com"},
    {"pseudonymization_id", N_("Pseudonymization ID (lead scanning)"), "GG89JUJDTA"},
    {"event_name", N_("Event name"), "Sample event name"},
    {"event_series_name", N_("Event series"), "Sample event name"},
    {"event_date", N_("Event date"), "May 31st, 2017"},
    {"event_date_range", N_("Event date range"), "May 31st – June 4th, 2017"},
    {"event_begin", N_("Event begin date and time"), "2017-05-31 20:00"},
    {"event_begin_date", N_("Event begin date"), "2017-05-31"},
    {"event_begin_time", N_("Event begin time"), "20:00"},
    {"event_begin_weekday", N_("Event begin weekday"), "Friday"},
    {"event_end", N_("Event end date and time"), "2017-05-31 22:00"},
    {"event_end_date", N_("Event end date"), "2017-05-31"},
    {"event_end_time", N_("Event end time"), "22:00"},
    {"event_end_weekday", N_("Event end weekday"), "Friday"},
    {"event_admission", N_("Event admission date and time"), "2017-05-31 19:00"},
    {"event_admission_time", N_("Event admission time"), "19:00"},
    {"event_location", N_("Event location"), "Random City"},
    {"telephone", N_("Phone number"), "+01 1234 567890"},
    {"email", N_("Email"), "foo@bar.com"},
    {"invoice_name", N_("Invoice address name"), "John Doe"},
    {"invoice_company", N_("Invoice address company"), "Sample company"},
    {"invoice_street", N_("Invoice address street"), "Sesame Street 42"},
    {"invoice_zipcode", N_("Invoice address ZIP code"), "12345"},
    {"invoice_city", N_("Invoice address city"), "Sample city"},
    {"invoice_state", N_("Invoice address state"), "Sample State"},
    {"invoice_country", N_("Invoice address country"), "Atlantis"},
    {"addons", N_("List of add-ons"), "Add-on 1\n2x Add-on 2"},
    {"organizer", N_("Organizer name"), "Event organizer company"},
    {"organizer_info_text", N_("Organizer info text"), "Event organizer info text"},
    {"event_info_text", N_("Event info text"), "Event info text"},
    {"now_date", N_("Printing date"), "2017-05-31"},
    {"now_datetime", N_("Printing date and time"), "2017-05-31 19:00"},
    {"now_time", N_("Printing time"), "19:00"},
    {"purchase_date", N_("Purchase date"), "2017-05-31"},
    {"purchase_datetime", N_("Purchase date and time"), "2017-05-31 19:00"},
    {"purchase_time", N_("Purchase time"), "19:00"},
    {"valid_from_date", N_("Validity start date"), "2017-05-31"},
    {"valid_from_datetime", N_("Validity start date and time"), "2017-05-31 19:00"},
    {"valid_from_time", N_("Validity start time"), "19:00"},
    {"valid_until_date", N_("Validity end date"), "2017-05-31"},
    {"valid_until_datetime", N_("Validity end date and time"), "2017-05-31 19:00"},
    {"valid_until_time", N_("Validity end time"), "19:00"},
    {"medium_identifier", N_("Reusable medium ID"), "ABC1234DEF4567"},
    {"seat", N_("Seat: Full name"), "Ground floor, Row 3, Seat 4"},
    {"seat_zone", N_("Seat: zone"), "Ground floor"},
    {"seat_row", N_("Seat: row"), "3"},
    {"seat_number", N_("Seat: seat number"), "4"},
    {"first_scan", N_("Date and time of first scan"), "2017-05-31 19:00"},
    {"giftcard_issuance_date", N_("Gift card: Issuance date"), "2017-05-31"},
    {"giftcard_expiry_date", N_("Gift card: Expiration date"), "2017-05-31"},
};

// A certificate's own variables, after the ticket's; the certificates plugin fills their values.
const std::vector<VariableInfo> kCertificateCatalogue = [] {
    std::vector<VariableInfo> all = kCatalogue;
    all.push_back({"checkin_date", N_("Check-in date"), "2017-05-31"});
    all.push_back({"checkin_time", N_("Check-in time"), "19:00"});
    all.push_back({"checkin_datetime", N_("Check-in date and time"), "2017-05-31 19:00"});
    all.push_back({"checkin_list", N_("Check-in list"), "Main entrance"});
    all.push_back({"attendance", N_("Attendance"), "Attended"});
    return all;
}();

}  // namespace

const std::vector<VariableInfo>& variableCatalogue(CatalogueKind kind) {
    return kind == CatalogueKind::Certificate ? kCertificateCatalogue : kCatalogue;
}

bool isKnownVariable(std::string_view name) {
    static const std::unordered_set<std::string_view> kNames = [] {
        std::unordered_set<std::string_view> s;
        for (const auto& v : kCatalogue) {
            s.insert(v.name);
        }
        return s;
    }();
    return kNames.count(name) > 0;
}

std::string pickLanguage(const std::map<std::string, std::string>& texts, std::string_view language) {
    auto nonEmpty = [&](const std::string& key) -> const std::string* {
        auto it = texts.find(key);
        return it != texts.end() && !it->second.empty() ? &it->second : nullptr;
    };
    std::string lang(language);
    if (const auto* t = nonEmpty(lang)) {
        return *t;
    }
    std::string baseLang = lang.substr(0, lang.find('-'));
    if (const auto* t = nonEmpty(baseLang)) {
        return *t;
    }
    for (const auto& [key, value] : texts) {
        if (!value.empty() && key.substr(0, key.find('-')) == baseLang) {
            return value;
        }
    }
    if (const auto* t = nonEmpty("en")) {
        return *t;
    }
    for (const auto& [key, value] : texts) {
        if (!value.empty()) {
            return value;
        }
    }
    return {};
}

std::string Resolver::formatDate(model::Timestamp t, std::string_view language, std::string_view what) const {
    seconds offset = m_data.utcOffset ? m_data.utcOffset(t) : seconds(0);
    auto local = floor<seconds>(t) + offset;
    auto day = floor<days>(local);
    Local l{year_month_day(day), hh_mm_ss<seconds>(local - day), weekday(day)};
    if (what == "date") {
        return shortDate(l, language);
    }
    if (what == "time") {
        return shortTime(l);
    }
    if (what == "long") {
        return longDate(l, language);
    }
    if (what == "weekday") {
        return (isGerman(language) ? kWeekdaysDe : kWeekdaysEn).at(l.wd.c_encoding());
    }
    if (what == "daymonth") {
        return dayMonth(l, language);
    }
    if (what == "year") {
        return fmt::format("{}", static_cast<int>(l.ymd.year()));
    }
    return shortDate(l, language) + " " + shortTime(l);
}

std::optional<std::string> Resolver::variable(std::string_view name, std::string_view language) const {
    const TicketData& d = m_data;
    const model::OrderPosition& p = d.position;
    const std::string lang(language);
    auto withParent = [&](const std::optional<std::string> model::OrderPosition::*field) -> std::string {
        if ((p.*field) && !(p.*field)->empty()) {
            return *(p.*field);
        }
        if (d.parent && ((*d.parent).*field)) {
            return *((*d.parent).*field);
        }
        return {};
    };
    auto fmtOpt = [&](const std::optional<model::Timestamp>& t, std::string_view what) -> std::string {
        return t ? formatDate(*t, language, what) : std::string();
    };
    const model::I18nString& eventName = d.subevent ? d.subevent->name : d.event.name;
    std::optional<model::Timestamp> begin = d.subevent ? std::optional(d.subevent->dateFrom) : d.event.dateFrom;
    std::optional<model::Timestamp> end = d.subevent ? d.subevent->dateTo : d.event.dateTo;
    std::optional<model::Timestamp> admission = d.subevent ? d.subevent->dateAdmission : d.event.dateAdmission;
    const model::InvoiceAddress* invoice = d.order.invoiceAddress ? &*d.order.invoiceAddress : nullptr;

    if (name == "secret") {
        return p.secret.size() > 32 ? p.secret.substr(0, 30) + "…" : p.secret;
    }
    if (name == "order") {
        return d.order.code;
    }
    if (name == "positionid") {
        return std::to_string(p.positionid);
    }
    if (name == "order_positionid") {
        return fmt::format("{}-{}", d.order.code, p.positionid);
    }
    if (name == "item") {
        return d.item.name.text(lang);
    }
    if (name == "variation") {
        return d.variation ? d.variation->value.text(lang) : std::string();
    }
    if (name == "item_description") {
        return d.item.description.text(lang);
    }
    if (name == "itemvar") {
        return d.variation ? fmt::format("{} - {}", d.item.name.text(lang), d.variation->value.text(lang))
                           : d.item.name.text(lang);
    }
    if (name == "itemvar_description") {
        return d.variation ? d.variation->description.text(lang) : d.item.description.text(lang);
    }
    if (name == "item_category") {
        return d.category ? d.category->name.text(lang) : std::string();
    }
    if (name == "price") {
        return money(p.price, d.event.currency, language);
    }
    if (name == "price_with_addons") {
        model::Money total = p.price;
        for (const auto& other : d.order.positions) {
            if (other.addonTo && *other.addonTo == p.id && !other.canceled) {
                total += other.price;
            }
        }
        return money(total, d.event.currency, language);
    }
    if (name == "attendee_name") {
        return withParent(&model::OrderPosition::attendeeName);
    }
    if (name.starts_with("attendee_name_")) {
        const model::OrderPosition* named = &p;
        model::StringMap shown = namePartsOf(p.attendeeNameParts, p.attendeeName);
        if (shown.empty() && d.parent) {
            named = &*d.parent;
            shown = namePartsOf(d.parent->attendeeNameParts, d.parent->attendeeName);
        }
        return namePart(name.substr(14), named->attendeeNameParts, shown);
    }
    if (name == "attendee_company") {
        return withParent(&model::OrderPosition::company);
    }
    if (name == "attendee_street") {
        return withParent(&model::OrderPosition::street);
    }
    if (name == "attendee_zipcode") {
        return withParent(&model::OrderPosition::zipcode);
    }
    if (name == "attendee_city") {
        return withParent(&model::OrderPosition::city);
    }
    if (name == "attendee_state") {
        return withParent(&model::OrderPosition::state);
    }
    if (name == "attendee_country") {
        return country(withParent(&model::OrderPosition::country));
    }
    if (name == "attendee_email") {
        return withParent(&model::OrderPosition::attendeeEmail);
    }
    if (name == "attendee_address") {
        std::string zipCity = joinNonEmpty({withParent(&model::OrderPosition::zipcode),
                                            withParent(&model::OrderPosition::city)},
                                           " ");
        return joinNonEmpty({withParent(&model::OrderPosition::attendeeName), withParent(&model::OrderPosition::company),
                             withParent(&model::OrderPosition::street), zipCity,
                             country(withParent(&model::OrderPosition::country))},
                            "\n");
    }
    if (name == "pseudonymization_id") {
        return p.pseudonymizationId;
    }
    if (name == "event_name") {
        return eventName.text(lang);
    }
    if (name == "event_series_name") {
        return d.event.name.text(lang);
    }
    if (name == "event_date") {
        return fmtOpt(begin, "long");
    }
    if (name == "event_date_range") {
        if (!begin) {
            return std::string();
        }
        if (!end || formatDate(*begin, language, "date") == formatDate(*end, language, "date")) {
            return formatDate(*begin, language, "long");
        }
        if (formatDate(*begin, language, "year") == formatDate(*end, language, "year")) {
            return fmt::format("{} – {}", formatDate(*begin, language, "daymonth"), formatDate(*end, language, "long"));
        }
        return fmt::format("{} – {}", formatDate(*begin, language, "long"), formatDate(*end, language, "long"));
    }
    if (name.starts_with("event_begin") || name.starts_with("event_end") || name.starts_with("event_admission")) {
        const auto& t = name.starts_with("event_begin") ? begin : name.starts_with("event_end") ? end : admission;
        std::string_view suffix;
        if (name.ends_with("_date")) {
            suffix = "date";
        } else if (name.ends_with("_time")) {
            suffix = "time";
        } else if (name.ends_with("_weekday")) {
            suffix = "weekday";
        } else {
            suffix = "datetime";
        }
        if (name != "event_begin" && name != "event_end" && name != "event_admission" &&
            !isKnownVariable(name)) {
            return std::nullopt;
        }
        return fmtOpt(t, suffix);
    }
    if (name == "event_location") {
        return d.subevent && !d.subevent->location.empty() ? d.subevent->location.text(lang)
                                                          : d.event.location.text(lang);
    }
    if (name == "telephone") {
        return d.order.phone;
    }
    if (name == "email") {
        return d.order.email;
    }
    if (name.starts_with("invoice_name_")) {
        if (!invoice) {
            return std::string();
        }
        return namePart(name.substr(13), invoice->nameParts,
                        namePartsOf(invoice->nameParts, std::optional<std::string>(invoice->name)));
    }
    if (name.starts_with("invoice_")) {
        if (!isKnownVariable(name)) {
            return std::nullopt;
        }
        if (!invoice) {
            return std::string();
        }
        if (name == "invoice_name") return invoice->name;
        if (name == "invoice_company") return invoice->company;
        if (name == "invoice_street") return invoice->street;
        if (name == "invoice_zipcode") return invoice->zipcode;
        if (name == "invoice_city") return invoice->city;
        if (name == "invoice_state") return invoice->state;
        return country(invoice->country);
    }
    if (name == "addons") {
        std::vector<std::pair<std::string, int>> lines;
        for (const auto& other : d.order.positions) {
            if (!other.addonTo || *other.addonTo != p.id || other.canceled) {
                continue;
            }
            std::string label;
            for (const auto& it : d.items) {
                if (it.id == other.itemId) {
                    label = it.name.text(lang);
                    for (const auto& v : it.variations) {
                        if (other.variationId && v.id == *other.variationId) {
                            label += " - " + v.value.text(lang);
                        }
                    }
                }
            }
            auto found = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == label; });
            if (found == lines.end()) {
                lines.emplace_back(label, 1);
            } else {
                ++found->second;
            }
        }
        std::string out;
        for (const auto& [label, count] : lines) {
            out += out.empty() ? "" : "\n";
            out += count > 1 ? fmt::format("{}x {}", count, label) : label;
        }
        return out;
    }
    if (name == "organizer") {
        return d.organizer.name;
    }
    if (name == "now_date" || name == "now_datetime" || name == "now_time") {
        return formatDate(d.now, language, name.substr(4));
    }
    if (name == "purchase_date" || name == "purchase_datetime" || name == "purchase_time") {
        return formatDate(d.order.datetime, language, name.substr(9));
    }
    if (name == "seat" || name == "seat_zone" || name == "seat_row" || name == "seat_number") {
        const model::OrderPosition* seated = &p;
        if (!p.seat && !p.seatParts && d.parent) {
            seated = &*d.parent;
        }
        const auto& parts = seated->seatParts;
        if (name == "seat") {
            return parts && !parts->name.empty() ? parts->name : seated->seat.value_or("");
        }
        if (!parts) {
            return std::string();
        }
        return name == "seat_zone" ? parts->zoneName : name == "seat_row" ? parts->rowName : parts->seatNumber;
    }
    if (name == "first_scan") {
        return fmtOpt(d.firstScan, "datetime");
    }
    if (name.starts_with("question_")) {
        std::string_view key = name.substr(9);
        for (const auto& q : d.questions) {
            if (q.identifier != key && std::to_string(q.id) != key) {
                continue;
            }
            if (q.type == "F") {
                return std::string();
            }
            for (const auto* pos : {&p, d.parent ? &*d.parent : nullptr}) {
                if (!pos) {
                    continue;
                }
                for (const auto& a : pos->answers) {
                    if (a.questionId == q.id) {
                        return a.answer;
                    }
                }
            }
            return std::string();
        }
        return std::nullopt;
    }
    if (auto it = d.extra.find(std::string(name)); it != d.extra.end()) {
        return it->second;
    }
    if (isKnownVariable(name)) {
        // Known but not carried by our model (info texts, validity, media, gift cards).
        return std::string();
    }
    return std::nullopt;
}

namespace {

// Walks `text` as pretix reads custom text (§4.2): `literal` gets the text between
// placeholders, `placeholder` each {NAME} (NAME of [a-zA-Z0-9:_]+) with its whole "{NAME}".
template <class Literal, class Placeholder>
void scanPlaceholders(std::string_view text, Literal literal, Placeholder placeholder) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t open = text.find('{', i);
        if (open == std::string_view::npos) {
            literal(text.substr(i));
            break;
        }
        literal(text.substr(i, open - i));
        std::size_t j = open + 1;
        while (j < text.size() && (isAlnum(static_cast<unsigned char>(text[j])) || text[j] == ':' || text[j] == '_')) {
            ++j;
        }
        if (j < text.size() && text[j] == '}' && j > open + 1) {
            placeholder(text.substr(open + 1, j - open - 1), text.substr(open, j - open + 1));
            i = j + 1;
        } else {
            literal(text.substr(open, 1));
            i = open + 1;
        }
    }
}

}  // namespace

std::optional<std::string> Resolver::placeholder(std::string_view key, std::string_view language) const {
    if (key.starts_with("meta:")) {
        return eventMetaValue(m_data, std::string(key.substr(5)));
    }
    if (key.starts_with("itemmeta:")) {
        return itemMetaValue(m_data, std::string(key.substr(9)));
    }
    if (key == "secret") {
        return m_data.position.secret;
    }
    return variable(key, language);
}

std::string Resolver::substitute(std::string_view text, std::string_view language) const {
    std::string out;
    out.reserve(text.size());
    scanPlaceholders(
        text, [&](std::string_view literal) { out.append(literal); },
        [&](std::string_view key, std::string_view whole) {
            if (auto value = placeholder(key, language)) {
                out += *value;
            } else {
                out.append(whole);
            }
        });
    return out;
}

std::vector<std::string> Resolver::unknownPlaceholders(std::string_view text) const {
    std::vector<std::string> out;
    scanPlaceholders(
        text, [](std::string_view) {},
        [&](std::string_view key, std::string_view) {
            if (!placeholder(key, m_data.order.locale) && std::find(out.begin(), out.end(), key) == out.end()) {
                out.emplace_back(key);
            }
        });
    return out;
}

std::string Resolver::resolve(const Content& c, std::string_view language, bool fullSecret) const {
    if (c.content.empty()) {
        return "(error)";
    }
    if (c.content == "other") {
        return substitute(c.text, language);
    }
    if (c.content == "other_i18n") {
        return substitute(pickLanguage(c.textI18n, language), language);
    }
    if (c.content.starts_with("meta:")) {
        return eventMetaValue(m_data, c.content.substr(5));
    }
    if (c.content.starts_with("itemmeta:")) {
        return itemMetaValue(m_data, c.content.substr(9));
    }
    if (fullSecret && c.content == "secret") {
        return m_data.position.secret;
    }
    return variable(c.content, language).value_or("");
}

const std::vector<unsigned char>* Resolver::image(const std::string& name) const {
    auto it = m_data.images.find(name);
    return it == m_data.images.end() || it->second.empty() ? nullptr : &it->second;
}

std::string Resolver::text(const Content& content, const std::optional<std::string>& locale) const {
    std::string language = locale && !locale->empty() ? *locale : m_data.order.locale;
    return resolve(content, language, false);
}

std::string Resolver::barcode(const std::optional<Content>& content) const {
    if (!content) {
        return m_data.position.secret;
    }
    return resolve(*content, m_data.order.locale, true);
}

}  // namespace boxoffice::layout
