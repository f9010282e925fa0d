package storage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

var (
	dec2323 = quota.Decision{Number: "2323-QĐ/ĐUK", Date: day(11, 4, 2019)}
	dec150  = quota.Decision{Number: "150-QĐ/ĐUK", Date: day(5, 3, 2021)}
	term21  = quota.Term{From: 2021, To: 2025}
)

func TestTermQuotaWithDecisionAndHistory(t *testing.T) {
	db := openDB(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	update(t, db, func(tx *storage.Tx) error {
		ch, err := tx.SetTermQuota("DU_A", term21, quota.QuotaValue{Quota: 100, Decision: dec2323, SetAt: at, SetBy: 1})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaSet, ch)
		ch, err = tx.SetTermQuota("DU_A", term21, quota.QuotaValue{Quota: 100, Decision: dec2323, SetAt: at.Add(time.Hour)})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaUnchanged, ch, "the same file imported twice")
		_, err = tx.SetTermQuota("DU_B", term21, quota.QuotaValue{Quota: 40, Decision: dec2323})
		require.NoError(t, err)
		_, err = tx.SetTermQuota("DU_A", quota.Term{From: 2025, To: 2030}, quota.QuotaValue{Quota: 120})
		require.NoError(t, err)
		_, err = tx.SetTermQuota("DU_C", quota.Term{From: 2016, To: 2020}, quota.QuotaValue{Quota: 7})
		return err
	})
	// A later decision changes the quota, in another transaction.
	update(t, db, func(tx *storage.Tx) error {
		ch, err := tx.SetTermQuota("DU_A", term21, quota.QuotaValue{Quota: 110, Decision: dec150, SetAt: at})
		require.NoError(t, err)
		assert.True(t, ch.Changed())
		return nil
	})
	// Read back after reopening the file.
	path := db.Path()
	require.NoError(t, db.Close())
	db = openAt(t, path)
	view(t, db, func(tx *storage.Tx) error {
		rec, err := tx.TermQuota("DU_A", term21)
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaRecord{Org: "DU_A", Term: term21,
			Current: quota.QuotaValue{Quota: 110, Decision: dec150, SetAt: at},
			History: []quota.QuotaValue{{Quota: 100, Decision: dec2323, SetAt: at, SetBy: 1}}}, rec)
		_, err = tx.TermQuota("DU_B", quota.Term{From: 2025, To: 2030})
		assert.ErrorIs(t, err, storage.ErrNotFound)

		assert.Equal(t, []quota.Term{{From: 2016, To: 2020}, {From: 2021, To: 2025}, {From: 2025, To: 2030}}, tx.Terms())
		var got []string
		require.NoError(t, tx.EachTermQuota(term21, func(r quota.QuotaRecord) error {
			got = append(got, r.Org)
			assert.Equal(t, term21, r.Term)
			return nil
		}))
		assert.Equal(t, []string{"DU_A", "DU_B"}, got)
		recs, err := tx.TermQuotasOf("DU_A")
		require.NoError(t, err)
		require.Len(t, recs, 2)
		assert.Equal(t, 110, recs[0].Current.Quota)
		assert.Equal(t, 120, recs[1].Current.Quota)
		return nil
	})
	assert.Empty(t, db.Check())

	err := db.Update(func(tx *storage.Tx) error {
		_, err := tx.SetTermQuota("DU_A", quota.Term{From: 2025, To: 2021}, quota.QuotaValue{Quota: 1})
		return err
	})
	assert.ErrorIs(t, err, quota.ErrBadTerm)
	err = db.Update(func(tx *storage.Tx) error {
		_, err := tx.SetTermQuota("DU_A", term21, quota.QuotaValue{Quota: -1})
		return err
	})
	assert.ErrorIs(t, err, quota.ErrNegativeQuota)
	err = db.Update(func(tx *storage.Tx) error {
		_, err := tx.SetTermQuota("bad code", term21, quota.QuotaValue{Quota: 1})
		return err
	})
	assert.ErrorIs(t, err, quota.ErrBadCode)
}

