#include "orders/OrderBrowserModel.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <utility>

namespace boxoffice::gui {

namespace {

wxString fromView(std::string_view text) { return wxString::FromUTF8(text.data(), text.size()); }

wxString statusWord(char code) {
    const auto status = model::statusFromCode(std::string_view(&code, 1));
    return status ? statusText(*status) : wxString();
}

} // namespace

std::string buyerName(const model::Order& order) {
    if (order.invoiceAddress && !order.invoiceAddress->name.empty()) {
        return order.invoiceAddress->name;
    }
    for (const auto& position : order.positions) {
        if (position.attendeeName && !position.attendeeName->empty()) {
            return *position.attendeeName;
        }
    }
    if (order.invoiceAddress) {
        return order.invoiceAddress->company;
    }
    return {};
}

OrderBrowserModel::OrderBrowserModel() : wxDataViewVirtualListModel(0) {}

OrderBrowserModel::Page OrderBrowserModel::showPage(Page page) {
    Page previous = std::exchange(m_page, std::move(page));
    m_preview.clear();
    Reset(static_cast<unsigned>(m_page.count));
    return previous;
}

std::vector<model::Order> OrderBrowserModel::showPreview(std::vector<model::Order> orders) {
    std::vector<model::Order> previous = std::exchange(m_preview, std::move(orders));
    m_page = Page{};
    Reset(static_cast<unsigned>(m_preview.size()));
    return previous;
}

void OrderBrowserModel::setCatalogue(std::map<model::Id, model::Item> items, std::string currency) {
    m_items = std::move(items);
    m_currency = std::move(currency);
}

std::optional<OrderBrowserModel::RowIds> OrderBrowserModel::ids(unsigned row) const {
    if (!m_preview.empty()) {
        if (row >= m_preview.size()) {
            return std::nullopt;
        }
        return RowIds{m_preview[row].id, 0};
    }
    if (!m_page.index || !m_page.rows || row >= m_page.count || m_page.first + row >= m_page.rows->size()) {
        return std::nullopt;
    }
    const auto& index = *m_page.index;
    const std::uint32_t r = (*m_page.rows)[m_page.first + row];
    if (m_page.mode == desk::BrowseMode::Orders) {
        return RowIds{index.orders()[r].id, 0};
    }
    const auto& position = index.positions()[r];
    return RowIds{index.orders()[position.order].id, position.id};
}

std::optional<unsigned> OrderBrowserModel::rowOf(model::Id orderId, model::Id positionId) const {
    const unsigned count = GetCount();
    for (unsigned row = 0; row < count; ++row) {
        const auto found = ids(row);
        if (found && found->orderId == orderId && (positionId == 0 || found->positionId == 0 ||
                                                   found->positionId == positionId)) {
            return row;
        }
    }
    return std::nullopt;
}

std::vector<OrderBrowserModel::Column> OrderBrowserModel::columns(desk::BrowseMode mode) {
    if (mode == desk::BrowseMode::Orders) {
        return {Code, Status, Name, Email, Total, Date, Positions};
    }
    return {Code, Name, Product, Secret, Status, Email, Date};
}

wxString OrderBrowserModel::heading(Column column, desk::BrowseMode mode) {
    switch (column) {
    case Code: return _("Order");
    case Status: return _("Status");
    case Name: return mode == desk::BrowseMode::Orders ? _("Name") : _("Attendee");
    case Email: return _("Email");
    case Total: return _("Total");
    case Date: return _("Date");
    case Positions: return _("Positions");
    case Product: return _("Product");
    case Secret: return _("Secret");
    default: return {};
    }
}

desk::SortKey OrderBrowserModel::sortKey(Column column) {
    switch (column) {
    case Code: return desk::SortKey::Code;
    case Status: return desk::SortKey::Status;
    case Name: return desk::SortKey::Name;
    case Email: return desk::SortKey::Email;
    case Total: return desk::SortKey::Total;
    case Positions: return desk::SortKey::Positions;
    case Product: return desk::SortKey::Product;
    case Secret: return desk::SortKey::Secret;
    case Date:
    default: return desk::SortKey::Date;
    }
}

wxString OrderBrowserModel::productName(model::Id itemId, model::Id variationId) const {
    const auto item = m_items.find(itemId);
    if (item == m_items.end()) {
        return wxString::Format(_("Product #%lld"), static_cast<long long>(itemId));
    }
    wxString name = localized(item->second.name);
    if (variationId != 0) {
        const auto& variations = item->second.variations;
        const auto variation = std::find_if(variations.begin(), variations.end(),
                                            [&](const model::Variation& v) { return v.id == variationId; });
        if (variation != variations.end()) {
            name += wxS(" \u2013 ") + localized(variation->value);
        }
    }
    return name;
}

void OrderBrowserModel::GetValueByRow(wxVariant& value, unsigned row, unsigned column) const {
    value = cell(row, column);
}

wxString OrderBrowserModel::previewCell(const model::Order& order, unsigned column) const {
    switch (column) {
    case Code: return fromUtf8(order.code);
    case Status: return statusText(order.status);
    case Name: return fromUtf8(buyerName(order));
    case Email: return fromUtf8(order.email);
    case Total: return money(order.total, m_currency);
    case Date: return localDateTime(order.datetime);
    case Positions: return wxString::Format(wxS("%zu"), order.positions.size());
    default: return {};
    }
}

wxString OrderBrowserModel::cell(unsigned row, unsigned column) const {
    if (!m_preview.empty()) {
        return row < m_preview.size() ? previewCell(m_preview[row], column) : wxString();
    }
    if (!m_page.index || !m_page.rows || row >= m_page.count || m_page.first + row >= m_page.rows->size()) {
        return {};
    }
    const auto& index = *m_page.index;
    const std::uint32_t r = (*m_page.rows)[m_page.first + row];
    if (m_page.mode == desk::BrowseMode::Orders) {
        const auto& order = index.orders()[r];
        switch (column) {
        case Code: return fromView(index.text(order.code));
        case Status: return statusWord(order.status);
        case Name: return fromView(index.text(order.name));
        case Email: return fromView(index.text(order.email));
        case Total: return money(model::Money::fromMinor(order.totalMinor), m_currency);
        case Date: return localDateTime(model::fromStorage(order.datetime));
        case Positions: return wxString::Format(wxS("%u"), order.positionCount);
        default: return {};
        }
    }
    const auto& position = index.positions()[r];
    const auto& order = index.orders()[position.order];
    switch (column) {
    case Code: return fromView(index.text(order.code));
    case Status: return position.canceled ? _("Canceled") : statusWord(order.status);
    case Name: return fromView(index.text(position.name));
    case Email: return fromView(index.text(position.email));
    case Total: return money(model::Money::fromMinor(order.totalMinor), m_currency);
    case Date: return localDateTime(model::fromStorage(order.datetime));
    case Positions: return wxString::Format(wxS("%u"), order.positionCount);
    case Product: {
        wxString name = productName(position.itemId, position.variationId);
        return position.addon ? wxString::Format(_("%s (add-on)"), name) : name;
    }
    case Secret: return fromView(index.text(position.secret));
    default: return {};
    }
}

} // namespace boxoffice::gui
