// Percent-decoding and query-string parsing for the router (raw paths are matched before they
// are decoded). Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "boxoffice/server/Http.h"

namespace boxoffice::server::detail {

// Decodes %XX escapes; with `plusIsSpace` also '+' (query strings and form bodies).
std::string decodeUrl(std::string_view s, bool plusIsSpace);
std::string encodeQueryComponent(std::string_view s);
Params parseQuery(std::string_view query);

}  // namespace boxoffice::server::detail
