package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/config"
	"quotabot/quota"
	"quotabot/storage"
)

// officeSetup is a configuration pointing at a database not yet created;
// it returns the folder, the database and the configuration paths.
func officeSetup(t *testing.T) (dir, dbPath, cfgPath string) {
	t.Helper()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "data", "quotabot.db")
	cfgPath = writeConfig(t, dir, fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: error\n", dbPath))
	return dir, dbPath, cfgPath
}

func loadTestConfig(t *testing.T, path string) *config.Config {
	t.Helper()
	cfg, err := config.Load(path, os.Getenv)
	require.NoError(t, err)
	return cfg
}

// committeeRows is DU01 (no quota of its own) over CB01 and CB02, and CB03
// on its own, with quotas for the year summing to 300.
var committeeRows = [][]any{
	{1, "DU01", "Đảng ủy Công ty Cổ phần Sông Hồng", "", ""},
	{2, "CB01", "Chi bộ Phân xưởng Cơ khí", "DU01", 286},
	{3, "CB02", "Chi bộ Kho vận", "DU01", 4},
	{4, "CB03", "Chi bộ Văn phòng", "", 10},
}

// writeQuotaXLSX writes a quota list as the Organization Board keeps it: a
// title block, then the header and the rows.
func writeQuotaXLSX(t testing.TB, path string, year int, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := [][]any{
		{"ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"},
		{fmt.Sprintf("DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM %d", year)},
		{"(Kèm theo Quyết định số 45-QĐ/ĐU)"},
		{"STT", "Mã", "Tên tổ chức", "Trực thuộc", fmt.Sprintf("Chỉ tiêu %d", year)},
	}
	for i, r := range append(all, rows...) {
		ref, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", ref, &r))
	}
	require.NoError(t, f.SaveAs(path))
}

// dbState describes every organization of a closed database with its
// tally for the year; "" when the file does not exist.
func dbState(t *testing.T, path string, year int) string {
	t.Helper()
	if !fileExists(path) {
		return ""
	}
	db, err := storage.Open(path, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	var b strings.Builder
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		orgs, err := tx.Orgs()
		for _, o := range orgs {
			fmt.Fprintf(&b, "%s|%s|%s|%+v\n", o.Code, o.Name, o.Parent, tx.Tally(year, o.Code))
		}
		return err
	}))
	return b.String()
}

