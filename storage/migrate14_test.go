package storage_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// talliesBeforeSchema14 lays the tallies of a file written by this
// quotabot out as schemas before 14 did: a key year(2) code per
// organization and year, quota(4) admitted(4). It returns how many.
func talliesBeforeSchema14(t *testing.T, tx *bolt.Tx) int {
	t.Helper()
	type old struct{ k, v []byte }
	var olds []old
	require.NoError(t, tx.Bucket([]byte("tallies")).ForEach(func(k, v []byte) error {
		entries, err := storage.DecodeTallyPack(v)
		require.NoError(t, err)
		for _, e := range entries {
			olds = append(olds, old{tallyKey(int(k[0])<<8|int(k[1]), e.Code), append(be4(uint32(e.Quota)), be4(uint32(e.Admitted))...)})
		}
		return nil
	}))
	require.NoError(t, tx.DeleteBucket([]byte("tallies")))
	b, err := tx.CreateBucket([]byte("tallies"))
	require.NoError(t, err)
	for _, o := range olds {
		require.NoError(t, b.Put(o.k, o.v))
	}
	return len(olds)
}

// TestOpenMigratesSchema13TalliesToPacks opens a file whose tallies are
// a key each, as before schema 14, and checks that every tally reads
// back as it was, by every reader, that the figures made of them are the
// same, and that reports, quotas and corrections after the upgrade keep
// them right.
func TestOpenMigratesSchema13TalliesToPacks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	const orgs = 5000
	code := func(i int) string { return fmt.Sprintf("CB_T%02d_%04d", i%40, i) }
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: "DU_A", Name: "Đảng bộ A"}); err != nil {
			return err
		}
		for i := range orgs {
			if _, err := tx.PutOrg(quota.Org{Code: code(i), Name: "Chi bộ " + code(i), Parent: "DU_A"}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code(i), 3+i%5); err != nil {
				return err
			}
			if i%4 == 0 {
				if _, err := tx.SetQuota(2025, code(i), 2); err != nil {
					return err
				}
			}
		}
		// An organization with a total of a year before, none named.
		_, err := tx.SetPastTotal(quota.PastTotal{Year: 2025, Org: code(1), Admitted: 4})
		return err
	})
	var adms []quota.Admission
	for i := range 200 {
		adms = append(adms, add(t, db, quota.Admission{Org: code(i * 23 % orgs), Name: fmt.Sprintf("Nguyễn Văn %d", i), Date: day(1+i%28, 1+i%12, 2025+i%2), ReportedBy: 7}))
	}
	all := []string{"DU_A"}
	for i := range orgs {
		all = append(all, code(i))
	}
	type figures struct {
		tallies   map[int]map[string]quota.Tally
		years     []int
		committee []quota.YearCount
		subtree   quota.YearCount
		orgYears  []storage.OrgYear
		pipeline  int
		admitted  bool
	}
	read := func(db *storage.DB) figures {
		t.Helper()
		f := figures{tallies: map[int]map[string]quota.Tally{}}
		view(t, db, func(tx *storage.Tx) error {
			f.years = tx.TallyYears()
			for _, y := range []int{2025, 2026} {
				f.tallies[y] = map[string]quota.Tally{}
				require.NoError(t, tx.EachTally(y, func(code string, tl quota.Tally) error { f.tallies[y][code] = tl; return nil }))
				require.NoError(t, tx.EachTallyWithPipeline(y, func(_ string, tl quota.Tally, _ int) error { f.pipeline += tl.Quota + tl.Admitted; return nil }))
				for code, tl := range f.tallies[y] {
					require.Equal(t, tl, tx.Tally(y, code), "%s in %d", code, y)
				}
			}
			var err error
			f.committee, err = tx.YearCounts(nil, quota.Term{From: 2025, To: 2026})
			require.NoError(t, err)
			f.subtree, err = tx.SubtreeYearCount(2026, all)
			require.NoError(t, err)
			sorted := append([]string(nil), all...)
			slices.Sort(sorted)
			f.orgYears, err = tx.YearOf(2025, sorted)
			require.NoError(t, err)
			f.admitted = tx.AdmittedIn(2025, []byte(code(0)))
			return nil
		})
		return f
	}
	before := read(db)
	require.NoError(t, db.Close())
	require.Len(t, before.tallies[2026], orgs)
	assert.True(t, before.admitted)

	rawUpdate(t, path, func(tx *bolt.Tx) error {
		assert.Equal(t, len(before.tallies[2025])+len(before.tallies[2026]), talliesBeforeSchema14(t, tx))
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), be8(13))
	})

	db = openAt(t, path)
	backups, err := filepath.Glob(path + ".schema13-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1, "a copy is kept before upgrading")
	assert.Empty(t, db.Check())
	after := read(db)
	assert.Equal(t, before, after)

	// Reports, a quota, a correction and a new organization after the
	// upgrade keep the figures right.
	add(t, db, quota.Admission{Org: code(7), Name: "Trần Thị Bình", Date: day(3, 3, 2026), ReportedBy: 7})
	add(t, db, quota.Admission{Org: code(orgs - 1), Name: "Lê Văn Cường", Date: day(4, 3, 2026), ReportedBy: 7})
	at := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	update(t, db, func(tx *storage.Tx) error {
		if _, err := tx.SetQuota(2026, code(7), 40); err != nil {
			return err
		}
		if _, err := tx.PutOrg(quota.Org{Code: "CB_T00_0000a", Name: "Chi bộ mới", Parent: "DU_A"}); err != nil {
			return err
		}
		if _, err := tx.SetQuota(2026, "CB_T00_0000a", 9); err != nil {
			return err
		}
		next, c, err := adms[0].Correct(quota.FieldDate, "02/01/2026", day(5, 3, 2026), 9, at)
		require.NoError(t, err)
		return tx.ReplaceAdmission(next, c)
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 40, Admitted: before.tallies[2026][code(7)].Admitted + 1}, tx.Tally(2026, code(7)))
		assert.Equal(t, before.tallies[2026][code(orgs-1)].Admitted+1, tx.Tally(2026, code(orgs-1)).Admitted)
		assert.Equal(t, quota.Tally{Quota: 9}, tx.Tally(2026, "CB_T00_0000a"))
		assert.Equal(t, before.tallies[2025][adms[0].Org].Admitted-1, tx.Tally(2025, adms[0].Org).Admitted, "the correction moved it out of 2025")
		assert.Equal(t, before.tallies[2026][adms[0].Org].Admitted+1, tx.Tally(2026, adms[0].Org).Admitted)
		sub, err := tx.SubtreeYearCount(2026, append(all, "CB_T00_0000a"))
		require.NoError(t, err)
		assert.Equal(t, before.subtree.Admitted+3, sub.Admitted)
		n := 0
		require.NoError(t, tx.EachTally(2026, func(string, quota.Tally) error { n++; return nil }))
		assert.Equal(t, orgs+1, n)
		return nil
	})
	assert.Empty(t, db.Check())
	require.NoError(t, db.Close())
	packs := rawPacks(t, path)
	assert.Less(t, len(packs), 12, "a few packs")
	assert.Greater(t, len(packs), 2)
}
