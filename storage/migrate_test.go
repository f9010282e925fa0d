package storage_test

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// schema1Buckets are the buckets a schema 1 database has; schema 2 added
// candidates, cand_by_org, cand_dedupe, pipeline, probation, prob_by_org
// and audit.
var schema1Buckets = []string{"meta", "orgs", "children", "tallies", "daily", "admissions", "adm_dedupe",
	"adm_by_user", "users", "invitations", "updates", "outbox", "outbox_keys", "dialogs", "jobs", "dead", "streaks"}

func be8(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func be4(v uint32) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, v)
	return b
}

// writeSchema1 builds a database file as a schema 1 quotabot wrote it,
// with the admissions given and every count they imply.
func writeSchema1(t *testing.T, path string, version uint64, orgs []quota.Org, quotas map[string]int, adms []quota.Admission) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		bk := map[string]*bolt.Bucket{}
		for _, name := range schema1Buckets {
			x, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			bk[name] = x
		}
		if err := bk["meta"].Put([]byte("schema_version"), be8(version)); err != nil {
			return err
		}
		for _, o := range orgs {
			v, err := json.Marshal(o)
			if err != nil {
				return err
			}
			if err := bk["orgs"].Put([]byte(o.Code), v); err != nil {
				return err
			}
		}
		tallies := map[string]quota.Tally{}
		tallyKey := func(year int, code string) string {
			k := make([]byte, 2+len(code))
			binary.BigEndian.PutUint16(k, uint16(year))
			copy(k[2:], code)
			return string(k)
		}
		for code, n := range quotas {
			k := tallyKey(2026, code)
			tl := tallies[k]
			tl.Quota = n
			tallies[k] = tl
		}
		daily := map[string]uint32{}
		for i := range adms {
			a := &adms[i]
			a.ID = uint64(i + 1)
			v, err := json.Marshal(a)
			if err != nil {
				return err
			}
			if err := bk["admissions"].Put(be8(a.ID), v); err != nil {
				return err
			}
			if err := bk["adm_by_user"].Put(append(be8(uint64(a.ReportedBy)), be8(a.ID)...), nil); err != nil {
				return err
			}
			if a.Retracted {
				continue
			}
			// Schemas 1 and 2 keyed the index without diacritics.
			dk := a.Org + "\x00" + a.Date.String() + "\x00" + quota.SearchKey(a.Name)
			if err := bk["adm_dedupe"].Put([]byte(dk), be8(a.ID)); err != nil {
				return err
			}
			k := tallyKey(a.Date.Year, a.Org)
			tl := tallies[k]
			tl.Admitted++
			tallies[k] = tl
			daily[a.Org+"\x00"+string(be4(a.Date.Key()))]++
			daily["\x00"+string(be4(a.Date.Key()))]++
		}
		if err := bk["admissions"].SetSequence(uint64(len(adms))); err != nil {
			return err
		}
		for k, tl := range tallies {
			if err := bk["tallies"].Put([]byte(k), append(be4(uint32(tl.Quota)), be4(uint32(tl.Admitted))...)); err != nil {
				return err
			}
		}
		for k, n := range daily {
			if err := bk["daily"].Put([]byte(k), be4(n)); err != nil {
				return err
			}
		}
		u := quota.User{ID: 7, Role: quota.RoleSecretary, Orgs: []string{"CB_01"}, ChatID: 7, Lang: "vi"}
		v, err := json.Marshal(u)
		if err != nil {
			return err
		}
		return bk["users"].Put(be8(7), v)
	}))
}

func schema1Fixture() ([]quota.Org, map[string]int, []quota.Admission) {
	at := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	orgs := []quota.Org{{Code: "CB_01", Name: "Chi bộ Một"}, {Code: "CB_02", Name: "Chi bộ Hai"}}
	adms := []quota.Admission{
		{Org: "CB_01", Name: "Nguyễn Văn An", Date: day(10, 3, 2025), Decision: "12-QĐ/ĐU", ReportedBy: 7, ReportedAt: at},
		{Org: "CB_01", Name: "Trần Thị Bình", Date: day(29, 2, 2024), ReportedBy: 7, ReportedAt: at},
		{Org: "CB_02", Name: "Lê Văn Cường", Date: day(2, 1, 2026), ReportedBy: 8, ReportedAt: at},
		{Org: "CB_02", Name: "Phạm Văn Rút", Date: day(3, 1, 2026), ReportedBy: 8, ReportedAt: at, Retracted: true, RetractedBy: 8, RetractedAt: at},
	}
	return orgs, map[string]int{"CB_01": 10, "CB_02": 5}, adms
}

