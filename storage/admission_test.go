package storage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

func add(t *testing.T, db *storage.DB, a quota.Admission) quota.Admission {
	t.Helper()
	update(t, db, func(tx *storage.Tx) error { return tx.AddAdmission(&a) })
	return a
}

func TestAddAdmissionCounts(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		_, err := tx.SetQuota(2026, "A", 10)
		return err
	})
	a1 := add(t, db, quota.Admission{Org: "A", Name: "Nguyễn Văn A", Date: day(1, 3, 2026), Decision: "12-QĐ/ĐU", ReportedBy: 5})
	a2 := add(t, db, quota.Admission{Org: "A", Name: "Trần Thị B", Date: day(2, 3, 2026), ReportedBy: 5})
	a3 := add(t, db, quota.Admission{Org: "B", Name: "Lê Văn C", Date: day(2, 3, 2026), ReportedBy: 6})
	a4 := add(t, db, quota.Admission{Org: "A", Name: "Phạm D", Date: day(31, 12, 2025), ReportedBy: 6})
	assert.Positive(t, a1.ID)
	assert.Less(t, a1.ID, a2.ID)
	assert.Less(t, a2.ID, a3.ID)
	assert.Less(t, a3.ID, a4.ID)

	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 10, Admitted: 2}, tx.Tally(2026, "A"))
		assert.Equal(t, quota.Tally{Admitted: 1}, tx.Tally(2025, "A"), "an admission counts in the year of its date")
		assert.Equal(t, quota.Tally{Admitted: 1}, tx.Tally(2026, "B"))

		assert.Equal(t, 2, tx.AdmittedBetween("A", day(1, 1, 2026), day(31, 12, 2026)))
		assert.Equal(t, 1, tx.AdmittedBetween("A", day(2, 3, 2026), day(2, 3, 2026)))
		assert.Equal(t, 0, tx.AdmittedBetween("A", day(3, 3, 2026), day(31, 12, 2026)))
		assert.Equal(t, 3, tx.AdmittedBetween("A", day(1, 1, 2025), day(31, 12, 2026)))
		assert.Equal(t, 1, tx.AdmittedBetween("B", day(1, 1, 2026), day(31, 12, 2026)))
		assert.Equal(t, 3, tx.AdmittedBetween("", day(1, 1, 2026), day(31, 12, 2026)))
		assert.Equal(t, 2, tx.AdmittedBetween("", day(2, 3, 2026), day(2, 3, 2026)))
		assert.Equal(t, 4, tx.AdmittedBetween("", day(31, 12, 2025), day(2, 3, 2026)))

		got, err := tx.Admission(a1.ID)
		require.NoError(t, err)
		assert.Equal(t, "12-QĐ/ĐU", got.Decision)
		assert.Equal(t, day(1, 3, 2026), got.Date)
		_, err = tx.Admission(9999)
		assert.ErrorIs(t, err, storage.ErrNotFound)

		var ids []uint64
		require.NoError(t, tx.EachAdmission(func(a quota.Admission) error { ids = append(ids, a.ID); return nil }))
		assert.Equal(t, []uint64{a1.ID, a2.ID, a3.ID, a4.ID}, ids)
		return nil
	})
}

func TestAddAdmissionRefusesDuplicates(t *testing.T) {
	db := openDB(t)
	first := add(t, db, quota.Admission{Org: "A", Name: "Nguyễn Văn Á", Date: day(1, 3, 2026), ReportedBy: 5})
	for _, name := range []string{"Nguyễn Văn Á", "nguyễn văn á", "NGUYỄN  VĂN Á"} {
		err := db.Update(func(tx *storage.Tx) error {
			a := quota.Admission{Org: "A", Name: name, Date: day(1, 3, 2026), ReportedBy: 6}
			err := tx.AddAdmission(&a)
			assert.Equal(t, first.ID, a.ID, "the existing admission is returned")
			assert.Equal(t, int64(5), a.ReportedBy)
			return err
		})
		require.ErrorIs(t, err, storage.ErrDuplicate, name)
		require.ErrorIs(t, err, quota.ErrAdmissionRecorded, name)
	}
	// Diacritics distinguish people: "Nguyễn Văn A" is someone else,
	// recorded, with the similar admission found for the reply.
	other := add(t, db, quota.Admission{Org: "D", Name: "Nguyễn Văn Á", Date: day(1, 3, 2026), ReportedBy: 5})
	second := add(t, db, quota.Admission{Org: "D", Name: "Nguyễn Văn A", Date: day(1, 3, 2026), ReportedBy: 5})
	assert.NotEqual(t, other.ID, second.ID)
	view(t, db, func(tx *storage.Tx) error {
		similar, err := tx.SimilarAdmissions("D", day(1, 3, 2026), "Nguyễn Văn A")
		require.NoError(t, err)
		if assert.Len(t, similar, 1) {
			assert.Equal(t, other.ID, similar[0].ID)
		}
		assert.Equal(t, 2, tx.Tally(2026, "D").Admitted)
		return nil
	})
	// The same name in another organization, or on another date, is not a duplicate.
	add(t, db, quota.Admission{Org: "B", Name: "Nguyễn Văn Á", Date: day(1, 3, 2026), ReportedBy: 5})
	add(t, db, quota.Admission{Org: "A", Name: "Nguyễn Văn Á", Date: day(2, 3, 2026), ReportedBy: 5})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 2, tx.Tally(2026, "A").Admitted)
		assert.Equal(t, 1, tx.Tally(2026, "B").Admitted)
		assert.Equal(t, 5, tx.AdmittedBetween("", day(1, 1, 2026), day(31, 12, 2026)))
		found, ok := tx.FindAdmission("A", day(1, 3, 2026), "nguyễn văn á")
		assert.True(t, ok)
		assert.Equal(t, first.ID, found.ID)
		_, ok = tx.FindAdmission("A", day(3, 3, 2026), "nguyễn văn á")
		assert.False(t, ok)
		return nil
	})
}