func TestYearQuotaDecisionKeepsEarlierValues(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.SetQuota(2019, "DU_A", 8) // from an import with no decision
		require.NoError(t, err)
		ch, err := tx.SetYearQuota(2019, "DU_A", quota.QuotaValue{Quota: 8, Decision: dec2323})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaSet, ch, "the decision is new even if the number is not")
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		ch, err := tx.SetYearQuota(2019, "DU_A", quota.QuotaValue{Quota: 10, Decision: quota.Decision{Number: "2400-QĐ/ĐUK", Date: day(1, 8, 2019)}})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaSet, ch)
		// The first decision imported again: kept, not made current.
		ch, err = tx.SetYearQuota(2019, "DU_A", quota.QuotaValue{Quota: 8, Decision: dec2323})
		require.NoError(t, err)
		assert.Equal(t, quota.QuotaUnchanged, ch)
		changed, err := tx.SetQuota(2019, "DU_B", 0)
		require.NoError(t, err)
		assert.False(t, changed)
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 10}, tx.Tally(2019, "DU_A"), "the tally follows the current value")
		rec, err := tx.YearQuota(2019, "DU_A")
		require.NoError(t, err)
		assert.Equal(t, 10, rec.Current.Quota)
		assert.Equal(t, "2400-QĐ/ĐUK, 01/08/2019", rec.Current.Decision.String())
		assert.Equal(t, []quota.QuotaValue{{Quota: 8}, {Quota: 8, Decision: dec2323}}, rec.History)
		var codes []string
		require.NoError(t, tx.EachTally(2019, func(code string, _ quota.Tally) error { codes = append(codes, code); return nil }))
		assert.Equal(t, []string{"DU_A", "DU_B"}, codes, "a quota of 0 still lists the organization")
		return nil
	})
	assert.Empty(t, db.Check())
}

// The letter's years: 1,823 admitted in 2013-2018, given as totals, and
// 2019 with named admissions.
func TestPastTotalsAndYearCounts(t *testing.T) {
	db := openDB(t)
	at := time.Date(2019, 10, 1, 8, 0, 0, 0, time.UTC)
	perYear := map[int]int{2013: 280, 2014: 295, 2015: 300, 2016: 310, 2017: 318, 2018: 320}
	update(t, db, func(tx *storage.Tx) error {
		for _, code := range []string{"DU_A", "DU_B", "DU_C"} {
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: code}); err != nil {
				return err
			}
		}
		for y, n := range perYear {
			created, err := tx.SetPastTotal(quota.PastTotal{Year: y, Admitted: n, Source: "bao-cao.xlsx", ImportedBy: 1, ImportedAt: at})
			require.NoError(t, err)
			assert.True(t, created)
		}
		// Per organization for 2018 too, and for 2019, which has names.
		for _, p := range []quota.PastTotal{{Org: "DU_A", Year: 2018, Admitted: 200}, {Org: "DU_B", Year: 2018, Admitted: 100},
			{Org: "DU_A", Year: 2019, Admitted: 99}, {Org: "DU_B", Year: 2019, Admitted: 3}} {
			if _, err := tx.SetPastTotal(p); err != nil {
				return err
			}
		}
		created, err := tx.SetPastTotal(quota.PastTotal{Year: 2018, Admitted: 320, Source: "again"})
		require.NoError(t, err)
		assert.False(t, created, "the second time replaces")
		return nil
	})
	add(t, db, quota.Admission{Org: "DU_A", Name: "Nguyễn Văn An", Date: day(3, 5, 2019), ReportedBy: 5})
	add(t, db, quota.Admission{Org: "DU_A", Name: "Trần Thị Bình", Date: day(4, 5, 2019), ReportedBy: 5})

	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, []int{2013, 2014, 2015, 2016, 2017, 2018, 2019}, tx.PastTotalYears())
		assert.Equal(t, []int{2019}, tx.TallyYears(), "totals make no tallies")
		var counts []quota.YearCount
		for y := 2013; y <= 2019; y++ {
			c, err := tx.CommitteeYearCount(y)
			require.NoError(t, err)
			counts = append(counts, c)
		}
		avg := quota.NewAverage(quota.Term{From: 2013, To: 2018}, counts)
		assert.Equal(t, 1823, avg.Total, "the committee-only totals, not the organizations' 300 for 2018")
		assert.Equal(t, 300, avg.AsTheLetterSays())
		assert.Equal(t, quota.YearCount{Year: 2019, Admitted: 2 + 3, Source: quota.CountNamed, IgnoredTotal: -1}, counts[6],
			"DU_A's names replace its total; DU_B has no names, so its total counts")

		a, err := tx.YearCount(2019, "DU_A")
		require.NoError(t, err)
		assert.Equal(t, quota.YearCount{Year: 2019, Admitted: 2, Source: quota.CountNamed, IgnoredTotal: 99}, a, "the total set aside is said")
		sub, err := tx.SubtreeYearCount(2018, []string{"DU_A", "DU_B", "DU_C"})
		require.NoError(t, err)
		assert.Equal(t, 300, sub.Admitted)
		assert.Equal(t, quota.CountTotal, sub.Source)
		assert.Equal(t, quota.Tally{}, tx.Tally(2018, "DU_A"), "a total is never a named admission")

		p, ok, err := tx.PastTotal(2018, "")
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, quota.PastTotal{Year: 2018, Admitted: 320, Source: "again"}, p)
		_, ok, err = tx.PastTotal(2012, "")
		require.NoError(t, err)
		assert.False(t, ok)
		return nil
	})
	update(t, db, func(tx *storage.Tx) error { return tx.DeletePastTotal(2013, "") })
	view(t, db, func(tx *storage.Tx) error {
		c, err := tx.CommitteeYearCount(2013)
		require.NoError(t, err)
		assert.Equal(t, quota.CountNone, c.Source)
		return nil
	})
	assert.Empty(t, db.Check())

	err := db.Update(func(tx *storage.Tx) error {
		_, err := tx.SetPastTotal(quota.PastTotal{Org: "DU_A", Year: 2017, Admitted: -5})
		return err
	})
	assert.ErrorIs(t, err, quota.ErrNegativeTotal)
}

