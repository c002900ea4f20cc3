// A unit-safe length for layout geometry. Layout files speak millimetres, PDF and the Painter
// speak points (1/72 in); a Length stores points and converts on request, so a value can never
// be read in the wrong unit by accident. Plain value type, safe from any thread.
#pragma once

#include <compare>

namespace boxoffice::layout {

class Length {
public:
    static constexpr double kPointsPerMm = 72.0 / 25.4;

    constexpr Length() = default;
    static constexpr Length mm(double v) { return Length(v * kPointsPerMm); }
    static constexpr Length pt(double v) { return Length(v); }

    constexpr double toMm() const { return m_pt / kPointsPerMm; }
    constexpr double toPt() const { return m_pt; }

    constexpr Length operator+(Length o) const { return Length(m_pt + o.m_pt); }
    constexpr Length operator-(Length o) const { return Length(m_pt - o.m_pt); }
    constexpr Length operator*(double f) const { return Length(m_pt * f); }
    constexpr Length operator/(double f) const { return Length(m_pt / f); }
    constexpr auto operator<=>(const Length&) const = default;

private:
    constexpr explicit Length(double points) : m_pt(points) {}
    double m_pt = 0.0;
};

}  // namespace boxoffice::layout
