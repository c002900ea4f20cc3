// Test helpers for services/render: a temporary store with an event, products and orders built
// through the model repositories, and readers for the output of poppler-utils.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::test {

struct RenderFixture {
    TempDir dir;
    std::unique_ptr<model::Store> store;
    model::Id eventId = 0;
    model::Id itemId = 0;
    model::Id addonItemId = 0;

    RenderFixture();
    // An order with one position per attendee name; secrets are "<code>secret<n>" padded.
    model::Order addOrder(const std::string& code, const std::vector<std::string>& attendees);
    // Stores `layoutJson` (+ optional background file) as the event's default layout; returns its ID.
    model::Id addLayout(const std::string& layoutJson, const std::vector<unsigned char>& background = {},
                        bool isDefault = true);
};

std::vector<unsigned char> readBytes(const std::filesystem::path& p);
// A minimal valid PDF with `pages` empty pages of the given size in points.
std::vector<unsigned char> minimalPdf(int pages, double width, double height);

struct Word {
    std::string text;
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;  // points, y from the top
    int page = 0;
};
// Words of `pdftotext -bbox`.
std::vector<Word> pdfWords(const std::filesystem::path& pdf);
const Word* findWord(const std::vector<Word>& words, const std::string& text, int page = 1);
std::string pdfText(const std::filesystem::path& pdf);

}  // namespace boxoffice::test
