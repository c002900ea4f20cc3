// Layout JSON reading (with schema-equivalent validation) and writing in the editor's form.
#include "boxoffice/layout/LayoutJson.h"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <set>

namespace boxoffice::layout {
namespace {

using nlohmann::json;

bool isNumericString(const std::string& s) {
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') {
        ++i;
    }
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        ++i;
        ++digits;
    }
    if (digits == 0) {
        return false;
    }
    if (i == s.size()) {
        return true;
    }
    if (s[i] != '.') {
        return false;
    }
    ++i;
    digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        ++i;
        ++digits;
    }
    return digits > 0 && i == s.size();
}

// Collects the problems of one element, each prefixed with the element's index and type.
class ElementReader {
public:
    ElementReader(const json& obj, std::size_t index, std::string type, std::vector<std::string>& errors)
        : m_obj(obj), m_index(index), m_type(std::move(type)), m_errors(errors) {}

    void fail(const std::string& key, const std::string& what) {
        m_errors.push_back(fmt::format("element {} ({}): \"{}\" {}", m_index + 1, m_type, key, what));
    }

    void allowOnly(std::initializer_list<const char*> keys) {
        std::set<std::string> allowed(keys.begin(), keys.end());
        for (const auto& [key, value] : m_obj.items()) {
            if (!allowed.count(key)) {
                m_errors.push_back(fmt::format("element {} ({}): unknown property \"{}\"", m_index + 1, m_type, key));
            }
        }
    }

    bool has(const char* key) const { return m_obj.contains(key); }

    void require(std::initializer_list<const char*> keys) {
        for (const char* key : keys) {
            if (!m_obj.contains(key)) {
                fail(key, "is required");
            }
        }
    }

    // A JSON number or a numeric string; nullopt (and an error) otherwise. Absent: nullopt, no error.
    std::optional<double> number(const char* key) {
        if (!m_obj.contains(key)) {
            return std::nullopt;
        }
        const json& v = m_obj.at(key);
        if (v.is_number()) {
            double d = v.get<double>();
            if (std::isfinite(d)) {
                return d;
            }
        } else if (v.is_string() && isNumericString(v.get_ref<const std::string&>())) {
            return std::strtod(v.get_ref<const std::string&>().c_str(), nullptr);
        }
        fail(key, "must be a number or a numeric string");
        return std::nullopt;
    }

    Length position(const char* key) {
        auto v = number(key);
        if (v && std::fabs(*v) > kMaxLengthMm) {
            fail(key, fmt::format("is out of range ({} mm; at most {} mm)", *v, kMaxLengthMm));
        }
        return Length::mm(v.value_or(0.0));
    }

    Length extent(const char* key) {
        auto v = number(key);
        if (v && (*v < 0.0 || *v > kMaxLengthMm)) {
            fail(key, fmt::format("must be between 0 and {} mm, not {}", kMaxLengthMm, *v));
        }
        return Length::mm(v.value_or(0.0));
    }

    bool boolean(const char* key, bool fallback) {
        if (!m_obj.contains(key)) {
            return fallback;
        }
        if (!m_obj.at(key).is_boolean()) {
            fail(key, "must be true or false");
            return fallback;
        }
        return m_obj.at(key).get<bool>();
    }

    std::string string(const char* key, std::string fallback = {}) {
        if (!m_obj.contains(key)) {
            return fallback;
        }
        if (!m_obj.at(key).is_string()) {
            fail(key, "must be a string");
            return fallback;
        }
        return m_obj.at(key).get<std::string>();
    }

    std::string oneOf(const char* key, std::initializer_list<const char*> values, std::string fallback) {
        if (!m_obj.contains(key)) {
            return fallback;
        }
        std::string v = string(key, fallback);
        for (const char* allowed : values) {
            if (v == allowed) {
                return v;
            }
        }
        std::string list;
        for (const char* allowed : values) {
            list += list.empty() ? "" : ", ";
            list += allowed;
        }
        fail(key, fmt::format("must be one of {}, not \"{}\"", list, v));
        return fallback;
    }

