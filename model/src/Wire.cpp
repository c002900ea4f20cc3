#include "boxoffice/model/Wire.h"

#include "JsonReader.h"

namespace boxoffice::model::wire {

namespace {

// pretix keeps a blank check-in text as "" or null alike: neither is shown.
std::optional<std::string> nonEmpty(std::optional<std::string> text) {
    if (text && text->empty()) {
        return std::nullopt;
    }
    return text;
}

json optTime(const std::optional<Timestamp>& t) { return t ? json(formatTimestamp(*t)) : json(nullptr); }
json optId(const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); }
json strMap(const StringMap& m) { return m.empty() ? json::object() : json(m); }

// The full name inside name parts, for senders that leave the name itself out: "full_name", else
// the other parts joined as the name scheme does.
std::string fullNameFromParts(const StringMap& parts) {
    auto part = [&](const char* key) {
        auto it = parts.find(key);
        return it == parts.end() ? std::string() : it->second;
    };
    if (parts.count("full_name")) {
        return part("full_name");
    }
    const std::string scheme = part("_scheme");
    const std::string given = part("given_name");
    const std::string family = part("family_name");
    if (scheme.starts_with("family") && !given.empty() && !family.empty()) {
        return scheme == "family_nospace_given"  ? family + given
               : scheme == "family_comma_given" ? family + ", " + given
                                                 : family + " " + given;
    }
    std::string out;
    for (const std::string& p : {part("title"), given, part("middle_name"), family}) {
        if (!p.empty()) {
            out += (out.empty() ? "" : " ") + p;
        }
    }
    return out;
}

template <class T>
Result<T> finish(T value, const JsonReader& r) {
    if (!r.ok()) {
        return Error::badInput("Invalid data.", r.errors());
    }
    return value;
}

}  // namespace

json toJson(const Organizer& o) { return {{"name", o.name}, {"slug", o.slug}}; }

json toJson(const Event& e) {
    return {{"name", e.name.toJson()},
            {"slug", e.slug},
            {"live", e.live},
            {"testmode", e.testmode},
            {"currency", e.currency},
            {"date_from", optTime(e.dateFrom)},
            {"date_to", optTime(e.dateTo)},
            {"date_admission", optTime(e.dateAdmission)},
            {"is_public", true},
            {"presale_start", nullptr},
            {"presale_end", nullptr},
            {"location", e.location.empty() ? json(nullptr) : e.location.toJson()},
            {"has_subevents", e.hasSubevents},
            {"meta_data", strMap(e.metaData)},
            {"timezone", e.timezone},
            {"sales_channels", e.salesChannels},
            {"item_meta_properties", json::object()},
            {"plugins", json::array()},
            {"seating_plan", nullptr},
            {"seat_category_mapping", json::object()}};
}

json toJson(const SubEvent& s) {
    return {{"id", s.id},
            {"name", s.name.toJson()},
            {"event", nullptr},
            {"active", s.active},
            {"is_public", s.isPublic},
            {"date_from", formatTimestamp(s.dateFrom)},
            {"date_to", optTime(s.dateTo)},
            {"date_admission", optTime(s.dateAdmission)},
            {"presale_start", nullptr},
            {"presale_end", nullptr},
            {"location", s.location.empty() ? json(nullptr) : s.location.toJson()},
            {"item_price_overrides", json::array()},
            {"variation_price_overrides", json::array()},
            {"meta_data", strMap(s.metaData)},
            {"last_modified", formatTimestamp(s.lastModified)}};
}

json toJson(const Category& c) {
    return {{"id", c.id},
            {"name", c.name.toJson()},
            {"internal_name", c.internalName.empty() ? json(nullptr) : json(c.internalName)},
            {"description", c.description.toJson()},
            {"position", c.position},
            {"is_addon", c.isAddon}};
}

