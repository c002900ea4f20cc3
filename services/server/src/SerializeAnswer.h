// An answer as the HTTP engine (HttpEngine.cpp) writes it to the connection. A pure function;
// safe from any thread.
#pragma once

#include <chrono>
#include <string>

#include "boxoffice/server/Http.h"

namespace boxoffice::server::detail {

// The answer on the wire: status line, Content-Type and Content-Length (none for 1xx, 204 and
// 304), the handler's headers (a name or value with a line break is left out: it could split the
// answer), the connection's fate, and the body (none for HEAD; its Content-Length is the GET's).
std::string serialize(const Response& r, bool head, bool keepAlive, bool http10,
                      std::chrono::milliseconds keepAliveTimeout);

}  // namespace boxoffice::server::detail
