// Taking a sale back at the desk (Sale.h, cancelOrder).
#include "Common.h"
#include "DeskRecords.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sales/Sale.h"

namespace boxoffice::sales {

using namespace detail;

namespace {

std::optional<model::Error> checkCancel(const model::Order& order, const CancelRequest& r) {
    if (order.status != model::OrderStatus::Paid && order.status != model::OrderStatus::Pending) {
        return model::Error::conflict("Order " + order.code + " is " +
                                      (order.status == model::OrderStatus::Expired ? "expired" : "canceled already") +
                                      ".");
    }
    model::FieldErrors errors;
    if (blank(r.reason)) {
        errors["reason"].push_back(kBlank);
    }
    if (r.refundMethod == PaymentMethod::Free && order.total != model::Money{}) {
        errors["refund_method"].push_back("An order that cost something cannot be refunded as free.");
    }
    if (errors.empty()) {
        return std::nullopt;
    }
    return badInput(std::move(errors));
}

model::Result<model::Order> cancelInTransaction(model::Store& store, const CancelRequest& r) {
    if (!model::EventRepository(store).eventById(r.eventId)) {
        return model::Error::notFound("Not found.");
    }
    const auto shift = readShift(store, r.shiftId);
    if (!shift || shift->eventId != r.eventId || shift->endedAt) {
        return model::Error::conflict("Start a shift at this event before taking an order back.");
    }
    model::OrderRepository orders(store);
    auto order = orders.byCode(r.eventId, r.orderCode);
    if (!order) {
        return model::Error::notFound("There is no order " + r.orderCode + " at this event.");
    }
    if (auto problem = checkCancel(*order, r)) {
        return *problem;
    }
    // The whole order is canceled, as pretix does: its positions stay as they were, so the door
    // finds their tickets and answers "canceled" rather than "unknown".
    order->status = model::OrderStatus::Canceled;
    order->lastModified = model::now();
    orders.upsert(*order);
    PaymentRecord record;
    record.shiftId = r.shiftId;
    record.orderId = order->id;
    record.kind = r.refundMethod ? PaymentKind::Refund : PaymentKind::Cancel;
    record.method = r.refundMethod;
    record.amount = r.refundMethod ? order->total : model::Money{};
    record.reason = r.reason;
    record.datetime = order->lastModified;
    insertPayment(store, r.eventId, record);
    return orders.byId(order->id).value();
}

}  // namespace

model::Result<model::Order> cancelOrder(model::Store& store, const CancelRequest& request) {
    return guarded([&]() -> model::Result<model::Order> {
        model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
        auto order = cancelInTransaction(store, request);
        if (order) {
            tx.commit();
        }
        return order;
    });
}

}  // namespace boxoffice::sales
