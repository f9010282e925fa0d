package storage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

func TestReplaceAdmissionMovesItsCounts(t *testing.T) {
	db := openDB(t)
	addOrg(t, db, "A", 10)
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	today := day(15, 6, 2026)
	a := add(t, db, quota.Admission{Org: "A", Name: "Nguyễn Văn An", Date: day(31, 12, 2025), ReportedBy: 5, UpdateID: 1})
	b := add(t, db, quota.Admission{Org: "A", Name: "Trần Thị Bình", Date: day(2, 1, 2026), ReportedBy: 5, UpdateID: 2})

	// The date moves it to another year, with its counts and probation.
	update(t, db, func(tx *storage.Tx) error {
		next, c, err := a.Correct(quota.FieldDate, "02/01/2026", today, 9, at)
		require.NoError(t, err)
		return tx.ReplaceAdmission(next, c)
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 0, tx.Tally(2025, "A").Admitted)
		assert.Equal(t, 2, tx.Tally(2026, "A").Admitted)
		assert.Equal(t, 2, tx.AdmittedBetween("A", day(2, 1, 2026), day(2, 1, 2026)))
		got, err := tx.Admission(a.ID)
		require.NoError(t, err)
		assert.Equal(t, day(2, 1, 2026), got.Date)
		require.Len(t, got.Corrections, 1)
		assert.Equal(t, quota.Correction{Field: quota.FieldDate, Old: "31/12/2025", New: "02/01/2026", By: 9, At: at}, got.Corrections[0])
		_, found := tx.FindAdmission("A", day(31, 12, 2025), "Nguyễn Văn An")
		assert.False(t, found)
		_, found = tx.FindAdmission("A", day(2, 1, 2026), "Nguyễn Văn An")
		assert.True(t, found)
		var ends []string
		require.NoError(t, tx.EachProbationOf("A", day(31, 12, 2030), func(x quota.Admission) error {
			ends = append(ends, x.ProbationEnd().String())
			return nil
		}))
		assert.Equal(t, []string{"02/01/2027", "02/01/2027"}, ends)
		trail, err := tx.Audit()
		require.NoError(t, err)
		require.NotEmpty(t, trail)
		last := trail[len(trail)-1]
		assert.Equal(t, storage.AuditEntry{What: "admission corrected", ID: a.ID, Org: "A", By: 9, At: at, Detail: `date: "31/12/2025" -> "02/01/2026"`}, last)
		return nil
	})
	assert.Empty(t, db.Check())

	// A name that makes it another admission of that day is refused.
	err := db.Update(func(tx *storage.Tx) error {
		got, err := tx.Admission(a.ID)
		require.NoError(t, err)
		next, c, err := got.Correct(quota.FieldName, "trần thị bình", today, 9, at)
		require.NoError(t, err)
		return tx.ReplaceAdmission(next, c)
	})
	assert.ErrorIs(t, err, quota.ErrAdmissionRecorded)
	view(t, db, func(tx *storage.Tx) error {
		got, err := tx.Admission(b.ID)
		require.NoError(t, err)
		assert.Equal(t, "Trần Thị Bình", got.Name)
		return nil
	})
}

func TestLastBatchIsTheLastMessage(t *testing.T) {
	db := openDB(t)
	add(t, db, quota.Admission{Org: "A", Name: "Người Trước", Date: day(1, 3, 2026), ReportedBy: 5, UpdateID: 10})
	var want []uint64
	for _, n := range []string{"Người Một", "Người Hai", "Người Ba"} {
		want = append([]uint64{add(t, db, quota.Admission{Org: "A", Name: n, Date: day(2, 3, 2026), ReportedBy: 5, UpdateID: 11}).ID}, want...)
	}
	add(t, db, quota.Admission{Org: "B", Name: "Người Khác", Date: day(2, 3, 2026), ReportedBy: 6, UpdateID: 12})
	view(t, db, func(tx *storage.Tx) error {
		batch, err := tx.LastBatchBy(5)
		require.NoError(t, err)
		var got []uint64
		for _, a := range batch {
			got = append(got, a.ID)
		}
		assert.Equal(t, want, got, "the whole last message, latest first")
		list, err := tx.AllAdmissionsOf("A", 2026)
		require.NoError(t, err)
		assert.Len(t, list, 4)
		list, err = tx.AllAdmissionsOf("A", 2025)
		require.NoError(t, err)
		assert.Empty(t, list)
		return nil
	})
}
