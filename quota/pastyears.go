package quota

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// PastTotal is the number admitted in a year before quotabot, as the
// office's records give it: a total with no named admissions behind it.
// Org "" is a total for the whole committee only.
type PastTotal struct {
	Org        string    `json:"org,omitempty"`
	Year       int       `json:"year"`
	Admitted   int       `json:"admitted"`
	Source     string    `json:"source,omitempty"` // the file or document it came from
	ImportedBy int64     `json:"imported_by,omitempty"`
	ImportedAt time.Time `json:"imported_at,omitzero"`
}

// ErrNegativeTotal is an imported total below zero.
var ErrNegativeTotal = errors.New("an admitted total is zero or more")

// Validate checks a total before it is kept.
func (p PastTotal) Validate() error {
	if p.Admitted < 0 {
		return fmt.Errorf("admitted total %d for %d: %w", p.Admitted, p.Year, ErrNegativeTotal)
	}
	if p.Year < minTermYear || p.Year > maxTermYear {
		return fmt.Errorf("admitted total for %d: %w", p.Year, ErrBadTerm)
	}
	if p.Org != "" {
		return ValidateCode(p.Org)
	}
	return nil
}

// CountSource says where a year's admitted figure comes from.
type CountSource string

// The sources of a year's figure.
const (
	CountNone  CountSource = ""      // nothing known
	CountNamed CountSource = "named" // named admissions
	CountTotal CountSource = "total" // an imported total, no names
)

// YearCount is what was admitted in a year, and from what.
type YearCount struct {
	Year     int
	Admitted int
	Source   CountSource
	// IgnoredTotal is an imported total set aside because the year has
	// named admissions; -1 when there was none to set aside.
	IgnoredTotal int
}

// CountYear is an organization's figure for a year: its named admissions
// when it has any, since those are auditable; otherwise its imported
// total; otherwise nothing.
func CountYear(year, named int, total int, haveTotal bool) YearCount {
	c := YearCount{Year: year, IgnoredTotal: -1}
	switch {
	case named > 0:
		c.Admitted, c.Source = named, CountNamed
		if haveTotal {
			c.IgnoredTotal = total
		}
	case haveTotal:
		c.Admitted, c.Source = total, CountTotal
	}
	return c
}

// CommitteeYear is the committee's figure for a year from its
// organizations' figures and a committee-only total. A year with no named
// admissions anywhere takes the committee-only total when there is one,
// because it is the office's own figure for the whole; otherwise the
// organizations' figures add up.
func CommitteeYear(year int, orgs []YearCount, total int, haveTotal bool) YearCount {
	s := NewYearSum(year)
	for _, o := range orgs {
		s.Add(o)
	}
	return s.Committee(total, haveTotal)
}

// YearSum adds up the organizations' figures for a year one at a time,
// for CommitteeYear, when there are too many to gather first.
type YearSum struct {
	c YearCount
}

// NewYearSum is an empty sum for the year.
func NewYearSum(year int) YearSum { return YearSum{c: YearCount{Year: year, IgnoredTotal: -1}} }

// Add adds an organization's figure.
func (s *YearSum) Add(o YearCount) {
	s.c.Admitted += o.Admitted
	switch {
	case o.Source == CountNamed:
		s.c.Source = CountNamed
	case o.Source == CountTotal && s.c.Source == CountNone:
		s.c.Source = CountTotal
	}
}

// Committee is the committee's figure from the sum and a committee-only
// total, as CommitteeYear says.
func (s *YearSum) Committee(total int, haveTotal bool) YearCount {
	c := s.c
	if haveTotal && c.Source != CountNamed {
		return YearCount{Year: c.Year, Admitted: total, Source: CountTotal, IgnoredTotal: -1}
	}
	if haveTotal {
		c.IgnoredTotal = total
	}
	return c
}

// Average is the admissions over a span of years: the total and the mean
// per year, over every year of the span (a year with nothing known counts
// as zero, and Known says how many had a figure).
type Average struct {
	Span  Term
	Total int
	Known int // years of the span with a figure
}

// NewAverage adds up the figures of the years of span; figures outside
// the span are ignored.
func NewAverage(span Term, counts []YearCount) Average {
	a := Average{Span: span}
	for _, c := range counts {
		if span.Contains(c.Year) && c.Source != CountNone {
			a.Total += c.Admitted
			a.Known++
		}
	}
	return a
}

// PerYear is the mean per year of the span.
func (a Average) PerYear() float64 {
	if a.Span.Years() <= 0 {
		return 0
	}
	return float64(a.Total) / float64(a.Span.Years())
}

// Rounded is the mean per year to the nearest whole admission, halves up:
// 1,823 over 2013-2018 is 303.8, so 304.
func (a Average) Rounded() int { return int(math.Floor(a.PerYear() + 0.5)) }

// AsTheLetterSays is the mean per year as the committee's letter writes it
// ("bình quân mỗi năm 300" for 1,823 over six years): rounded to two
// significant digits, halves up, so it reads as an order of magnitude and
// never as a precise count. Means under 100 keep their whole number.
func (a Average) AsTheLetterSays() int {
	m := a.PerYear()
	if m < 100 {
		return int(math.Floor(m + 0.5))
	}
	step := math.Pow(10, math.Floor(math.Log10(m))-1)
	return int(math.Floor(m/step+0.5) * step)
}

// PercentAsTheLetterSays is part over whole in percent, cut (not rounded)
// to one decimal, as the letter writes "152 … bằng 50,6% kế hoạch" for
// 152 of 300 (50.67%): a share of a plan is never shown above what was
// achieved, so 99.96% is not shown as 100%.
func PercentAsTheLetterSays(part, whole int) float64 {
	if whole <= 0 {
		return 0
	}
	// In tenths of a percent with integers, so no float error cuts
	// 50.7 to 50.6.
	tenths := int64(part) * 1000 / int64(whole)
	return float64(tenths) / 10
}
