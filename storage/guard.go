package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged means the file is a database whose structure cannot be
// trusted: cut short, pages overwritten, or bbolt gave up reading it.
var ErrDamaged = errors.New("the database file is damaged")

// keyClean is written into the meta bucket by Close and removed by Open:
// a file without it was not closed cleanly, so its structure is checked
// before it is used.
var keyClean = []byte("clean_shutdown")

// maxProblems bounds what a refusal lists; the rest is for quotabot check.
const maxProblems = 5

// preflight looks at an existing file before anything may write to it,
// and refuses a file that is not a quotabot database or is damaged. It
// opens the file read-only, so a refused file is left byte for byte as it
// was. A missing or empty file is a new database.
func preflight(path string, timeout time.Duration) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("opening the database %s: %w", path, err)
	}
	var problems []error
	kind := fileQuotabot
	err = readOnly(path, timeout, func(tx *bolt.Tx) error {
		if need := tx.Size(); need > fi.Size() {
			return fmt.Errorf("%w: the file has %d bytes but its pages need %d: it was cut short", ErrDamaged, fi.Size(), need)
		}
		kind = classify(tx)
		if kind == fileQuotabot && tx.Bucket(bucketMeta).Get(keyClean) == nil {
			// Not closed cleanly (a crash, a power cut, a copy taken while
			// it ran): check every page before serving from it.
			problems = structure(tx)
		}
		return nil
	})
	if err != nil {
		return refusal(path, err)
	}
	switch kind {
	case fileForeign:
		return fmt.Errorf("opening %s: %w: it is a bbolt file of another program (it has no quotabot metadata but has other data); it was not changed; check storage.path", path, ErrNotQuotabot)
	case fileQuotabot:
		if len(problems) > 0 {
			return refusal(path, fmt.Errorf("%w: %w", ErrDamaged, joinFirst(problems)))
		}
	}
	return nil
}

// refusal says, for a file that cannot be used, what to do about it.
func refusal(path string, err error) error {
	if errors.Is(err, ErrLocked) || errors.Is(err, ErrNotQuotabot) && !errors.Is(err, ErrDamaged) {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	return fmt.Errorf("opening %s: %w; the file was not changed: run `quotabot check` to see the damage and `quotabot restore` to put back a backup", path, err)
}

func joinFirst(problems []error) error {
	if len(problems) <= maxProblems {
		return errors.Join(problems...)
	}
	return fmt.Errorf("%w\n(and %d more problems)", errors.Join(problems[:maxProblems]...), len(problems)-maxProblems)
}

type fileKind int

const (
	fileNew      fileKind = iota // a bbolt file with nothing in it
	fileQuotabot                 // quotabot's metadata is there
	fileForeign                  // other buckets, no quotabot metadata
)

func classify(tx *bolt.Tx) fileKind {
	if meta := tx.Bucket(bucketMeta); meta != nil && len(meta.Get(keySchema)) == 8 {
		return fileQuotabot
	}
	empty := true
	_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		empty = false
		return errors.New("stop")
	})
	if empty {
		return fileNew
	}
	return fileForeign
}

// readOnly opens path read-only and runs fn in a read transaction. bbolt
// panics on some damaged files (a freelist page past the end), and a read
// of a mapped page beyond a file cut short is a fault: both come back as
// ErrDamaged instead of a stack trace.
func readOnly(path string, timeout time.Duration, fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: bbolt cannot read it (%v)", ErrDamaged, r)
		}
	}()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("%w (stop it first, or use another storage.path)", ErrLocked)
	}
	if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) {
		return fmt.Errorf("%w: %w", ErrNotQuotabot, err)
	}
	if errors.Is(err, bolterrors.ErrChecksum) {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	defer b.Close()
	return b.View(fn)
}

// structure checks every page the file uses: it reads each key and value
// of every bucket, which faults or panics on a page that is not what its
// parent says, then runs bbolt's own check (freelist, unreachable pages,
// key order). Reading first means bbolt's check, which runs in a
// goroutine of its own where a panic cannot be caught, only ever sees
// pages that could be read.
func structure(tx *bolt.Tx) (problems []error) {
	if err := walk(tx); err != nil {
		return []error{err}
	}
	for err := range tx.Check() {
		problems = append(problems, err)
	}
	return problems
}

func walk(tx *bolt.Tx) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("a page cannot be read (%v)", r)
		}
	}()
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walkBucket(b) })
}

func walkBucket(b *bolt.Bucket) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil {
			continue
		}
		if child := b.Bucket(k); child != nil {
			if err := walkBucket(child); err != nil {
				return err
			}
		}
	}
	return nil
}

// VerifyFile checks a closed database file's structure without changing
// it: what Open checks after an unclean stop, always. It returns every
// problem found; none means the pages are sound (quotabot's own
// invariants are Check's).
func VerifyFile(path string) ([]error, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("checking %s: %w", path, err)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("checking %s: the file is empty: %w", path, ErrNotQuotabot)
	}
	var problems []error
	err = readOnly(path, 2*time.Second, func(tx *bolt.Tx) error {
		if need := tx.Size(); need > fi.Size() {
			problems = append(problems, fmt.Errorf("the file has %d bytes but its pages need %d: it was cut short", fi.Size(), need))
			return nil
		}
		if classify(tx) == fileForeign {
			return fmt.Errorf("%s has no quotabot metadata but other data: %w", path, ErrNotQuotabot)
		}
		problems = structure(tx)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("checking %s: %w", path, err)
	}
	return problems, nil
}

// ErrPageDamaged marks an error that came from bbolt reading a page that
// is not what it should be, while serving: the file was damaged after it
// was opened or while it was stopped with its clean mark.
var ErrPageDamaged = errors.New("a page of the database file cannot be read")

// DamageOf tells a panic bbolt raises on a damaged page (its assertions
// on page types and ids, or a fault reading a page past the end of a
// file cut short, with SetPanicOnFault) from any other, as ErrPageDamaged.
func DamageOf(p any) error {
	msg := fmt.Sprint(p)
	if strings.Contains(msg, "assertion failed") && (strings.Contains(msg, "age") || strings.Contains(msg, "freelist")) ||
		strings.Contains(msg, "invalid page type") || strings.Contains(msg, "fault") {
		return fmt.Errorf("%w (%s): run quotabot check, then quotabot restore from a backup", ErrPageDamaged, msg)
	}
	return nil
}

// markClean records a clean shutdown, the last write before closing.
func (db *DB) markClean() error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyClean, []byte(time.Now().UTC().Format(time.RFC3339)))
	})
}
