package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Records are JSON. getRecord and eachRecord are the one place that reads
// and decodes them; what names the record in errors ("user 42").

// getRecord reads the record under key; ErrNotFound when there is none.
func getRecord[T any](tx *Tx, bucket, key []byte, what string) (T, error) {
	var rec T
	v := tx.bucket(bucket).Get(key)
	if v == nil {
		return rec, fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err := json.Unmarshal(v, &rec); err != nil {
		return rec, fmt.Errorf("decoding %s: %w", what, err)
	}
	return rec, nil
}

// eachRecord calls f for every record of a bucket in key order; what
// names the kind of record in errors.
func eachRecord[T any](tx *Tx, bucket []byte, what string, f func(key []byte, rec T) error) error {
	return tx.bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("decoding %s %x: %w", what, k, err)
		}
		return f(k, rec)
	})
}

// compactRecords rewrites in the compact form every record of a bucket
// that is still JSON (begins with '{'), for a schema that changed the
// form; what names the kind of record in errors. The bucket is built
// anew, in key order with full pages, its sequence kept: put in place,
// each record shrank and its page was written again a third full, at the
// end of the file, while the old pages waited for the commit to be freed.
func compactRecords(tx *Tx, bucket []byte, what string, compact func(k, v []byte) ([]byte, error)) error {
	b := tx.bucket(bucket)
	var recs []keyValue
	rewrite := false
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			return fmt.Errorf("rewriting %s %x: a bucket, not a record", what, k)
		}
		nv := bytes.Clone(v)
		if len(v) > 0 && v[0] == '{' {
			var err error
			if nv, err = compact(k, v); err != nil {
				return fmt.Errorf("rewriting %s %x: %w", what, k, err)
			}
			rewrite = true
		}
		// Kept apart from the pages: the new bucket's pages may move the
		// file's mapping.
		recs = append(recs, keyValue{bytes.Clone(k), nv})
		return nil
	})
	if err != nil || !rewrite {
		return err
	}
	return rebuildBucket(tx, bucket, recs)
}

// keyValue is a record to write into a bucket built anew.
type keyValue struct{ k, v []byte }

// rebuildBucket replaces the bucket name by one holding exactly kvs,
// written in key order on full pages with the old bucket's sequence, and
// drops the buckets of drop as well: the way a schema upgrade rewrites an
// index or moves keys between buckets, since put in place each page would
// be written again half full while the old ones wait for the commit. kvs
// is sorted here; its slices must not be bbolt's pages, which the new
// bucket's pages may move.
func rebuildBucket(tx *Tx, name []byte, kvs []keyValue, drop ...[]byte) error {
	slices.SortFunc(kvs, func(a, b keyValue) int { return bytes.Compare(a.k, b.k) })
	var seq uint64
	if old := tx.tx.Bucket(name); old != nil {
		seq = old.Sequence()
		if err := tx.tx.DeleteBucket(name); err != nil {
			return fmt.Errorf("clearing %s: %w", name, err)
		}
	}
	for _, d := range drop {
		if tx.tx.Bucket(d) == nil {
			continue
		}
		if err := tx.tx.DeleteBucket(d); err != nil {
			return fmt.Errorf("clearing %s: %w", d, err)
		}
	}
	b, err := tx.tx.CreateBucket(name)
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	if err := b.SetSequence(seq); err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	b.FillPercent = 1.0 // put in order
	for _, e := range kvs {
		if err := b.Put(e.k, e.v); err != nil {
			return fmt.Errorf("writing %x into %s: %w", e.k, name, err)
		}
	}
	return nil
}
