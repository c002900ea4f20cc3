#include "DemoPeople.h"

#include <string_view>

namespace boxoffice::importer::demo {

namespace {

// A name part: its native form and ASCII form; "masculine|feminine" where the language inflects
// family names by gender.
struct Part {
    const char* native;
    const char* ascii;
};

struct Given {
    const char* native;
    const char* ascii;
    bool feminine;
};

struct Culture {
    std::vector<Given> given;
    std::vector<Part> family;
    enum class Order { GivenFirst, FamilyFirst, FamilyFirstNoSpace } order;
    const char* locale;
    const char* country;
    std::vector<Part> cities;  // city, zipcode
    const char* street;
};

const std::vector<Culture>& cultures() {
    using O = Culture::Order;
    static const std::vector<Culture> kCultures{
        {{{"Jürgen", "juergen", false}, {"Lena", "lena", true}, {"Jörg", "joerg", false}, {"Sophie", "sophie", true},
          {"Maximilian", "maximilian", false}, {"Käthe", "kaethe", true}},
         {{"Müller", "mueller"}, {"Schäfer", "schaefer"}, {"Weiß", "weiss"}, {"Becker", "becker"}, {"Groß", "gross"}},
         O::GivenFirst, "de", "DE", {{"Berlin", "10115"}, {"München", "80331"}, {"Köln", "50667"}}, "Hauptstraße 12"},
        {{{"Élodie", "elodie", true}, {"François", "francois", false}, {"Chloé", "chloe", true}, {"Noël", "noel", false}},
         {{"Lefèvre", "lefevre"}, {"Dubois", "dubois"}, {"Girard", "girard"}, {"Besançon", "besancon"}},
         O::GivenFirst, "fr", "FR", {{"Paris", "75001"}, {"Lyon", "69001"}}, "12 rue de la Paix"},
        {{{"José", "jose", false}, {"María", "maria", true}, {"Inés", "ines", true}, {"Andrés", "andres", false}},
         {{"Nuñez", "nunez"}, {"García", "garcia"}, {"Muñoz", "munoz"}, {"Peña", "pena"}},
         O::GivenFirst, "es", "ES", {{"Madrid", "28013"}, {"Sevilla", "41001"}}, "Calle Mayor 7"},
        {{{"Zoë", "zoe", true}, {"Søren", "soren", false}, {"Åsa", "asa", true}, {"Bjørn", "bjorn", false}},
         {{"Ørsted", "orsted"}, {"Kierkegaard", "kierkegaard"}, {"Ågren", "agren"}, {"Lindqvist", "lindqvist"}},
         O::GivenFirst, "da", "DK", {{"København", "1050"}, {"Aarhus", "8000"}}, "Nørregade 3"},
        {{{"Thị Minh", "thi.minh", true}, {"Văn Hùng", "van.hung", false}, {"Thu Hà", "thu.ha", true},
          {"Quốc Bảo", "quoc.bao", false}},
         {{"Nguyễn", "nguyen"}, {"Trần", "tran"}, {"Lê", "le"}, {"Phạm", "pham"}},
         O::FamilyFirst, "vi", "VN", {{"Hà Nội", "100000"}, {"Đà Nẵng", "550000"}}, "12 Phố Huế"},
        {{{"Ελένη", "eleni", true}, {"Γιώργος", "giorgos", false}, {"Κατερίνα", "katerina", true},
          {"Νίκος", "nikos", false}},
         {{"Παπαδόπουλος|Παπαδοπούλου", "papadopoulos|papadopoulou"}, {"Οικονόμου", "oikonomou"},
          {"Γεωργίου", "georgiou"}},
         O::GivenFirst, "el", "GR", {{"Αθήνα", "105 57"}, {"Θεσσαλονίκη", "546 21"}}, "Οδός Ερμού 20"},
        {{{"太郎", "taro", false}, {"花子", "hanako", true}, {"翔太", "shota", false}, {"さくら", "sakura", true}},
         {{"山田", "yamada"}, {"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"}},
         O::FamilyFirst, "ja", "JP", {{"東京都", "100-0001"}, {"大阪市", "530-0001"}}, "千代田1-1"},
        {{{"Анна", "anna", true}, {"Дмитрий", "dmitry", false}, {"Ольга", "olga", true}, {"Сергей", "sergey", false}},
         {{"Иванов|Иванова", "ivanov|ivanova"}, {"Смирнов|Смирнова", "smirnov|smirnova"},
          {"Кузнецов|Кузнецова", "kuznetsov|kuznetsova"}},
         O::GivenFirst, "ru", "RU", {{"Москва", "101000"}, {"Санкт-Петербург", "190000"}}, "ул. Тверская, 7"},
        {{{"محمد", "mohammed", false}, {"فاطمة", "fatima", true}, {"ليلى", "layla", true}, {"عمر", "omar", false}},
         {{"العلي", "alali"}, {"حداد", "haddad"}, {"الخطيب", "alkhatib"}, {"منصور", "mansour"}},
         O::GivenFirst, "ar", "AE", {{"دبي", "00000"}, {"أبو ظبي", "00000"}}, "شارع الشيخ زايد"},
        {{{"Siobhán", "siobhan", true}, {"Oliver", "oliver", false}, {"Emma", "emma", true}, {"Liam", "liam", false}},
         {{"O'Brien", "obrien"}, {"Smith", "smith"}, {"Taylor", "taylor"}, {"Murphy", "murphy"}},
         O::GivenFirst, "en", "IE", {{"Dublin", "D02 X285"}, {"Cork", "T12 RX67"}}, "14 Grafton Street"},
        {{{"Łukasz", "lukasz", false}, {"Małgorzata", "malgorzata", true}, {"Zofia", "zofia", true}},
         {{"Wiśniewski|Wiśniewska", "wisniewski|wisniewska"}, {"Kowalczyk", "kowalczyk"}},
         O::GivenFirst, "pl", "PL", {{"Kraków", "30-001"}, {"Łódź", "90-001"}}, "ul. Długa 5"},
        {{{"Çağla", "cagla", true}, {"Mehmet", "mehmet", false}, {"Ayşe", "ayse", true}},
         {{"Yılmaz", "yilmaz"}, {"Öztürk", "ozturk"}, {"Şahin", "sahin"}},
         O::GivenFirst, "tr", "TR", {{"İstanbul", "34000"}, {"İzmir", "35000"}}, "İstiklal Caddesi 10"},
        {{{"伟", "wei", false}, {"芳", "fang", true}, {"静", "jing", true}},
         {{"王", "wang"}, {"李", "li"}, {"张", "zhang"}},
         O::FamilyFirstNoSpace, "zh", "CN", {{"北京", "100000"}, {"上海", "200000"}}, "长安街 1号"},
        {{{"Emily", "emily", true}, {"James", "james", false}, {"Grace", "grace", true}, {"Noah", "noah", false}},
         {{"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"}, {"Davis", "davis"}},
         O::GivenFirst, "en", "US", {{"Portland", "97201"}, {"Austin", "78701"}}, "221 Oak Avenue"},
    };
    return kCultures;
}

const std::vector<const char*> kDomains{"example.com", "example.org", "example.net", "mail.example"};

std::string_view form(const char* text, bool feminine) {
    std::string_view s(text);
    const auto bar = s.find('|');
    if (bar == std::string_view::npos) {
        return s;
    }
    return feminine ? s.substr(bar + 1) : s.substr(0, bar);
}

}  // namespace

std::string Random::text(std::size_t length, const std::string& alphabet) {
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i) {
        out += alphabet[below(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return out;
}

const std::vector<Person>& featuredPeople() {
    static const std::vector<Person> kPeople{
        {"Zoë Ørsted", "zoe.orsted@example.com", "da", "DK", "København", "1050", "Nørregade 3"},
        {"José Nuñez", "jose.nunez@example.org", "es", "ES", "Madrid", "28013", "Calle Mayor 7"},
        {"Nguyễn Thị Minh", "thi.minh.nguyen@example.net", "vi", "VN", "Hà Nội", "100000", "12 Phố Huế"},
        {"Ελένη Παπαδοπούλου", "eleni.papadopoulou@example.com", "el", "GR", "Αθήνα", "105 57", "Οδός Ερμού 20"},
        {"山田 太郎", "taro.yamada@example.org", "ja", "JP", "東京都", "100-0001", "千代田1-1"},
        {"Анна Иванова", "anna.ivanova@example.net", "ru", "RU", "Москва", "101000", "ул. Тверская, 7"},
        {"ليلى حداد", "layla.haddad@example.com", "ar", "AE", "دبي", "00000", "شارع الشيخ زايد"},
    };
    return kPeople;
}

Person randomPerson(Random& random) {
    const Culture& c = random.pick(cultures());
    const Given& g = random.pick(c.given);
    const Part& f = random.pick(c.family);
    const std::string family(form(f.native, g.feminine));
    const std::string familyAscii(form(f.ascii, g.feminine));
    Person p;
    switch (c.order) {
        case Culture::Order::GivenFirst:
            p.name = std::string(g.native) + " " + family;
            break;
        case Culture::Order::FamilyFirst:
            p.name = family + " " + g.native;
            break;
        case Culture::Order::FamilyFirstNoSpace:
            p.name = family + g.native;
            break;
    }
    p.email = std::string(g.ascii) + "." + familyAscii + "@" + random.pick(kDomains);
    p.locale = c.locale;
    p.country = c.country;
    const Part& city = random.pick(c.cities);
    p.city = city.native;
    p.zipcode = city.ascii;
    p.street = c.street;
    return p;
}

std::string randomCompany(Random& random) {
    static const std::vector<std::string> kCompanies{
        "Müller & Söhne GmbH",   "Société Générale de Billetterie SARL", "Nordlys ApS",
        "Estudio Peña S.L.",     "株式会社サンプル企画",                  "ООО «Пример»",
        "Acme Events Ltd.",      "Κέντρο Πολιτισμού Α.Ε.",               "Öztürk Yazılım A.Ş.",
        "Open Source Guild e.V.", "Công ty TNHH Minh Phát",              "Brightwater Labs Inc.",
    };
    return random.pick(kCompanies);
}

}  // namespace boxoffice::importer::demo
