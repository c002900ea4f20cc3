#include "boxoffice/model/EventRepository.h"

#include "Sql.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::model {

using sql::bindValue;

Id EventRepository::upsertOrganizer(const std::string& slug, const std::string& name) {
    if (auto existing = organizerBySlug(slug)) {
        auto u = m_store.cached("UPDATE organizer SET name = ? WHERE id = ?");
        u.bind(1, name);
        u.bind(2, existing->id);
        u.exec();
        m_store.noteChange({Change::Kind::Event, 0});
        return existing->id;
    }
    const Id id = m_store.nextLocalId("organizer");
    auto i = m_store.cached("INSERT INTO organizer (id, slug, name) VALUES (?, ?, ?)");
    i.bind(1, id);
    i.bind(2, slug);
    i.bind(3, name);
    i.exec();
    m_store.noteChange({Change::Kind::Event, 0});
    return id;
}

std::optional<Organizer> EventRepository::organizerBySlug(const std::string& slug) {
    auto q = m_store.cached("SELECT id, slug, name FROM organizer WHERE slug = ?");
    q.bind(1, slug);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return Organizer{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}

std::vector<Organizer> EventRepository::organizers() {
    auto q = m_store.cached("SELECT id, slug, name FROM organizer ORDER BY slug");
    std::vector<Organizer> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    }
    return out;
}

namespace {

constexpr const char* kEventColumns =
    "e.id, e.organizer_id, o.slug, e.slug, e.name, e.currency, e.date_from, e.date_to, e.date_admission, "
    "e.location, e.timezone, e.locale, e.live, e.testmode, e.has_subevents, e.ticket_downloads, "
    "e.scanner_list_id, e.last_modified, e.meta_data, e.sales_channels";

Event readEvent(CachedStatement& q) {
    Event e;
    e.id = q.getColumn(0).getInt64();
    e.organizerId = q.getColumn(1).getInt64();
    e.organizerSlug = q.getColumn(2).getString();
    e.slug = q.getColumn(3).getString();
    e.name = I18nString::fromJsonText(q.getColumn(4).getString());
    e.currency = q.getColumn(5).getString();
    e.dateFrom = sql::optTime(q.getColumn(6));
    e.dateTo = sql::optTime(q.getColumn(7));
    e.dateAdmission = sql::optTime(q.getColumn(8));
    e.location = I18nString::fromJsonText(q.getColumn(9).getString());
    e.timezone = q.getColumn(10).getString();
    e.locale = q.getColumn(11).getString();
    e.live = sql::flag(q.getColumn(12));
    e.testmode = sql::flag(q.getColumn(13));
    e.hasSubevents = sql::flag(q.getColumn(14));
    e.ticketDownloads = sql::flag(q.getColumn(15));
    e.scannerListId = sql::optId(q.getColumn(16));
    e.lastModified = sql::time(q.getColumn(17));
    e.metaData = sql::mapFromJson(q.getColumn(18).getString());
    e.salesChannels = sql::listFromJson<std::string>(q.getColumn(19).getString());
    return e;
}

}  // namespace