func TestOpenMigratesSchema1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "quotabot.db")
	orgs, quotas, adms := schema1Fixture()
	writeSchema1(t, path, 1, orgs, quotas, adms)
	v, err := storage.Inspect(path)
	require.NoError(t, err)
	require.Equal(t, 1, v)

	db := openAt(t, path)
	require.NoError(t, db.Close(), "Inspect needs the file unlocked")
	v, err = storage.Inspect(path)
	require.NoError(t, err)
	assert.Equal(t, storage.SchemaVersion, v)
	// Opening again neither migrates nor copies again.
	db = openAt(t, path)

	backups, err := filepath.Glob(path + ".schema1-*.bak")
	require.NoError(t, err)
	require.Len(t, backups, 1, "a copy is kept before upgrading")
	bv, err := storage.Inspect(backups[0])
	require.NoError(t, err)
	assert.Equal(t, 1, bv, "the copy is the schema 1 file")
	old, err := bolt.Open(backups[0], 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	require.NoError(t, old.View(func(tx *bolt.Tx) error {
		assert.Equal(t, len(adms), tx.Bucket([]byte("admissions")).Stats().KeyN, "the copy holds the old admissions")
		assert.Nil(t, tx.Bucket([]byte("probation")), "the copy is taken before the upgrade")
		return nil
	}))
	require.NoError(t, old.Close())

	// The probation index lists every counting admission, by end date.
	var ending []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationEnding(day(1, 1, 1930), day(31, 12, 2100), func(a quota.Admission) error {
			ending = append(ending, a.Name+" "+a.ProbationEnd().String())
			return nil
		})
	})
	assert.Equal(t, []string{"Trần Thị Bình 28/02/2025", "Nguyễn Văn An 10/03/2026", "Lê Văn Cường 02/01/2027"}, ending)
	var ofOrg []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationOf("CB_01", day(31, 12, 2100), func(a quota.Admission) error {
			ofOrg = append(ofOrg, a.Name)
			return nil
		})
	})
	assert.Equal(t, []string{"Trần Thị Bình", "Nguyễn Văn An"}, ofOrg)

	// The data are intact.
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 10, Admitted: 0}, tx.Tally(2026, "CB_01"))
		assert.Equal(t, quota.Tally{Admitted: 1}, tx.Tally(2025, "CB_01"))
		assert.Equal(t, quota.Tally{Quota: 5, Admitted: 1}, tx.Tally(2026, "CB_02"))
		a, err := tx.Admission(1)
		require.NoError(t, err)
		assert.Equal(t, "Nguyễn Văn An", a.Name)
		assert.Equal(t, "12-QĐ/ĐU", a.Decision)
		assert.Nil(t, a.Official)
		_, found := tx.FindAdmission("CB_01", day(10, 3, 2025), "NGUYỄN  VĂN AN")
		assert.True(t, found)
		u, err := tx.User(7)
		require.NoError(t, err)
		assert.Equal(t, quota.RoleSecretary, u.Role)
		o, err := tx.Org("CB_02")
		require.NoError(t, err)
		assert.Equal(t, "Chi bộ Hai", o.Name)
		got, err := tx.LastCountingAdmissionBy(8)
		require.NoError(t, err)
		assert.Equal(t, "Lê Văn Cường", got.Name)
		return nil
	})
	assert.Empty(t, db.Check())

	// The new buckets work: a candidate can be added, a decision recorded.
	update(t, db, func(tx *storage.Tx) error {
		c := quota.Candidate{Org: "CB_01", Name: "Võ Văn Mới", Stage: quota.StageIdentified, Source: quota.SourceOther}
		if err := tx.AddCandidate(&c); err != nil {
			return err
		}
		_, err := tx.RecordOfficial(1, quota.OfficialDecision{Date: day(12, 3, 2026), RecordedBy: 7})
		return err
	})
	next := add(t, db, quota.Admission{Org: "CB_01", Name: "Đỗ Thị Sau", Date: day(1, 6, 2026), ReportedBy: 7})
	assert.Equal(t, uint64(len(adms)+1), next.ID, "numbering goes on after the old admissions")
	assert.Empty(t, db.Check())

	require.NoError(t, db.Close())
	db = openAt(t, path)
	backups, err = filepath.Glob(path + ".schema1-*.bak")
	require.NoError(t, err)
	assert.Len(t, backups, 1)
	var names []string
	view(t, db, func(tx *storage.Tx) error {
		return tx.EachProbationOf("CB_01", day(31, 12, 2100), func(a quota.Admission) error {
			names = append(names, a.Name)
			return nil
		})
	})
	assert.Equal(t, []string{"Trần Thị Bình", "Đỗ Thị Sau"}, names, "the decided one stays out")
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "quotabot.db")
	orgs, quotas, adms := schema1Fixture()
	writeSchema1(t, path, storage.SchemaVersion+1, orgs, quotas, adms)
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	db, err := storage.Open(path, storage.Options{LockTimeout: 200 * time.Millisecond})
	if db != nil {
		_ = db.Close()
	}
	require.ErrorIs(t, err, storage.ErrNewerSchema)
	assert.Contains(t, err.Error(), path, "the message names the file")

	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the file is left unchanged")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no copy was made")

	// The file can still be opened by bbolt, without the new buckets.
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		assert.Nil(t, tx.Bucket([]byte("candidates")))
		assert.Nil(t, tx.Bucket([]byte("probation")))
		assert.Equal(t, be8(uint64(storage.SchemaVersion+1)), tx.Bucket([]byte("meta")).Get([]byte("schema_version")))
		return nil
	}))
}

