package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"quotabot/quota"
	"quotabot/storage"
)

// BenchmarkEachTallyWithPipeline60k is the pass over every tally that an
// uncached committee /status makes, at national size.
func BenchmarkEachTallyWithPipeline60k(b *testing.B) {
	db, err := storage.Open(filepath.Join(b.TempDir(), "q.db"), storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const orgs = 60_000
	err = db.Update(func(tx *storage.Tx) error {
		for i := range orgs {
			code := fmt.Sprintf("ORG_%05d", i)
			if _, err := tx.SetQuota(2026, code, 5); err != nil {
				return err
			}
			if i%3 == 0 {
				c := quota.Candidate{Org: code, Name: "Nguyễn Văn An", Stage: quota.StageIntroduced}
				if err := tx.AddCandidate(&c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		n := 0
		err := db.View(func(tx *storage.Tx) error {
			return tx.EachTallyWithPipeline(2026, func(code string, t quota.Tally, advanced int) error {
				n += t.Quota + advanced
				return nil
			})
		})
		if err != nil || n != orgs*5+orgs/3 {
			b.Fatalf("sum %d, err %v", n, err)
		}
	}
}