func TestImportCommand(t *testing.T) {
	dir, dbPath, cfg := officeSetup(t)
	year := nowIn(loadTestConfig(t, cfg)).Year()
	file := filepath.Join(dir, "chi-tieu.xlsx")
	writeQuotaXLSX(t, file, year, committeeRows)
	code, out, errOut := runCLI(t, "", "import", "-config", cfg, "-dry-run", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Thử nhập, chưa lưu gì. Tệp chi-tieu.xlsx, trang \"Sheet1\", dòng tiêu đề 4.")
	assert.Contains(t, out, fmt.Sprintf("• cột 5 \"Chỉ tiêu %d\" → chỉ tiêu năm %d\n", year, year))
	assert.Contains(t, out, fmt.Sprintf("• dòng 6: Chi bộ Phân xưởng Cơ khí (CB01), trực thuộc DU01; chỉ tiêu năm %d: 286\n", year))
	assert.Contains(t, out, "Sẽ có: 4 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 3 chỉ tiêu thay đổi.")
	assert.NotContains(t, out, "<b>", "plain text on a terminal")
	assert.Empty(t, dbState(t, dbPath, year), "a dry run keeps nothing")
	assert.NoFileExists(t, dbPath, "a dry run does not create the database")

	code, out, errOut = runCLI(t, "", "import", "-config", cfg, "-lang", "en", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Imported. File chi-tieu.xlsx")
	assert.Contains(t, out, "Result: 4 new organizations, 0 updated, 0 unchanged; 3 quotas changed.")
	want := "CB01|Chi bộ Phân xưởng Cơ khí|DU01|{Quota:286 Admitted:0}\n" +
		"CB02|Chi bộ Kho vận|DU01|{Quota:4 Admitted:0}\n" +
		"CB03|Chi bộ Văn phòng||{Quota:10 Admitted:0}\n" +
		"DU01|Đảng ủy Công ty Cổ phần Sông Hồng||{Quota:0 Admitted:0}\n"
	assert.Equal(t, want, dbState(t, dbPath, year))

	code, out, errOut = runCLI(t, "", "import", "-config", cfg, "-dry-run", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.", "a dry run on the database that exists")
	code, out, errOut = runCLI(t, "", "import", "-config", cfg, file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.")
	assert.Equal(t, want, dbState(t, dbPath, year), "the same file again changes nothing")
}

func TestImportCommandRefusesBadRowsWhole(t *testing.T) {
	dir, dbPath, cfg := officeSetup(t)
	year := nowIn(loadTestConfig(t, cfg)).Year()
	seed(t, dbPath, func(tx *storage.Tx) error { return addOrg(tx, "CB09", year, 7) })
	before := dbState(t, dbPath, year)
	file := filepath.Join(dir, "chi-tieu.csv")
	require.NoError(t, os.WriteFile(file, fmt.Appendf(nil, "code,name,parent,quota_%d\n"+
		"DU01,Đảng ủy Mới,,10\n"+ // line 2, fine
		"CB 01,Chi bộ Một,DU01,3\n"+ // line 3
		"CB02,Chi bộ Hai,DU01,-1\n"+ // line 4
		"CB03,,DU01,2\n"+ // line 5
		"CB04,Chi bộ Bốn,XX99,2\n"+ // line 6
		"CB05,Chi bộ Năm,CB05,1\n"+ // line 7
		"CB09,Chi bộ Chín,,99\n", year), 0o600)) // line 8, fine

	for _, dry := range []bool{false, true} {
		args := []string{"import", "-config", cfg, file}
		if dry {
			args = []string{"import", "-config", cfg, "-dry-run", file}
		}
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, 1, code, errOut)
		assert.Contains(t, errOut, "chi-tieu.csv: Không nhập gì, vì tệp có 5 lỗi (sửa tất cả rồi gửi lại):")
		for _, want := range []string{
			`Dòng 3 (Chi bộ Một): Mã CB 01 chỉ gồm chữ không dấu`,
			`Dòng 4 (Chi bộ Hai): Chỉ tiêu năm ` + strconv.Itoa(year) + ` "-1" không được âm`,
			`Dòng 5: Thiếu tên tổ chức`,
			`Dòng 6 (Chi bộ Bốn): Đơn vị cấp trên XX99 không có trong tệp`,
			`Dòng 7 (Chi bộ Năm): Tổ chức không thể trực thuộc chính nó`,
		} {
			assert.Contains(t, errOut, want)
		}
		assert.NotContains(t, errOut, "Dòng 2")
		assert.NotContains(t, errOut, "Dòng 8")
		assert.Equal(t, before, dbState(t, dbPath, year), "nothing of the file was kept")
	}
}

func TestImportCommandUsage(t *testing.T) {
	dir, dbPath, cfg := officeSetup(t)
	file := filepath.Join(dir, "chi-tieu.xlsx")
	writeQuotaXLSX(t, file, 2026, committeeRows)
	for name, args := range map[string][]string{
		"no file":   {"import", "-config", cfg},
		"two files": {"import", "-config", cfg, file, file},
		"no config": {"import", file},
	} {
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, 2, code, "%s: %s", name, errOut)
	}
	assert.NoFileExists(t, dbPath, "a usage error touches no database")
}

// The command line follows the chat's year rule: /export 1999 is refused,
// so is -year 1999, and -year 1800 writes no file either.
func TestExportCommandYearRule(t *testing.T) {
	dir, _, cfg := officeSetup(t)
	next := time.Now().Year() + 1
	for _, y := range []int{1800, 1999, next + 1} {
		out := filepath.Join(dir, fmt.Sprintf("t%d.xlsx", y))
		code, _, errOut := runCLI(t, "", "export", "-config", cfg, "-year", strconv.Itoa(y), "-o", out)
		assert.Equal(t, 2, code, "%d: %s", y, errOut)
		assert.Contains(t, errOut, fmt.Sprintf("the years that can be exported are 2000 to %d", next), y)
		assert.NoFileExists(t, out)
	}
	out := filepath.Join(dir, "t.xlsx")
	code, _, errOut := runCLI(t, "", "export", "-config", cfg, "-year", "2000", "-o", out)
	assert.Equal(t, 0, code, errOut)
	assert.FileExists(t, out)
}

// expectedTable is the year's table computed from the database and the
// configuration's pace, as records of code, name, quota, admitted,
// percent (a fraction, or "" without quota), expected, shortfall, status.
func expectedTable(t *testing.T, cfgPath, dbPath string, year int, statusText map[quota.Status]string) [][]string {
	t.Helper()
	cfg := loadTestConfig(t, cfgPath)
	pace := botOptions(cfg, nil).Pace
	on := quota.DateOf(nowIn(cfg))
	db, err := storage.Open(dbPath, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	tally := map[string]quota.Tally{}
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		for _, c := range []string{"CB01", "CB02", "CB03", "DU01"} {
			tally[c] = tx.Tally(year, c)
		}
		return nil
	}))
	record := func(code, name string, ts ...quota.Tally) []string {
		var sum quota.Tally
		exp := 0
		for _, t := range ts {
			sum.Quota += t.Quota
			sum.Admitted += t.Admitted
			exp += pace.Expected(t.Quota, year, on)
		}
		p := quota.Progress{Year: year, On: on, Quota: sum.Quota, Admitted: sum.Admitted, Expected: exp}
		pct := ""
		if sum.Quota > 0 {
			pct = strconv.FormatFloat(float64(sum.Admitted)/float64(sum.Quota), 'g', -1, 64)
		}
		return []string{code, name, strconv.Itoa(sum.Quota), strconv.Itoa(sum.Admitted), pct,
			strconv.Itoa(exp), strconv.Itoa(p.Shortfall()), statusText[p.Status()]}
	}
	du := "Đảng ủy Công ty Cổ phần Sông Hồng"
	// In the list's order (STT): DU01 and its cells, then CB03.
	return [][]string{
		record("DU01", fmt.Sprintf(statusText["own"], du), tally["DU01"]),
		record("CB01", "Chi bộ Phân xưởng Cơ khí", tally["CB01"]),
		record("CB02", "Chi bộ Kho vận", tally["CB02"]),
		record("DU01", fmt.Sprintf(statusText["subtotal"], du), tally["DU01"], tally["CB01"], tally["CB02"]),
		record("CB03", "Chi bộ Văn phòng", tally["CB03"]),
		record("", statusText["total"], tally["DU01"], tally["CB01"], tally["CB02"], tally["CB03"]),
	}
}

