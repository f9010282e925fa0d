package storage_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
	"quotabot/storage"
)

// packCodes are codes of several lengths sharing prefixes, in no order.
func packCodes(n int) []string {
	codes := make([]string, 0, n)
	for i := range n {
		switch i % 3 {
		case 0:
			codes = append(codes, fmt.Sprintf("CB_T%02d_%04d", i%63, i))
		case 1:
			codes = append(codes, fmt.Sprintf("CB_T%02d_%d", i%63, i))
		default:
			codes = append(codes, fmt.Sprintf("DU_%d", i))
		}
	}
	rand.New(rand.NewPCG(14, 1)).Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	return codes
}

// rawPacks are the tally packs of a file, key -> entries.
func rawPacks(t *testing.T, path string) map[string][]storage.PackedTally {
	t.Helper()
	out := map[string][]storage.PackedTally{}
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("tallies")).ForEach(func(k, v []byte) error {
			assert.LessOrEqual(t, len(v), 16<<10, "pack %x", k)
			entries, err := storage.DecodeTallyPack(v)
			require.NoError(t, err)
			out[string(k)] = entries
			return nil
		})
	}))
	return out
}

// TestTalliesInPacksReadAsWritten writes thousands of tallies in no
// order, over several transactions and two years, so packs split, and
// reads every one back by each reader: the lookup, the passes, the
// merge by codes, against the tallies kept aside.
func TestTalliesInPacksReadAsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db := openAt(t, path)
	codes := packCodes(16000)
	want := map[int]map[string]quota.Tally{2025: {}, 2026: {}}
	rng := rand.New(rand.NewPCG(14, 2))
	for start := 0; start < len(codes); start += 1000 {
		update(t, db, func(tx *storage.Tx) error {
			for _, code := range codes[start:min(start+1000, len(codes))] {
				if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
					return err
				}
				year := 2026 - rng.IntN(2)
				q := 1 + rng.IntN(300)
				if _, err := tx.SetQuota(year, code, q); err != nil {
					return err
				}
				tl := want[year][code]
				tl.Quota = q
				want[year][code] = tl
			}
			return nil
		})
	}
	// Admissions in both years, some in organizations with no quota.
	for i := range 300 {
		code := codes[rng.IntN(len(codes))]
		year := 2026 - i%2
		add(t, db, quota.Admission{Org: code, Name: fmt.Sprintf("Nguyễn Văn %d", i), Date: day(1+i%28, 1+i%12, year), ReportedBy: 7})
		tl := want[year][code]
		tl.Admitted++
		want[year][code] = tl
	}
	check := func(db *storage.DB) {
		t.Helper()
		view(t, db, func(tx *storage.Tx) error {
			assert.Equal(t, []int{2025, 2026}, tx.TallyYears())
			for year, tallies := range want {
				n := 0
				var last string
				require.NoError(t, tx.EachTally(year, func(code string, tl quota.Tally) error {
					assert.Greater(t, code, last, "in code order")
					last = code
					assert.Equal(t, tallies[code], tl, "%s in %d", code, year)
					n++
					return nil
				}))
				assert.Equal(t, len(tallies), n, "every tally of %d once", year)
				n = 0
				require.NoError(t, tx.EachTallyWithPipeline(year, func(code string, tl quota.Tally, _ int) error {
					assert.Equal(t, tallies[code], tl, "%s in %d", code, year)
					n++
					return nil
				}))
				assert.Equal(t, len(tallies), n)
				// Every code, with or without a tally, and codes between them.
				asked := slices.Clone(codes)
				for _, c := range codes[:500] {
					asked = append(asked, c+"0", c+"~", c[:len(c)-1])
				}
				asked = append(asked, "", "A", "zz")
				slices.Sort(asked)
				asked = slices.Compact(asked)
				for _, c := range asked {
					assert.Equal(t, tallies[c], tx.Tally(year, c), "%s in %d", c, year)
				}
				// The merge by codes, over every code and over a few.
				for _, every := range []int{1, 7, 1500} {
					var some []string
					for i := 0; i < len(asked); i += every {
						some = append(some, asked[i])
					}
					got, err := tx.YearOf(year, some)
					require.NoError(t, err)
					for i, c := range some {
						assert.Equal(t, tallies[c], got[i].Tally, "%s in %d", c, year)
					}
				}
			}
			assert.Equal(t, quota.Tally{}, tx.Tally(2024, codes[0]), "a year with no pack")
			return nil
		})
		assert.Empty(t, db.Check())
	}
	check(db)
	require.NoError(t, db.Close())
	packs := rawPacks(t, path)
	assert.Greater(t, len(packs), 6, "the tallies have split into packs")
	n := 0
	for _, entries := range packs {
		n += len(entries)
	}
	assert.Equal(t, len(want[2025])+len(want[2026]), n)
	check(openAt(t, path))
}

