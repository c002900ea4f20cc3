#include "CupsQueue.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "TestSupport.h"

namespace boxoffice::test {

std::filesystem::path ensurePdfQueue() {
    const auto running = [] { return run({"/usr/bin/lpstat", "-r"}).out.find("is running") != std::string::npos; };
    if (!running()) {
        auto started = run({"/usr/sbin/cupsd"});
        if (started.exitCode != 0) {
            throw std::runtime_error("cupsd did not start: " + started.out + started.err);
        }
        for (int i = 0; i < 100 && !running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (!running()) {
            throw std::runtime_error("the CUPS scheduler is not running");
        }
    }
    // cups-filters turns a PDF into PostScript for cups-pdf with Ghostscript by default, which
    // draws embedded fonts as outlines: the printed marks are the same, but the file would have no
    // text for pdftotext to check. Poppler's pdftops keeps the fonts.
    auto added = run({"/usr/sbin/lpadmin", "-p", kPdfQueue, "-E", "-v", "cups-pdf:/", "-P",
                      "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd", "-o", "pdftops-renderer-default=pdftops"});
    if (added.exitCode != 0) {
        throw std::runtime_error("lpadmin could not add the PDF queue: " + added.out + added.err);
    }
    const passwd* user = getpwuid(getuid());
    if (user == nullptr) {
        throw std::runtime_error("this user has no home folder");
    }
    return std::filesystem::path(user->pw_dir) / "PDF";
}

std::filesystem::path waitForPdfOutput(const std::filesystem::path& folder, const std::string& title) {
    for (int i = 0; i < 1200; ++i) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            const std::string name = entry.path().filename().string();
            // cups-pdf writes the file, then hands it to the user: complete once poppler reads it.
            if (name.rfind(title, 0) == 0 && entry.path().extension() == ".pdf" &&
                run({"/usr/bin/pdfinfo", entry.path().string()}).exitCode == 0) {
                return entry.path();
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("the print queue wrote no file for " + title + " in " + folder.string());
}

}  // namespace boxoffice::test
