// Selling at the desk (Sale.h): the checks of a sale in pretix's order, then the quota check and
// the order's writing inside the one transaction that makes the sale.
#include "boxoffice/sales/Sale.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "Common.h"
#include "DeskRecords.h"
#include "Secrets.h"
#include "boxoffice/checkin/Answers.h"
#include "boxoffice/checkin/Lists.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/OrderUploadRepository.h"
#include "boxoffice/sales/Availability.h"
#include "boxoffice/sales/EventSetup.h"

namespace boxoffice::sales {

using model::Id;
using model::Money;
using namespace detail;

std::string_view toString(PaymentMethod m) {
    switch (m) {
        case PaymentMethod::Cash: return "cash";
        case PaymentMethod::Card: return "card";
        case PaymentMethod::Free: return "free";
    }
    return "cash";
}

std::optional<PaymentMethod> paymentMethodFromString(std::string_view s) {
    for (auto m : {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::Free}) {
        if (toString(m) == s) {
            return m;
        }
    }
    return std::nullopt;
}

std::vector<SalePosition> repeat(const SalePosition& position, int quantity) {
    return std::vector<SalePosition>(static_cast<std::size_t>(std::max(quantity, 0)), position);
}

namespace {

std::string answerMessage(checkin::AnswerProblem p) {
    using checkin::AnswerProblem;
    switch (p) {
        case AnswerProblem::None: return {};
        case AnswerProblem::Required: return kRequired;
        case AnswerProblem::NotANumber: return "A valid number is required.";
        case AnswerProblem::NotYesNo: return "Answer yes or no.";
        case AnswerProblem::UnknownOption: return "Choose one of the question's options.";
        case AnswerProblem::OneOptionOnly: return "Choose only one option.";
        case AnswerProblem::NotADate: return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
        case AnswerProblem::NotATime: return "Time has wrong format. Use one of these formats instead: hh:mm[:ss].";
        case AnswerProblem::NotADateTime: return "Datetime has wrong format. Use YYYY-MM-DDThh:mm[:ss][zone].";
        case AnswerProblem::UnknownCountry: return "Enter a country as its two-letter ISO 3166-1 code.";
        case AnswerProblem::NotAPhoneNumber: return "Enter a phone number with its country code, e.g. +49 30 1234567.";
        case AnswerProblem::NotAFile: return "Files cannot be given at the desk.";
        case AnswerProblem::UnknownType: return "This question type cannot be answered here.";
    }
    return {};
}

const model::Variation* findVariation(const model::Item& item, Id id) {
    for (const auto& v : item.variations) {
        if (v.id == id) {
            return &v;
        }
    }
    return nullptr;
}

// What the checks found out about one position of the sale.
struct Checked {
    const model::Item* item = nullptr;
    Money price;
    std::vector<model::Answer> answers;
};

// The checks of one sale against the event's catalogue, collecting every problem in pretix's
// field errors ("positions.N.field").
class SaleChecker {
public:
    SaleChecker(model::Store& store, Id eventId) {
        model::EventRepository events(store);
        for (auto& item : events.items(eventId)) {
            m_items.emplace(item.id, std::move(item));
        }
        for (const auto& c : events.categories(eventId)) {
            m_addonCategory[c.id] = c.isAddon;
        }
        m_questions = events.questions(eventId);
    }

    std::vector<Checked> check(const std::vector<SalePosition>& positions) {
        std::vector<Checked> out(positions.size());
        for (std::size_t i = 0; i < positions.size(); ++i) {
            out[i] = checkPosition(positions, i);
        }
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (out[i].item && !positions[i].addonTo) {
                checkAddonCounts(positions, out, i);
            }
        }
        return out;
    }

    model::FieldErrors& errors() { return m_errors; }

private:
    std::string path(std::size_t i, const std::string& field) const {
        return "positions." + std::to_string(i) + "." + field;
    }

    bool inAddonCategory(const model::Item& item) const {
        if (!item.categoryId) {
            return false;
        }
        auto c = m_addonCategory.find(*item.categoryId);
        return c != m_addonCategory.end() && c->second;
    }

    const model::ItemAddon* addonOffer(const model::Item& parent, const model::Item& addon) const {
        for (const auto& a : parent.addons) {
            if (addon.categoryId && a.addonCategoryId == *addon.categoryId) {
                return &a;
            }
        }
        return nullptr;
    }

