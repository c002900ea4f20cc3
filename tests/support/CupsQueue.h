// A real print queue for tests: starts the CUPS scheduler if it is not running and adds a queue
// that writes PDF files (cups-pdf). Both come from Debian's cups and printer-driver-cups-pdf,
// which `installer/install-deps.sh --test` installs.
#pragma once

#include <filesystem>
#include <string>

namespace boxoffice::test {

inline constexpr const char* kPdfQueue = "BoxOfficeTestPDF";

// Makes sure kPdfQueue exists and takes jobs; returns the folder cups-pdf writes this user's
// jobs to. Throws std::runtime_error with the reason when the queue cannot be set up.
std::filesystem::path ensurePdfQueue();

// Waits (at most two minutes) for the complete file cups-pdf wrote for the job titled `title`
// (it names the file after the title); throws std::runtime_error when none comes.
std::filesystem::path waitForPdfOutput(const std::filesystem::path& folder, const std::string& title);

}  // namespace boxoffice::test
