package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

func sampleOrgs() []quota.Org {
	return []quota.Org{
		{Code: "CB_T01_0001", Name: "Chi bộ Công ty Cổ phần Sông Hồng", Parent: "DB_T01", Order: 12},
		{Code: "DB_T02", Name: "Đảng bộ xã Hưng Đạo", Inactive: true, InactiveFrom: quota.Date{Year: 2026, Month: 2, Day: 28},
			Group: "CHI BỘ CƠ SỞ", Order: -3},
		{Code: "CB_OLD", Name: "Chi bộ cũ", Inactive: true}, // deactivated before the day was kept
		{Code: "X"},
	}
}

func orgJSON(t testing.TB, o quota.Org) string {
	v, err := json.Marshal(o)
	require.NoError(t, err)
	return string(v)
}

func TestOrgCodecRoundTrip(t *testing.T) {
	for _, o := range sampleOrgs() {
		v := encodeOrg(o)
		got, err := decodeOrg(o.Code, v)
		require.NoError(t, err)
		assert.Equal(t, o, got)
		old, err := decodeOrg(o.Code, []byte(orgJSON(t, o)))
		require.NoError(t, err)
		assert.Equal(t, o, old, "the JSON of the schemas before still reads")
	}
	typical := sampleOrgs()[0]
	v := encodeOrg(typical)
	assert.Less(t, len(v), len(orgJSON(t, typical))*2/3, "compact: %d bytes against %d of JSON", len(v), len(orgJSON(t, typical)))
	_, err := decodeOrg(typical.Code, v[:len(v)-1])
	require.Error(t, err, "a record cut short")
	_, err = decodeOrg(typical.Code, append(v, 0))
	require.Error(t, err, "a record grown")
}

func FuzzDecodeOrg(f *testing.F) {
	for _, o := range sampleOrgs() {
		f.Add(o.Code, encodeOrg(o))
		f.Add(o.Code, []byte(orgJSON(f, o)))
	}
	f.Add("A", []byte{orgCompact, 0x00, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, code string, v []byte) {
		o, err := decodeOrg(code, v)
		if err != nil || o.Code != code {
			return // JSON names its own code
		}
		// What reads, writes and reads again the same.
		w := encodeOrg(o)
		got, err := decodeOrg(code, w)
		require.NoError(t, err)
		assert.Equal(t, w, encodeOrg(got))
	})
}

// A database from before schema 12, whose organizations are JSON, opens
// with every organization rewritten compact and reading back as it was.
func TestMigrateToCompactOrgs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := Open(path, Options{})
	require.NoError(t, err)
	orgs := sampleOrgs()
	orgs[0].Parent = "DB_T02"
	require.NoError(t, db.Update(func(tx *Tx) error {
		for _, o := range orgs {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NoError(t, db.Close())

	records := map[string]string{}
	for _, o := range orgs {
		records[o.Code] = orgJSON(t, o)
	}
	asJSONBefore(t, path, 9, bucketOrgs, records)

	db, err = Open(path, Options{})
	require.NoError(t, err)
	defer db.Close()
	assert.Empty(t, db.Check())
	require.NoError(t, db.View(func(tx *Tx) error {
		for _, o := range orgs {
			v := tx.bucket(bucketOrgs).Get([]byte(o.Code))
			require.NotEmpty(t, v)
			assert.Equal(t, byte(orgCompact), v[0], "organization %s rewritten", o.Code)
			got, err := tx.Org(o.Code)
			require.NoError(t, err)
			assert.Equal(t, o, got)
		}
		all, err := tx.Orgs()
		require.NoError(t, err)
		assert.Len(t, all, len(orgs))
		assert.Equal(t, []string{"CB_T01_0001"}, tx.Children("DB_T02"))
		return nil
	}))
}
