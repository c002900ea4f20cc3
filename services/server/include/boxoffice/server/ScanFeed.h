// The latest scans a running server decided, for a view that polls them (the desk's Server tab):
// a bounded ring of ScanRecords, numbered in the order they came. Workers push through
// ServerOptions::onScan; a reader asks for what came after the last number it saw. Thread-safe:
// push() only takes a short lock and never waits for the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "boxoffice/server/Http.h"

namespace boxoffice::server {

class ScanFeed {
public:
    // Keeps the newest `capacity` records (at least 1); older ones are dropped.
    explicit ScanFeed(std::size_t capacity = 200);

    void push(ScanRecord record);

    struct Batch {
        std::vector<ScanRecord> records;  // oldest first
        std::uint64_t next = 0;           // pass to the next since() call
        bool dropped = false;             // records between `after` and these were dropped
    };
    // The records numbered `after` and later still kept (0: all kept).
    Batch since(std::uint64_t after) const;

private:
    mutable std::mutex m_mutex;
    std::deque<ScanRecord> m_records;
    std::uint64_t m_next = 0;  // the number the next record gets
    std::size_t m_capacity;
};

}  // namespace boxoffice::server