void EventRepository::upsertEvent(Event& e) {
    if (e.id == 0) {
        auto q = m_store.cached("SELECT id FROM event WHERE organizer_id = ? AND slug = ?");
        q.bind(1, e.organizerId);
        q.bind(2, e.slug);
        e.id = q.executeStep() ? q.getColumn(0).getInt64() : m_store.nextLocalId("event");
    }
    auto s = m_store.cached(
        "INSERT INTO event (id, organizer_id, slug, name, currency, date_from, date_to, date_admission, location, "
        "timezone, locale, live, testmode, has_subevents, ticket_downloads, scanner_list_id, last_modified, "
        "meta_data, sales_channels) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "organizer_id=excluded.organizer_id, slug=excluded.slug, name=excluded.name, currency=excluded.currency, "
        "date_from=excluded.date_from, date_to=excluded.date_to, date_admission=excluded.date_admission, "
        "location=excluded.location, timezone=excluded.timezone, locale=excluded.locale, live=excluded.live, "
        "testmode=excluded.testmode, has_subevents=excluded.has_subevents, ticket_downloads=excluded.ticket_downloads, "
        "scanner_list_id=excluded.scanner_list_id, last_modified=excluded.last_modified, "
        "meta_data=excluded.meta_data, sales_channels=excluded.sales_channels");
    if (e.lastModified == Timestamp{}) {
        e.lastModified = now();
    }
    s.bind(1, e.id);
    s.bind(2, e.organizerId);
    s.bind(3, e.slug);
    s.bind(4, e.name.toJsonText());
    s.bind(5, e.currency);
    bindValue(s, 6, e.dateFrom);
    bindValue(s, 7, e.dateTo);
    bindValue(s, 8, e.dateAdmission);
    s.bind(9, e.location.toJsonText());
    s.bind(10, e.timezone);
    s.bind(11, e.locale);
    bindValue(s, 12, e.live);
    bindValue(s, 13, e.testmode);
    bindValue(s, 14, e.hasSubevents);
    bindValue(s, 15, e.ticketDownloads);
    bindValue(s, 16, e.scannerListId);
    s.bind(17, toStorage(e.lastModified));
    s.bind(18, sql::mapToJson(e.metaData));
    s.bind(19, sql::listToJson(e.salesChannels));
    s.exec();
    m_store.noteChange({Change::Kind::Event, e.id});
}

std::optional<Event> EventRepository::eventById(Id id) {
    auto q = m_store.cached(std::string("SELECT ") + kEventColumns +
                             " FROM event e JOIN organizer o ON o.id = e.organizer_id WHERE e.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readEvent(q);
}

std::optional<Event> EventRepository::eventBySlug(const std::string& organizerSlug, const std::string& eventSlug) {
    auto q = m_store.cached(std::string("SELECT ") + kEventColumns +
                             " FROM event e JOIN organizer o ON o.id = e.organizer_id WHERE o.slug = ? AND e.slug = ?");
    q.bind(1, organizerSlug);
    q.bind(2, eventSlug);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readEvent(q);
}

std::vector<Event> EventRepository::events() {
    auto q = m_store.cached(std::string("SELECT ") + kEventColumns +
                             " FROM event e JOIN organizer o ON o.id = e.organizer_id "
                             "ORDER BY o.slug, e.date_from, e.slug");
    std::vector<Event> out;
    while (q.executeStep()) {
        out.push_back(readEvent(q));
    }
    return out;
}

void EventRepository::upsertSubEvent(SubEvent& se) {
    if (se.id == 0) {
        se.id = m_store.nextLocalId("subevent");
    }
    if (se.lastModified == Timestamp{}) {
        se.lastModified = now();
    }
    auto s = m_store.cached(
        "INSERT INTO subevent (id, event_id, name, location, date_from, date_to, date_admission, active, is_public, "
        "last_modified, meta_data) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "event_id=excluded.event_id, name=excluded.name, location=excluded.location, date_from=excluded.date_from, "
        "date_to=excluded.date_to, date_admission=excluded.date_admission, active=excluded.active, "
        "is_public=excluded.is_public, last_modified=excluded.last_modified, meta_data=excluded.meta_data");
    s.bind(1, se.id);
    s.bind(2, se.eventId);
    s.bind(3, se.name.toJsonText());
    s.bind(4, se.location.toJsonText());
    s.bind(5, toStorage(se.dateFrom));
    bindValue(s, 6, se.dateTo);
    bindValue(s, 7, se.dateAdmission);
    bindValue(s, 8, se.active);
    bindValue(s, 9, se.isPublic);
    s.bind(10, toStorage(se.lastModified));
    s.bind(11, sql::mapToJson(se.metaData));
    s.exec();
    m_store.noteChange({Change::Kind::Event, se.eventId});
}

std::vector<SubEvent> EventRepository::subEvents(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, name, location, date_from, date_to, date_admission, active, is_public, last_modified, "
        "meta_data FROM subevent WHERE event_id = ? ORDER BY date_from, id");
    q.bind(1, eventId);
    std::vector<SubEvent> out;
    while (q.executeStep()) {
        SubEvent s;
        s.id = q.getColumn(0).getInt64();
        s.eventId = q.getColumn(1).getInt64();
        s.name = I18nString::fromJsonText(q.getColumn(2).getString());
        s.location = I18nString::fromJsonText(q.getColumn(3).getString());
        s.dateFrom = sql::time(q.getColumn(4));
        s.dateTo = sql::optTime(q.getColumn(5));
        s.dateAdmission = sql::optTime(q.getColumn(6));
        s.active = sql::flag(q.getColumn(7));
        s.isPublic = sql::flag(q.getColumn(8));
        s.lastModified = sql::time(q.getColumn(9));
        s.metaData = sql::mapFromJson(q.getColumn(10).getString());
        out.push_back(std::move(s));
    }
    return out;
}

