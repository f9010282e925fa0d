package storage

import (
	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
)

// RootPage is the page a bucket starts at, for tests that damage it.
func (db *DB) RootPage(bucket string) uint64 {
	var page uint64
	_ = db.bolt.View(func(tx *bolt.Tx) error {
		page = uint64(tx.Bucket([]byte(bucket)).Root())
		return nil
	})
	return page
}

// PackedTally is an entry of a tally pack, for tests that write packs
// as a bug would or read them as they are.
type PackedTally struct {
	Code            string
	Quota, Admitted int
}

// EncodeTallyPack encodes entries, in the order given, as a pack.
func EncodeTallyPack(entries []PackedTally) []byte {
	var v, prev []byte
	for _, e := range entries {
		v = appendTallyEntry(v, prev, []byte(e.Code), quota.Tally{Quota: e.Quota, Admitted: e.Admitted})
		prev = []byte(e.Code)
	}
	return v
}

// DecodeTallyPack reads a pack's entries.
func DecodeTallyPack(v []byte) ([]PackedTally, error) {
	var out []PackedTally
	var p packIter
	p.reset(v)
	for p.next() {
		out = append(out, PackedTally{Code: string(p.code), Quota: p.t.Quota, Admitted: p.t.Admitted})
	}
	return out, p.err
}
