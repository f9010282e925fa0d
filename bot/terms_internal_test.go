package bot

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

// The committee's term summary, read from the year's pass and the years
// kept between requests, is the one made organization by organization
// from each term quota record (storage's TermFigures and Advanced), on
// days before, inside and after the term, asked again and again while the
// figures change: admissions, term and yearly quotas, totals, candidates,
// a new organization. The committee's years kept are those read afresh.
func TestTermSummaryEqualsOneOrganizationAtATime(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "q.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	b := New(db, nil, nil, Options{})
	rng := rand.New(rand.NewPCG(2026, 13))
	term := quota.Term{From: 2024, To: 2028}
	admitted := 0
	admit := func(tx *storage.Tx, code string, year int) error {
		admitted++
		a := quota.Admission{Org: code, Name: fmt.Sprintf("Nguyễn Văn %d", admitted),
			Date: quota.Date{Year: year, Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)}, ReportedBy: 1}
		return tx.AddAdmission(&a)
	}
	orgs := 0
	addOrg := func(tx *storage.Tx) error {
		code := fmt.Sprintf("CB%03d", orgs*7%1000)
		orgs++
		if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
			return err
		}
		if rng.IntN(4) != 0 {
			if _, err := tx.SetTermQuota(code, term, quota.QuotaValue{Quota: rng.IntN(60)}); err != nil {
				return err
			}
		}
		for y := term.From - 1; y <= term.To+1; y++ {
			if rng.IntN(3) == 0 {
				if _, err := tx.SetQuota(y, code, rng.IntN(15)); err != nil {
					return err
				}
			}
			if rng.IntN(4) == 0 {
				if _, err := tx.SetPastTotal(quota.PastTotal{Org: code, Year: y, Admitted: rng.IntN(9)}); err != nil {
					return err
				}
			}
			if y <= 2026 && rng.IntN(3) == 0 {
				if err := admit(tx, code, y); err != nil {
					return err
				}
			}
		}
		if rng.IntN(3) == 0 {
			c := quota.Candidate{Org: code, Name: "Trần Thị Bình", Stage: quota.StageIntroduced}
			return tx.AddCandidate(&c)
		}
		return nil
	}
	require.NoError(t, db.Update(func(tx *storage.Tx) error {
		for range 200 {
			if err := addOrg(tx); err != nil {
				return err
			}
		}
		return nil
	}))
	oneByOne := func(tx *storage.Tx, on quota.Date) quota.Summary {
		z := quota.NewTermSummarizer(term, on, 5)
		require.NoError(t, tx.EachTermQuota(term, func(rec quota.QuotaRecord) error {
			plan, n, err := tx.TermFigures(rec, on)
			z.AddWithPipeline(quota.NewTermProgress(rec.Org, plan, n, on, b.opts.Pace), tx.Advanced(rec.Org))
			return err
		}))
		s := z.Summary()
		s.Admitted = 0
		for y := term.From; y <= min(term.To, on.Year); y++ {
			c, err := tx.CommitteeYearCount(y)
			require.NoError(t, err)
			s.Admitted += c.Admitted
		}
		return s
	}
	days := []quota.Date{{Year: 2023, Month: 6, Day: 1}, {Year: 2024, Month: 3, Day: 1}, {Year: 2026, Month: 6, Day: 15},
		{Year: 2028, Month: 12, Day: 31}, {Year: 2029, Month: 1, Day: 10}}
	changes := []func(tx *storage.Tx) error{
		func(tx *storage.Tx) error { return admit(tx, "CB007", 2026) },
		func(tx *storage.Tx) error { return admit(tx, "CB014", 2024) },
		func(tx *storage.Tx) error {
			_, err := tx.SetTermQuota("CB021", term, quota.QuotaValue{Quota: 77})
			return err
		},
		func(tx *storage.Tx) error { _, err := tx.SetQuota(2027, "CB028", 40); return err },
		func(tx *storage.Tx) error { _, err := tx.SetQuota(2026, "CB035", 1); return err },
		func(tx *storage.Tx) error {
			_, err := tx.SetPastTotal(quota.PastTotal{Org: "CB042", Year: 2025, Admitted: 30})
			return err
		},
		func(tx *storage.Tx) error { return tx.DeletePastTotal(2024, "CB049") },
		func(tx *storage.Tx) error {
			c := quota.Candidate{Org: "CB056", Name: "Lê Văn Cường", Stage: quota.StageIntroduced}
			return tx.AddCandidate(&c)
		},
		addOrg,
		addOrg,
	}
	for round := range len(changes) + 1 {
		if round > 0 {
			require.NoError(t, db.Update(changes[round-1]))
		}
		for _, today := range days {
			for range 2 { // computed, then kept
				require.NoError(t, db.Update(func(tx *storage.Tx) error {
					got, err := b.termSummary(tx, term, today, 5)
					require.NoError(t, err)
					require.Equal(t, oneByOne(tx, term.AsOf(today)), got, "round %d, %s", round, today)
					span := quota.Term{From: term.From - 1, To: term.To + 1}
					kept, err := b.yearCounts(tx, nil, span)
					require.NoError(t, err)
					read, err := tx.YearCounts(nil, span)
					require.NoError(t, err)
					require.Equal(t, read, kept, "round %d: the committee's years", round)
					return nil
				}))
			}
		}
	}
}