    int page() {
        auto v = number("page");
        if (!v) {
            return 1;
        }
        if (*v < 1 || *v > kMaxPage || std::floor(*v) != *v) {
            fail("page", fmt::format("must be a whole number from 1 to {}", kMaxPage));
            return 1;
        }
        return static_cast<int>(*v);
    }

    Color color(const char* key) {
        Color c;
        if (!m_obj.contains(key)) {
            return c;
        }
        const json& v = m_obj.at(key);
        if (!v.is_array() || v.size() < 3 || v.size() > 4) {
            fail(key, "must be a list of 3 or 4 numbers [r, g, b(, a)]");
            return c;
        }
        double parts[4] = {0, 0, 0, 1};
        for (std::size_t i = 0; i < v.size(); ++i) {
            const json& item = v[i];
            double d = 0;
            if (item.is_number()) {
                d = item.get<double>();
            } else if (item.is_string() && isNumericString(item.get_ref<const std::string&>())) {
                d = std::strtod(item.get_ref<const std::string&>().c_str(), nullptr);
            } else {
                fail(key, "items must be numbers");
                return c;
            }
            if (!(d >= 0 && d <= 255)) {
                fail(key, "items must be between 0 and 255");
                return c;
            }
            parts[i] = d;
        }
        c.r = static_cast<int>(std::lround(parts[0]));
        c.g = static_cast<int>(std::lround(parts[1]));
        c.b = static_cast<int>(std::lround(parts[2]));
        c.alpha = parts[3];
        return c;
    }

    Content content(bool required) {
        Content c;
        if (required) {
            require({"content"});
        }
        c.content = string("content");
        c.text = string("text");
        if (m_obj.contains("text_i18n")) {
            const json& t = m_obj.at("text_i18n");
            if (!t.is_object()) {
                fail("text_i18n", "must be an object of language code to text");
            } else {
                for (const auto& [lang, value] : t.items()) {
                    if (!value.is_string()) {
                        fail("text_i18n", fmt::format("entry \"{}\" must be a string", lang));
                    } else {
                        c.textI18n[lang] = value.get<std::string>();
                    }
                }
            }
        }
        return c;
    }

    TextStyle textStyle() {
        TextStyle s;
        s.font.family = string("fontfamily", "Open Sans");
        s.font.bold = boolean("bold", false);
        s.font.italic = boolean("italic", false);
        auto fs = number("fontsize");
        if (fs && (*fs <= 0.0 || *fs > kMaxFontSizePt)) {
            fail("fontsize", fmt::format("must be above 0 and at most {} pt, not {}", kMaxFontSizePt, *fs));
        } else if (fs) {
            s.fontSize = *fs;
        }
        s.color = color("color");
        std::string a = oneOf("align", {"left", "center", "right"}, "left");
        s.align = a == "center" ? HAlign::Center : a == "right" ? HAlign::Right : HAlign::Left;
        auto rot = number("rotation");
        if (rot && std::fabs(*rot) > 3600) {
            fail("rotation", "must be between -3600 and 3600 degrees");
        } else if (rot) {
            s.rotation = *rot;
        }
        if (m_obj.contains("locale")) {
            const json& l = m_obj.at("locale");
            if (l.is_string()) {
                if (!l.get_ref<const std::string&>().empty()) {
                    s.locale = l.get<std::string>();
                }
            } else if (!l.is_null()) {
                fail("locale", "must be a language code, \"\" or null");
            }
        }
        return s;
    }

    std::optional<double> lineHeight() {
        auto v = number("lineheight");
        if (v && (*v <= 0.0 || *v > 20.0)) {
            fail("lineheight", fmt::format("must be above 0 and at most 20, not {}", *v));
            return std::nullopt;
        }
        return v;
    }

    ElementBase elementBase() {
        ElementBase b;
        b.page = page();
        b.left = position("left");
        b.bottom = position("bottom");
        return b;
    }

private:
    const json& m_obj;
    std::size_t m_index;
    std::string m_type;
    std::vector<std::string>& m_errors;
};

