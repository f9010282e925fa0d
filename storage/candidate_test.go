package storage_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

var candAt = time.Date(2026, 6, 15, 3, 0, 0, 0, time.UTC)

func newCandidate(org, name string) quota.Candidate {
	return quota.Candidate{Org: org, Name: name, Source: quota.SourceYouthUnion, Stage: quota.StageIdentified,
		CreatedBy: 7, CreatedAt: candAt, History: []quota.StageChange{{Stage: quota.StageIdentified, At: candAt, By: 7}}}
}

func addCandidate(t *testing.T, db *storage.DB, org, name string) quota.Candidate {
	t.Helper()
	c := newCandidate(org, name)
	update(t, db, func(tx *storage.Tx) error { return tx.AddCandidate(&c) })
	require.NotZero(t, c.ID)
	return c
}

// moveTo takes a stored candidate step by step to stage s, or drops it.
func moveTo(t *testing.T, db *storage.DB, id uint64, s quota.Stage) quota.Candidate {
	t.Helper()
	var c quota.Candidate
	update(t, db, func(tx *storage.Tx) error {
		var err error
		if c, err = tx.Candidate(id); err != nil {
			return err
		}
		for c.Stage != s {
			next, _ := c.Stage.Next()
			if s == quota.StageDropped {
				next = s
			}
			if err := c.Move(next, day(1, 3, 2026), candAt, 7); err != nil {
				return err
			}
		}
		return tx.PutCandidate(c)
	})
	return c
}

func advancedOf(t *testing.T, db *storage.DB, org string) int {
	t.Helper()
	n := 0
	view(t, db, func(tx *storage.Tx) error { n = tx.Advanced(org); return nil })
	return n
}

func TestAddCandidateRefusesTheSamePersonInTheSameOrg(t *testing.T) {
	db := openDB(t)
	first := addCandidate(t, db, "CB_01", "Lê Văn Tám")

	for _, again := range []string{"Lê Văn Tám", "lê văn tám", "LÊ VĂN TÁM", "  Lê   Văn  Tám "} {
		c := newCandidate("CB_01", again)
		var err error
		update(t, db, func(tx *storage.Tx) error { err = tx.AddCandidate(&c); return nil })
		assert.ErrorIs(t, err, storage.ErrDuplicate, again)
		assert.ErrorIs(t, err, quota.ErrCandidateExists, again)
		assert.Equal(t, first.ID, c.ID, "the existing candidate is handed back")
		assert.Equal(t, "Lê Văn Tám", c.Name)
	}

	other := addCandidate(t, db, "CB_02", "Lê Văn Tám")
	assert.NotEqual(t, first.ID, other.ID, "another organization may have a person of the same name")

	view(t, db, func(tx *storage.Tx) error {
		list, err := tx.CandidatesOf("CB_01")
		require.NoError(t, err)
		assert.Len(t, list, 1)
		list, err = tx.CandidatesOf("CB_02")
		require.NoError(t, err)
		assert.Len(t, list, 1)
		return nil
	})

	// Diacritics distinguish people: another person, whose similar name
	// can be pointed out.
	tam := addCandidate(t, db, "CB_01", "Lê Văn Tâm")
	assert.NotEqual(t, first.ID, tam.ID)
	view(t, db, func(tx *storage.Tx) error {
		similar, err := tx.SimilarCandidates("CB_01", "Lê Văn Tâm")
		require.NoError(t, err)
		if assert.Len(t, similar, 1) {
			assert.Equal(t, first.ID, similar[0].ID)
		}
		return nil
	})
	moveTo(t, db, tam.ID, quota.StageDropped)

	// A dropped person frees the name: someone of that name can be added again.
	moveTo(t, db, first.ID, quota.StageDropped)
	again := addCandidate(t, db, "CB_01", "Lê Văn Tám")
	assert.NotEqual(t, first.ID, again.ID)
}