json toJson(const Variation& v) {
    return {{"id", v.id},
            {"value", v.value.toJson()},
            {"active", v.active},
            {"description", v.description.toJson()},
            {"position", v.position},
            {"default_price", v.defaultPrice.toString()},
            {"price", v.defaultPrice.toString()},
            {"checkin_attention", v.checkinAttention},
            {"checkin_text", v.checkinText ? json(*v.checkinText) : json(nullptr)},
            {"meta_data", strMap(v.metaData)}};
}

json toJson(const ItemAddon& a) {
    return {{"addon_category", a.addonCategoryId},
            {"min_count", a.minCount},
            {"max_count", a.maxCount},
            {"position", a.position},
            {"price_included", a.priceIncluded},
            {"multi_allowed", a.multiAllowed}};
}

json toJson(const Item& i) {
    json vars = json::array();
    for (const auto& v : i.variations) {
        vars.push_back(toJson(v));
    }
    json addons = json::array();
    for (const auto& a : i.addons) {
        addons.push_back(toJson(a));
    }
    return {{"id", i.id},
            {"category", optId(i.categoryId)},
            {"name", i.name.toJson()},
            {"internal_name", i.internalName.empty() ? json(nullptr) : json(i.internalName)},
            {"active", i.active},
            {"sales_channels", i.salesChannels},
            {"description", i.description.toJson()},
            {"default_price", i.defaultPrice.toString()},
            {"free_price", false},
            {"tax_rate", i.taxRate.toString()},
            {"tax_rule", nullptr},
            {"admission", i.admission},
            {"personalized", i.personalized},
            {"position", i.position},
            {"picture", nullptr},
            {"available_from", nullptr},
            {"available_until", nullptr},
            {"require_voucher", false},
            {"hide_without_voucher", false},
            {"allow_cancel", true},
            {"min_per_order", nullptr},
            {"max_per_order", nullptr},
            {"checkin_attention", i.checkinAttention},
            {"checkin_text", i.checkinText ? json(*i.checkinText) : json(nullptr)},
            {"has_variations", i.hasVariations()},
            {"variations", vars},
            {"addons", addons},
            {"bundles", json::array()},
            {"meta_data", strMap(i.metaData)}};
}

json toJson(const Question& q) {
    json opts = json::array();
    for (const auto& o : q.options) {
        opts.push_back({{"id", o.id}, {"identifier", o.identifier}, {"position", o.position}, {"answer", o.answer.toJson()}});
    }
    return {{"id", q.id},
            {"question", q.question.toJson()},
            {"help_text", q.helpText.toJson()},
            {"type", q.type},
            {"required", q.required},
            {"items", q.items},
            {"options", opts},
            {"position", q.position},
            {"identifier", q.identifier},
            {"ask_during_checkin", q.askDuringCheckin},
            {"hidden", q.hidden},
            {"dependency_question", nullptr},
            {"dependency_values", json::array()}};
}

json toJson(const CheckinList& l) {
    return {{"id", l.id},
            {"name", l.name},
            {"checkin_count", l.checkinCount},
            {"position_count", l.positionCount},
            {"all_products", l.allProducts},
            {"limit_products", l.limitProducts},
            {"include_pending", l.includePending},
            {"subevent", optId(l.subeventId)},
            {"allow_multiple_entries", l.allowMultipleEntries},
            {"allow_entry_after_exit", l.allowEntryAfterExit},
            {"auto_checkin_sales_channels", l.autoCheckinSalesChannels}};
}

json toJson(const TicketLayoutItem& a) {
    return {{"id", a.id}, {"layout", a.layoutId}, {"item", a.itemId}, {"sales_channel", a.salesChannel}};
}

json toJson(const TicketLayout& l, const std::string& backgroundUrl) {
    json assignments = json::array();
    for (const auto& a : l.itemAssignments) {
        assignments.push_back({{"item", a.itemId}, {"sales_channel", a.salesChannel}});
    }
    return {{"id", l.id},
            {"name", l.name},
            {"default", l.isDefault},
            {"layout", l.layout},
            {"background", backgroundUrl.empty() ? json(nullptr) : json(backgroundUrl)},
            {"item_assignments", assignments}};
}

// ---- reading ----------------------------------------------------------------------------------

