// The CUPS queue the printing benchmarks hand their jobs to (cups-pdf), shared by bench_print and
// bench_sales: started and added when missing, and emptied between measurements so that the
// queue's own work (cups-pdf making files) does not slow the next one. Header only: each
// benchmark is an executable of its own.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace boxoffice::bench {

inline int shell(const std::string& command) { return std::system(command.c_str()); }

// Starts the CUPS scheduler if it is not running and adds `printer` as a cups-pdf queue. False
// when that cannot be done (cups and printer-driver-cups-pdf missing, or not root).
inline bool ensurePdfQueue(const std::string& printer) {
    return shell("lpstat -r >/dev/null 2>&1 && lpstat -r | grep -q 'is running' || cupsd") == 0 &&
           shell("lpadmin -p " + printer + " -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd 2>/dev/null") ==
               0;
}

// Cancels the queue's jobs and waits (at most `waitFor`) until it is empty.
inline void clearQueue(const std::string& printer, std::chrono::milliseconds waitFor = std::chrono::seconds(30)) {
    shell("cancel -a " + printer + " >/dev/null 2>&1");
    const auto until = std::chrono::steady_clock::now() + waitFor;
    while (shell("test -z \"$(lpstat -o " + printer + " 2>/dev/null)\"") != 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// Removes the files cups-pdf made of jobs whose title starts with `titlePrefix`.
inline void removePdfs(const std::string& titlePrefix) {
    shell("rm -f \"$(getent passwd $(id -un) | cut -d: -f6)\"/PDF/" + titlePrefix + "*");
}

}  // namespace boxoffice::bench
