package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// BenchmarkOpenAfterUncleanStopNational is what a start after a crash
// adds at national size (60,000 organizations, 250,000 admissions,
// 100,000 users): the read-only look and every page checked. The clean
// start beside it pays only the look.
func BenchmarkOpenAfterUncleanStopNational(b *testing.B) {
	path := filepath.Join(b.TempDir(), "national.db")
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	if err := fillNational(db); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	clean, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("national database: %d MB", len(clean)>>20)
	// A crash leaves the file as it was while open: with no clean mark.
	db, err = storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	crashed, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"clean", clean}, {"unclean", crashed}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				if err := os.WriteFile(path, c.data, 0o600); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				db, err := storage.Open(path, storage.Options{NoSync: true})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

func fillNational(db *storage.DB) error {
	const orgs, admissions, users = 60_000, 250_000, 100_000
	err := db.Update(func(tx *storage.Tx) error {
		for i := range orgs {
			code := fmt.Sprintf("ORG_%05d", i)
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ số " + code}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, 5); err != nil {
				return err
			}
		}
		for i := range users {
			u := quota.User{ID: int64(1_000_000 + i), Role: quota.RoleSecretary, Orgs: []string{fmt.Sprintf("ORG_%05d", i%orgs)}, ChatID: int64(1_000_000 + i), Lang: "vi", RegisteredAt: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	const batch = 25_000
	for start := 0; start < admissions; start += batch {
		err := db.Update(func(tx *storage.Tx) error {
			for i := start; i < start+batch; i++ {
				d := quota.Date{Year: 2026, Month: time.Month(1 + i%6), Day: 1 + i%28}
				a := quota.Admission{Org: fmt.Sprintf("ORG_%05d", i%orgs), Name: fmt.Sprintf("Nguyễn Văn An %d", i), Date: d,
					Decision: fmt.Sprintf("%d-QĐ/ĐU", i%900+1), ReportedBy: int64(1_000_000 + i%users), ReportedAt: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}
				if err := tx.AddAdmission(&a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