std::optional<Element> readElement(const json& obj, std::size_t index, std::vector<std::string>& errors) {
    if (!obj.is_object()) {
        errors.push_back(fmt::format("element {}: must be an object", index + 1));
        return std::nullopt;
    }
    if (!obj.contains("type") || !obj.at("type").is_string()) {
        errors.push_back(fmt::format("element {}: \"type\" is required and must be a string", index + 1));
        return std::nullopt;
    }
    const std::string type = obj.at("type").get<std::string>();
    ElementReader r(obj, index, type, errors);
    if (type == "textcontainer") {
        r.allowOnly({"type", "page", "left", "bottom", "width", "height", "content", "text", "text_i18n", "locale",
                     "fontsize", "lineheight", "fontfamily", "bold", "italic", "autoresize", "splitlongwords",
                     "align", "verticalalign", "color", "rotation"});
        r.require({"left", "bottom", "width", "height", "fontsize", "fontfamily", "bold", "italic", "align",
                   "verticalalign", "color"});
        TextContainer e;
        e.base = r.elementBase();
        e.content = r.content(true);
        e.style = r.textStyle();
        e.width = r.extent("width");
        e.height = r.extent("height");
        e.lineHeight = r.lineHeight().value_or(1.0);
        std::string v = r.oneOf("verticalalign", {"top", "middle", "bottom"}, "top");
        e.verticalAlign = v == "middle" ? VAlign::Middle : v == "bottom" ? VAlign::Bottom : VAlign::Top;
        e.autoResize = r.boolean("autoresize", false);
        e.splitLongWords = r.boolean("splitlongwords", true);
        return e;
    }
    if (type == "textarea") {
        r.allowOnly({"type", "page", "left", "bottom", "width", "content", "text", "text_i18n", "locale", "fontsize",
                     "lineheight", "fontfamily", "bold", "italic", "align", "color", "downward", "rotation"});
        r.require({"left", "bottom", "width", "fontsize", "fontfamily", "bold", "italic", "align", "color"});
        TextArea e;
        e.base = r.elementBase();
        e.content = r.content(true);
        e.style = r.textStyle();
        e.width = r.extent("width");
        e.lineHeight = r.lineHeight();
        e.downward = r.boolean("downward", false);
        return e;
    }
    if (type == "barcodearea") {
        r.allowOnly({"type", "page", "left", "bottom", "content", "text", "text_i18n", "size", "nowhitespace",
                     "color"});
        r.require({"left", "bottom", "size"});
        BarcodeArea e;
        e.base = r.elementBase();
        Content c = r.content(false);
        if (r.has("content")) {
            e.content = c;
        }
        e.size = r.extent("size");
        e.noWhitespace = r.boolean("nowhitespace", false);
        if (r.has("color")) {
            e.color = r.color("color");
        }
        return e;
    }
    if (type == "imagearea") {
        r.allowOnly({"type", "page", "left", "bottom", "content", "width", "height"});
        r.require({"left", "bottom", "content", "width", "height"});
        ImageArea e;
        e.base = r.elementBase();
        e.content = r.string("content");
        e.width = r.extent("width");
        e.height = r.extent("height");
        return e;
    }
    if (type == "poweredby") {
        r.allowOnly({"type", "page", "left", "bottom", "content", "size"});
        r.require({"left", "bottom", "content", "size"});
        PoweredBy e;
        e.base = r.elementBase();
        e.content = r.oneOf("content", {"dark", "white"}, "dark");
        e.size = r.extent("size");
        return e;
    }
    errors.push_back(fmt::format("element {}: unknown type \"{}\" (expected textcontainer, textarea, barcodearea, "
                                 "imagearea or poweredby)",
                                 index + 1, type));
    return std::nullopt;
}

