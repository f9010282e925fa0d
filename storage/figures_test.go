package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

// YearOf and AdvancedOf read along the buckets: codes next to each other,
// codes with long runs of others between them, codes with nothing stored
// and codes past the last key all get what a lookup of each would give.
func TestYearOfReadsAlongTheBuckets(t *testing.T) {
	db := openDB(t)
	var all []string
	update(t, db, func(tx *storage.Tx) error {
		for i := range 40 {
			code := fmt.Sprintf("CB%02d", i)
			all = append(all, code)
			if i%3 != 2 {
				if _, err := tx.SetQuota(2026, code, i+1); err != nil {
					return err
				}
			}
			if i%4 == 0 {
				if _, err := tx.SetPastTotal(quota.PastTotal{Org: code, Year: 2026, Admitted: i}); err != nil {
					return err
				}
				c := quota.Candidate{Org: code, Name: "Nguyễn Văn An", Stage: quota.StageIntroduced}
				if err := tx.AddCandidate(&c); err != nil {
					return err
				}
			}
		}
		// Other years on either side of 2026.
		if _, err := tx.SetQuota(2025, "CB01", 9); err != nil {
			return err
		}
		_, err := tx.SetPastTotal(quota.PastTotal{Org: "CB05", Year: 2027, Admitted: 4})
		return err
	})
	for _, codes := range [][]string{
		all,
		{"CB00", "CB01", "CB02", "CB03"},
		{"CB00", "CB20", "CB39"},      // gaps longer than a few steps
		{"AA", "CB05", "CB055", "ZZ"}, // absent, before, between and after
		{"CB02", "CB05", "CB08", "CB11", "CB14", "CB17", "CB38", "CB39"},
		{},
	} {
		require.NoError(t, db.View(func(tx *storage.Tx) error {
			got, err := tx.YearOf(2026, codes)
			require.NoError(t, err)
			require.Len(t, got, len(codes))
			adv := tx.AdvancedOf(codes)
			for i, code := range codes {
				p, ok, err := tx.PastTotal(2026, code)
				require.NoError(t, err)
				want := storage.OrgYear{Tally: tx.Tally(2026, code), Total: p.Admitted, HasTotal: ok}
				assert.Equal(t, want, got[i], "%s in %v", code, codes)
				assert.Equal(t, tx.Advanced(code), adv[i], "%s in %v", code, codes)
			}
			return nil
		}))
	}
}

// A year has figures when any organization has a tally or an imported
// total in it, whatever the years beside it hold.
func TestHasYear(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.SetQuota(2026, "CB01", 3); err != nil {
			return err
		}
		if _, err := tx.SetPastTotal(quota.PastTotal{Org: "CB01", Year: 2024, Admitted: 2}); err != nil {
			return err
		}
		_, err := tx.SetPastTotal(quota.PastTotal{Year: 2020, Admitted: 40}) // the committee's own
		return err
	})
	view(t, db, func(tx *storage.Tx) error {
		for year, want := range map[int]bool{2019: false, 2020: true, 2021: false, 2024: true, 2025: false, 2026: true, 2027: false} {
			assert.Equal(t, want, tx.HasYear(year), "%d", year)
		}
		return nil
	})
}

// A pass over the tallies meets the same codes as the last one; one that
// meets an organization added or a code in a place of another still
// hands out the right codes.
func TestEachTallyAfterTheOrganizationsChange(t *testing.T) {
	db := openDB(t)
	set := func(codes ...string) {
		t.Helper()
		update(t, db, func(tx *storage.Tx) error {
			for _, c := range codes {
				if _, err := tx.SetQuota(2026, c, 3); err != nil {
					return err
				}
			}
			return nil
		})
	}
	pass := func() []string {
		t.Helper()
		var got []string
		require.NoError(t, db.View(func(tx *storage.Tx) error {
			return tx.EachTallyWithPipeline(2026, func(code string, _ quota.Tally, _ int) error {
				got = append(got, code)
				return nil
			})
		}))
		return got
	}
	set("CB02", "CB04")
	assert.Equal(t, []string{"CB02", "CB04"}, pass())
	assert.Equal(t, []string{"CB02", "CB04"}, pass())
	set("CB01", "CB03", "CB05")
	assert.Equal(t, []string{"CB01", "CB02", "CB03", "CB04", "CB05"}, pass())
	assert.Equal(t, []string{"CB01", "CB02", "CB03", "CB04", "CB05"}, pass())
	set("CB00")
	var each []string
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		return tx.EachTally(2026, func(code string, _ quota.Tally) error { each = append(each, code); return nil })
	}))
	assert.Equal(t, []string{"CB00", "CB01", "CB02", "CB03", "CB04", "CB05"}, each)
	assert.Equal(t, each, pass())
}

// A year's generation moves with a change to its tallies or its totals
// and no other year's; the term quotas' with a term quota only.
func TestYearAndTermGenerations(t *testing.T) {
	db := openDB(t)
	type gens struct{ y2025, y2026, terms uint64 }
	read := func() gens {
		var g gens
		require.NoError(t, db.View(func(tx *storage.Tx) error {
			g = gens{tx.YearGeneration(2025), tx.YearGeneration(2026), tx.TermQuotaGeneration()}
			return nil
		}))
		return g
	}
	g0 := read()
	update(t, db, func(tx *storage.Tx) error { _, err := tx.SetQuota(2026, "CB01", 3); return err })
	g1 := read()
	assert.Equal(t, g0.y2025, g1.y2025)
	assert.NotEqual(t, g0.y2026, g1.y2026)
	assert.Equal(t, g0.terms, g1.terms)
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.SetPastTotal(quota.PastTotal{Org: "CB01", Year: 2025, Admitted: 2})
		return err
	})
	g2 := read()
	assert.NotEqual(t, g1.y2025, g2.y2025)
	assert.Equal(t, g1.y2026, g2.y2026)
	update(t, db, func(tx *storage.Tx) error { return tx.DeletePastTotal(2025, "CB01") })
	g3 := read()
	assert.NotEqual(t, g2.y2025, g3.y2025)
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.SetTermQuota("CB01", quota.Term{From: 2026, To: 2030}, quota.QuotaValue{Quota: 9})
		return err
	})
	g4 := read()
	assert.NotEqual(t, g3.terms, g4.terms)
	assert.Equal(t, g3.y2026, g4.y2026)
	a := quota.Admission{Org: "CB01", Name: "Trần Thị Bình", Date: quota.Date{Year: 2025, Month: 12, Day: 1}}
	update(t, db, func(tx *storage.Tx) error { return tx.AddAdmission(&a) })
	g5 := read()
	assert.NotEqual(t, g4.y2025, g5.y2025, "a late report of the year before")
	assert.Equal(t, g4.y2026, g5.y2026)
	// A transaction that fails changes nothing.
	_ = db.Update(func(tx *storage.Tx) error {
		if _, err := tx.SetQuota(2026, "CB01", 4); err != nil {
			return err
		}
		return fmt.Errorf("given up")
	})
	assert.Equal(t, g5, read())
}

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
