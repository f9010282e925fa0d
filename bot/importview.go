package bot

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"quotabot/office"
)

// What an officer reads about an import, in chat and on the command line
// alike: the dry run is a full preview (the sheet, the header and what
// each column became, the columns ignored and why, the first rows as
// stored, the rows skipped, the changes per organization), and the import
// itself says the same of what it did.

// previewRows is how many rows the preview shows as they will be stored.
const previewRows = 5

// ImportReport is l.importReport for the command line.
func ImportReport(l Lang, p *office.Plan, file string, dry bool, limit int) string {
	return l.importReport(p, file, dry, limit)
}

// ImportRefusal is l.importRefusal for the command line.
func ImportRefusal(l Lang, err error) string { return l.importRefusal(err) }

var tags = regexp.MustCompile(`<[^>]*>`)

// PlainText turns a Telegram HTML text into plain text for a terminal.
func PlainText(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, "")) }

// importReport says what the import did or, for a dry run, would do.
// limit bounds the lists of changes and skipped rows (0: no bound), so a
// national list still fits in a few chat messages.
func (l lang) importReport(p *office.Plan, file string, dry bool, limit int) string {
	f := p.File
	var b strings.Builder
	line := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	head := "imp_head_done"
	if dry {
		head = "imp_head_dry"
	}
	line(l.T(head, esc(file), esc(f.Sheet), linesText(f.HeaderLines)))
	switch {
	case p.Decision != nil:
		line(l.T("imp_decision", esc(p.Decision.String()), l.T("imp_decision_given")))
	case f.Decision != nil:
		line(l.T("imp_decision", esc(f.Decision.String()), l.T("imp_decision_title")))
	}

	if dry {
		line(l.T("imp_columns"))
		for _, c := range l.columnLines(f.Columns) {
			line(c)
		}
		if f.Columns.Code < 0 {
			line(l.T("imp_no_code"))
		}
		if f.Columns.Parent < 0 {
			line(l.T("imp_no_parent"))
		}
		line(l.T("imp_first_rows"))
		for _, c := range p.Changes[:min(previewRows, len(p.Changes))] {
			line(l.rowAsStored(c))
		}
	}

	if len(f.Skipped) > 0 {
		line(l.T("imp_skipped"))
		for i, s := range f.Skipped {
			if limit > 0 && i == limit {
				line(l.T("imp_more", len(f.Skipped)-limit))
				break
			}
			line(l.T(skipKeys[s.Kind], strconv.Itoa(s.Line), esc(s.Text)))
		}
	}
	if warnings := append(append([]office.RowError(nil), f.Warnings...), p.Warnings...); len(warnings) > 0 {
		line(l.T("imp_warnings"))
		for _, w := range warnings {
			line("• " + l.rowError(w))
		}
	}

	created, updated, unchanged, figures := p.Counts()
	if created+updated == 0 {
		line(l.T("imp_identical"))
		return strings.TrimRight(b.String(), "\n")
	}
	line(l.T("imp_changes"))
	shown := 0
	for _, c := range p.Changes {
		if !c.Changed() {
			continue
		}
		if limit > 0 && shown == limit {
			line(l.T("imp_more", created+updated-limit))
			break
		}
		shown++
		line(l.T("imp_ch_item", esc(c.Name.To), esc(c.Row.Code), l.changeText(c)))
	}
	total := "imp_total_done"
	if dry {
		total = "imp_total_dry"
	}
	line(l.T(total, created, updated, unchanged, figures))
	return strings.TrimRight(b.String(), "\n")
}

var skipKeys = map[office.RowKind]string{
	office.RowSection:   "imp_skip_section",
	office.RowTotal:     "imp_skip_total",
	office.RowSignature: "imp_skip_signature",
	office.RowNumbering: "imp_skip_numbering",
}

func linesText(lines []int) string {
	s := make([]string, len(lines))
	for i, n := range lines {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "–")
}