void EventRepository::upsertCategory(Category& c) {
    if (c.id == 0) {
        c.id = m_store.nextLocalId("category");
    }
    auto s = m_store.cached(
        "INSERT INTO category (id, event_id, name, internal_name, description, position, is_addon) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET event_id=excluded.event_id, name=excluded.name, "
        "internal_name=excluded.internal_name, description=excluded.description, position=excluded.position, "
        "is_addon=excluded.is_addon");
    s.bind(1, c.id);
    s.bind(2, c.eventId);
    s.bind(3, c.name.toJsonText());
    s.bind(4, c.internalName);
    s.bind(5, c.description.toJsonText());
    s.bind(6, c.position);
    bindValue(s, 7, c.isAddon);
    s.exec();
    m_store.noteChange({Change::Kind::Event, c.eventId});
}

std::vector<Category> EventRepository::categories(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, name, internal_name, description, position, is_addon FROM category "
        "WHERE event_id = ? ORDER BY position, id");
    q.bind(1, eventId);
    std::vector<Category> out;
    while (q.executeStep()) {
        Category c;
        c.id = q.getColumn(0).getInt64();
        c.eventId = q.getColumn(1).getInt64();
        c.name = I18nString::fromJsonText(q.getColumn(2).getString());
        c.internalName = q.getColumn(3).getString();
        c.description = I18nString::fromJsonText(q.getColumn(4).getString());
        c.position = q.getColumn(5).getInt();
        c.isAddon = sql::flag(q.getColumn(6));
        out.push_back(std::move(c));
    }
    return out;
}

namespace {

// A product's add-ons are kept as one JSON list in pretix's names (item.addons, migration 17): they
// are always read and written with their product.
std::string addonsToJson(const std::vector<ItemAddon>& addons) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : addons) {
        out.push_back(wire::toJson(a));
    }
    return out.dump();
}

std::vector<ItemAddon> addonsFromJson(const std::string& text) {
    std::vector<ItemAddon> out;
    if (text.size() <= 2) {
        return out;  // "[]", the common case, without a parse
    }
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) {
        return out;
    }
    for (const auto& e : j) {
        if (auto a = wire::addonFromJson(e); a.ok()) {
            out.push_back(a.value());
        }
    }
    return out;
}

}  // namespace

