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
	"quotabot/texts"
)

// What an officer reads about an import, in chat and on the command line
// alike: the dry run is a full preview (the sheet, the header and what
// each column became, the columns ignored and why, the first rows as
// stored, the rows skipped, the changes per organization), and the import
// itself says the same of what it did.

// previewRows is how many rows the preview shows as they will be stored.
const previewRows = 5

// ImportReport is importReport for the command line.
func ImportReport(l *texts.Lang, p *office.Plan, file string, dry bool, limit int) string {
	return importReport(l, p, file, dry, limit)
}

// ImportRefusal is importRefusal for the command line.
func ImportRefusal(l *texts.Lang, err error, year string) string { return importRefusal(l, err, year) }

var tags = regexp.MustCompile(`<[^>]*>`)

// PlainText turns a Telegram HTML text into plain text for a terminal.
func PlainText(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, "")) }

// importReport says what the import did or, for a dry run, would do.
// limit bounds the lists of changes and skipped rows (0: no bound), so a
// national list still fits in a few chat messages.
func importReport(l *texts.Lang, p *office.Plan, file string, dry bool, limit int) string {
	f := p.File
	var b strings.Builder
	line := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	if dry {
		line(l.ImportHeadDry(esc(file), esc(f.Sheet), linesText(f.HeaderLines)))
	} else {
		line(l.ImportHeadDone(esc(file), esc(f.Sheet), linesText(f.HeaderLines)))
	}
	switch {
	case p.Decision != nil:
		line(l.ImportDecision(esc(p.Decision.String()), l.ImportDecisionGiven))
	case f.Decision != nil:
		line(l.ImportDecision(esc(f.Decision.String()), l.ImportDecisionTitle))
	}

	if dry {
		line(l.ImportColumns)
		for _, c := range columnLines(l, f.Columns) {
			line(c)
		}
		if f.Columns.Code < 0 {
			line(l.ImportNoCode)
		}
		if f.Columns.Parent < 0 {
			line(l.ImportNoParent)
		}
		line(l.ImportFirstRows)
		for _, c := range p.Changes[:min(previewRows, len(p.Changes))] {
			line(rowAsStored(l, c))
		}
	}

	if len(f.Skipped) > 0 {
		line(l.ImportSkipped)
		for i, s := range f.Skipped {
			if limit > 0 && i == limit {
				line(l.ImportMore(len(f.Skipped) - limit))
				break
			}
			line(skipText(l, s))
		}
	}
	if warnings := append(append([]office.RowError(nil), f.Warnings...), p.Warnings...); len(warnings) > 0 {
		line(l.ImportWarnings)
		for _, w := range warnings {
			line("• " + rowError(l, w))
		}
	}

	created, updated, unchanged, figures := p.Counts()
	if created+updated == 0 {
		line(l.ImportIdentical)
		return strings.TrimRight(b.String(), "\n")
	}
	line(l.ImportChanges)
	shown := 0
	for _, c := range p.Changes {
		if !c.Changed() {
			continue
		}
		if limit > 0 && shown == limit {
			line(l.ImportMore(created + updated - limit))
			break
		}
		shown++
		line(l.ImportChangeItem(esc(c.Name.To), esc(c.Row.Code), changeText(l, c, f.Decision)))
	}
	if dry {
		line(l.ImportTotalDry(created, updated, unchanged, figures))
	} else {
		line(l.ImportTotalDone(created, updated, unchanged, figures))
	}
	return strings.TrimRight(b.String(), "\n")
}

// skipText says why a row is not an organization.
func skipText(l *texts.Lang, s office.SkippedRow) string {
	line, text := strconv.Itoa(s.Line), esc(s.Text)
	switch s.Kind {
	case office.RowSection:
		return l.ImportSkipSection(line, text)
	case office.RowTotal:
		return l.ImportSkipTotal(line, text)
	case office.RowNumbering:
		return l.ImportSkipNumbering(line, text)
	}
	return l.ImportSkipSignature(line, text)
}

func linesText(lines []int) string {
	s := make([]string, len(lines))
	for i, n := range lines {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "–")
}

