package storage

import (
	"encoding/json"
	"fmt"
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

// decodeRecord decodes a record a cursor stands on, so a pass along a
// bucket does not look up each key again; the caller says what it was.
func decodeRecord[T any](v []byte) (T, error) {
	var rec T
	err := json.Unmarshal(v, &rec)
	return rec, err
}

// compactRecords rewrites in the compact form every record of a bucket
// that is still JSON (begins with '{'), for a schema that changed the
// form; what names the kind of record in errors.
func compactRecords(tx *Tx, bucket []byte, what string, compact func(k, v []byte) ([]byte, error)) error {
	b := tx.bucket(bucket)
	type rec struct{ k, v []byte }
	var recs []rec
	err := b.ForEach(func(k, v []byte) error {
		if len(v) == 0 || v[0] != '{' {
			return nil
		}
		nv, err := compact(k, v)
		if err != nil {
			return fmt.Errorf("rewriting %s %x: %w", what, k, err)
		}
		recs = append(recs, rec{append([]byte(nil), k...), nv})
		return nil
	})
	if err != nil {
		return err
	}
	// Written after the walk, in key order: a cursor must not walk what
	// it changes.
	for _, r := range recs {
		if err := b.Put(r.k, r.v); err != nil {
			return fmt.Errorf("rewriting %s %x: %w", what, r.k, err)
		}
	}
	return nil
}
