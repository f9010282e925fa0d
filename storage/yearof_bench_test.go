package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"quotabot/storage"
)

// BenchmarkYearOf60k is the pass a term's summary makes over the year
// that changed, at national size.
func BenchmarkYearOf60k(b *testing.B) {
	db, err := storage.Open(filepath.Join(b.TempDir(), "q.db"), storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const orgs = 60_000
	codes := make([]string, orgs)
	err = db.Update(func(tx *storage.Tx) error {
		for i := range orgs {
			codes[i] = fmt.Sprintf("ORG_%05d", i)
			if _, err := tx.SetQuota(2026, codes[i], 5); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		err := db.View(func(tx *storage.Tx) error {
			ys, err := tx.YearOf(2026, codes)
			if err == nil && ys[orgs-1].Tally.Quota != 5 {
				b.Fatal("wrong tally")
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