// A schema 2 file keyed its duplicate indexes without diacritics; after the
// upgrade, a name that differs only in diacritics is another person.
func TestOpenMigratesSchema2IdentityKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "quotabot.db")
	orgs, quotas, adms := schema1Fixture()
	orgs[1].Inactive = true // deactivated before the day was kept
	writeSchema1(t, path, 2, orgs, quotas, adms)
	b, err := bolt.Open(path, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, b.Update(func(tx *bolt.Tx) error {
		c := quota.Candidate{ID: 1, Org: "CB_01", Name: "Lê Văn Hùng", Stage: quota.StageIdentified, Source: quota.SourceOther}
		v, err := json.Marshal(c)
		if err != nil {
			return err
		}
		for name, kv := range map[string][2][]byte{
			"candidates":  {be8(1), v},
			"cand_by_org": {append([]byte("CB_01\x00"), be8(1)...), nil},
			"cand_dedupe": {[]byte("CB_01\x00" + quota.SearchKey(c.Name)), be8(1)},
		} {
			bk, err := tx.CreateBucketIfNotExists([]byte(name))
			if err != nil {
				return err
			}
			if err := bk.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		// Schema 2 indexed the probations awaiting a decision.
		for _, a := range adms {
			if a.Retracted {
				continue
			}
			end := quota.ProbationEnd(a.Date)
			k := append(be4(end.Key()), be8(a.ID)...)
			for name, key := range map[string][]byte{"probation": k, "prob_by_org": append([]byte(a.Org+"\x00"), k...)} {
				bk, err := tx.CreateBucketIfNotExists([]byte(name))
				if err != nil {
					return err
				}
				if err := bk.Put(key, nil); err != nil {
					return err
				}
			}
		}
		return tx.Bucket([]byte("candidates")).SetSequence(1)
	}))
	require.NoError(t, b.Close())

	db := openAt(t, path)
	assert.Empty(t, db.Check())
	view(t, db, func(tx *storage.Tx) error {
		_, found := tx.FindAdmission("CB_01", day(10, 3, 2025), "nguyễn văn an")
		assert.True(t, found, "the same person up to case is found")
		_, found = tx.FindAdmission("CB_01", day(10, 3, 2025), "Nguyen Van An")
		assert.False(t, found, "a name without its diacritics is another person")
		assert.Equal(t, quota.Deactivated{"CB_02": {Code: "CB_02", Inactive: true}}, tx.Deactivated(), "the deactivated organizations are indexed")
		assert.False(t, tx.Deactivated().Counts("CB_02", day(1, 1, 2000)))
		byOrg, err := tx.AllAdmissionsOf("CB_01", 2025)
		require.NoError(t, err)
		if assert.Len(t, byOrg, 1, "the admissions are indexed by organization") {
			assert.Equal(t, "Nguyễn Văn An", byOrg[0].Name)
		}
		c, err := tx.SearchCandidate("CB_01", "le van hung")
		require.NoError(t, err, "search still ignores diacritics")
		assert.Equal(t, "Lê Văn Hùng", c.Name)
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		a := quota.Admission{Org: "CB_01", Name: "Nguyễn Văn Ân", Date: day(10, 3, 2025), ReportedBy: 7}
		if err := tx.AddAdmission(&a); err != nil {
			return err
		}
		similar, err := tx.SimilarAdmissions("CB_01", day(10, 3, 2025), a.Name)
		require.NoError(t, err)
		if assert.Len(t, similar, 1) {
			assert.Equal(t, "Nguyễn Văn An", similar[0].Name)
		}
		c := quota.Candidate{Org: "CB_01", Name: "Lê Văn Hưng", Stage: quota.StageIdentified, Source: quota.SourceOther}
		return tx.AddCandidate(&c)
	})
	update(t, db, func(tx *storage.Tx) error {
		a := quota.Admission{Org: "CB_01", Name: "nguyễn  VĂN an", Date: day(10, 3, 2025), ReportedBy: 7}
		err := tx.AddAdmission(&a)
		assert.ErrorIs(t, err, storage.ErrDuplicate)
		assert.ErrorIs(t, err, quota.ErrAdmissionRecorded)
		c := quota.Candidate{Org: "CB_01", Name: "LÊ VĂN HƯNG", Stage: quota.StageIdentified}
		assert.ErrorIs(t, tx.AddCandidate(&c), quota.ErrCandidateExists)
		_, err = tx.SearchCandidate("CB_01", "le van hung")
		assert.ErrorIs(t, err, quota.ErrNameAmbiguous, "two people fold to the same search")
		return nil
	})
	assert.Equal(t, 2, tallyOf(t, db, 2025, "CB_01"))
	assert.Empty(t, db.Check())
}

func tallyOf(t *testing.T, db *storage.DB, year int, org string) int {
	t.Helper()
	var n int
	view(t, db, func(tx *storage.Tx) error { n = tx.Tally(year, org).Admitted; return nil })
	return n
}
