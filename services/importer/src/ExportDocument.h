// The content of one pretix "Order data (JSON)" export, converted to model values, and the reader
// that builds it from the file's text. Reading touches no store: it is the first phase of an
// import and finds every problem that the file alone can show (syntax, shape, required fields,
// duplicates, references inside one order). Value types; any thread.
#pragma once

#include <stop_token>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "boxoffice/model/Event.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

// Problems found in a file, each named by its JSON path ("orders[12].positions[0].item"). Counts
// them all and keeps the first few for the message.
class Problems {
public:
    static constexpr std::size_t kReported = 5;

    void add(const std::string& path, const std::string& message);
    // Adds field errors of the model's wire readers ("positions.0.item") under `prefix`.
    void addFields(const std::string& prefix, const model::FieldErrors& errors);
    bool empty() const { return m_count == 0; }
    std::size_t count() const { return m_count; }
    // "The file cannot be imported (2 problems): a: x; b: y."
    std::string message() const;

private:
    std::vector<std::string> m_first;
    std::size_t m_count = 0;
};

struct QuotaRecord {
    model::Id id = 0;
    std::optional<model::Id> subeventId;
    std::optional<std::int64_t> size;  // none: unlimited
    std::optional<std::string> name;   // none: the export does not carry it
    std::vector<model::Id> items;
    std::vector<model::Id> variations;
};

// Which optional fields an order or position of the file names at all. Fields the file leaves
// out keep the value the store already has on re-import.
struct PositionPresence {
    bool pseudonymizationId = false;
    bool city = false;
    bool voucher = false;
};

struct OrderPresence {
    bool secret = false;
    bool invoiceAddress = false;
    bool paymentProvider = false;
    bool paymentDate = false;
    std::vector<PositionPresence> positions;
};

struct ExportData {
    std::string organizerSlug;
    std::string organizerName;
    std::string eventSlug;
    model::I18nString eventName;
    model::StringMap eventMeta;   // the event's meta properties
    bool eventMetaGiven = false;  // the file has them; else a known event keeps its own
    std::vector<model::Category> categories;
    std::vector<bool> categoryAddonGiven;  // per category: the file says whether it is an add-on category
    std::vector<model::Item> items;
    std::vector<model::Question> questions;
    std::vector<bool> questionItemsGiven;  // per question: the file lists the products it applies to
    std::vector<model::SubEvent> subevents;
    std::vector<QuotaRecord> quotas;
    std::vector<model::Order> orders;
    std::vector<OrderPresence> orderPresence;

    int variationCount() const;
    int positionCount() const;
};

// Parses and converts the text of an export. Errors (BadInput, or Unsupported for another
// format) carry a message for the user naming the first problems by path.
// `stop`: asked every few thousand parsed values; when requested the read ends with a Conflict
// error "The import was cancelled.".
model::Result<ExportData> readExport(std::string_view text, std::stop_token stop = {});
// The same from an already parsed document.
model::Result<ExportData> convertExport(const nlohmann::json& document);

}  // namespace boxoffice::importer