func TestRootsAndSubtreeWalk(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		for _, o := range []quota.Org{{Code: "A", Name: `Tên có "parent":"X" trong đó`}, {Code: "B", Name: "B"},
			{Code: "A1", Name: "A1", Parent: "A"}, {Code: "A11", Name: "A11", Parent: "A1"}, {Code: "B1", Name: "B1", Parent: "B"},
			{Code: "C", Name: "C", Inactive: true}} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		if _, err := tx.SetPastTotal(quota.PastTotal{Org: "B1", Year: 2018, Admitted: 2}); err != nil {
			return err
		}
		_, err := tx.SetPastTotal(quota.PastTotal{Org: "C", Year: 2018, Admitted: 0})
		return err
	})
	add(t, db, quota.Admission{Org: "A11", Name: "Nguyễn Văn An", Date: day(3, 5, 2019), ReportedBy: 5})
	view(t, db, func(tx *storage.Tx) error {
		var roots []string
		require.NoError(t, tx.EachRootOrg(func(o quota.Org) error { roots = append(roots, o.Code); return nil }))
		assert.Equal(t, []string{"A", "B", "C"}, roots, "a name cannot pass for a parent")

		var looked []string
		found := tx.SubtreeAny("A", func(c []byte) bool { looked = append(looked, string(c)); return tx.AdmittedIn(2019, c) })
		assert.True(t, found, "a cell two levels down admitted")
		assert.Equal(t, []string{"A", "A1", "A11"}, looked, "parents first, stopping at the first found")
		assert.False(t, tx.SubtreeAny("B", func(c []byte) bool { return tx.AdmittedIn(2019, c) }))
		assert.True(t, tx.SubtreeAny("B", func(c []byte) bool { return tx.AdmittedIn(2018, c) }), "an imported total counts")
		assert.False(t, tx.AdmittedIn(2018, []byte("C")), "an imported zero is no one")
		return nil
	})
}

func TestTermFigures(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: "DU_A", Name: "A"}); err != nil {
			return err
		}
		if _, err := tx.SetTermQuota("DU_A", term21, quota.QuotaValue{Quota: 100}); err != nil {
			return err
		}
		if _, err := tx.SetQuota(2024, "DU_A", 30); err != nil {
			return err
		}
		for _, p := range []quota.PastTotal{{Org: "DU_A", Year: 2021, Admitted: 9}, {Org: "DU_A", Year: 2024, Admitted: 50}} {
			if _, err := tx.SetPastTotal(p); err != nil {
				return err
			}
		}
		return nil
	})
	add(t, db, quota.Admission{Org: "DU_A", Name: "Nguyễn Văn An", Date: day(3, 5, 2024), ReportedBy: 5})
	add(t, db, quota.Admission{Org: "DU_A", Name: "Trần Văn Ba", Date: day(3, 5, 2025), ReportedBy: 5})
	view(t, db, func(tx *storage.Tx) error {
		rec, err := tx.TermQuota("DU_A", term21)
		require.NoError(t, err)
		plan, admitted, err := tx.TermFigures(rec, day(1, 1, 2025))
		require.NoError(t, err)
		assert.Equal(t, quota.TermPlan{Term: term21, Quota: 100, Yearly: map[int]int{2024: 30}}, plan)
		assert.Equal(t, 9+1+1, admitted, "2021's total; 2024's one named admission, not its total; 2025 so far")
		viaPlan, has, err := tx.TermPlan([]string{"DU_A"}, term21)
		require.NoError(t, err)
		require.True(t, has)
		assert.Equal(t, plan, viaPlan, "the same plan as TermPlan")
		n, err := tx.TermAdmitted([]string{"DU_A"}, term21, day(1, 1, 2025))
		require.NoError(t, err)
		assert.Equal(t, admitted, n, "the same count as TermAdmitted")
		return nil
	})
}
