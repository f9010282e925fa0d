package office_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
)

// registerDB is the committee the test registers name: DU01 over CB01 and
// CB02, and CB03, on a real database file.
func registerDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "quotabot.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	err = db.Update(func(tx *storage.Tx) error {
		for _, o := range []quota.Org{
			{Code: "DU01", Name: "Đảng ủy Công ty Cổ phần Sông Hồng"},
			{Code: "CB01", Name: "Chi bộ Phân xưởng Cơ khí", Parent: "DU01"},
			{Code: "CB02", Name: "Chi bộ Kho vận", Parent: "DU01"},
			{Code: "CB03", Name: "Chi bộ Văn phòng"},
		} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// stored describes every admission, its audit fields included.
func stored(t *testing.T, db *storage.DB) []string {
	t.Helper()
	var out []string
	err := db.View(func(tx *storage.Tx) error {
		return tx.EachAdmission(func(a quota.Admission) error {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s|%d|%s", a.Org, a.Name, a.Date, a.Decision, a.Birth, a.ReportedBy, a.Imported))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	registerToday = quota.Date{Year: 2026, Month: 10, Day: 15}
	registerAt    = time.Date(2026, 10, 15, 9, 0, 0, 0, time.UTC)
)

func importRegister(t *testing.T, db *storage.DB, name string, dry bool) (office.AdmissionsResult, error) {
	t.Helper()
	rows, err := readRegister(t, name)
	if err != nil {
		t.Fatal(err)
	}
	src := office.AdmissionSource{File: name, By: 42, Who: "admin 42", At: registerAt}
	return office.ImportAdmissions(db, rows, src, registerToday, dry)
}

func TestImportAdmissions(t *testing.T) {
	db := registerDB(t)
	// A dry run says what would be recorded and records nothing.
	res, err := importRegister(t, db, "register.xlsx", true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 5 || len(stored(t, db)) != 0 {
		t.Fatalf("dry run: %+v, stored %q", res, stored(t, db))
	}
	res, err = importRegister(t, db, "register.xlsx", false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 5 || len(res.Known) != 0 || !slices.Equal(res.Years, []int{2025, 2026}) ||
		res.ByOrg["CB01"] != 2 || res.ByOrg["CB02"] != 1 || res.ByOrg["CB03"] != 2 {
		t.Errorf("result = %+v", res)
	}
	// Hùng and Hưng on one day are two people; the second is pointed out.
	if len(res.Similar) != 1 || res.Similar[0].Name != "Lê Văn Hưng" || res.Similar[0].Recorded != "Lê Văn Hùng" || res.Similar[0].Line != 5 {
		t.Errorf("similar = %+v", res.Similar)
	}
	want := []string{
		"CB01|Lê Văn Hùng|15/03/2026|101-QĐ/ĐU|12/05/1990|42|register.xlsx, line 4, by admin 42",
		"CB01|Lê Văn Hưng|15/03/2026|102-QĐ/ĐU|03/07/1992|42|register.xlsx, line 5, by admin 42",
		"CB02|Trần Thị Mai|02/04/2026|103-QĐ/ĐU|00/00/0000|42|register.xlsx, line 6, by admin 42",
		"CB03|Nguyễn Ngọc Ánh|10/06/2025|57-QĐ/ĐU|20/11/1998|42|register.xlsx, line 7, by admin 42",
		"CB03|Phạm Đức Thắng|01/09/2026||00/00/0000|42|register.xlsx, line 8, by admin 42",
	}
	if got := stored(t, db); !slices.Equal(got, want) {
		t.Errorf("stored:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	err = db.View(func(tx *storage.Tx) error {
		if tl := tx.Tally(2026, "CB01"); tl.Admitted != 2 {
			t.Errorf("CB01 2026 counts %d", tl.Admitted)
		}
		if tl := tx.Tally(2025, "CB03"); tl.Admitted != 1 {
			t.Errorf("CB03 2025 counts %d", tl.Admitted)
		}
		audit, err := tx.Audit()
		if len(audit) != 1 || audit[0].What != "5 admissions imported from register.xlsx by admin 42" || audit[0].By != 42 {
			t.Errorf("audit = %+v", audit)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// The same people again, from the CSV the same register was saved as:
	// recognized, not doubled.
	res, err = importRegister(t, db, "register.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || len(res.Known) != 5 || len(stored(t, db)) != 5 {
		t.Errorf("again: added %d, known %d, stored %d", res.Added, len(res.Known), len(stored(t, db)))
	}
}

func TestImportAdmissionsRefusesTheWholeFile(t *testing.T) {
	db := registerDB(t)
	_, err := importRegister(t, db, "register-bad.xlsx", false)
	var le *office.LinesError
	if !errors.As(err, &le) {
		t.Fatalf("error %v, want a *LinesError", err)
	}
	want := map[int]error{3: quota.ErrUnknownOrg, 4: quota.ErrFutureDate, 5: quota.ErrDupInFile, 6: quota.ErrTooYoung,
		7: quota.ErrUnknownOrg, 8: quota.ErrImpossibleDate}
	if len(le.Errors) != len(want) {
		t.Errorf("%d errors, want %d: %v", len(le.Errors), len(want), le)
	}
	for _, e := range le.Errors {
		if w, ok := want[e.Line]; !ok || !errors.Is(e.Err, w) {
			t.Errorf("line %d: %v, want %v", e.Line, e.Err, w)
		}
	}
	if !strings.Contains(le.Error(), "line 5: the same person is twice in the file (line 2)") {
		t.Errorf("message:\n%s", le.Error())
	}
	if got := stored(t, db); len(got) != 0 {
		t.Errorf("a refused file stored %q", got)
	}
}

func TestImportAdmissionsRefusesADeactivatedOrganization(t *testing.T) {
	db := registerDB(t)
	if err := db.Update(func(tx *storage.Tx) error {
		_, err := tx.PutOrg(quota.Org{Code: "CB03", Name: "Chi bộ Văn phòng", Inactive: true})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "admissions", "export.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := office.ReadAdmissions("export.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows = append(rows, office.AdmissionRow{Line: 4, Org: "chi bo van phong", Name: "Vũ Thị Yến", Date: "01/06/2026"})
	_, err = office.ImportAdmissions(db, rows, office.AdmissionSource{File: "export.xlsx", Who: "test", At: registerAt}, registerToday, false)
	var le *office.LinesError
	if !errors.As(err, &le) || len(le.Errors) != 1 || le.Errors[0].Line != 4 || !errors.Is(le.Errors[0].Err, quota.ErrInactiveOrg) {
		t.Errorf("error %v", err)
	}
}
