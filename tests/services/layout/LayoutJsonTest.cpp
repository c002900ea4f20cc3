// Reading, validating and writing layout JSON (spec ticket-layout.md §2, §3, §8.9, §9.1-9.2).
#include <catch2/catch.hpp>

#include "TestSupport.h"
#include "boxoffice/layout/LayoutJson.h"

using namespace boxoffice::layout;
using boxoffice::test::readFile;
using boxoffice::test::assetsDir;
using boxoffice::test::dataDir;
using nlohmann::json;

namespace {

std::string firstError(const json& doc) {
    auto r = parseLayout(doc);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

json validText() {
    return json::parse(R"({"type":"textcontainer","left":"10.00","bottom":"20.00","width":"30.00","height":"10.00",
        "content":"event_name","fontsize":"13.0","fontfamily":"Open Sans","bold":false,"italic":false,
        "align":"left","verticalalign":"top","color":[0,0,0,1]})");
}

}  // namespace

TEST_CASE("pretix's layouts load and round-trip unchanged", "[layout][json]") {
    for (const auto& path : {assetsDir() / "pretix" / "default-layout.json",
                             dataDir() / "pretix" / "examples" / "libpretixprint-textcontainer-test.layout.json",
                             dataDir() / "pretix" / "examples" / "libpretixprint-qrcode-test.layout.json"}) {
        INFO(path);
        auto doc = json::parse(readFile(path));
        auto first = parseLayout(doc);
        REQUIRE(first.ok());
        REQUIRE(first->elements.size() == doc.size());
        auto written = toJsonText(first.value());
        auto second = parseLayoutText(written);
        REQUIRE(second.ok());
        CHECK(second.value() == first.value());
    }
}

TEST_CASE("the default layout matches pretix's file and has the documented geometry", "[layout][json]") {
    auto pretix = parseLayout(json::parse(readFile(assetsDir() / "pretix" / "default-layout.json")));
    REQUIRE(pretix.ok());
    CHECK(defaultLayout() == pretix.value());
    const auto& qr = std::get<BarcodeArea>(pretix->elements[9]);
    CHECK(qr.size.toMm() == Approx(64.0));
    CHECK_FALSE(qr.content.has_value());
    CHECK_FALSE(qr.noWhitespace);
    const auto& name = std::get<TextArea>(pretix->elements[0]);
    CHECK(name.base.left.toPt() == Approx(17.5 * 72 / 25.4));
    CHECK_FALSE(name.lineHeight.has_value());
}

TEST_CASE("numbers are read from numbers or numeric strings and written as pretix writes them", "[layout][json]") {
    json doc = json::array({validText()});
    doc[0]["left"] = 12.345;
    doc[0]["rotation"] = "90";
    doc[0]["page"] = 2;
    doc[0]["lineheight"] = "1.5";
    auto r = parseLayout(doc);
    REQUIRE(r.ok());
    const auto& tc = std::get<TextContainer>(r->elements[0]);
    CHECK(tc.base.left.toMm() == Approx(12.345));
    CHECK(tc.style.rotation == 90.0);
    CHECK(tc.lineHeight == 1.5);
    auto out = toJson(r.value());
    CHECK(out[0]["left"] == "12.345");
    CHECK(out[0]["bottom"] == "20.00");
    CHECK(out[0]["fontsize"] == "13.0");
    CHECK(out[0]["rotation"] == 90);
    CHECK(out[0]["page"] == 2);
    CHECK(out[0]["color"] == nlohmann::ordered_json::array({0, 0, 0, 1}));
    CHECK(out[0].begin().key() == "type");
}

TEST_CASE("a length a hair off a round value is written as the round value, and reads back", "[layout][json]") {
    // A page's top converted from points, less a few millimetres: a new text box's bottom.
    TextContainer box;
    box.content.content = "event_name";
    box.base.bottom = Length::mm(266.999999997);
    box.base.left = Length::mm(20.000000049);
    box.width = Length::mm(80.1234567);
    box.height = Length::mm(10);
    box.style.fontSize = 12.99999999;
    const auto out = toJson(Layout{{box}});
    CHECK(out[0]["bottom"] == "267.00");
    CHECK(out[0]["left"] == "20.00");
    CHECK(out[0]["width"] == "80.123457");
    CHECK(out[0]["fontsize"] == "13.0");
    // Six decimals that all are zero but the value is not round: no trailing point either.
    TextContainer near = box;
    near.base.bottom = Length::mm(266.9999996);
    CHECK(toJson(Layout{{near}})[0]["bottom"] == "267.00");
    auto back = parseLayoutText(toJsonText(Layout{{box}}));
    REQUIRE(back.ok());
    CHECK(std::get<TextContainer>(back->elements[0]).base.bottom.toMm() == Approx(267.0));
}

TEST_CASE("bad layouts are refused with messages naming element and property", "[layout][json][errors]") {
    CHECK(firstError(json::object()) == "The layout must be a JSON list of elements.");

    json wrongType = json::array({validText()});
    wrongType[0]["fontsize"] = "big";
    CHECK(firstError(wrongType) ==
          "Invalid layout: element 1 (textcontainer): \"fontsize\" must be a number or a numeric string");

    json unknown = json::array({validText(), json{{"type", "hologram"}, {"left", 1}, {"bottom", 1}}});
    CHECK(firstError(unknown).find("element 2: unknown type \"hologram\"") != std::string::npos);

    json missing = json::array({json{{"type", "barcodearea"}, {"left", "1"}, {"bottom", "1"}}});
    CHECK(firstError(missing) == "Invalid layout: element 1 (barcodearea): \"size\" is required");

    json absurd = json::array({validText()});
    absurd[0]["width"] = "99999999";
    CHECK(firstError(absurd).find("element 1 (textcontainer): \"width\" must be between 0 and") != std::string::npos);

    json tooBigFont = json::array({validText()});
    tooBigFont[0]["fontsize"] = 5000;
    CHECK(firstError(tooBigFont).find("\"fontsize\"") != std::string::npos);

    json extraKey = json::array({validText()});
    extraKey[0]["shadow"] = true;
    CHECK(firstError(extraKey) == "Invalid layout: element 1 (textcontainer): unknown property \"shadow\"");

    json badEnum = json::array({validText()});
    badEnum[0]["verticalalign"] = "baseline";
    CHECK(firstError(badEnum).find("\"verticalalign\" must be one of top, middle, bottom") != std::string::npos);

    json badColor = json::array({validText()});
    badColor[0]["color"] = json::array({0, 300, 0});
    CHECK(firstError(badColor).find("\"color\"") != std::string::npos);

    json notObject = json::array({42});
    CHECK(firstError(notObject) == "Invalid layout: element 1: must be an object");

    json badPage = json::array({validText()});
    badPage[0]["page"] = 0;
    CHECK(firstError(badPage).find("\"page\" must be a whole number") != std::string::npos);

    CHECK_FALSE(parseLayoutText("[{").ok());
}

TEST_CASE("all problems are listed in the field errors", "[layout][json][errors]") {
    json doc = json::array({validText(), validText()});
    doc[0].erase("color");
    doc[1]["bold"] = "yes";
    auto r = parseLayout(doc);
    REQUIRE_FALSE(r.ok());
    const auto& problems = r.error().fields.at("layout");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "element 1 (textcontainer): \"color\" is required");
    CHECK(problems[1] == "element 2 (textcontainer): \"bold\" must be true or false");
    CHECK(r.error().message.find("(and 1 more problem)") != std::string::npos);
}