void EventRepository::upsertItem(Item& it) {
    if (it.id == 0) {
        it.id = m_store.nextLocalId("item");
    }
    auto s = m_store.cached(
        "INSERT INTO item (id, event_id, category_id, name, internal_name, description, default_price, tax_rate, "
        "tax_name, admission, personalized, active, checkin_attention, position, sales_channels, meta_data, addons, "
        "checkin_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET event_id=excluded.event_id, "
        "category_id=excluded.category_id, name=excluded.name, internal_name=excluded.internal_name, "
        "description=excluded.description, default_price=excluded.default_price, tax_rate=excluded.tax_rate, "
        "tax_name=excluded.tax_name, admission=excluded.admission, personalized=excluded.personalized, "
        "active=excluded.active, checkin_attention=excluded.checkin_attention, position=excluded.position, "
        "sales_channels=excluded.sales_channels, meta_data=excluded.meta_data, addons=excluded.addons, "
        "checkin_text=excluded.checkin_text");
    s.bind(1, it.id);
    s.bind(2, it.eventId);
    bindValue(s, 3, it.categoryId);
    s.bind(4, it.name.toJsonText());
    s.bind(5, it.internalName);
    s.bind(6, it.description.toJsonText());
    s.bind(7, it.defaultPrice.minor());
    s.bind(8, it.taxRate.minor());
    s.bind(9, it.taxName);
    bindValue(s, 10, it.admission);
    bindValue(s, 11, it.personalized);
    bindValue(s, 12, it.active);
    bindValue(s, 13, it.checkinAttention);
    s.bind(14, it.position);
    s.bind(15, sql::listToJson(it.salesChannels));
    s.bind(16, sql::mapToJson(it.metaData));
    s.bind(17, addonsToJson(it.addons));
    bindValue(s, 18, it.checkinText);
    s.exec();
    for (auto& v : it.variations) {
        v.itemId = it.id;
        if (v.id == 0) {
            v.id = m_store.nextLocalId("variation");
        }
        auto vs = m_store.cached(
            "INSERT INTO variation (id, item_id, value, active, default_price, description, position, "
            "checkin_attention, meta_data, checkin_text) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "item_id=excluded.item_id, value=excluded.value, active=excluded.active, "
            "default_price=excluded.default_price, description=excluded.description, position=excluded.position, "
            "checkin_attention=excluded.checkin_attention, meta_data=excluded.meta_data, "
            "checkin_text=excluded.checkin_text");
        vs.bind(1, v.id);
        vs.bind(2, v.itemId);
        vs.bind(3, v.value.toJsonText());
        bindValue(vs, 4, v.active);
        vs.bind(5, v.defaultPrice.minor());
        vs.bind(6, v.description.toJsonText());
        vs.bind(7, v.position);
        bindValue(vs, 8, v.checkinAttention);
        vs.bind(9, sql::mapToJson(v.metaData));
        bindValue(vs, 10, v.checkinText);
        vs.exec();
    }
    m_store.noteChange({Change::Kind::Event, it.eventId});
}

namespace {

constexpr const char* kItemSelect =
    "SELECT id, event_id, category_id, name, internal_name, description, default_price, tax_rate, tax_name, "
    "admission, personalized, active, checkin_attention, position, sales_channels, meta_data, addons, checkin_text "
    "FROM item ";

Item readItem(CachedStatement& q) {
    Item it;
    it.id = q.getColumn(0).getInt64();
    it.eventId = q.getColumn(1).getInt64();
    it.categoryId = sql::optId(q.getColumn(2));
    it.name = I18nString::fromJsonText(q.getColumn(3).getString());
    it.internalName = q.getColumn(4).getString();
    it.description = I18nString::fromJsonText(q.getColumn(5).getString());
    it.defaultPrice = Money::fromMinor(q.getColumn(6).getInt64());
    it.taxRate = TaxRate::fromMinor(q.getColumn(7).getInt64());
    it.taxName = q.getColumn(8).getString();
    it.admission = sql::flag(q.getColumn(9));
    it.personalized = sql::flag(q.getColumn(10));
    it.active = sql::flag(q.getColumn(11));
    it.checkinAttention = sql::flag(q.getColumn(12));
    it.position = q.getColumn(13).getInt();
    it.salesChannels = sql::listFromJson<std::string>(q.getColumn(14).getString());
    it.metaData = sql::mapFromJson(q.getColumn(15).getString());
    it.addons = addonsFromJson(q.getColumn(16).getString());
    it.checkinText = sql::optText(q.getColumn(17));
    return it;
}

void loadVariations(Store& store, Item& it) {
    auto q = store.cached(
        "SELECT id, item_id, value, active, default_price, description, position, checkin_attention, meta_data, "
        "checkin_text FROM variation WHERE item_id = ? ORDER BY position, id");
    q.bind(1, it.id);
    while (q.executeStep()) {
        Variation v;
        v.id = q.getColumn(0).getInt64();
        v.itemId = q.getColumn(1).getInt64();
        v.value = I18nString::fromJsonText(q.getColumn(2).getString());
        v.active = sql::flag(q.getColumn(3));
        v.defaultPrice = Money::fromMinor(q.getColumn(4).getInt64());
        v.description = I18nString::fromJsonText(q.getColumn(5).getString());
        v.position = q.getColumn(6).getInt();
        v.checkinAttention = sql::flag(q.getColumn(7));
        v.metaData = sql::mapFromJson(q.getColumn(8).getString());
        v.checkinText = sql::optText(q.getColumn(9));
        it.variations.push_back(std::move(v));
    }
}

}  // namespace