func TestRetract(t *testing.T) {
	db := openDB(t)
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	a := add(t, db, quota.Admission{Org: "A", Name: "Nguyễn Văn A", Date: day(1, 3, 2026), ReportedBy: 5})
	add(t, db, quota.Admission{Org: "A", Name: "Trần B", Date: day(1, 3, 2026), ReportedBy: 5})

	update(t, db, func(tx *storage.Tx) error {
		r, err := tx.Retract(a.ID, 7, at)
		require.NoError(t, err)
		assert.True(t, r.Retracted)
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 1, tx.Tally(2026, "A").Admitted)
		assert.Equal(t, 1, tx.AdmittedBetween("A", day(1, 3, 2026), day(1, 3, 2026)))
		assert.Equal(t, 1, tx.AdmittedBetween("", day(1, 3, 2026), day(1, 3, 2026)))
		kept, err := tx.Admission(a.ID)
		require.NoError(t, err)
		assert.True(t, kept.Retracted)
		assert.Equal(t, int64(7), kept.RetractedBy)
		assert.True(t, kept.RetractedAt.Equal(at))
		assert.Equal(t, "Nguyễn Văn A", kept.Name)
		_, ok := tx.FindAdmission("A", day(1, 3, 2026), "Nguyễn Văn A")
		assert.False(t, ok, "a retracted admission is not found as counting")
		return nil
	})
	// A second retraction is refused and does not count down again.
	err := db.Update(func(tx *storage.Tx) error { _, err := tx.Retract(a.ID, 7, at); return err })
	require.ErrorIs(t, err, storage.ErrNotFound)
	err = db.Update(func(tx *storage.Tx) error { _, err := tx.Retract(12345, 7, at); return err })
	require.ErrorIs(t, err, storage.ErrNotFound)

	again := add(t, db, quota.Admission{Org: "A", Name: "nguyễn văn a", Date: day(1, 3, 2026), ReportedBy: 5})
	assert.NotEqual(t, a.ID, again.ID)
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 2, tx.Tally(2026, "A").Admitted)
		assert.Equal(t, 2, tx.AdmittedBetween("", day(1, 1, 2026), day(31, 12, 2026)))
		found, ok := tx.FindAdmission("A", day(1, 3, 2026), "Nguyễn Văn A")
		assert.True(t, ok)
		assert.Equal(t, again.ID, found.ID)
		return nil
	})
}

func TestLastCountingAdmissionBy(t *testing.T) {
	db := openDB(t)
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	last := func(user int64) (quota.Admission, error) {
		var a quota.Admission
		err := db.View(func(tx *storage.Tx) error {
			var err error
			a, err = tx.LastCountingAdmissionBy(user)
			return err
		})
		return a, err
	}
	names := []string{"An", "Bình", "Chi", "Dũng", "Giang", "Hà"}
	byUser := map[int64][]uint64{}
	for i, n := range names {
		user := int64(5 + i%2) // 5 and 6 take turns
		a := add(t, db, quota.Admission{Org: "A", Name: n, Date: day(1, 3, 2026), ReportedBy: user})
		byUser[user] = append(byUser[user], a.ID)
	}
	// Neighbours across a byte boundary of the big-endian key.
	a255 := add(t, db, quota.Admission{Org: "A", Name: "Khánh", Date: day(1, 3, 2026), ReportedBy: 255})
	a256 := add(t, db, quota.Admission{Org: "A", Name: "Lan", Date: day(1, 3, 2026), ReportedBy: 256})

	for _, user := range []int64{5, 6} {
		a, err := last(user)
		require.NoError(t, err)
		assert.Equal(t, byUser[user][2], a.ID, "user %d", user)
		assert.Equal(t, user, a.ReportedBy)
	}
	a, err := last(255)
	require.NoError(t, err)
	assert.Equal(t, a255.ID, a.ID)
	a, err = last(256)
	require.NoError(t, err)
	assert.Equal(t, a256.ID, a.ID)
	_, err = last(7)
	require.ErrorIs(t, err, storage.ErrNotFound)
	_, err = last(4)
	require.ErrorIs(t, err, storage.ErrNotFound)

	// Undoing user 5's admissions walks back through its own, skipping 6's.
	for i := 2; i >= 0; i-- {
		a, err := last(5)
		require.NoError(t, err)
		require.Equal(t, byUser[5][i], a.ID)
		update(t, db, func(tx *storage.Tx) error { _, err := tx.Retract(a.ID, 5, at); return err })
	}
	_, err = last(5)
	require.ErrorIs(t, err, storage.ErrNotFound)
	a, err = last(6)
	require.NoError(t, err)
	assert.Equal(t, byUser[6][2], a.ID)

	// User 6's latest is retracted by someone else: the one before it counts.
	update(t, db, func(tx *storage.Tx) error { _, err := tx.Retract(byUser[6][2], 1, at); return err })
	a, err = last(6)
	require.NoError(t, err)
	assert.Equal(t, byUser[6][1], a.ID)

	// The highest user id has no following key to seek to.
	top := add(t, db, quota.Admission{Org: "A", Name: "Mai", Date: day(1, 3, 2026), ReportedBy: 1 << 40})
	a, err = last(1 << 40)
	require.NoError(t, err)
	assert.Equal(t, top.ID, a.ID)
}

func quotaAdmission(org, name string, d quota.Date, by int64) quota.Admission {
	return quota.Admission{Org: org, Name: name, Date: d, ReportedBy: by}
}
