package quota_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"quotabot/quota"
)

var vietnameseNames = []string{
	"Nguyễn Văn A",
	"Trần Thị Bích Ngọc",
	"Đặng Văn Đức",
	"Lê Thị Hồng Nhung",
	"Phạm  Minh   Khôi",
	"Hoàng Ngọc Ánh",
	"Y Moan Ê Ban",
	"H’Hen Niê",
	"Jean-Pierre O'Brien",
	"nguyen van a",
	"NGUYỄN VĂN Á",
}

func FuzzParseReport(f *testing.F) {
	for _, n := range vietnameseNames {
		f.Add(n, 2026, 6, 15)
		f.Add(norm.NFD.String(n)+"; 01/03/2026; 12-QĐ/ĐU", 2026, 6, 15)
	}
	f.Add("Nguyễn Văn A; 1/3/26\n\nTrần B; 31.12.2025\r\nnguyen van a; 01-03-2026", 2026, 6, 15)
	f.Add("Lê C; 29/02/2024; 5/QĐ-ĐU", 2025, 1, 1)
	f.Add("a;b;c;d", 2026, 1, 1)
	f.Add(";;", 2026, 12, 31)
	f.Add("Đinh Bộ Lĩnh; 31/02/2026", 2026, 3, 1)
	f.Fuzz(func(t *testing.T, text string, y, m, d int) {
		today, ok := quota.NewDate(2000+abs(y)%200, time.Month(1+abs(m)%12), 1+abs(d)%31)
		if !ok {
			return
		}
		lines, errs := quota.ParseReport(text, today)
		if len(lines) == 0 && len(errs) == 0 {
			t.Fatal("neither a line nor an error")
		}
		nLines := strings.Count(text, "\n") + 1
		seen := map[int]bool{}
		for _, l := range lines {
			if l.Name == "" || strings.Contains(l.Name, ";") || !norm.NFC.IsNormalString(l.Name) || !utf8.ValidString(l.Name) {
				t.Fatalf("line %d: bad name %q", l.Line, l.Name)
			}
			if today.Before(l.Date) {
				t.Fatalf("line %d: date %s after today %s", l.Line, l.Date, today)
			}
			if _, ok := quota.NewDate(l.Date.Year, l.Date.Month, l.Date.Day); !ok {
				t.Fatalf("line %d: impossible date %+v", l.Line, l.Date)
			}
			if utf8.RuneCountInString(l.Decision) > quota.MaxDecisionRunes {
				t.Fatalf("line %d: decision too long", l.Line)
			}
			if l.Line < 1 || l.Line > nLines || seen[l.Line] {
				t.Fatalf("line number %d out of 1..%d or repeated", l.Line, nLines)
			}
			seen[l.Line] = true
		}
		for _, e := range errs {
			if e.Err == nil || e.Line < 1 {
				t.Fatalf("bad line error %+v", e)
			}
			if seen[e.Line] {
				t.Fatalf("line %d both parsed and refused", e.Line)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"15/03/2026", "5/3/26", "29/02/2024", "29.02.2025", "31-12-2026", "00/01/2026",
		"01/13/2026", "abc", "1/2", "ngày 1/2/2026", "+1/+2/2026", "1//2/2026", " 01 / 02 / 2026 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := quota.ParseDate(s)
		if err != nil {
			if !errors.Is(err, quota.ErrBadDate) && !errors.Is(err, quota.ErrImpossibleDate) {
				t.Fatalf("%q: unexpected error %v", s, err)
			}
			return
		}
		if _, ok := quota.NewDate(d.Year, d.Month, d.Day); !ok {
			t.Fatalf("%q: impossible date %+v", s, d)
		}
		again, err := quota.ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q: %s re-parses to %+v, %v", s, d, again, err)
		}
		if quota.DateFromKey(d.Key()) != d {
			t.Fatalf("%q: key %d does not round-trip", s, d.Key())
		}
	})
}

func FuzzNormalizeName(f *testing.F) {
	for _, n := range vietnameseNames {
		f.Add(n)
		f.Add(norm.NFD.String(n))
	}
	f.Add(" \t\u00a0")
	f.Add("Nguyễn Văn 2")
	f.Add("a\u0301\u0323 b")
	f.Add("\ufeffNguyễn\u200b Văn\u200d An")
	f.Add("Nguyễn\u202eVăn")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := quota.NormalizeName(s)
		if err != nil {
			if n != "" {
				t.Fatalf("%q: a name %q with an error", s, n)
			}
			return
		}
		if n == "" || !norm.NFC.IsNormalString(n) || n != strings.Join(strings.Fields(n), " ") {
			t.Fatalf("%q: badly normalized %q", s, n)
		}
		if utf8.RuneCountInString(n) > quota.MaxNameRunes || len(strings.Fields(n)) > quota.MaxNameWords {
			t.Fatalf("%q: %q is over the limits", s, n)
		}
		// No character that is not shown, nor one that reorders what is.
		if strings.ContainsFunc(n, func(r rune) bool { return unicode.In(r, unicode.Cc, unicode.Cf) }) {
			t.Fatalf("%q: %q keeps a control or format character", s, n)
		}
		again, err := quota.NormalizeName(n)
		if err != nil || again != n {
			t.Fatalf("%q: not idempotent: %q then %q, %v", s, n, again, err)
		}
	})
}