std::optional<Item> EventRepository::item(Id eventId, Id itemId) {
    auto q = m_store.cached(std::string(kItemSelect) + "WHERE event_id = ? AND id = ?");
    q.bind(1, eventId);
    q.bind(2, itemId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    Item it = readItem(q);
    loadVariations(m_store, it);
    return it;
}

std::vector<Item> EventRepository::items(Id eventId) {
    auto q = m_store.cached(std::string(kItemSelect) + "WHERE event_id = ? ORDER BY position, id");
    q.bind(1, eventId);
    std::vector<Item> out;
    while (q.executeStep()) {
        out.push_back(readItem(q));
    }
    for (auto& it : out) {
        loadVariations(m_store, it);
    }
    return out;
}

void EventRepository::upsertQuestion(Question& qn) {
    if (qn.id == 0) {
        qn.id = m_store.nextLocalId("question");
    }
    auto s = m_store.cached(
        "INSERT INTO question (id, event_id, identifier, question, help_text, type, required, hidden, "
        "ask_during_checkin, position) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "event_id=excluded.event_id, identifier=excluded.identifier, question=excluded.question, "
        "help_text=excluded.help_text, type=excluded.type, required=excluded.required, hidden=excluded.hidden, "
        "ask_during_checkin=excluded.ask_during_checkin, position=excluded.position");
    s.bind(1, qn.id);
    s.bind(2, qn.eventId);
    s.bind(3, qn.identifier);
    s.bind(4, qn.question.toJsonText());
    s.bind(5, qn.helpText.toJsonText());
    s.bind(6, qn.type);
    bindValue(s, 7, qn.required);
    bindValue(s, 8, qn.hidden);
    bindValue(s, 9, qn.askDuringCheckin);
    s.bind(10, qn.position);
    s.exec();
    auto del = m_store.cached("DELETE FROM question_item WHERE question_id = ?");
    del.bind(1, qn.id);
    del.exec();
    for (Id item : qn.items) {
        auto ins = m_store.cached("INSERT OR IGNORE INTO question_item (question_id, item_id) VALUES (?, ?)");
        ins.bind(1, qn.id);
        ins.bind(2, item);
        ins.exec();
    }
    for (auto& o : qn.options) {
        if (o.id == 0) {
            o.id = m_store.nextLocalId("question_option");
        }
        auto os = m_store.cached(
            "INSERT INTO question_option (id, question_id, identifier, position, answer) VALUES (?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET question_id=excluded.question_id, identifier=excluded.identifier, "
            "position=excluded.position, answer=excluded.answer");
        os.bind(1, o.id);
        os.bind(2, qn.id);
        os.bind(3, o.identifier);
        os.bind(4, o.position);
        os.bind(5, o.answer.toJsonText());
        os.exec();
    }
    m_store.noteChange({Change::Kind::Event, qn.eventId});
}

std::vector<Question> EventRepository::questions(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, identifier, question, help_text, type, required, hidden, ask_during_checkin, position "
        "FROM question WHERE event_id = ? ORDER BY position, id");
    q.bind(1, eventId);
    std::vector<Question> out;
    while (q.executeStep()) {
        Question qn;
        qn.id = q.getColumn(0).getInt64();
        qn.eventId = q.getColumn(1).getInt64();
        qn.identifier = q.getColumn(2).getString();
        qn.question = I18nString::fromJsonText(q.getColumn(3).getString());
        qn.helpText = I18nString::fromJsonText(q.getColumn(4).getString());
        qn.type = q.getColumn(5).getString();
        qn.required = sql::flag(q.getColumn(6));
        qn.hidden = sql::flag(q.getColumn(7));
        qn.askDuringCheckin = sql::flag(q.getColumn(8));
        qn.position = q.getColumn(9).getInt();
        out.push_back(std::move(qn));
    }
    for (auto& qn : out) {
        auto qi = m_store.cached("SELECT item_id FROM question_item WHERE question_id = ? ORDER BY item_id");
        qi.bind(1, qn.id);
        while (qi.executeStep()) {
            qn.items.push_back(qi.getColumn(0).getInt64());
        }
        auto qo = m_store.cached(
            "SELECT id, identifier, position, answer FROM question_option WHERE question_id = ? ORDER BY position, id");
        qo.bind(1, qn.id);
        while (qo.executeStep()) {
            qn.options.push_back({qo.getColumn(0).getInt64(), qo.getColumn(1).getString(), qo.getColumn(2).getInt(),
                                  I18nString::fromJsonText(qo.getColumn(3).getString())});
        }
    }
    return out;
}

