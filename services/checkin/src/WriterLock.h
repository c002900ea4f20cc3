// One in-process mutex per database file, taken around every check-in transaction. SQLite's
// BEGIN IMMEDIATE is what guarantees a single admission (across processes too); the mutex only
// keeps this process's writers queued in order instead of sleeping in SQLite's busy handler,
// which would add milliseconds to the tail latency under load. Safe from any thread.
#pragma once

#include <mutex>

#include "boxoffice/model/Store.h"

namespace boxoffice::checkin::detail {

std::mutex& writerMutex(const model::Store& store);

}  // namespace boxoffice::checkin::detail