std::optional<Decimal2> decimalFromJson(const json& j) { return JsonReader::parseDecimal(j); }

json errorBody(const FieldErrors& errors) {
    json j = json::object();
    for (const auto& [k, v] : errors) {
        j[k] = v;
    }
    return j;
}

json detailBody(const std::string& detail) { return {{"detail", detail}}; }

Result<InvoiceAddress> invoiceAddressFromJson(const json& j) {
    JsonReader r(j);
    InvoiceAddress a;
    a.lastModified = r.time("last_modified");
    a.isBusiness = r.boolean("is_business");
    a.company = r.str("company");
    a.name = r.str("name");
    a.nameParts = r.stringMap("name_parts");
    if (a.name.empty()) {
        a.name = fullNameFromParts(a.nameParts);
    }
    a.street = r.str("street");
    a.zipcode = r.str("zipcode");
    a.city = r.str("city");
    a.country = r.str("country");
    a.state = r.str("state");
    a.vatId = r.str("vat_id");
    return finish(std::move(a), r);
}

Result<OrderPosition> positionFromJson(const json& j) {
    JsonReader r(j);
    OrderPosition p;
    p.id = r.optId("id").value_or(0);
    p.orderCode = r.str("order");
    p.positionid = r.integer("positionid", 1);
    p.itemId = r.id("item");
    p.variationId = r.optId("variation");
    p.subeventId = r.optId("subevent");
    p.addonTo = r.optId("addon_to");
    p.price = r.decimal("price");
    p.taxRate = r.decimal("tax_rate");
    p.taxValue = r.decimal("tax_value");
    p.attendeeName = r.optStr("attendee_name");
    p.attendeeNameParts = r.stringMap("attendee_name_parts");
    if (!p.attendeeName || p.attendeeName->empty()) {
        if (std::string full = fullNameFromParts(p.attendeeNameParts); !full.empty()) {
            p.attendeeName = std::move(full);
        }
    }
    p.attendeeEmail = r.optStr("attendee_email");
    p.company = r.optStr("company");
    p.street = r.optStr("street");
    p.zipcode = r.optStr("zipcode");
    p.city = r.optStr("city");
    p.country = r.optStr("country");
    p.state = r.optStr("state");
    if (const auto* v = r.get("voucher"); v && v->is_number_integer()) {
        p.voucher = v->get<Id>();
    }
    p.secret = r.str("secret", true);
    if (p.secret.empty() && r.has("secret")) {
        r.fail("secret", "This field may not be blank.");
    }
    p.pseudonymizationId = r.str("pseudonymization_id");
    if (const auto* seat = r.get("seat"); seat && !seat->is_null()) {
        if (seat->is_string()) {
            p.seat = seat->get<std::string>();
        } else if (seat->is_object()) {
            if (auto guid = seat->find("seat_guid"); guid != seat->end() && guid->is_string()) {
                p.seat = guid->get<std::string>();
            }
            p.seatParts = seatPartsFromJson(*seat);
        }
    }
    p.canceled = r.boolean("canceled");
    if (const auto* answers = r.array("answers")) {
        for (std::size_t i = 0; i < answers->size(); ++i) {
            JsonReader ar((*answers)[i]);
            Answer a;
            a.questionId = ar.id("question");
            if (const auto* av = ar.get("answer"); av && !av->is_null()) {
                a.answer = av->is_string() ? av->get<std::string>() : av->dump();
            }
            a.options = ar.ids("options");
            r.merge(ar.errors(), "answers." + std::to_string(i) + ".");
            p.answers.push_back(std::move(a));
        }
    }
    return finish(std::move(p), r);
}

std::optional<SeatParts> seatPartsFromJson(const json& j) {
    if (!j.is_object()) {
        return std::nullopt;
    }
    auto text = [&](const char* key) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            return std::string();
        }
        return it->is_string() ? it->get<std::string>() : it->dump();
    };
    SeatParts s;
    if (auto id = j.find("id"); id != j.end() && id->is_number_integer()) {
        s.id = id->get<Id>();
    }
    s.name = text("name");
    s.zoneName = text("zone_name");
    s.rowName = text("row_name");
    s.rowLabel = text("row_label");
    s.seatNumber = text("seat_number");
    s.seatLabel = text("seat_label");
    if (s == SeatParts{}) {
        return std::nullopt;  // a GUID alone, as we write seats without known parts
    }
    return s;
}

