package office_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotabot/office"
)

func readRegister(t *testing.T, name string) ([]office.AdmissionRow, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "admissions", name))
	if err != nil {
		t.Fatal(err)
	}
	return office.ReadAdmissions(name, bytes.NewReader(data))
}

// The register as LibreOffice wrote it, as a workbook with date cells and
// as a semicolon CSV with two-digit years, reads the same but for the way
// the dates are written.
func TestReadAdmissionsFromLibreOffice(t *testing.T) {
	want := []office.AdmissionRow{
		{Line: 4, Org: "CB01", Name: "Lê Văn Hùng", Date: "15/03/2026", Decision: "101-QĐ/ĐU", Birth: "12/05/1990"},
		{Line: 5, Org: "CB01", Name: "Lê Văn Hưng", Date: "15/03/2026", Decision: "102-QĐ/ĐU", Birth: "03/07/1992"},
		{Line: 6, Org: "Chi bộ Kho vận", Name: "Trần Thị Mai", Date: "02/04/2026", Decision: "103-QĐ/ĐU"},
		{Line: 7, Org: "CB03", Name: "Nguyễn Ngọc Ánh", Date: "10/06/2025", Decision: "57-QĐ/ĐU", Birth: "20/11/1998"},
		{Line: 8, Org: "CB03", Name: "Phạm Đức Thắng", Date: "01/09/2026"},
	}
	for _, name := range []string{"register.xlsx", "register.ods", "register.csv"} {
		t.Run(name, func(t *testing.T) {
			rows, err := readRegister(t, name)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
			}
			for i, r := range rows {
				w := want[i]
				if strings.HasSuffix(name, ".csv") {
					// A CSV keeps the text: dd/mm/yy as the locale shows dates.
					short := func(d string) string {
						if d == "" {
							return ""
						}
						return d[:6] + d[8:]
					}
					w.Date, w.Birth = short(w.Date), short(w.Birth)
				}
				if r != w {
					t.Errorf("row %d = %+v, want %+v", i, r, w)
				}
			}
		})
	}
}

// The database's export written by Gnumeric: English headers, ISO dates
// turned into date cells.
func TestReadAdmissionsFromGnumeric(t *testing.T) {
	rows, err := readRegister(t, "export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (office.AdmissionRow{Line: 2, Org: "CB02", Name: "Đỗ Thị Hạnh", Date: "20/05/2026", Decision: "110-QĐ/ĐU"}) ||
		rows[1].Date != "21/05/2026" {
		t.Errorf("rows = %+v", rows)
	}
}

func TestIsAdmissions(t *testing.T) {
	for name, want := range map[string]bool{"register.xlsx": true, "register.csv": true, "export.xlsx": true} {
		data, err := os.ReadFile(filepath.Join("testdata", "admissions", name))
		if err != nil {
			t.Fatal(err)
		}
		if office.IsAdmissions(name, data) != want {
			t.Errorf("%s: IsAdmissions = %v", name, !want)
		}
	}
	orgs := []byte("STT,Mã,Tên tổ chức,Trực thuộc,Chỉ tiêu 2026\n1,CB01,Chi bộ Văn phòng,,10\n")
	if office.IsAdmissions("orgs.csv", orgs) {
		t.Error("a list of organizations reads as admissions")
	}
}

func TestReadAdmissionsRefusesBadHeaders(t *testing.T) {
	_, err := office.ReadAdmissions("x.csv", strings.NewReader("Mã tổ chức,Họ và tên\nCB01,Lê Văn A\n"))
	if !errors.Is(err, office.ErrNotAdmissions) {
		t.Errorf("no date column: %v", err)
	}
	_, err = office.ReadAdmissions("x.csv", strings.NewReader("Mã,Họ và tên,Ngày kết nạp,Họ tên\nCB01,Lê Văn A,01/02/2026,X\n"))
	var ie *office.ImportError
	if !errors.As(err, &ie) || len(ie.Errors) != 1 || ie.Errors[0].Line != 1 || ie.Errors[0].Kind != office.KindDupColumn {
		t.Errorf("a name column twice: %v", err)
	}
	if _, err := office.ReadAdmissions("x.ods", strings.NewReader("")); err == nil {
		t.Error("an .ods file was read")
	}
}

func FuzzReadAdmissionsCSV(f *testing.F) {
	f.Add([]byte("Mã tổ chức;Họ và tên;Ngày kết nạp;Số quyết định\nCB01;Lê Văn Hùng;15/03/2026;101-QĐ/ĐU\n"))
	f.Add([]byte("org,full name,admission date\n\"CB01\",\"A\"\"B\",x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := office.ReadAdmissions("f.csv", bytes.NewReader(data))
		if err != nil && rows != nil {
			t.Fatalf("rows with an error: %v", err)
		}
		for _, r := range rows {
			if r.Line < 1 {
				t.Fatalf("row without a line: %+v", r)
			}
		}
	})
}
