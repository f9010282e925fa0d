package office_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
)

const benchAdmissions = 20_000

// BenchmarkImportAdmissions20k reads a register of 20,000 named admissions
// (a CSV, as a database export gives them) and records it on a fresh
// database of 1,000 organizations, in one transaction with its sync.
func BenchmarkImportAdmissions20k(b *testing.B) {
	var csv bytes.Buffer
	csv.WriteString("Mã tổ chức;Họ và tên;Ngày sinh;Ngày kết nạp;Số quyết định\n")
	for i := range benchAdmissions {
		fmt.Fprintf(&csv, "CB%04d;Nguyễn Văn Người Thứ %s;01/01/1990;%02d/%02d/2026;%d-QĐ/ĐU\n",
			i%1000, letters(i), 1+i%28, 1+i/28%9, i)
	}
	data := csv.Bytes()
	today := quota.Date{Year: 2026, Month: 10, Day: 15}
	for b.Loop() {
		b.StopTimer()
		db, err := storage.Open(filepath.Join(b.TempDir(), "q.db"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		err = db.Update(func(tx *storage.Tx) error {
			for i := range 1000 {
				if _, err := tx.PutOrg(quota.Org{Code: fmt.Sprintf("CB%04d", i), Name: fmt.Sprintf("Chi bộ số %d", i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rows, err := office.ReadAdmissions("register.csv", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		res, err := office.ImportAdmissions(db, rows, office.AdmissionSource{File: "register.csv", Who: "bench", At: time.Now()}, today, false)
		if err != nil || res.Added != benchAdmissions {
			b.Fatalf("added %d: %v", res.Added, err)
		}
		b.StopTimer()
		_ = db.Close()
		b.StartTimer()
	}
}

// letters spells i in letters, so every name is a name.
func letters(i int) string {
	s := ""
	for {
		s = string(rune('A'+i%26)) + s
		i /= 26
		if i == 0 {
			return s
		}
	}
}