func TestPutCandidateKeepsTheAdvancedCount(t *testing.T) {
	db := openDB(t)
	a := addCandidate(t, db, "CB_01", "Nguyễn Văn An")
	b := addCandidate(t, db, "CB_01", "Trần Thị Bình")
	addCandidate(t, db, "CB_02", "Phạm Văn Cường")

	steps := []struct {
		id     uint64
		to     quota.Stage
		want01 int
	}{
		{a.ID, quota.StageTrained, 0},
		{a.ID, quota.StageIntroduced, 1},
		{a.ID, quota.StageSubmitted, 1},
		{b.ID, quota.StageIntroduced, 2},
		{b.ID, quota.StageDropped, 1},
	}
	for _, s := range steps {
		moveTo(t, db, s.id, s.to)
		assert.Equal(t, s.want01, advancedOf(t, db, "CB_01"), "after moving %d to %s", s.id, s.to)
		assert.Equal(t, 0, advancedOf(t, db, "CB_02"))
	}

	// Admitted leaves the count, as /report does it.
	update(t, db, func(tx *storage.Tx) error {
		c, err := tx.Candidate(a.ID)
		if err != nil {
			return err
		}
		c.Stage, c.AdmissionID = quota.StageAdmitted, 99
		return tx.PutCandidate(c)
	})
	assert.Equal(t, 0, advancedOf(t, db, "CB_01"))
	// Saving the same stage twice counts once.
	c := moveTo(t, db, addCandidate(t, db, "CB_01", "Hoàng Thị Dung").ID, quota.StageSubmitted)
	update(t, db, func(tx *storage.Tx) error { return tx.PutCandidate(c) })
	update(t, db, func(tx *storage.Tx) error { return tx.PutCandidate(c) })
	assert.Equal(t, 1, advancedOf(t, db, "CB_01"))
}

func TestFindCandidateOnlyInThePipeline(t *testing.T) {
	db := openDB(t)
	c := addCandidate(t, db, "CB_01", "Đặng Văn Đức")
	find := func(org, name string) (quota.Candidate, bool) {
		var got quota.Candidate
		var ok bool
		view(t, db, func(tx *storage.Tx) error {
			var err error
			got, err = tx.SearchCandidate(org, name)
			ok = err == nil
			return nil
		})
		return got, ok
	}
	got, ok := find("CB_01", "dang van duc")
	require.True(t, ok)
	assert.Equal(t, c.ID, got.ID)
	_, ok = find("CB_02", "Đặng Văn Đức")
	assert.False(t, ok, "another organization's candidate is not found")
	_, ok = find("CB_01", "Đặng Văn")
	assert.False(t, ok)

	moveTo(t, db, c.ID, quota.StageSubmitted)
	_, ok = find("CB_01", "Đặng Văn Đức")
	assert.True(t, ok, "a candidate is found at every open stage")

	moveTo(t, db, c.ID, quota.StageDropped)
	_, ok = find("CB_01", "Đặng Văn Đức")
	assert.False(t, ok, "a dropped candidate is not found")

	d := addCandidate(t, db, "CB_01", "Võ Thị Em")
	update(t, db, func(tx *storage.Tx) error {
		d.Stage = quota.StageAdmitted
		return tx.PutCandidate(d)
	})
	_, ok = find("CB_01", "Võ Thị Em")
	assert.False(t, ok, "an admitted candidate is not found")
}