// columnLines says what each column of the header became.
func columnLines(l *texts.Lang, c office.Columns) []string {
	what := map[int]string{}
	set := func(i int, s string) {
		if i >= 0 {
			what[i] = s
		}
	}
	set(c.Ordinal, l.ImportFieldOrdinal)
	set(c.Code, l.ImportFieldCode)
	set(c.Name, l.ImportFieldName)
	set(c.Parent, l.ImportFieldParent)
	for _, q := range c.Quotas {
		set(q.Index, l.ImportFieldQuota(strconv.Itoa(q.Year)))
	}
	for _, t := range c.Terms {
		set(t.Index, l.ImportFieldTerm(t.Term.String()))
	}
	for _, a := range c.Admitted {
		set(a.Index, l.ImportFieldAdmitted(strconv.Itoa(a.Year)))
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
			out = append(out, l.ImportColItem(col, esc(oneLine(h)), what[j]))
		case ignored[j] == office.IgnoredNote:
			out = append(out, l.ImportColIgnored(col, esc(oneLine(h)), l.ImportWhyNote))
		case ignored[j] != "":
			out = append(out, l.ImportColIgnored(col, esc(oneLine(h)), l.ImportWhyUnknown))
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// rowAsStored is one organization as the import will store it.
func rowAsStored(l *texts.Lang, c office.OrgChange) string {
	var extra strings.Builder
	if c.Group.To != "" {
		extra.WriteString(l.ImportRowGroup(esc(c.Group.To)))
	}
	if c.Parent.ToSet {
		extra.WriteString(l.ImportRowParent(esc(c.Parent.To)))
	}
	for _, fg := range figures(l, c) {
		extra.WriteString(l.ImportRowFigure(fg.label, amount(l, fg, fg.ch.To, fg.ch.ToSet)))
	}
	return l.ImportRowItem(strconv.Itoa(c.Row.Line), esc(c.Name.To), esc(c.Row.Code), extra.String())
}

type figure struct {
	label string
	ch    office.Change[int]
	total bool // an admitted total, not a quota
}

// figures lists an organization's figures in the file: years, terms, then
// the totals of years before the bot.
func figures(l *texts.Lang, c office.OrgChange) []figure {
	var out []figure
	years := make([]int, 0, len(c.Quotas))
	for y := range c.Quotas {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		out = append(out, figure{l.ImportFieldQuota(strconv.Itoa(y)), c.Quotas[y], false})
	}
	terms := make([]office.Span, 0, len(c.Terms))
	for t := range c.Terms {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(a, b int) bool { return terms[a].From < terms[b].From })
	for _, t := range terms {
		out = append(out, figure{l.ImportFieldTerm(t.String()), c.Terms[t], false})
	}
	past := make([]int, 0, len(c.Admitted))
	for y := range c.Admitted {
		past = append(past, y)
	}
	sort.Ints(past)
	for _, y := range past {
		out = append(out, figure{l.ImportFieldAdmitted(strconv.Itoa(y)), c.Admitted[y], true})
	}
	return out
}

func amount(l *texts.Lang, fg figure, n int, set bool) string {
	switch {
	case !set && fg.total:
		return l.ImportNoTotal
	case !set:
		return l.ImportNone
	}
	return l.Num(n)
}

// changeText lists what changes for one organization, field by field.
func changeText(l *texts.Lang, c office.OrgChange, d *office.Decision) string {
	var parts []string
	switch {
	case c.New && c.Generated:
		parts = append(parts, l.ImportChangeNewCode)
	case c.New:
		parts = append(parts, l.ImportChangeNew)
	}
	if !c.New && c.Name.Changed() {
		parts = append(parts, l.ImportChangeRenamed(esc(c.Name.From)))
	}
	switch {
	case c.New && c.Parent.ToSet:
		parts = append(parts, l.ImportChangeUnder(esc(c.Parent.To)))
	case !c.New && c.Parent.Changed():
		parts = append(parts, l.ImportChangeMoved(parentText(l, c.Parent.From, c.Parent.FromSet), parentText(l, c.Parent.To, c.Parent.ToSet)))
	}
	if !c.New && c.Group.Changed() {
		parts = append(parts, l.ImportChangeGroup(groupText(c.Group.From), groupText(c.Group.To)))
	}
	for _, fg := range figures(l, c) {
		switch {
		case c.New && fg.ch.ToSet:
			parts = append(parts, l.ImportChangeSet(fg.label, l.Num(fg.ch.To)))
		case !c.New && fg.ch.Changed():
			parts = append(parts, l.ImportChangeFigure(fg.label, amount(l, fg, fg.ch.From, fg.ch.FromSet), amount(l, fg, fg.ch.To, fg.ch.ToSet)))
		}
	}
	if n := len(c.DecidedYears) + len(c.DecidedTerms); n > 0 && d != nil {
		var what []string
		for _, y := range c.DecidedYears {
			what = append(what, l.ImportFieldQuota(strconv.Itoa(y)))
		}
		for _, t := range c.DecidedTerms {
			what = append(what, l.ImportFieldTerm(t.String()))
		}
		parts = append(parts, l.ImportChangeDecision(esc(d.String()), strings.Join(what, ", ")))
	}
	for _, y := range sortedYears(c.EarlierYears) {
		parts = append(parts, l.ImportChangeEarlier(l.ImportFieldQuota(strconv.Itoa(y)), esc(c.EarlierYears[y].String())))
	}
	if !c.New && c.Order.Changed() && c.Order.FromSet {
		parts = append(parts, l.ImportChangeOrder(l.Num(c.Order.From), l.Num(c.Order.To)))
	}
	return strings.Join(parts, "; ")
}

func parentText(l *texts.Lang, code string, set bool) string {
	if !set || code == "" {
		return l.ImportTopLevel
	}
	return "<code>" + esc(code) + "</code>"
}

func groupText(g string) string {
	if g == "" {
		return "—"
	}
	return esc(g)
}

// importRefusal says why a file was not imported: every mistake of its
// rows, or what is wrong with the file as a whole and what to do; year is
// the one the example header names.
func importRefusal(l *texts.Lang, err error, year string) string {
	var ie *office.ImportError
	var nq *office.NoQuotaColumnError
	switch {
	case errors.As(err, &ie):
		lines := []string{l.ImportRefused(len(ie.Errors))}
		for _, e := range ie.Errors {
			lines = append(lines, rowError(l, e))
		}
		return strings.Join(lines, "\n")
	case errors.As(err, &nq):
		cols := make([]string, len(nq.Columns))
		for i, c := range nq.Columns {
			cols[i] = fmt.Sprintf("\"%s\"", esc(oneLine(c)))
		}
		return l.ImpNoQuotaColumn(strings.Join(cols, ", "))
	}
	return l.ImportBadFile(fileProblem(l, err), year)
}

func sortedYears(m map[int]office.Decision) []int {
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}