    const model::Item* checkItem(const SalePosition& p, std::size_t i) {
        auto found = m_items.find(p.itemId);
        if (found == m_items.end()) {
            m_errors[path(i, "item")].push_back(invalidPk(p.itemId));
            return nullptr;
        }
        const auto& item = found->second;
        const auto& channels = item.salesChannels;
        if (!item.active) {
            m_errors[path(i, "item")].push_back("This product is not active.");
        } else if (std::find(channels.begin(), channels.end(), kDeskSalesChannel) == channels.end()) {
            m_errors[path(i, "item")].push_back("This product is not sold at the box office.");
        }
        return &item;
    }

    const model::Variation* checkVariation(const SalePosition& p, const model::Item& item, std::size_t i) {
        if (!item.hasVariations()) {
            if (p.variationId) {
                m_errors[path(i, "variation")].push_back("This product has no variations.");
            }
            return nullptr;
        }
        if (!p.variationId) {
            m_errors[path(i, "variation")].push_back("You should specify a variation for this item.");
            return nullptr;
        }
        const auto* v = findVariation(item, *p.variationId);
        if (!v) {
            m_errors[path(i, "variation")].push_back(invalidPk(*p.variationId));
        } else if (!v->active) {
            m_errors[path(i, "variation")].push_back("This variation is not active.");
        }
        return v;
    }

    // The add-on's parent, when the add-on may be bought with it.
    const model::ItemAddon* checkAddonTo(const std::vector<SalePosition>& positions, const model::Item& item,
                                         std::size_t i) {
        const auto& p = positions[i];
        if (!p.addonTo) {
            if (inAddonCategory(item)) {
                m_errors[path(i, "item")].push_back("This product can only be bought as an add-on.");
            }
            return nullptr;
        }
        const std::size_t parent = *p.addonTo;
        if (parent >= i || positions[parent].addonTo) {
            m_errors[path(i, "addon_to")].push_back("Name an earlier position that is not an add-on itself.");
            return nullptr;
        }
        auto parentItem = m_items.find(positions[parent].itemId);
        const auto* offer = parentItem == m_items.end() ? nullptr : addonOffer(parentItem->second, item);
        if (!offer) {
            m_errors[path(i, "addon_to")].push_back("This product is not an add-on of that product.");
        }
        return offer;
    }

    std::vector<model::Answer> checkAnswers(const SalePosition& p, const model::Item& item, std::size_t i) {
        std::vector<model::Answer> out;
        for (const auto& q : m_questions) {
            const bool asked = std::find(q.items.begin(), q.items.end(), item.id) != q.items.end();
            auto given = p.answers.find(q.id);
            const std::string field = path(i, "answers." + std::to_string(q.id));
            if (!asked) {
                if (given != p.answers.end()) {
                    m_errors[field].push_back("This question is not asked for this product.");
                }
                continue;
            }
            if (given == p.answers.end()) {
                // Questions for the door and hidden ones are not the buyer's to answer now.
                if (q.required && !q.askDuringCheckin && !q.hidden) {
                    m_errors[field].push_back(kRequired);
                }
                continue;
            }
            auto checked = checkin::checkAnswer(q, given->second);
            if (!checked.ok()) {
                m_errors[field].push_back(answerMessage(checked.problem));
            } else if (!checked.skipped) {
                out.push_back(std::move(checked.answer));
            }
        }
        for (const auto& [questionId, text] : p.answers) {
            const bool known = std::any_of(m_questions.begin(), m_questions.end(),
                                           [id = questionId](const auto& q) { return q.id == id; });
            if (!known) {
                m_errors[path(i, "answers." + std::to_string(questionId))].push_back(invalidPk(questionId));
            }
        }
        return out;
    }

    Checked checkPosition(const std::vector<SalePosition>& positions, std::size_t i) {
        Checked c;
        const auto& p = positions[i];
        c.item = checkItem(p, i);
        if (!c.item) {
            return c;
        }
        const auto* variation = checkVariation(p, *c.item, i);
        const auto* offer = checkAddonTo(positions, *c.item, i);
        c.price = variation ? variation->defaultPrice : c.item->defaultPrice;
        if (offer && offer->priceIncluded) {
            c.price = Money{};
        }
        c.answers = checkAnswers(p, *c.item, i);
        return c;
    }

