// Products ("items" in pretix), their variations and categories: plain value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct Category {
    Id id = 0;
    Id eventId = 0;
    I18nString name;
    std::string internalName;
    I18nString description;
    int position = 0;
    bool isAddon = false;  // products in this category are sold as add-ons to another product
};

struct Variation {
    Id id = 0;
    Id itemId = 0;
    I18nString value;
    bool active = true;
    Money defaultPrice;
    I18nString description;
    int position = 0;
    bool checkinAttention = false;
    std::optional<std::string> checkinText;  // shown by a scanner that admits a ticket of it
    StringMap metaData;  // the variation's own meta property values; the product's apply to the rest
};

// An add-on offer of a product (pretix's item "addons"): products of an add-on category that may be
// bought with each ticket of this product, between minCount and maxCount of them.
struct ItemAddon {
    Id addonCategoryId = 0;
    int minCount = 0;
    int maxCount = 1;
    int position = 0;
    bool priceIncluded = false;  // the add-ons cost nothing beside the product
    bool multiAllowed = false;   // the same add-on may be chosen more than once

    bool operator==(const ItemAddon&) const = default;
};

struct Item {
    Id id = 0;
    Id eventId = 0;
    std::optional<Id> categoryId;
    I18nString name;
    std::string internalName;
    I18nString description;
    Money defaultPrice;
    TaxRate taxRate;
    std::string taxName;
    bool admission = true;
    bool personalized = true;
    bool active = true;
    bool checkinAttention = false;
    std::optional<std::string> checkinText;  // shown by a scanner that admits a ticket of it
    int position = 0;
    std::vector<std::string> salesChannels{"web"};
    std::vector<Variation> variations;
    std::vector<ItemAddon> addons;
    StringMap metaData;  // product meta properties by name (ticket variables itemmeta:NAME)

    bool hasVariations() const { return !variations.empty(); }
};

}  // namespace boxoffice::model
