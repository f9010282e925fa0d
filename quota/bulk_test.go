package quota_test

import (
	"errors"
	"testing"

	"quotabot/quota"
)

func resolver(t *testing.T) quota.Resolver {
	t.Helper()
	return func(w string) (string, error) {
		switch quota.SearchKey(w) {
		case "cb_01", "chi bo van phong":
			return "CB_01", nil
		case "cb_02":
			return "CB_02", nil
		case "chi bo kho":
			return "", quota.ErrAmbiguousOrg
		case "cb_old":
			return "", quota.ErrInactiveOrg
		}
		return "", quota.ErrUnknownOrg
	}
}

func TestCheckBulk(t *testing.T) {
	today := quota.Date{Year: 2026, Month: 10, Day: 15}
	lines := []quota.BulkLine{
		{Line: 2, Org: "CB_01", Name: " Lê  Văn Hùng ", Date: "15/03/2026", Decision: "12-QĐ/ĐU", Birth: "01/02/1990"},
		{Line: 3, Org: "Chi bộ Văn phòng", Name: "Lê Văn Hưng", Date: "15/03/2026"}, // another person: diacritics count
		{Line: 4, Org: "cb_01", Name: "lê văn hùng", Date: "15/03/2026"},            // the first again
		{Line: 5, Org: "CB_02", Name: "Lê Văn Hùng", Date: "15/03/2026"},            // another organization
		{Line: 6, Org: "CB_99", Name: "Trần Thị B", Date: "01/04/2026"},
		{Line: 7, Org: "Chi bộ Kho", Name: "Trần Thị C", Date: "01/04/2026"},
		{Line: 8, Org: "CB_OLD", Name: "Trần Thị D", Date: "01/04/2026"},
		{Line: 9, Org: "", Name: "Trần Thị E", Date: "01/04/2026"},
		{Line: 10, Org: "CB_01", Name: "Trần Thị G", Date: ""},
		{Line: 11, Org: "CB_01", Name: "Trần Thị H", Date: "01/12/2026"},
		{Line: 12, Org: "CB_01", Name: "Trần Thị I", Date: "01/12/2024"},
		{Line: 13, Org: "CB_01", Name: "Trần Thị K", Date: "31/02/2026"},
		{Line: 14, Org: "CB_01", Name: "Trần Thị L", Date: "01/03/2026", Birth: "02/03/2008"},
		{Line: 15, Org: "CB_01", Name: "Trần Thị M", Date: "01/03/2026", Birth: "01/03/2008"}, // 18 that day
		{Line: 16, Org: "CB_01", Name: "Trần Thị N", Date: "01/03/2026", Birth: "01/03/2027"},
		{Line: 17, Org: "CB_01", Name: "12345", Date: "01/03/2026"},
		{Line: 18, Org: "CB_01", Name: "Trần Thị P", Date: "01/03/2026", Birth: "ngày sinh"},
		{Line: 19, Org: "CB_01", Name: "Trần Thị Q", Date: "01/03/26", Birth: "12/05/90"}, // as a CSV export writes dates
		{Line: 20, Org: "CB_01", Name: "Trần Thị R", Date: "01/03/26", Birth: "12/05/10"},
	}
	got, errs := quota.CheckBulk(lines, today, resolver(t))
	var ok []int
	for _, a := range got {
		ok = append(ok, a.Line)
	}
	if len(ok) != 5 || ok[0] != 2 || ok[1] != 3 || ok[2] != 5 || ok[3] != 15 || ok[4] != 19 {
		t.Fatalf("accepted lines %v, want [2 3 5 15 19]", ok)
	}
	if b := got[4].Birth; b != (quota.Date{Year: 1990, Month: 5, Day: 12}) || got[4].Date.Year != 2026 {
		t.Errorf("two-digit years read as %v, born %v", got[4].Date, b)
	}
	if got[0].Name != "Lê Văn Hùng" || got[0].Org != "CB_01" || got[0].Decision != "12-QĐ/ĐU" ||
		got[0].Birth != (quota.Date{Year: 1990, Month: 2, Day: 1}) || got[1].Org != "CB_01" {
		t.Errorf("first lines read as %+v, %+v", got[0], got[1])
	}
	want := map[int]error{4: quota.ErrDupInFile, 6: quota.ErrUnknownOrg, 7: quota.ErrAmbiguousOrg, 8: quota.ErrInactiveOrg,
		9: quota.ErrNoOrg, 10: quota.ErrNoDate, 11: quota.ErrFutureDate, 12: quota.ErrOldDate, 13: quota.ErrImpossibleDate,
		14: quota.ErrTooYoung, 16: quota.ErrBirthLate, 17: quota.ErrAbsurdName, 18: quota.ErrBadDate, 20: quota.ErrTooYoung}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d: %v", len(errs), len(want), errs)
	}
	for _, e := range errs {
		if w, ok := want[e.Line]; !ok || !errors.Is(e.Err, w) {
			t.Errorf("line %d: %v, want %v", e.Line, e.Err, w)
		}
	}
	if _, errs := quota.CheckBulk(nil, today, resolver(t)); len(errs) != 1 || !errors.Is(errs[0].Err, quota.ErrNoLines) {
		t.Errorf("an empty file: %v", errs)
	}
}

func FuzzCheckBulk(f *testing.F) {
	f.Add("CB_01", "Lê Văn Hùng", "15/03/2026", "12-QĐ/ĐU", "01/02/1990")
	f.Add("Chi bộ Văn phòng", "  ", "31/02/2026", "", "x")
	today := quota.Date{Year: 2026, Month: 10, Day: 15}
	f.Fuzz(func(t *testing.T, org, name, date, decision, birth string) {
		lines := []quota.BulkLine{{Line: 2, Org: org, Name: name, Date: date, Decision: decision, Birth: birth}}
		got, errs := quota.CheckBulk(lines, today, func(string) (string, error) { return "CB_01", nil })
		if len(got)+len(errs) != 1 {
			t.Fatalf("%d accepted and %d refused of one line", len(got), len(errs))
		}
		for _, a := range got {
			if today.Before(a.Date) || a.Date.Year < today.Year-1 || a.Name == "" {
				t.Fatalf("accepted %+v", a)
			}
		}
	})
}
