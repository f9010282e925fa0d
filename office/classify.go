package office

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// RowKind is what a row below the header is.
type RowKind string

// The kinds of rows. Every row that is not an organization is listed in
// the summary with its kind, so that nothing is skipped silently.
const (
	RowEmpty     RowKind = ""
	RowOrg       RowKind = "org"
	RowSection   RowKind = "section"   // "I. ĐẢNG BỘ CƠ SỞ"
	RowTotal     RowKind = "total"     // "Tổng cộng", "Cộng"
	RowSignature RowKind = "signature" // "T/M BAN THƯỜNG VỤ", "BÍ THƯ", a name
	RowNumbering RowKind = "numbering" // "(1) (2) (3)" under the header
)

// SkippedRow is a row that is not an organization.
type SkippedRow struct {
	Line int
	Kind RowKind
	Text string // the row's text, as the officer will recognize it
}

var (
	romanNumeral = regexp.MustCompile(`^(?i:[IVXL]+|[A-H])[.)]?$`)
	romanPrefix  = regexp.MustCompile(`^(?:[IVXL]+|[A-H])[.)]\s*\S|^[IVXL]+\s+\S`)
	// A total row's own words, diacritics kept: "cộng" is a total, "công"
	// (a company) is not, and "tổng" alone begins "Tổng công ty".
	totalWords = regexp.MustCompile(`^(?:tổng cộng|tổng số|cộng|tong cong|tong so|total|grand total|sum)(?:[\s:.]|$)|^(?:tổng|tong|cong)[:.]?$`)
	// Lines of the signature block and of the notes below a table.
	signatureWords = regexp.MustCompile(`^(?:t/m|tm|k/t|kt|q\.|noi nhan|bi thu|pho bi thu|nguoi lap|nguoi lap bieu|thu truong|truong ban|pho truong ban|ghi chu|luu|chu tich|xac nhan|on behalf|secretary|signed)(?:\s|:|$)|ngay .* thang .* nam`)
	numbering      = regexp.MustCompile(`^\(?(?:\d{1,2}|[a-zA-Z])\)?$`)
)

// foldText is foldHeader keeping the punctuation a row's text needs
// ("t/m", "q.").
func foldText(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if !ascii {
		s = stripMarks(s)
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// rowText is a row's cells, for messages; values, not their formatting,
// which would cost a second reading of the sheet.
func rowText(g *grid, i int) string {
	var parts []string
	for _, c := range g.rows[i] {
		if v := strings.Join(strings.Fields(c), " "); v != "" {
			parts = append(parts, v)
		}
	}
	s := strings.Join(parts, " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}

// classifyRow says what row i of the grid is. footer is whether a total
// or a signature line came before; first is whether it is the first row
// below the header.
func classifyRow(g *grid, i int, cols Columns, figs []figureColumn, footer, first bool) (RowKind, string) {
	rec := g.rows[i]
	if isEmptyRow(rec) {
		return RowEmpty, ""
	}
	name := strings.TrimSpace(cell(rec, cols.Name))
	ord := strings.TrimSpace(cell(rec, cols.Ordinal))
	hasFigures := rowFigures(rec, figs) != nil

	if first && isNumberingRow(rec) {
		return RowNumbering, rowText(g, i)
	}
	for _, c := range []string{ord, name, cell(rec, 0)} {
		if !isDigits(strings.TrimRight(ord, ".")) && totalWords.MatchString(strings.ToLower(CleanName(c))) {
			return RowTotal, rowText(g, i)
		}
	}
	if (ord != "" && romanNumeral.MatchString(ord) && !isDigits(ord)) || (ord == "" && romanPrefix.MatchString(name)) {
		return RowSection, rowText(g, i)
	}
	if hasFigures && isDigits(strings.TrimRight(ord, ".")) {
		return RowOrg, "" // numbered and with figures: no signature line is
	}
	for _, c := range rec {
		if c = foldText(c); c != "" && signatureWords.MatchString(c) {
			return RowSignature, rowText(g, i)
		}
	}
	if footer && !hasFigures && (ord == "" || !isDigits(strings.TrimRight(ord, "."))) {
		return RowSignature, rowText(g, i)
	}
	return RowOrg, ""
}

// isNumberingRow reports whether a row only numbers the columns, as many
// forms do under the header: "(1) (2) (3)" or "A B 1 2".
func isNumberingRow(rec []string) bool {
	n := 0
	for _, c := range rec {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !numbering.MatchString(c) {
			return false
		}
		n++
	}
	return n >= 3
}

func isDigits(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// sectionLabel is a section row's title without its numeral: "ĐẢNG BỘ CƠ
// SỞ" from "I. ĐẢNG BỘ CƠ SỞ" or from "I" | "ĐẢNG BỘ CƠ SỞ".
func sectionLabel(g *grid, i int, cols Columns) string {
	name := CleanName(cell(g.rows[i], cols.Name))
	if name == "" {
		name = CleanName(rowText(g, i))
	}
	if loc := romanPrefix.FindStringIndex(name); loc != nil {
		rest := strings.TrimLeft(name, "IVXLABCDEFGH")
		name = strings.TrimSpace(strings.TrimLeft(rest, ".) "))
	}
	return name
}

var (
	decisionNumber = regexp.MustCompile(`(?i)quy[eế]t\s+[đd][iị]nh\s+(?:s[oố]\s*)?:?\s*(\d+[\p{L}\d]*(?:[-/.][\p{L}\d]+)*)`)
	decisionDate   = regexp.MustCompile(`(?i)ng[aà]y\s*(\d{1,2})\s*(?:[/.-]|\s+th[aá]ng\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+n[aă]m\s+)\s*(\d{4})`)
)

// findDecision reads the decision a file accompanies from its title rows.
func findDecision(rows [][]string) *Decision {
	for _, row := range rows {
		for _, c := range row {
			c = CleanName(c)
			m := decisionNumber.FindStringSubmatchIndex(c)
			if m == nil {
				continue
			}
			d := &Decision{Number: c[m[2]:m[3]]}
			if dm := decisionDate.FindStringSubmatch(c[m[1]:]); dm != nil {
				d.Day, _ = strconv.Atoi(dm[1])
				d.Month, _ = strconv.Atoi(dm[2])
				d.Year, _ = strconv.Atoi(dm[3])
				if d.Day < 1 || d.Day > 31 || d.Month < 1 || d.Month > 12 {
					d.Day, d.Month, d.Year = 0, 0, 0
				}
			}
			return d
		}
	}
	return nil
}

// ParseDecision reads a decision as given on the command line:
// "2323-QĐ/ĐUK, 11/4/2019" or "2323-QĐ/ĐUK ngày 11/4/2019".
func ParseDecision(s string) (Decision, bool) {
	d := findDecision([][]string{{"Quyết định số " + strings.TrimSpace(strings.Replace(s, ",", " ngày ", 1))}})
	if d == nil || d.Year == 0 {
		return Decision{}, false
	}
	return *d, true
}