Result<Order> orderFromJson(const json& j) {
    JsonReader r(j);
    Order o;
    o.code = r.str("code", true);
    const std::string status = r.str("status", true);
    if (auto s = statusFromCode(status)) {
        o.status = *s;
    } else if (r.has("status")) {
        r.fail("status", "\"" + status + "\" is not a valid choice.");
    }
    o.testmode = r.boolean("testmode");
    o.secret = r.str("secret");
    o.email = r.str("email");
    o.phone = r.str("phone");
    if (o.phone == "None") {
        o.phone.clear();  // pretix's JSON export writes str(None) for orders without a phone
    }
    o.locale = r.str("locale", false, "en");
    o.comment = r.str("comment");
    o.salesChannel = r.str("sales_channel", false, "web");
    o.datetime = r.time("datetime", true).value_or(Timestamp{});
    o.expires = r.time("expires");
    o.paymentDate = r.date("payment_date");
    o.paymentProvider = r.str("payment_provider");
    o.paymentFee = r.decimal("payment_fee");
    o.paymentFeeTaxRate = r.decimal("payment_fee_tax_rate");
    o.paymentFeeTaxValue = r.decimal("payment_fee_tax_value");
    o.total = r.decimal("total");
    o.checkinAttention = r.boolean("checkin_attention");
    o.checkinText = nonEmpty(r.optStr("checkin_text"));
    o.requireApproval = r.boolean("require_approval");
    if (auto lm = r.time("last_modified")) {
        o.lastModified = *lm;
    }
    if (const auto* ia = r.get("invoice_address"); ia && !ia->is_null()) {
        auto a = invoiceAddressFromJson(*ia);
        if (a) {
            o.invoiceAddress = std::move(a.value());
        } else {
            r.merge(a.error().fields, "invoice_address.");
        }
    }
    if (const auto* fees = r.array("fees")) {
        for (const auto& f : *fees) {
            JsonReader fr(f);
            OrderFee fee;
            fee.type = fr.has("fee_type") ? fr.str("fee_type") : fr.str("type");
            fee.description = fr.str("description");
            fee.value = fr.decimal("value", true);
            r.merge(fr.errors(), "fees.");
            o.fees.push_back(std::move(fee));
        }
    }
    if (const auto* positions = r.array("positions", true)) {
        for (std::size_t i = 0; i < positions->size(); ++i) {
            auto p = positionFromJson((*positions)[i]);
            if (p) {
                p.value().orderCode = o.code;
                o.positions.push_back(std::move(p.value()));
            } else {
                r.merge(p.error().fields, "positions." + std::to_string(i) + ".");
            }
        }
    }
    return finish(std::move(o), r);
}

