// Percent-decoding and query-string parsing for the router (raw paths are matched before they
// are decoded), the request target as the request log shows it, and the Host header's check.
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "boxoffice/server/Http.h"

namespace boxoffice::server::detail {

// Decodes %XX escapes; with `plusIsSpace` also '+' (query strings and form bodies).
std::string decodeUrl(std::string_view s, bool plusIsSpace);
std::string encodeQueryComponent(std::string_view s);
Params parseQuery(std::string_view query);

// A request target ("/path?query") fit for the request log, where capabilities must not appear:
// the value of every `key`, `token` or `secret` query parameter (name compared case-insensitively,
// after decoding) becomes `***`, a path segment after a `download` segment longer than four
// characters (a render job's ID) keeps its first four and gets "…", and bytes outside printable
// ASCII are written as %XX so a line cannot be split or forged.
std::string redactTarget(std::string_view target);

// Whether a Host header is a host[:port] this server may put into absolute links: an RFC 3986
// IPv4 address, [IPv6] address or reg-name (of unreserved characters only: letters, digits and
// "-._~"; no percent-escapes or sub-delimiters, which no DNS name has), an optional port of 1-5
// digits up to 65535, at most 255 characters in all.
bool isValidHostHeader(std::string_view host);

}  // namespace boxoffice::server::detail
