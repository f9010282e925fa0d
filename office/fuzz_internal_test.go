package office

import (
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
		if kind != RowEmpty && text == "" {
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