Result<Item> itemFromJson(const json& j) {
    JsonReader r(j);
    Item it;
    it.id = r.id("id");
    it.categoryId = r.optId("category");
    it.name = r.i18n("name", true);
    it.internalName = r.str("internal_name");
    it.description = r.i18n("description");
    it.defaultPrice = r.has("default_price") ? r.decimal("default_price") : r.decimal("price");
    it.taxRate = r.decimal("tax_rate");
    it.taxName = r.str("tax_name");
    it.admission = r.boolean("admission", true);
    it.personalized = r.boolean("personalized", it.admission);
    it.active = r.boolean("active", true);
    it.checkinAttention = r.boolean("checkin_attention");
    it.checkinText = nonEmpty(r.optStr("checkin_text"));
    it.position = r.integer("position");
    it.salesChannels = r.strings("sales_channels", {"web"});
    it.metaData = r.stringMap("meta_data");
    if (const auto* vars = r.array("variations")) {
        for (std::size_t i = 0; i < vars->size(); ++i) {
            JsonReader vr((*vars)[i]);
            Variation v;
            v.id = vr.id("id");
            v.itemId = it.id;
            v.value = vr.has("value") ? vr.i18n("value") : vr.i18n("name");
            v.active = vr.boolean("active", true);
            v.defaultPrice = vr.has("default_price") && !(*vr.get("default_price")).is_null() ? vr.decimal("default_price")
                             : vr.has("price") ? vr.decimal("price")
                                               : it.defaultPrice;
            v.description = vr.i18n("description");
            v.position = vr.integer("position");
            v.checkinAttention = vr.boolean("checkin_attention");
            v.checkinText = nonEmpty(vr.optStr("checkin_text"));
            v.metaData = vr.stringMap("meta_data");
            r.merge(vr.errors(), "variations." + std::to_string(i) + ".");
            it.variations.push_back(std::move(v));
        }
    }
    if (const auto* addons = r.array("addons")) {
        for (std::size_t i = 0; i < addons->size(); ++i) {
            auto a = addonFromJson((*addons)[i]);
            if (a.ok()) {
                it.addons.push_back(a.value());
            } else {
                r.merge(a.error().fields, "addons." + std::to_string(i) + ".");
            }
        }
    }
    return finish(std::move(it), r);
}

Result<ItemAddon> addonFromJson(const json& j) {
    JsonReader r(j);
    ItemAddon a;
    a.addonCategoryId = r.id("addon_category");
    a.minCount = r.integer("min_count", 0);
    a.maxCount = r.integer("max_count", 1);
    a.position = r.integer("position");
    a.priceIncluded = r.boolean("price_included");
    a.multiAllowed = r.boolean("multi_allowed");
    return finish(a, r);
}

Result<Category> categoryFromJson(const json& j) {
    JsonReader r(j);
    Category c;
    c.id = r.id("id");
    c.name = r.i18n("name", true);
    c.internalName = r.str("internal_name");
    c.description = r.i18n("description");
    c.position = r.integer("position");
    c.isAddon = r.boolean("is_addon");
    return finish(std::move(c), r);
}

Result<Question> questionFromJson(const json& j) {
    JsonReader r(j);
    Question q;
    q.id = r.id("id");
    q.question = r.i18n("question", true);
    q.helpText = r.i18n("help_text");
    q.type = r.str("type", true);
    if (r.has("type") && !Question::isKnownType(q.type)) {
        r.fail("type", "\"" + q.type + "\" is not a valid choice.");
    }
    q.required = r.boolean("required");
    q.hidden = r.boolean("hidden");
    q.askDuringCheckin = r.boolean("ask_during_checkin");
    q.position = r.integer("position");
    q.identifier = r.str("identifier");
    q.items = r.ids("items");
    if (const auto* opts = r.array("options")) {
        for (std::size_t i = 0; i < opts->size(); ++i) {
            JsonReader orr((*opts)[i]);
            QuestionOption o;
            o.id = orr.id("id");
            o.identifier = orr.str("identifier");
            o.position = orr.integer("position", static_cast<int>(i));
            o.answer = orr.i18n("answer", true);
            r.merge(orr.errors(), "options." + std::to_string(i) + ".");
            q.options.push_back(std::move(o));
        }
    }
    return finish(std::move(q), r);
}

Result<Event> eventFromJson(const json& j) {
    JsonReader r(j);
    Event e;
    e.slug = r.str("slug", true);
    e.name = r.i18n("name", true);
    e.currency = r.str("currency", false, "EUR");
    e.dateFrom = r.time("date_from");
    e.dateTo = r.time("date_to");
    e.dateAdmission = r.time("date_admission");
    e.location = r.i18n("location");
    e.timezone = r.str("timezone", false, "UTC");
    e.salesChannels = r.strings("sales_channels", {"web"});
    e.live = r.boolean("live", true);
    e.testmode = r.boolean("testmode");
    e.hasSubevents = r.boolean("has_subevents");
    e.metaData = r.stringMap("meta_data");
    return finish(std::move(e), r);
}

