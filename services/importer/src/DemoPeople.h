// Made-up people, companies and addresses for generated exports (the demo event, benchmarks):
// names from many languages and scripts, each with an ASCII form for e-mail addresses, and the
// fixed-seed random source that picks them. Constant data and value types; any thread.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace boxoffice::importer::demo {

// Deterministic on every platform: std::mt19937's sequence is fixed by the standard, and the
// mapping to a range is our own (multiply and shift), not a standard distribution whose
// algorithm varies between libraries. Not for secrets that matter.
class Random {
public:
    explicit Random(std::uint32_t seed) : m_engine(seed) {}
    // Uniform in [0, n); n > 0.
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>((static_cast<std::uint64_t>(m_engine() & 0xffffffffU) * n) >> 32);
    }
    bool percent(std::uint32_t p) { return below(100) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(static_cast<std::uint32_t>(v.size()))];
    }
    // `length` characters of `alphabet`.
    std::string text(std::size_t length, const std::string& alphabet);

private:
    std::mt19937 m_engine;
};

struct Person {
    std::string name;   // as written in its own script: "Nguyễn Thị Minh", "山田 太郎"
    std::string email;  // ASCII, derived from the name: "thi.minh.nguyen@example.com"
    std::string locale;   // "de", "ja", ...
    std::string country;  // ISO 3166-1 alpha-2
    std::string city;
    std::string zipcode;
    std::string street;
};

// A few fixed people the demo always shows first ("Zoë Ørsted", "José Nuñez", ...).
const std::vector<Person>& featuredPeople();
Person randomPerson(Random& random);
std::string randomCompany(Random& random);

}  // namespace boxoffice::importer::demo
