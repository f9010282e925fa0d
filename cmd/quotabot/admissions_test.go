package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

// registerFile is a register of the office package's test files, written
// by LibreOffice or Gnumeric.
func registerFile(name string) string {
	return filepath.Join("..", "..", "office", "testdata", "admissions", name)
}

// exportedAdmitted reads the year's table back through `quotabot export`
// and gives each organization's admitted figure.
func exportedAdmitted(t *testing.T, dir, cfgPath string, year string) map[string]string {
	t.Helper()
	out := filepath.Join(dir, "table-"+year+".csv")
	code, _, stderr := runCLI(t, "", "export", "-config", cfgPath, "-year", year, "-lang", "en", "-o", out)
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err)
	got := map[string]string{}
	col := -1
	for _, rec := range recs {
		for i, c := range rec {
			if c == "Admitted" {
				col = i
			}
		}
		if col >= 0 && len(rec) > col && strings.HasPrefix(rec[0], "CB") {
			got[rec[0]] = rec[col]
		}
	}
	return got
}

func TestImportAdmissionsCommand(t *testing.T) {
	clock = func() time.Time { return time.Date(2026, 10, 15, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { clock = time.Now })
	dir, dbPath, cfgPath := officeSetup(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(dbPath), 0o755))
	db, err := storage.Open(dbPath, storage.Options{NoSync: true})
	require.NoError(t, err)
	require.NoError(t, db.Update(func(tx *storage.Tx) error {
		for _, o := range []quota.Org{{Code: "DU01", Name: "Đảng ủy Công ty Cổ phần Sông Hồng"}, {Code: "CB01", Name: "Chi bộ Phân xưởng Cơ khí", Parent: "DU01"},
			{Code: "CB02", Name: "Chi bộ Kho vận", Parent: "DU01"}, {Code: "CB03", Name: "Chi bộ Văn phòng"}} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, o.Code, 10); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())

	code, out, stderr := runCLI(t, "", "import-admissions", "-config", cfgPath, "-dry-run", registerFile("register.xlsx"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "dry run, nothing saved; would record 5 admissions from register.xlsx (2025, 2026)")
	assert.Equal(t, map[string]string{"CB01": "0", "CB02": "0", "CB03": "0"}, exportedAdmitted(t, dir, cfgPath, "2026"))

	code, out, stderr = runCLI(t, "", "import-admissions", "-config", cfgPath, "-by", "42", registerFile("register.xlsx"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "recorded 5 admissions from register.xlsx (2025, 2026); 0 already recorded")
	assert.Contains(t, out, "line 5: Lê Văn Hưng is recorded beside Lê Văn Hùng of the same day")
	assert.Equal(t, map[string]string{"CB01": "2", "CB02": "1", "CB03": "1"}, exportedAdmitted(t, dir, cfgPath, "2026"))
	assert.Equal(t, "1", exportedAdmitted(t, dir, cfgPath, "2025")["CB03"])

	// The database's export holds two more; the register again, none.
	code, out, stderr = runCLI(t, "", "import-admissions", "-config", cfgPath, registerFile("export.xlsx"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "recorded 2 admissions from export.xlsx (2026)")
	code, out, stderr = runCLI(t, "", "import-admissions", "-config", cfgPath, registerFile("register.csv"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "recorded 0 admissions from register.csv; 5 already recorded, left as they are")
	assert.Equal(t, map[string]string{"CB01": "2", "CB02": "3", "CB03": "1"}, exportedAdmitted(t, dir, cfgPath, "2026"))

	// A register with mistakes changes nothing and lists them all.
	code, _, stderr = runCLI(t, "", "import-admissions", "-config", cfgPath, registerFile("register-bad.xlsx"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "register-bad.xlsx was not imported, nothing changed: 6 errors in the file:")
	assert.Contains(t, stderr, "line 3: no organization has this code or name")
	assert.Contains(t, stderr, "line 8: \"31/02/2026\": no such day")
	assert.Equal(t, map[string]string{"CB01": "2", "CB02": "3", "CB03": "1"}, exportedAdmitted(t, dir, cfgPath, "2026"))

	// Who imported them is kept.
	db, err = storage.Open(dbPath, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		audit, err := tx.Audit()
		require.Len(t, audit, 2)
		assert.Regexp(t, `^5 admissions imported from register.xlsx by admin 42 on the command line`, audit[0].What)
		assert.Equal(t, int64(42), audit[0].By)
		return err
	}))

	code, _, _ = runCLI(t, "", "import-admissions", "-config", cfgPath)
	assert.Equal(t, 2, code)
}