    // Each add-on offer of the ticket `parent`: between its minimum and maximum chosen, and the
    // same product once unless the offer allows more.
    void checkAddonCounts(const std::vector<SalePosition>& positions, const std::vector<Checked>& checked,
                          std::size_t parent) {
        for (const auto& offer : checked[parent].item->addons) {
            int count = 0;
            std::map<Id, int> perItem;
            for (std::size_t j = 0; j < positions.size(); ++j) {
                const auto* item = checked[j].item;
                if (positions[j].addonTo == parent && item && item->categoryId == offer.addonCategoryId) {
                    ++count;
                    ++perItem[item->id];
                }
            }
            const std::string field = path(parent, "addons");
            if (count < offer.minCount) {
                m_errors[field].push_back("Choose at least " + std::to_string(offer.minCount) +
                                          " add-ons of this category.");
            }
            if (count > offer.maxCount) {
                m_errors[field].push_back("Choose at most " + std::to_string(offer.maxCount) +
                                          " add-ons of this category.");
            }
            const bool repeated = std::any_of(perItem.begin(), perItem.end(), [](const auto& e) { return e.second > 1; });
            if (repeated && !offer.multiAllowed) {
                m_errors[field].push_back("You can select every add-on of this category only once.");
            }
        }
    }

    std::map<Id, model::Item> m_items;
    std::map<Id, bool> m_addonCategory;
    std::vector<model::Question> m_questions;
    model::FieldErrors m_errors;
};

// The quota check, inside the sale's transaction: every position must be counted by some quota,
// and no quota may be asked for more than it has left. The first problem of each quota is named
// on each position it counts.
std::optional<model::Error> checkQuotas(model::Store& store, Id eventId, const std::vector<SalePosition>& positions) {
    const auto usage = quotaUsage(store, eventId);
    model::FieldErrors errors;
    std::string message = "Not enough tickets left.";
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const auto& p = positions[i];
        const bool counted = std::any_of(usage.begin(), usage.end(),
                                         [&](const auto& u) { return counts(u.quota, p.itemId, p.variationId); });
        if (!counted) {
            errors["positions." + std::to_string(i) + ".item"].push_back(
                "This product is not available: no quota counts it.");
        }
    }
    for (const auto& u : usage) {
        if (!u.left) {
            continue;
        }
        std::vector<std::size_t> asking;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (counts(u.quota, positions[i].itemId, positions[i].variationId)) {
                asking.push_back(i);
            }
        }
        if (static_cast<std::int64_t>(asking.size()) <= *u.left) {
            continue;
        }
        message = *u.left == 0 ? "Sold out: no tickets left of quota \"" + u.quota.name + "\"."
                               : *u.left == 1 ? "Only 1 ticket left of quota \"" + u.quota.name + "\"."
                               : "Only " + std::to_string(*u.left) + " tickets left of quota \"" + u.quota.name + "\".";
        for (auto i : asking) {
            errors["positions." + std::to_string(i) + ".item"].push_back(message);
        }
    }
    if (errors.empty()) {
        return std::nullopt;
    }
    return model::Error::badInput(message, std::move(errors));
}

// The payment's problems, with the change for cash.
std::optional<model::Error> checkPayment(const SaleRequest& r, Money total, Money& change) {
    model::FieldErrors errors;
    const bool nothingToPay = total == Money{};
    if (r.payment == PaymentMethod::Free && !nothingToPay) {
        errors["payment"].push_back("Only a sale with nothing to pay can be free.");
    } else if (r.payment != PaymentMethod::Free && nothingToPay) {
        errors["payment"].push_back("There is nothing to pay: choose free.");
    } else if (r.payment == PaymentMethod::Cash) {
        if (!r.cashGiven) {
            errors["cash_given"].push_back(kRequired);
        } else if (*r.cashGiven < total) {
            errors["cash_given"].push_back("The amount given is less than the total of " + total.toString() + ".");
        } else {
            change = *r.cashGiven - total;
        }
    }
    if (errors.empty()) {
        return std::nullopt;
    }
    return badInput(std::move(errors));
}

std::string paymentProvider(PaymentMethod m) {
    switch (m) {
        case PaymentMethod::Cash: return "box_office_cash";
        case PaymentMethod::Card: return "box_office_card";
        case PaymentMethod::Free: return "free";
    }
    return "free";
}