bool EventRepository::pluginEnabled(Id eventId, const std::string& plugin, bool byDefault) {
    const auto all = plugins(eventId);
    const auto it = all.find(plugin);
    return it == all.end() ? byDefault : it->second;
}

std::map<std::string, bool> EventRepository::plugins(Id eventId) {
    auto q = m_store.cached("SELECT plugin, enabled FROM event_plugin WHERE event_id = ?");
    q.bind(1, eventId);
    std::map<std::string, bool> out;
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getString(), sql::flag(q.getColumn(1)));
    }
    return out;
}

std::int64_t EventRepository::accessVersion() {
    auto q = m_store.cached("SELECT version FROM access_version WHERE id = 1");
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

void EventRepository::setPluginEnabled(Id eventId, const std::string& plugin, bool enabled) {
    auto s = m_store.cached(
        "INSERT INTO event_plugin (event_id, plugin, enabled) VALUES (?,?,?) "
        "ON CONFLICT(event_id, plugin) DO UPDATE SET enabled = excluded.enabled");
    s.bind(1, eventId);
    s.bind(2, plugin);
    bindValue(s, 3, enabled);
    s.exec();
    m_store.noteChange({Change::Kind::Event, eventId});
}

void EventRepository::upsertQuota(Quota& quota) {
    if (quota.id == 0) {
        quota.id = m_store.nextLocalId("quota");
    }
    auto s = m_store.cached(
        "INSERT INTO quota (id, event_id, subevent_id, name, size, items, variations) VALUES (?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET event_id=excluded.event_id, subevent_id=excluded.subevent_id, "
        "name=excluded.name, size=excluded.size, items=excluded.items, variations=excluded.variations");
    s.bind(1, quota.id);
    s.bind(2, quota.eventId);
    bindValue(s, 3, quota.subeventId);
    s.bind(4, quota.name);
    quota.size ? s.bind(5, *quota.size) : s.bind(5);
    s.bind(6, sql::listToJson(quota.items));
    s.bind(7, sql::listToJson(quota.variations));
    s.exec();
    m_store.noteChange({Change::Kind::Event, quota.eventId});
}

std::vector<Quota> EventRepository::quotas(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, subevent_id, name, size, items, variations FROM quota WHERE event_id = ? ORDER BY id");
    q.bind(1, eventId);
    std::vector<Quota> out;
    while (q.executeStep()) {
        Quota quota;
        quota.id = q.getColumn(0).getInt64();
        quota.eventId = q.getColumn(1).getInt64();
        quota.subeventId = sql::optId(q.getColumn(2));
        quota.name = q.getColumn(3).getString();
        if (!q.getColumn(4).isNull()) {
            quota.size = q.getColumn(4).getInt64();
        }
        quota.items = sql::listFromJson<Id>(q.getColumn(5).getString());
        quota.variations = sql::listFromJson<Id>(q.getColumn(6).getString());
        out.push_back(std::move(quota));
    }
    return out;
}

}  // namespace boxoffice::model