func FuzzSearchKey(f *testing.F) {
	for _, n := range vietnameseNames {
		f.Add(n)
		f.Add(norm.NFD.String(n))
	}
	f.Add("Đặng")
	f.Add("İstanbul")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		k := quota.SearchKey(s)
		if again := quota.SearchKey(k); again != k {
			t.Fatalf("%q: not idempotent: %q then %q", s, k, again)
		}
		if strings.ContainsAny(k, "ĐđA") || k != strings.Join(strings.Fields(k), " ") {
			t.Fatalf("%q: key %q is not folded", s, k)
		}
		if n, err := quota.NormalizeName(s); err == nil && quota.SearchKey(n) != k {
			t.Fatalf("%q: normalizing changes the key", s)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		// -n overflows for the smallest int; any non-negative value will do.
		return max(-n, 0)
	}
	return n
}

func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{"2021-2025", "giai đoạn 2021–2025", "nhiệm kỳ 2025-2030", "2021 - 2025", "2025-2021", "GĐ 2021/2025", "term 1930-1949", "2021", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := quota.ParseTerm(s)
		if err != nil {
			if !errors.Is(err, quota.ErrBadTerm) {
				t.Fatalf("%q: an error that is not ErrBadTerm: %v", s, err)
			}
			return
		}
		if tm.Validate() != nil || tm.Years() < 1 {
			t.Fatalf("%q gave an invalid term %v", s, tm)
		}
		again, err := quota.ParseTerm(tm.String())
		if err != nil || again != tm {
			t.Fatalf("%q: %v does not read back (%v, %v)", s, tm, again, err)
		}
	})
}

func FuzzParseDecision(f *testing.F) {
	for _, s := range []string{"2323-QĐ/ĐUK, 11/4/2019", "Kèm theo Quyết định số 2323-QĐ/ĐUK, ngày 11/4/2019 của Ban Thường vụ",
		"số 15 ngày 11 tháng 4 năm 2019", "ngày 31/02/2019", "15-QĐ/ĐU", "\xff\xfe 12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := quota.ParseDecision(s)
		if err != nil {
			if !errors.Is(err, quota.ErrBadQuotaDecision) {
				t.Fatalf("%q: an error that is not ErrBadQuotaDecision: %v", s, err)
			}
			return
		}
		if d.IsZero() || !utf8.ValidString(d.Number) || strings.ContainsAny(d.Number, " \n\t") {
			t.Fatalf("%q gave %#v", s, d)
		}
		again, err := quota.ParseDecision(d.String())
		if err != nil || again != d {
			t.Fatalf("%q: %#v does not read back from %q (%#v, %v)", s, d, d.String(), again, err)
		}
	})
}

func FuzzCorrect(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Ân", "2026-03-05", "05/03/2026", "12-QĐ/ĐU", "", "\xff"} {
		f.Add("name", s)
		f.Add("date", s)
		f.Add("decision", s)
	}
	a := quota.Admission{ID: 1, Org: "A", Name: "Nguyễn Văn An", Date: quota.Date{Year: 2026, Month: 3, Day: 1}}
	today := quota.Date{Year: 2026, Month: 6, Day: 15}
	f.Fuzz(func(t *testing.T, field, value string) {
		next, c, err := a.Correct(quota.Field(field), value, today, 7, time.Time{})
		if err != nil {
			return
		}
		if len(next.Corrections) != 1 || next.Corrections[0] != c || c.Old == c.New {
			t.Fatalf("Correct(%q, %q) kept %+v for %+v", field, value, next.Corrections, c)
		}
		if quota.CheckAdmissionDate(next.Date, today) != nil {
			t.Fatalf("Correct(%q, %q) gave the date %s, outside the rule", field, value, next.Date)
		}
		if _, err := quota.NormalizeName(next.Name); err != nil {
			t.Fatalf("Correct(%q, %q) gave the name %q: %v", field, value, next.Name, err)
		}
	})
}