// columnLines says what each column of the header became.
func (l lang) columnLines(c office.Columns) []string {
	what := map[int]string{}
	set := func(i int, s string) {
		if i >= 0 {
			what[i] = s
		}
	}
	set(c.Ordinal, l.T("imp_f_ordinal"))
	set(c.Code, l.T("imp_f_code"))
	set(c.Name, l.T("imp_f_name"))
	set(c.Parent, l.T("imp_f_parent"))
	for _, q := range c.Quotas {
		set(q.Index, l.T("imp_f_quota", strconv.Itoa(q.Year)))
	}
	for _, t := range c.Terms {
		set(t.Index, l.T("imp_f_term", t.Term.String()))
	}
	for _, a := range c.Admitted {
		set(a.Index, l.T("imp_f_admitted", strconv.Itoa(a.Year)))
	}
	ignored := map[int]office.IgnoreReason{}
	for _, ig := range c.Ignored {
		ignored[ig.Index] = ig.Reason
	}
	var out []string
	for j, h := range c.Headers {
		col := strconv.Itoa(j + 1)
		switch {
		case what[j] != "":
			out = append(out, l.T("imp_col_item", col, esc(oneLine(h)), what[j]))
		case ignored[j] == office.IgnoredNote:
			out = append(out, l.T("imp_col_ignored", col, esc(oneLine(h)), l.T("imp_why_note")))
		case ignored[j] != "":
			out = append(out, l.T("imp_col_ignored", col, esc(oneLine(h)), l.T("imp_why_unknown")))
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// rowAsStored is one organization as the import will store it.
func (l lang) rowAsStored(c office.OrgChange) string {
	var extra strings.Builder
	if c.Group.To != "" {
		extra.WriteString(l.T("imp_row_group", esc(c.Group.To)))
	}
	if c.Parent.ToSet {
		extra.WriteString(l.T("imp_row_parent", esc(c.Parent.To)))
	}
	for _, fg := range l.figures(c) {
		extra.WriteString(l.T("imp_row_figure", fg.label, l.amount(fg.ch.To, fg.ch.ToSet)))
	}
	return l.T("imp_row_item", strconv.Itoa(c.Row.Line), esc(c.Name.To), esc(c.Row.Code), extra.String())
}

type figure struct {
	label string
	ch    office.Change[int]
}

// figures lists an organization's figures in the file: years, terms, then
// the totals of years before the bot.
func (l lang) figures(c office.OrgChange) []figure {
	var out []figure
	years := make([]int, 0, len(c.Quotas))
	for y := range c.Quotas {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		out = append(out, figure{l.T("imp_f_quota", strconv.Itoa(y)), c.Quotas[y]})
	}
	terms := make([]office.Span, 0, len(c.Terms))
	for t := range c.Terms {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a].From < terms[b].From })
	for _, t := range terms {
		out = append(out, figure{l.T("imp_f_term", t.String()), c.Terms[t]})
	}
	past := make([]int, 0, len(c.Admitted))
	for y := range c.Admitted {
		past = append(past, y)
	}
	sort.Ints(past)
	for _, y := range past {
		out = append(out, figure{l.T("imp_f_admitted", strconv.Itoa(y)), c.Admitted[y]})
	}
	return out
}

func (l lang) amount(n int, set bool) string {
	if !set {
		return l.T("imp_none")
	}
	return l.Num(n)
}

// changeText lists what changes for one organization, field by field.
func (l lang) changeText(c office.OrgChange) string {
	var parts []string
	switch {
	case c.New && c.Generated:
		parts = append(parts, l.T("imp_ch_new_code"))
	case c.New:
		parts = append(parts, l.T("imp_ch_new"))
	}
	if !c.New && c.Name.Changed() {
		parts = append(parts, l.T("imp_ch_renamed", esc(c.Name.From)))
	}
	switch {
	case c.New && c.Parent.ToSet:
		parts = append(parts, l.T("imp_ch_under", esc(c.Parent.To)))
	case !c.New && c.Parent.Changed():
		parts = append(parts, l.T("imp_ch_moved", l.parentText(c.Parent.From, c.Parent.FromSet), l.parentText(c.Parent.To, c.Parent.ToSet)))
	}
	if !c.New && c.Group.Changed() {
		parts = append(parts, l.T("imp_ch_group", l.groupText(c.Group.From), l.groupText(c.Group.To)))
	}
	for _, fg := range l.figures(c) {
		switch {
		case c.New && fg.ch.ToSet:
			parts = append(parts, l.T("imp_row_figure_new", fg.label, l.Num(fg.ch.To)))
		case !c.New && fg.ch.Changed():
			parts = append(parts, l.T("imp_ch_figure", fg.label, l.amount(fg.ch.From, fg.ch.FromSet), l.amount(fg.ch.To, fg.ch.ToSet)))
		}
	}
	if !c.New && c.Order.Changed() && c.Order.FromSet {
		parts = append(parts, l.T("imp_ch_order", l.Num(c.Order.From), l.Num(c.Order.To)))
	}
	return strings.Join(parts, "; ")
}

func (l lang) parentText(code string, set bool) string {
	if !set || code == "" {
		return l.T("imp_top_level")
	}
	return "<code>" + esc(code) + "</code>"
}

func (l lang) groupText(g string) string {
	if g == "" {
		return "—"
	}
	return esc(g)
}

// importRefusal says why a file was not imported: every mistake of its
// rows, or what is wrong with the file as a whole and what to do.
func (l lang) importRefusal(err error) string {
	var ie *office.ImportError
	var nq *office.NoQuotaColumnError
	switch {
	case errors.As(err, &ie):
		lines := []string{l.T("import_refused", len(ie.Errors))}
		for _, e := range ie.Errors {
			lines = append(lines, l.rowError(e))
		}
		return strings.Join(lines, "\n")
	case errors.As(err, &nq):
		cols := make([]string, len(nq.Columns))
		for i, c := range nq.Columns {
			cols[i] = fmt.Sprintf("\"%s\"", esc(oneLine(c)))
		}
		return l.T("imp_no_quota_column", strings.Join(cols, ", "))
	case errors.Is(err, office.ErrLegacyExcel):
		return l.T("imp_legacy_excel")
	case errors.Is(err, office.ErrLegacyFont):
		return l.T("imp_legacy_font")
	case errors.Is(err, office.ErrNotText):
		return l.T("imp_not_text")
	}
	return ""
}