// TestCheckFindsDamagedTallyPacks damages the packs as a bug could:
// every kind of damage a lookup would stumble on is reported.
func TestCheckFindsDamagedTallyPacks(t *testing.T) {
	e := func(code string, admitted int) storage.PackedTally {
		q := map[string]int{"CB_01": 10, "CB_02": 5}[code]
		return storage.PackedTally{Code: code, Quota: q, Admitted: admitted}
	}
	cb01, cb02 := e("CB_01", 3), e("CB_02", 1)
	for _, c := range []struct {
		name  string
		packs map[string][]storage.PackedTally // by bound
		raw   []byte                           // the first pack's value, when damaged past decoding
		want  string
	}{
		{"out of order", map[string][]storage.PackedTally{"": {cb02, cb01}}, nil, "the tallies of 2026 are out of order: CB_01 after CB_02"},
		{"twice", map[string][]storage.PackedTally{"": {cb01, cb01, cb02}}, nil, "the tally of CB_01 for 2026 is kept twice"},
		{"before its pack", map[string][]storage.PackedTally{"": {cb01}, "CB_03": {cb02}}, nil, "the tally of CB_02 for 2026 lies before its pack, which is from \"CB_03\""},
		{"past its pack", map[string][]storage.PackedTally{"": {cb01, cb02}, "CB_015": {e("CB_03", 0)}}, nil, "the tally of CB_02 for 2026 lies past its pack's end: the next pack is from \"CB_015\""},
		{"empty", map[string][]storage.PackedTally{"": {cb01, cb02}, "CB_05": nil}, nil, "the tally pack of 2026 from \"CB_05\" is empty"},
		{"no first pack", map[string][]storage.PackedTally{"CB_01": {cb01, cb02}}, nil, "the tallies of 2026 have no first pack (from \"\"), the first is from \"CB_01\""},
		{"unreadable", nil, []byte{0, 9, 'C'}, "the tally pack of 2026 from \"\" cannot be read"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := checkedDB(t)
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("tallies"))
				require.NoError(t, b.Delete(tallyKey(2026, "")))
				if c.raw != nil {
					return b.Put(tallyKey(2026, ""), c.raw)
				}
				for bound, entries := range c.packs {
					require.NoError(t, b.Put(tallyKey(2026, bound), storage.EncodeTallyPack(entries)))
				}
				return nil
			})
			assert.Contains(t, strings.Join(problemsOf(t, path), "\n"), c.want)
		})
	}
	// The same packs written right are healthy: the damage is what is found.
	path := checkedDB(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("tallies"))
		require.NoError(t, b.Put(tallyKey(2026, ""), storage.EncodeTallyPack([]storage.PackedTally{cb01})))
		return b.Put(tallyKey(2026, "CB_015"), storage.EncodeTallyPack([]storage.PackedTally{cb02}))
	})
	assert.Empty(t, problemsOf(t, path))
	db := openAt(t, path)
	assert.Equal(t, quota.Tally{Quota: 5, Admitted: 1}, tally(t, db, "CB_02"), "found in its own pack")
	assert.Equal(t, quota.Tally{Quota: 10, Admitted: 3}, tally(t, db, "CB_01"))
	require.NoError(t, db.Close())
}

// TestTallyReadsItsOwnWrites looks up tallies of one pack often enough
// that the transaction indexes the pack, then changes them in the same
// transaction: every lookup after a change reads the change.
func TestTallyReadsItsOwnWrites(t *testing.T) {
	db := openDB(t)
	codes := packCodes(500)
	update(t, db, func(tx *storage.Tx) error {
		for _, c := range codes {
			if _, err := tx.SetQuota(2026, c, 3); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, db, func(tx *storage.Tx) error {
		for i, c := range codes[:50] {
			for _, d := range codes[:60] {
				want := 3
				if slices.Index(codes, d) < i {
					want = 100 + slices.Index(codes, d)
				}
				require.Equal(t, want, tx.Tally(2026, d).Quota, "%s after %d changes", d, i)
			}
			if _, err := tx.SetQuota(2026, c, 100+i); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		for i, c := range codes {
			want := 3
			if i < 50 {
				want = 100 + i
			}
			assert.Equal(t, want, tx.Tally(2026, c).Quota, c)
		}
		return nil
	})
}