// `v` with `decimals` decimals unless that would change the value at the six decimals written
// at most, then as many as needed. A value a hair off a round one (266.99999999 mm from points
// converted) is the round one: six decimals would print it as "267.000000", no other way.
std::string decimalString(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(v * scale) / scale;
    if (std::fabs(rounded - v) < 5e-7) {
        return fmt::format("{:.{}f}", rounded == 0.0 ? 0.0 : rounded, decimals);
    }
    std::string s = fmt::format("{:.6f}", v);
    while (s.back() == '0') {
        s.pop_back();
    }
    if (s.back() == '.') {
        s.pop_back();
    }
    return s;
}

// "17.50": two decimals unless that would change the value, then as many as needed.
std::string mmString(Length l) { return decimalString(l.toMm(), 2); }

std::string fontSizeString(double v) { return decimalString(v, 1); }

nlohmann::ordered_json number(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) {
        return static_cast<long long>(v);
    }
    return v;
}

nlohmann::ordered_json colorJson(const Color& c) {
    return nlohmann::ordered_json::array({c.r, c.g, c.b, number(c.alpha)});
}

void writeText(nlohmann::ordered_json& o, const Content& c) {
    o["content"] = c.content;
    o["text"] = c.text;
    o["text_i18n"] = nlohmann::ordered_json::object();
    for (const auto& [lang, text] : c.textI18n) {
        o["text_i18n"][lang] = text;
    }
}

void writeLocale(nlohmann::ordered_json& o, const TextStyle& s) { o["locale"] = s.locale.value_or(""); }

const char* alignName(HAlign a) {
    return a == HAlign::Center ? "center" : a == HAlign::Right ? "right" : "left";
}

}  // namespace

model::Result<Layout> parseLayout(const nlohmann::json& doc) {
    if (!doc.is_array()) {
        return model::Error::badInput("The layout must be a JSON list of elements.",
                                      {{"layout", {"The layout must be a JSON list of elements."}}});
    }
    Layout layout;
    std::vector<std::string> errors;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        auto e = readElement(doc[i], i, errors);
        if (e) {
            layout.elements.push_back(std::move(*e));
        }
    }
    if (!errors.empty()) {
        std::string message = "Invalid layout: " + errors.front();
        if (errors.size() > 1) {
            message += fmt::format(" (and {} more problem{})", errors.size() - 1, errors.size() > 2 ? "s" : "");
        }
        return model::Error::badInput(message, {{"layout", errors}});
    }
    return layout;
}

model::Result<Layout> parseLayoutText(std::string_view text) {
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        return model::Error::badInput("The layout is not valid JSON.", {{"layout", {"The layout is not valid JSON."}}});
    }
    return parseLayout(doc);
}

