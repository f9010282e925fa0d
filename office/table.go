package office

import (
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// TableWords are the words of the year's table in the reader's language.
// The chat writes them, so the file says what the chat says.
type TableWords struct {
	Title    string
	Headers  []string // code, name, quota, admitted, percent, expected, shortfall, status
	Total    string   // the label of the committee's row
	Status   func(quota.Progress) string
	Yes      string // marks an organization at risk
	Band     func(quota.RatingBand) string
	Pipeline SheetWords
	Rating   SheetWords
	// Own and Subtotal label a parent's own row and the subtotal of its
	// subtree, so that neither is read as the other.
	Own, Subtotal func(name string) string
	// Admissions is the sheet of every named admission; Field names a
	// corrected field.
	Admissions SheetWords
	Field      func(quota.Field) string
	// Terms are the words of the sheets of the term, the decisions and the years.
	Terms TermWords
}

// SheetWords are the name, headers and opening note of an extra sheet.
type SheetWords struct {
	Name    string
	Headers []string
	Note    string
}

// TableSpec is what the year's table is built from besides the database.
type TableSpec struct {
	Year  int
	Today quota.Date
	Pace  quota.Pace
	Bands []quota.RatingBand // highest first, at least one
	Words TableWords
	Zone  *time.Location // the committee's, for the moments in the sheet of admissions
}

// ExportTable writes the year's table from the database as .xlsx, or as
// .csv when format is "csv": the service behind `quotabot export`.
func ExportTable(db *storage.DB, w io.Writer, format string, spec TableSpec) error {
	return db.View(func(tx *storage.Tx) error {
		t, err := BuildTable(tx, spec)
		if err != nil {
			return err
		}
		if format == "csv" {
			return WriteCSV(w, t)
		}
		return WriteXLSX(w, t)
	})
}

// BuildTable is the year's table in tree order: every organization with
// its own figures, each parent followed by a subtotal of its subtree, and
// the committee's total.
func BuildTable(tx *storage.Tx, spec TableSpec) (Table, error) {
	year, w := spec.Year, spec.Words
	if w.Own == nil || w.Subtotal == nil {
		same := func(name string) string { return name }
		w.Own, w.Subtotal = same, same
	}
	on := quota.AsOf(year, spec.Today)
	orgs, err := tx.Orgs()
	if err != nil {
		return Table{}, err
	}
	children := map[string][]quota.Org{}
	known := map[string]bool{}
	for _, o := range orgs {
		known[o.Code] = true
	}
	for _, o := range orgs {
		parent := o.Parent
		if !known[parent] {
			parent = ""
		}
		children[parent] = append(children[parent], o)
	}
	// The decision's order, not the codes' (quota.InListOrder).
	for _, kids := range children {
		quota.InListOrder(kids)
	}
	t := Table{
		Title: w.Title, Year: year, AsOf: on.Time(), Headers: w.Headers,
	}
	row := func(level int, code, name string, tl quota.Tally, expected int, subtotal bool) TableRow {
		p := quota.Progress{Org: code, Year: year, On: on, Quota: tl.Quota, Admitted: tl.Admitted, Expected: expected}
		return TableRow{Level: level, Code: code, Name: name, Quota: p.Quota, Admitted: p.Admitted,
			Expected: p.Expected, Shortfall: p.Shortfall(), Status: w.Status(p), Subtotal: subtotal}
	}
	seen := map[string]bool{}
	// walk adds an organization and its subtree, returning the subtree's sums.
	var walk func(o quota.Org, level int) (quota.Tally, int)
	walk = func(o quota.Org, level int) (quota.Tally, int) {
		seen[o.Code] = true
		var own quota.Tally
		exp := 0
		kids := children[o.Code]
		// From its deactivation on, an organization counts in no total:
		// its row is left out, those below it stay.
		if o.CountsOn(on) {
			own = tx.Tally(year, o.Code)
			exp = spec.Pace.Expected(own.Quota, year, on)
			// A parent's own row says it is its own share, so that the
			// subtotal below it is not read as a second copy.
			name := o.Name
			if len(kids) > 0 {
				name = w.Own(o.Name)
			}
			t.Rows = append(t.Rows, row(level, o.Code, name, own, exp, false))
		}
		sum, sumExp := own, exp
		for _, c := range kids {
			if seen[c.Code] {
				continue
			}
			ct, ce := walk(c, level+1)
			sum.Quota += ct.Quota
			sum.Admitted += ct.Admitted
			sumExp += ce
		}
		if len(kids) > 0 {
			t.Rows = append(t.Rows, row(level, o.Code, w.Subtotal(o.Name), sum, sumExp, true))
		}
		return sum, sumExp
	}
	var total quota.Tally
	totalExp := 0
	for _, o := range children[""] {
		st, se := walk(o, 0)
		total.Quota += st.Quota
		total.Admitted += st.Admitted
		totalExp += se
	}
	t.Total = row(0, "", w.Total, total, totalExp, true)
	pipeline, err := pipelineSheet(tx, w, orgs, year)
	if err != nil {
		return t, err
	}
	rating := ratingSheet(tx, w, spec.Bands, orgs, year)
	named, err := admissionsSheet(tx, spec, orgs)
	if err != nil {
		return t, err
	}
	t.Sheets = append(t.Sheets, pipeline, rating, named)
	terms, err := termSheets(tx, spec, orgs)
	if err != nil {
		return t, err
	}
	t.Sheets = append(t.Sheets, terms...)
	return t, nil
}

// admissionsSheet lists every admission of the year, organization by
// organization: its date, decision number, who reported it and when, its
// corrections, and whether it was retracted.
func admissionsSheet(tx *storage.Tx, spec TableSpec, orgs []quota.Org) (Sheet, error) {
	w := spec.Words
	if w.Field == nil {
		w.Field = func(f quota.Field) string { return string(f) }
	}
	zone := spec.Zone
	if zone == nil {
		zone = time.UTC
	}
	sh := Sheet{Name: w.Admissions.Name, Headers: w.Admissions.Headers}
	names := map[int64]string{}
	if err := tx.EachUser(func(u quota.User) error {
		names[u.ID] = u.Name
		return nil
	}); err != nil {
		return sh, err
	}
	reporter := func(id int64) string {
		switch {
		case id == 0:
			return ""
		case names[id] != "":
			return names[id] + " (" + strconv.FormatInt(id, 10) + ")"
		}
		return strconv.FormatInt(id, 10)
	}
	day := func(t time.Time) string { return quota.DateOf(t.In(zone)).String() }
	for _, o := range orgs {
		all, err := tx.AllAdmissionsOf(o.Code, spec.Year)
		if err != nil {
			return sh, err
		}
		for _, a := range all {
			retracted := ""
			if a.Retracted {
				retracted = w.Yes + ", " + day(a.RetractedAt)
			}
			var fixes []string
			for _, c := range a.Corrections {
				fixes = append(fixes, w.Field(c.Field)+": "+c.Old+" → "+c.New+" ("+day(c.At)+")")
			}
			reported := ""
			if !a.ReportedAt.IsZero() {
				reported = a.ReportedAt.In(zone).Format("02/01/2006 15:04")
			}
			sh.Rows = append(sh.Rows, []any{o.Code, o.Name, a.Name, a.Date.String(), a.Decision, reporter(a.ReportedBy),
				reported, retracted, strings.Join(fixes, "; ")})
		}
	}
	return sh, nil
}

// pipelineSheet lists each organization's candidates by source, the
// early warning and the conversion of the year's introductions.
func pipelineSheet(tx *storage.Tx, w TableWords, orgs []quota.Org, year int) (Sheet, error) {
	sh := Sheet{Name: w.Pipeline.Name, Headers: w.Pipeline.Headers}
	for _, o := range orgs {
		cands, err := tx.CandidatesOf(o.Code)
		if err != nil {
			return sh, err
		}
		var ps quota.PipelineCount
		ps.Add(year, cands...)
		row := []any{o.Code, o.Name}
		for _, s := range quota.Sources {
			row = append(row, ps.BySource[s])
		}
		adv := tx.Advanced(o.Code)
		risk := ""
		if quota.AtRisk(tx.Tally(year, o.Code), adv) {
			risk = w.Yes
		}
		var conv any = ""
		if ps.Introduced > 0 {
			conv = round1(quota.Percent(ps.Admitted, ps.Introduced))
		}
		row = append(row, adv, risk, ps.Introduced, ps.Admitted, conv)
		sh.Rows = append(sh.Rows, row)
	}
	return sh, nil
}

// ratingSheet is the advisory rating table: achievement in bands, labelled
// as input to the rating, not a rating.
func ratingSheet(tx *storage.Tx, w TableWords, bands []quota.RatingBand, orgs []quota.Org, year int) Sheet {
	sh := Sheet{Name: w.Rating.Name, Headers: w.Rating.Headers}
	sh.Rows = append(sh.Rows, []any{"", w.Rating.Note})
	on := quota.Date{Year: year, Month: 12, Day: 31}
	for _, o := range orgs {
		t := tx.Tally(year, o.Code)
		if t.Quota <= 0 || !o.CountsOn(on) {
			continue
		}
		pct := quota.Percent(t.Admitted, t.Quota)
		sh.Rows = append(sh.Rows, []any{o.Code, o.Name, t.Quota, t.Admitted, round1(pct), w.Band(quota.Band(bands, pct))})
	}
	return sh
}

// round1 keeps one decimal, as the chat shows percentages.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
