package office

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzClassifyRow gives the row classifier any row below a fixed header:
// it must not panic, must call a row empty exactly when it is, and a row
// it calls an organization must be read as one without losing a figure.
func FuzzClassifyRow(f *testing.F) {
	for _, seed := range []string{
		"I|ĐẢNG BỘ CƠ SỞ||", "1|Chi bộ A|3|-", "|Tổng cộng|45|38", "|T/M BAN THƯỜNG VỤ||",
		"||BÍ THƯ|", "(1)|(2)|(3)|(4)", "II.|CHI BỘ CƠ SỞ|2|", "x|x|x|x", "|Nguyễn Văn An||", "Cộng|||",
		"A. Khối doanh nghiệp|||", "|Hà Nội, ngày 11 tháng 4 năm 2019||",
	} {
		f.Add(seed, false, false)
	}
	cols, _, ok := parseHeader([]string{"STT", "Tên đơn vị", "Chỉ tiêu 2026", "Giai đoạn 2026-2030"}, nil, 1)
	if !ok {
		f.Fatal("the header is not read")
	}
	figs := figureColumns(cols)
	f.Fuzz(func(t *testing.T, row string, footer, first bool) {
		rec := strings.Split(row, "|")
		g := &grid{rows: [][]string{rec}, lines: []int{2}}
		kind, text := classifyRow(g, 0, cols, figs, footer, first)
		if (kind == RowEmpty) != isEmptyRow(rec) {
			t.Fatalf("%q: kind %q, empty %v", row, kind, isEmptyRow(rec))
		}
		switch kind {
		case RowEmpty, RowOrg, RowSection, RowTotal, RowSignature, RowNumbering:
		default:
			t.Fatalf("unknown kind %q", kind)
		}
		if kind != RowEmpty && kind != RowOrg && text == "" {
			t.Fatalf("%q: a skipped row must be named", row)
		}
		if kind == RowOrg {
			r, errs := parseRow(g, 0, cols, figs)
			if len(errs) == 0 {
				for _, fc := range figs {
					if _, ok, _ := parseQuota(cell(rec, fc.index)); ok && len(r.Quotas)+len(r.Terms) == 0 {
						t.Fatalf("%q: a figure was lost", row)
					}
				}
			}
		}
		if kind == RowSignature && !footer && rowFigures(rec, figs) != nil {
			for _, c := range rec {
				if signatureWords.MatchString(foldText(c)) {
					return
				}
			}
			t.Fatalf("%q: a row with figures taken for a signature", row)
		}
	})
}

// FuzzODSContent gives the OpenDocument reader any content.xml: it must
// not panic, and every row it returns must have its line.
func FuzzODSContent(f *testing.F) {
	const ns = `xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"`
	for _, seed := range []string{
		`<office:document-content ` + ns + `><office:body><office:spreadsheet><table:table table:name="A"><table:table-column table:number-columns-repeated="2" table:visibility="collapse"/><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>001</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>a<text:s text:c="3"/>b</text:p></table:table-cell><table:covered-table-cell/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`,
		`<office:document-content ` + ns + `><table:table><table:table-row table:visibility="collapse" table:number-rows-repeated="3"><table:table-cell><text:p>x</text:p><text:p>y</text:p></table:table-cell></table:table-row></table:table></office:document-content>`,
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		grids, err := parseODSContent(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, g := range grids {
			if len(g.rows) != len(g.lines) {
				t.Fatalf("%d rows, %d lines", len(g.rows), len(g.lines))
			}
			for i := range g.rows {
				for j := range g.rows[i] {
					_ = g.text(i, j)
				}
			}
		}
	})
}
