// The plugins the LAN server serves (pretixdroid, PDF tickets, certificates: those built), new
// instances for one server. `boxoffice-cli serve` and the desk's Server tab both serve these.
#pragma once

#include <memory>
#include <vector>

#include "boxoffice/server/Plugin.h"

namespace boxoffice::plugins {

std::vector<std::shared_ptr<server::Plugin>> servedPlugins();

}  // namespace boxoffice::plugins