// sameTable compares records with the expected ones, the percentage as a
// number: pct turns the written one into a fraction.
func sameTable(t *testing.T, want, got [][]string, pct func(string) float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		w, g := want[i], append(got[i], make([]string, 8)...)[:8]
		if w[4] == "" {
			assert.Empty(t, g[4], "row %d percent", i)
		} else {
			wp, err := strconv.ParseFloat(w[4], 64)
			require.NoError(t, err)
			assert.InDelta(t, wp, pct(g[4]), 0.0005, "row %d percent %q", i, g[4])
		}
		w, g = append(w[:4:4], w[5:]...), append(g[:4:4], g[5:]...)
		assert.Equal(t, w, g, "row %d", i)
	}
}

// officeSeeded is the committee imported through the command and 19
// admissions in the year: 10 in CB01, 4 in CB02, 5 in CB03.
func officeSeeded(t *testing.T) (dir, dbPath, cfg string, year int) {
	t.Helper()
	dir, dbPath, cfg = officeSetup(t)
	year = nowIn(loadTestConfig(t, cfg)).Year()
	file := filepath.Join(dir, "chi-tieu.xlsx")
	writeQuotaXLSX(t, file, year, committeeRows)
	code, _, errOut := runCLI(t, "", "import", "-config", cfg, file)
	require.Equal(t, 0, code, errOut)
	seed(t, dbPath, func(tx *storage.Tx) error {
		for org, n := range map[string]int{"CB01": 10, "CB02": 4, "CB03": 5} {
			for i := range n {
				a := quota.Admission{Org: org, Name: personName(i), Date: quota.Date{Year: year, Month: time.January, Day: 1},
					ReportedBy: 7, ReportedAt: time.Now()}
				if err := tx.AddAdmission(&a); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return dir, dbPath, cfg, year
}

func TestExportCommandXLSX(t *testing.T) {
	dir, dbPath, cfg, year := officeSeeded(t)
	out := filepath.Join(dir, "t.xlsx")
	code, stdout, errOut := runCLI(t, "", "export", "-config", cfg, "-o", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "wrote "+out)
	assert.NoFileExists(t, out+".tmp")

	f, err := excelize.OpenFile(out, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	defer f.Close()
	sheet := strconv.Itoa(year)
	assert.Equal(t, sheet, f.GetSheetList()[0])
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Greater(t, len(rows), 2)
	assert.Contains(t, rows[0][0], fmt.Sprintf("KẾT NẠP ĐẢNG VIÊN NĂM %d", year))
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ", "Cần đạt đến nay", "Còn thiếu", "Đánh giá"}, rows[1])
	want := expectedTable(t, cfg, dbPath, year, map[quota.Status]string{
		quota.StatusMet: "Hoàn thành", quota.StatusOnPace: "Đúng tiến độ", quota.StatusBehind: "Chậm tiến độ",
		quota.StatusNoQuota: "Chưa giao chỉ tiêu", "total": "Toàn Đảng bộ",
		"own": "%s — riêng (không gồm tổ chức trực thuộc)", "subtotal": "Cộng %s (gồm các tổ chức trực thuộc)"})
	sameTable(t, want, rows[2:], func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, s)
		return v
	})
	for _, ref := range []string{"C3", "D3", "E3", "F3", "G3", "C8", "D8", "E8"} {
		typ, err := f.GetCellType(sheet, ref)
		require.NoError(t, err)
		assert.Contains(t, []excelize.CellType{excelize.CellTypeUnset, excelize.CellTypeNumber}, typ, "%s is a number", ref)
	}
	panes, err := f.GetPanes(sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 2, panes.YSplit)
}

func TestExportCommandCSVInEnglish(t *testing.T) {
	dir, dbPath, cfg, year := officeSeeded(t)
	out := filepath.Join(dir, "t.csv")
	code, _, errOut := runCLI(t, "", "export", "-config", cfg, "-o", out, "-lang", "en")
	require.Equal(t, 0, code, errOut)

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data, []byte("\uFEFF")), "a BOM, for Excel")
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	assert.Equal(t, []string{"Code", "Organization", "Quota", "Admitted", "Percent", "Expected by now", "Shortfall", "Status"}, recs[0])
	want := expectedTable(t, cfg, dbPath, year, map[quota.Status]string{
		quota.StatusMet: "Met", quota.StatusOnPace: "On pace", quota.StatusBehind: "Behind",
		quota.StatusNoQuota: "No quota set", "total": "Whole committee",
		"own": "%s — own (without the organizations under it)", "subtotal": "Subtotal %s (with the organizations under it)"})
	sameTable(t, want, recs[1:], func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64) // a percent with one decimal
		require.NoError(t, err, s)
		return v / 100
	})
	assert.Equal(t, "6.3", recs[len(recs)-1][4], "19/300 with one decimal and a point")
}

func TestExportCommandUsage(t *testing.T) {
	dir, dbPath, cfg := officeSetup(t)
	for name, args := range map[string][]string{
		"no -o":     {"export", "-config", cfg},
		"a .pdf":    {"export", "-config", cfg, "-o", filepath.Join(dir, "t.pdf")},
		"no config": {"export", "-o", filepath.Join(dir, "t.xlsx")},
	} {
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, 2, code, "%s: %s", name, errOut)
	}
	assert.NoFileExists(t, filepath.Join(dir, "t.pdf"))
	assert.NoFileExists(t, filepath.Join(dir, "t.xlsx"))
	assert.NoFileExists(t, dbPath, "a usage error touches no database")
}
