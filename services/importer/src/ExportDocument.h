// What an import keeps of a pretix "Order data (JSON)" export, and the conversion of its parts
// to model values. The file is read as a stream (ExportSource.h): the header, catalogue and quotas
// are kept whole (they are small), the orders one at a time. Reading touches no store: the first
// pass finds every problem that the file alone can show (syntax, shape, required fields,
// duplicates, references inside one order) and keeps only compact keys of the orders. Value
// types; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ExportSource.h"
#include "KeyIndex.h"

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
    // Adds what `other` found after what this holds (the first few of both, in that order).
    void append(const Problems& other);
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

// The export without its orders (they are read one at a time), with the counts of the orders.
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
    std::size_t orders = 0;
    std::size_t positions = 0;

    int variationCount() const;
};

// What the first pass keeps of the orders: codes, position IDs and ticket secrets with where they
// were seen (the secrets also with their position's ID), for the duplicate checks of the file and
// the checks against the store.
struct OrderKeys {
    KeyIndex codes;      // value: order index
    IdIndex positions;   // value: pack(FilePlace)
    KeyIndex secrets;    // value: pack(FilePlace), extra: the position's ID
};

// One order of the file, converted.
struct ReadOrder {
    model::Order order;
    OrderPresence presence;
};

// Converts orders[index]. The order's own problems (fields, IDs, add-ons) go to `problems`;
// with `keys`, also duplicates of codes, position IDs and secrets seen before (and the order's
// keys are added). nullopt when the order cannot be converted at all.
std::optional<ReadOrder> readOrder(const nlohmann::json& j, std::size_t index, Problems& problems,
                                   OrderKeys* keys);

// The first pass of an import: streams the whole source, checks what the file alone can show, and
// keeps the export without its orders plus the orders' keys. Errors: BadInput with the first
// problems by path, Unsupported for another format, Conflict "The import was cancelled." when
// `control.stop` is requested (asked every few thousand parsed values), Io when reading fails.
struct FileCheck {
    ExportData data;
    OrderKeys keys;
    std::uint64_t digest = 0;  // of the bytes read (ExportSource::digest)
};
model::Result<FileCheck> checkFile(ExportSource& source, const StreamControl& control);

}  // namespace boxoffice::importer