Result<SubEvent> subEventFromJson(const json& j) {
    JsonReader r(j);
    SubEvent s;
    s.id = r.id("id");
    s.name = r.i18n("name", true);
    s.location = r.i18n("location");
    s.dateFrom = r.time("date_from", true).value_or(Timestamp{});
    s.dateTo = r.time("date_to");
    s.dateAdmission = r.time("date_admission");
    s.active = r.boolean("active", true);
    s.isPublic = r.boolean("is_public", true);
    s.metaData = r.stringMap("meta_data");
    if (auto lm = r.time("last_modified")) {
        s.lastModified = *lm;
    }
    return finish(std::move(s), r);
}

Result<TicketLayout> ticketLayoutFromJson(const json& j) {
    JsonReader r(j);
    TicketLayout l;
    l.id = r.optId("id").value_or(0);
    l.name = r.str("name", true);
    l.isDefault = r.boolean("default");
    if (const auto* layout = r.get("layout")) {
        if (layout->is_string()) {
            l.layout = json::parse(layout->get<std::string>(), nullptr, false);
            if (l.layout.is_discarded()) {
                r.fail("layout", "Your layout file is not a valid layout. Error message: not valid JSON.");
            }
        } else {
            l.layout = *layout;
        }
        if (!l.layout.is_discarded() && !l.layout.is_array()) {
            r.fail("layout", "Your layout file is not a valid layout. Error message: the layout must be a list.");
        }
    }
    l.background = r.optStr("background");
    if (const auto* assignments = r.array("item_assignments")) {
        for (const auto& a : *assignments) {
            JsonReader ar(a);
            TicketLayoutItem ti;
            ti.itemId = ar.id("item");
            ti.salesChannel = ar.str("sales_channel", false, "web");
            r.merge(ar.errors(), "item_assignments.");
            l.itemAssignments.push_back(std::move(ti));
        }
    }
    return finish(std::move(l), r);
}

Result<Checkin> checkinFromJson(const json& j) {
    JsonReader r(j);
    Checkin c;
    c.id = r.optId("id").value_or(0);
    c.listId = r.id("list");
    c.datetime = r.time("datetime", true).value_or(Timestamp{});
    const std::string type = r.str("type", false, "entry");
    if (auto t = checkinTypeFromString(type)) {
        c.type = *t;
    } else {
        r.fail("type", "\"" + type + "\" is not a valid choice.");
    }
    c.autoCheckedIn = r.boolean("auto_checked_in");
    c.syncState = SyncState::Remote;
    c.device = "remote";
    return finish(std::move(c), r);
}

Result<CheckinList> checkinListFromJson(const json& j, const CheckinList& base, bool partial) {
    JsonReader r(j);
    CheckinList l = partial ? base : CheckinList{};
    l.id = base.id;
    l.eventId = base.eventId;
    if (!partial || r.has("name")) {
        l.name = r.str("name", true);
        if (r.has("name") && l.name.empty()) {
            r.fail("name", "This field may not be blank.");
        }
    }
    if (!partial || r.has("all_products")) {
        l.allProducts = r.boolean("all_products", true);
    }
    if (!partial || r.has("limit_products")) {
        l.limitProducts = r.ids("limit_products");
    }
    if (!partial || r.has("subevent")) {
        l.subeventId = r.optId("subevent");
    }
    if (!partial || r.has("include_pending")) {
        l.includePending = r.boolean("include_pending", false);
    }
    if (!partial || r.has("allow_multiple_entries")) {
        l.allowMultipleEntries = r.boolean("allow_multiple_entries", false);
    }
    if (!partial || r.has("allow_entry_after_exit")) {
        l.allowEntryAfterExit = r.boolean("allow_entry_after_exit", true);
    }
    if (!partial || r.has("auto_checkin_sales_channels")) {
        l.autoCheckinSalesChannels = r.strings("auto_checkin_sales_channels");
    }
    return finish(std::move(l), r);
}

}  // namespace boxoffice::model::wire