model::Order buildOrder(model::Store& store, const SaleRequest& r, const std::vector<Checked>& checked) {
    model::Order o;
    o.eventId = r.eventId;
    o.code = newOrderCode(store, r.eventId);
    o.secret = newOrderSecret();
    o.status = model::OrderStatus::Paid;
    o.email = r.email;
    o.locale = r.locale;
    o.salesChannel = kDeskSalesChannel;
    o.paymentProvider = paymentProvider(r.payment);
    o.datetime = model::now();
    o.lastModified = o.datetime;
    o.paymentDate = model::Date{std::chrono::floor<std::chrono::days>(o.datetime)};
    // Position IDs are given here so that add-ons can name their ticket before anything is written.
    const Id firstId = store.nextLocalId("order_position");
    for (std::size_t i = 0; i < r.positions.size(); ++i) {
        const auto& in = r.positions[i];
        const auto& c = checked[i];
        model::OrderPosition p;
        p.id = firstId + static_cast<Id>(i);
        p.positionid = static_cast<int>(i) + 1;
        p.itemId = in.itemId;
        p.variationId = in.variationId;
        if (in.addonTo) {
            p.addonTo = firstId + static_cast<Id>(*in.addonTo);
        }
        p.price = c.price;
        p.taxRate = c.item->taxRate;
        p.taxValue = includedTax(c.price, c.item->taxRate);
        if (!blank(in.attendeeName)) {
            p.attendeeName = in.attendeeName;
        }
        p.secret = newTicketSecret(store, r.eventId);
        p.pseudonymizationId = newPseudonymizationId();
        p.answers = c.answers;
        o.total += c.price;
        o.positions.push_back(std::move(p));
    }
    return o;
}

std::optional<model::Error> checkShift(model::Store& store, Id eventId, Id shiftId) {
    const auto shift = readShift(store, shiftId);
    if (!shift || shift->eventId != eventId || shift->endedAt) {
        return model::Error::conflict("Start a shift at this event before selling.");
    }
    return std::nullopt;
}

model::Result<Sale> sellInTransaction(model::Store& store, const SaleRequest& r) {
    if (!model::EventRepository(store).eventById(r.eventId)) {
        return model::Error::notFound("Not found.");
    }
    if (auto problem = checkShift(store, r.eventId, r.shiftId)) {
        return *problem;
    }
    if (r.positions.empty()) {
        return badInput({{"positions", {"Choose at least one product."}}});
    }
    SaleChecker checker(store, r.eventId);
    const auto checked = checker.check(r.positions);
    if (!checker.errors().empty()) {
        return badInput(std::move(checker.errors()));
    }
    if (auto problem = checkQuotas(store, r.eventId, r.positions)) {
        return *problem;
    }
    Sale sale;
    for (const auto& c : checked) {
        sale.total += c.price;
    }
    if (auto problem = checkPayment(r, sale.total, sale.change)) {
        return *problem;
    }
    sale.order = buildOrder(store, r, checked);
    model::OrderRepository(store).upsert(sale.order);
    PaymentRecord payment;
    payment.shiftId = r.shiftId;
    payment.orderId = sale.order.id;
    payment.kind = PaymentKind::Sale;
    payment.method = r.payment;
    payment.amount = sale.total;
    if (r.payment == PaymentMethod::Cash) {
        payment.given = r.cashGiven;
    }
    payment.datetime = sale.order.datetime;
    insertPayment(store, r.eventId, payment);
    // Waits for the event's remote pretix server, if it has or gets one (services/sync uploads it).
    model::OrderUploadRepository(store).queue(sale.order.id, r.eventId);
    sale.autoCheckins = checkin::autoCheckin(store, sale.order);
    return sale;
}

}  // namespace

model::Result<Sale> sell(model::Store& store, const SaleRequest& request) {
    return guarded([&]() -> model::Result<Sale> {
        // BEGIN IMMEDIATE takes the writer lock before the quotas are read: another desk's sale
        // is either committed and counted here, or waits until this one is.
        model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
        auto sale = sellInTransaction(store, request);
        if (!sale) {
            return sale;
        }
        // Read back as stored (revision, answers' texts), still inside the transaction.
        if (auto stored = model::OrderRepository(store).byId(sale->order.id)) {
            sale->order = std::move(*stored);
        }
        tx.commit();
        return sale;
    });
}

}  // namespace boxoffice::sales