func TestEachTallyWithPipelineMerges(t *testing.T) {
	db := openDB(t)
	// Codes interleave: some with candidates, some without, and some with
	// candidates but no tally this year.
	for _, code := range []string{"A1", "B2", "C3", "D4", "E5"} {
		addOrg(t, db, code, 10)
	}
	addOrg(t, db, "A0", 0)
	advanced := map[string]int{"A0": 2, "B2": 1, "BB": 3, "BC": 1, "D4": 2, "Z9": 1}
	for code, n := range advanced {
		for i := range n {
			c := addCandidate(t, db, code, fmt.Sprintf("Nguyễn Văn %c", 'A'+rune(i)))
			moveTo(t, db, c.ID, quota.StageIntroduced)
		}
	}
	// One still at the start does not count.
	addCandidate(t, db, "C3", "Trần Văn Chưa")

	got := map[string]int{}
	var order []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachTallyWithPipeline(2026, func(code string, tl quota.Tally, adv int) error {
			order = append(order, code)
			got[code] = adv
			assert.Equal(t, tl, tx.Tally(2026, code))
			return nil
		})
	})
	assert.Equal(t, []string{"A0", "A1", "B2", "C3", "D4", "E5"}, order)
	assert.Equal(t, map[string]int{"A0": 2, "A1": 0, "B2": 1, "C3": 0, "D4": 2, "E5": 0}, got)

	// A year with no tallies calls nothing, whatever the pipeline holds.
	calls := 0
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachTallyWithPipeline(2031, func(string, quota.Tally, int) error { calls++; return nil })
	})
	assert.Zero(t, calls)
}

func TestEraseCandidate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db := openAt(t, path)
	c := addCandidate(t, db, "CB_01", "Bùi Thị Riêng")
	at := candAt.Add(time.Hour)

	var err error
	update(t, db, func(tx *storage.Tx) error { err = tx.EraseCandidate(c.ID, 42, at); return nil })
	assert.ErrorIs(t, err, storage.ErrNotDropped)
	view(t, db, func(tx *storage.Tx) error {
		_, err := tx.Candidate(c.ID)
		assert.NoError(t, err, "a candidate in the pipeline is kept")
		audit, err := tx.Audit()
		require.NoError(t, err)
		assert.Empty(t, audit)
		return nil
	})

	update(t, db, func(tx *storage.Tx) error { err = tx.EraseCandidate(12345, 42, at); return nil })
	assert.ErrorIs(t, err, storage.ErrNotFound)

	moveTo(t, db, c.ID, quota.StageDropped)
	update(t, db, func(tx *storage.Tx) error { return tx.EraseCandidate(c.ID, 42, at) })
	view(t, db, func(tx *storage.Tx) error {
		_, err := tx.Candidate(c.ID)
		assert.ErrorIs(t, err, storage.ErrNotFound)
		list, err := tx.CandidatesOf("CB_01")
		require.NoError(t, err)
		assert.Empty(t, list)
		audit, err := tx.Audit()
		require.NoError(t, err)
		require.Len(t, audit, 1)
		assert.Equal(t, storage.AuditEntry{What: "candidate erased", ID: c.ID, Org: "CB_01", By: 42, At: at}, audit[0])
		return nil
	})
	require.NoError(t, db.Close())
	for _, word := range []string{"Bùi Thị Riêng", "bui thi rieng"} {
		assert.Empty(t, recordsHolding(t, path, word), "the erased name is in no record")
	}
}

// recordsHolding lists the buckets whose keys or values hold s, reading
// the closed database file directly.
func recordsHolding(t *testing.T, path, s string) []string {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	defer b.Close()
	var found []string
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			return bk.ForEach(func(k, v []byte) error {
				if strings.Contains(string(k), s) || strings.Contains(string(v), s) {
					found = append(found, string(name))
				}
				return nil
			})
		})
	}))
	return found
}

func admitOn(t *testing.T, db *storage.DB, org, name string, d quota.Date) quota.Admission {
	t.Helper()
	a := quota.Admission{Org: org, Name: name, Date: d, ReportedBy: 7, ReportedAt: candAt}
	update(t, db, func(tx *storage.Tx) error { return tx.AddAdmission(&a) })
	return a
}

func probationEnding(t *testing.T, db *storage.DB, from, to quota.Date) []string {
	t.Helper()
	var out []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationEnding(from, to, func(a quota.Admission) error { out = append(out, a.Name); return nil })
	})
	return out
}

func probationOf(t *testing.T, db *storage.DB, org string, to quota.Date) []string {
	t.Helper()
	var out []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationOf(org, to, func(a quota.Admission) error { out = append(out, a.Name); return nil })
	})
	return out
}

