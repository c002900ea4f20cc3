#include "RenderFixture.h"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <regex>

#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::test {

RenderFixture::RenderFixture() : store(std::make_unique<model::Store>(dir / "store.sqlite")) {
    model::EventRepository events(*store);
    model::Store::Transaction tx(*store);
    model::Event e;
    e.organizerId = events.upsertOrganizer("demo", "Demo Organizer");
    e.slug = "fest";
    e.name = model::I18nString::plain("Summer Fest 2026");
    e.location = model::I18nString::plain("Town Hall");
    e.timezone = "Europe/Berlin";
    e.dateFrom = model::parseTimestamp("2026-07-04T16:00:00Z");
    events.upsertEvent(e);
    eventId = e.id;
    model::Item it;
    it.eventId = eventId;
    it.name = model::I18nString::plain("Day ticket");
    it.defaultPrice = *model::Decimal2::parse("23.00");
    events.upsertItem(it);
    itemId = it.id;
    model::Item addon;
    addon.eventId = eventId;
    addon.name = model::I18nString::plain("Workshop");
    addon.admission = false;
    events.upsertItem(addon);
    addonItemId = addon.id;
    tx.commit();
}

model::Order RenderFixture::addOrder(const std::string& code, const std::vector<std::string>& attendees) {
    model::Order o;
    o.eventId = eventId;
    o.code = code;
    o.status = model::OrderStatus::Paid;
    o.email = "buyer@example.org";
    o.datetime = *model::parseTimestamp("2026-05-01T10:00:00Z");
    o.total = *model::Decimal2::parse("23.00");
    int n = 1;
    for (const auto& name : attendees) {
        model::OrderPosition p;
        p.positionid = n;
        p.itemId = itemId;
        p.price = *model::Decimal2::parse("23.00");
        p.attendeeName = name;
        p.secret = fmt::format("{}secret{:0>16}", code, n);
        p.pseudonymizationId = fmt::format("PSEUDO{}{}", code, n);
        o.positions.push_back(p);
        ++n;
    }
    model::Store::Transaction tx(*store);
    model::OrderRepository(*store).upsert(o);
    tx.commit();
    return o;
}

model::Id RenderFixture::addLayout(const std::string& layoutJson, const std::vector<unsigned char>& background,
                                   bool isDefault) {
    model::LayoutRepository layouts(*store);
    model::Store::Transaction tx(*store);
    model::TicketLayout l;
    l.eventId = eventId;
    l.name = "Test layout";
    l.isDefault = isDefault;
    l.layout = nlohmann::json::parse(layoutJson);
    if (!background.empty()) {
        model::StoredFile f;
        f.filename = "background.pdf";
        f.contentType = "application/pdf";
        f.data = background;
        layouts.storeFile(f);
        l.background = f.id;
    }
    layouts.upsert(l);
    tx.commit();
    return l.id;
}

std::vector<unsigned char> readBytes(const std::filesystem::path& p) {
    std::string s = readFile(p);
    return {s.begin(), s.end()};
}

std::vector<unsigned char> minimalPdf(int pages, double width, double height) {
    std::vector<std::string> objects;
    std::string kids;
    for (int i = 0; i < pages; ++i) {
        kids += fmt::format("{} 0 R ", 3 + i);
    }
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages));
    for (int i = 0; i < pages; ++i) {
        objects.push_back(fmt::format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << >> >>", width,
                                      height));
    }
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
    }
    std::size_t xref = out.size();
    out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
    for (auto off : offsets) {
        out += fmt::format("{:010} 00000 n \n", off);
    }
    out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
    return {out.begin(), out.end()};
}

std::vector<Word> pdfWords(const std::filesystem::path& pdf) {
    auto r = run({"/usr/bin/pdftotext", "-bbox", pdf.string(), "-"});
    REQUIRE(r.exitCode == 0);
    std::vector<Word> words;
    static const std::regex kWord(
        R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>)re");
    int page = 0;
    std::size_t pos = 0;
    const std::string& s = r.out;
    while (pos < s.size()) {
        std::size_t eol = s.find('\n', pos);
        if (eol == std::string::npos) {
            eol = s.size();
        }
        std::string line = s.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.find("<page ") != std::string::npos) {
            ++page;
            continue;
        }
        std::smatch m;
        if (std::regex_search(line, m, kWord)) {
            words.push_back({m[5].str(), std::stod(m[1].str()), std::stod(m[2].str()), std::stod(m[3].str()),
                             std::stod(m[4].str()), page});
        }
    }
    return words;
}

const Word* findWord(const std::vector<Word>& words, const std::string& text, int page) {
    for (const auto& w : words) {
        if (w.text == text && w.page == page) {
            return &w;
        }
    }
    return nullptr;
}

std::string pdfText(const std::filesystem::path& pdf) {
    auto r = run({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
    REQUIRE(r.exitCode == 0);
    return r.out;
}

}  // namespace boxoffice::test