nlohmann::ordered_json toJson(const Layout& layout) {
    auto out = nlohmann::ordered_json::array();
    for (const Element& element : layout.elements) {
        nlohmann::ordered_json o;
        o["type"] = typeName(element);
        const ElementBase& b = base(element);
        o["page"] = b.page;
        if (const auto* tc = std::get_if<TextContainer>(&element)) {
            writeLocale(o, tc->style);
            o["left"] = mmString(b.left);
            o["bottom"] = mmString(b.bottom);
            o["fontsize"] = fontSizeString(tc->style.fontSize);
            o["lineheight"] = number(tc->lineHeight);
            o["color"] = colorJson(tc->style.color);
            o["fontfamily"] = tc->style.font.family;
            o["bold"] = tc->style.font.bold;
            o["italic"] = tc->style.font.italic;
            o["width"] = mmString(tc->width);
            o["height"] = mmString(tc->height);
            writeText(o, tc->content);
            o["rotation"] = number(tc->style.rotation);
            o["align"] = alignName(tc->style.align);
            o["verticalalign"] = tc->verticalAlign == VAlign::Middle   ? "middle"
                                 : tc->verticalAlign == VAlign::Bottom ? "bottom"
                                                                       : "top";
            o["autoresize"] = tc->autoResize;
            o["splitlongwords"] = tc->splitLongWords;
        } else if (const auto* ta = std::get_if<TextArea>(&element)) {
            writeLocale(o, ta->style);
            o["left"] = mmString(b.left);
            o["bottom"] = mmString(b.bottom);
            o["fontsize"] = fontSizeString(ta->style.fontSize);
            if (ta->lineHeight) {
                o["lineheight"] = number(*ta->lineHeight);
            }
            o["color"] = colorJson(ta->style.color);
            o["fontfamily"] = ta->style.font.family;
            o["bold"] = ta->style.font.bold;
            o["italic"] = ta->style.font.italic;
            o["width"] = mmString(ta->width);
            o["downward"] = ta->downward;
            writeText(o, ta->content);
            o["rotation"] = number(ta->style.rotation);
            o["align"] = alignName(ta->style.align);
        } else if (const auto* bc = std::get_if<BarcodeArea>(&element)) {
            o["left"] = mmString(b.left);
            o["bottom"] = mmString(b.bottom);
            o["size"] = mmString(bc->size);
            if (bc->content) {
                writeText(o, *bc->content);
            }
            o["nowhitespace"] = bc->noWhitespace;
            if (bc->color) {
                o["color"] = colorJson(*bc->color);
            }
        } else if (const auto* im = std::get_if<ImageArea>(&element)) {
            o["left"] = mmString(b.left);
            o["bottom"] = mmString(b.bottom);
            o["height"] = mmString(im->height);
            o["width"] = mmString(im->width);
            o["content"] = im->content;
        } else if (const auto* pb = std::get_if<PoweredBy>(&element)) {
            o["left"] = mmString(b.left);
            o["bottom"] = mmString(b.bottom);
            o["size"] = mmString(pb->size);
            o["content"] = pb->content;
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::string toJsonText(const Layout& layout, int indent) { return toJson(layout).dump(indent); }

const char* typeName(const Element& e) {
    switch (e.index()) {
        case 0: return "textcontainer";
        case 1: return "textarea";
        case 2: return "barcodearea";
        case 3: return "imagearea";
        default: return "poweredby";
    }
}

const ElementBase& base(const Element& e) {
    return std::visit([](const auto& x) -> const ElementBase& { return x.base; }, e);
}

ElementBase& base(Element& e) {
    return std::visit([](auto& x) -> ElementBase& { return x.base; }, e);
}

int Layout::maxPage() const {
    int m = 1;
    for (const auto& e : elements) {
        m = std::max(m, base(e).page);
    }
    return m;
}

Layout defaultLayout() {
    static const char* const kDefault = R"([
{"type":"textarea","left":"17.50","bottom":"274.60","fontsize":"16.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"175.00","content":"event_name","text":"Sample event name","align":"left"},
{"type":"textarea","left":"17.50","bottom":"262.90","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"110.00","content":"itemvar","text":"Sample product – sample variation","align":"left"},
{"type":"textarea","left":"17.50","bottom":"252.50","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"110.00","content":"attendee_name","text":"John Doe","align":"left"},
{"type":"textarea","left":"17.50","bottom":"242.10","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"110.00","content":"event_begin","text":"2016-05-31 20:00","align":"left"},
{"type":"textarea","left":"17.50","bottom":"231.70","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"110.00","content":"seat","text":"Ground floor, Row 3, Seat 4","align":"left"},
{"type":"textarea","left":"17.50","bottom":"204.80","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"110.00","content":"event_location","text":"Random City","align":"left"},
{"type":"textarea","left":"17.50","bottom":"194.50","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"30.00","content":"order","text":"A1B2C","align":"left"},
{"type":"textarea","left":"52.50","bottom":"194.50","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"45.00","content":"price","text":"123.45 EUR","align":"right"},
{"type":"textarea","left":"102.50","bottom":"194.50","fontsize":"13.0","color":[0,0,0,1],"fontfamily":"Open Sans","bold":false,"italic":false,"width":"90.00","content":"secret","text":"tdmruoekvkpbv1o2mv8xccvqcikvr58u","align":"left"},
{"type":"barcodearea","left":"130.40","bottom":"204.50","size":"64.00"},
{"type":"poweredby","left":"88.72","bottom":"10.00","size":"20.00","content":"dark"}])";
    return parseLayoutText(kDefault).value();
}

}  // namespace boxoffice::layout