func TestProbationIndex(t *testing.T) {
	db := openDB(t)
	addOrg(t, db, "CB_01", 10)
	addOrg(t, db, "CB_02", 10)
	addOrg(t, db, "CB_1", 10) // a code that is a prefix of another
	a := admitOn(t, db, "CB_01", "An", day(10, 3, 2025))
	b := admitOn(t, db, "CB_02", "Bình", day(20, 3, 2025))
	admitOn(t, db, "CB_01", "Cường", day(5, 4, 2025))
	admitOn(t, db, "CB_01", "Dũng", day(29, 2, 2024))
	admitOn(t, db, "CB_1", "Em", day(1, 3, 2025))

	all := probationEnding(t, db, day(1, 1, 1930), day(31, 12, 2030))
	assert.Equal(t, []string{"Dũng", "Em", "An", "Bình", "Cường"}, all, "by end date")
	assert.Equal(t, []string{"An", "Bình"}, probationEnding(t, db, day(10, 3, 2026), day(20, 3, 2026)), "both ends inclusive")
	assert.Equal(t, []string{"Dũng"}, probationEnding(t, db, day(28, 2, 2025), day(28, 2, 2025)), "29/02 ends on 28/02")
	assert.Empty(t, probationEnding(t, db, day(6, 4, 2026), day(31, 12, 2026)))

	assert.Equal(t, []string{"Dũng", "An", "Cường"}, probationOf(t, db, "CB_01", day(31, 12, 2030)))
	assert.Equal(t, []string{"Dũng", "An"}, probationOf(t, db, "CB_01", day(10, 3, 2026)), "overdue ones and those ending by the date")
	assert.Equal(t, []string{"Em"}, probationOf(t, db, "CB_1", day(31, 12, 2030)), "CB_1 is not CB_01's prefix")
	assert.Empty(t, probationOf(t, db, "CB_03", day(31, 12, 2030)))

	// A retracted admission leaves the index.
	update(t, db, func(tx *storage.Tx) error { _, err := tx.Retract(b.ID, 7, candAt); return err })
	assert.NotContains(t, probationEnding(t, db, day(1, 1, 1930), day(31, 12, 2030)), "Bình")
	assert.Empty(t, probationOf(t, db, "CB_02", day(31, 12, 2030)))

	// So does one whose official membership is recorded, once.
	dec := quota.OfficialDecision{Date: day(12, 3, 2026), Number: "45-QĐ/ĐU", RecordedBy: 7, RecordedAt: candAt}
	var got quota.Admission
	update(t, db, func(tx *storage.Tx) error {
		var err error
		got, err = tx.RecordOfficial(a.ID, dec)
		return err
	})
	require.NotNil(t, got.Official)
	assert.Equal(t, dec.Number, got.Official.Number)
	assert.Equal(t, []string{"Dũng", "Cường"}, probationOf(t, db, "CB_01", day(31, 12, 2030)))
	assert.Equal(t, []string{"Dũng", "Em", "Cường"}, probationEnding(t, db, day(1, 1, 1930), day(31, 12, 2030)))
	view(t, db, func(tx *storage.Tx) error {
		stored, err := tx.Admission(a.ID)
		require.NoError(t, err)
		require.NotNil(t, stored.Official)
		assert.Equal(t, dec.Date, stored.Official.Date)
		assert.False(t, stored.Retracted, "still counts")
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 2, tx.Tally(2025, "CB_01").Admitted, "an official decision does not change the count")
		return nil
	})

	var err error
	update(t, db, func(tx *storage.Tx) error { _, err = tx.RecordOfficial(a.ID, dec); return nil })
	assert.ErrorIs(t, err, storage.ErrAlreadyOfficial)
	update(t, db, func(tx *storage.Tx) error { _, err = tx.RecordOfficial(b.ID, dec); return nil })
	assert.ErrorIs(t, err, storage.ErrNotFound, "a retracted admission takes no decision")
	update(t, db, func(tx *storage.Tx) error { _, err = tx.RecordOfficial(9999, dec); return nil })
	assert.ErrorIs(t, err, storage.ErrNotFound)

	assert.Empty(t, db.Check())
}
