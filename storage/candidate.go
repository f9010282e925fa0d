package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"quotabot/quota"
)

// candKey indexes a candidate in the pipeline by organization and
// quota.IdentityKey: diacritics distinguish people.
func candKey(org, name string) []byte { return []byte(org + "\x00" + quota.IdentityKey(name)) }

func orgIDKey(org string, id uint64) []byte { return append([]byte(org+"\x00"), u64(id)...) }

// inPipeline is a candidate still on the way, whose name is taken.
func inPipeline(s quota.Stage) bool { return s != quota.StageDropped && s != quota.StageAdmitted }

// AddCandidate records a new candidate; the ID is assigned here. A person
// already in the organization's pipeline returns ErrDuplicate with the
// existing candidate.
func (tx *Tx) AddCandidate(c *quota.Candidate) error {
	if prev, ok := tx.FindCandidate(c.Org, c.Name); ok {
		*c = prev
		return fmt.Errorf("%w: %w", ErrDuplicate, quota.ErrCandidateExists)
	}
	id, err := tx.bucket(bucketCandidates).NextSequence()
	if err != nil {
		return fmt.Errorf("numbering a candidate: %w", err)
	}
	c.ID = id
	if err := tx.bucket(bucketCandByOrg).Put(orgIDKey(c.Org, id), nil); err != nil {
		return fmt.Errorf("indexing candidate %d: %w", id, err)
	}
	return tx.PutCandidate(*c)
}

// Candidate reads one candidate.
func (tx *Tx) Candidate(id uint64) (quota.Candidate, error) {
	return getRecord[quota.Candidate](tx, bucketCandidates, u64(id), fmt.Sprintf("candidate %d", id))
}

// PutCandidate saves a candidate and keeps the name index and the count
// of advanced candidates in step with its stage.
func (tx *Tx) PutCandidate(c quota.Candidate) error {
	old, err := tx.Candidate(c.ID)
	isNew := err != nil
	v, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encoding candidate %d: %w", c.ID, err)
	}
	if err := tx.bucket(bucketCandidates).Put(u64(c.ID), v); err != nil {
		return fmt.Errorf("saving candidate %d: %w", c.ID, err)
	}
	dd := tx.bucket(bucketCandDedupe)
	if !isNew && inPipeline(old.Stage) {
		if err := dd.Delete(candKey(old.Org, old.Name)); err != nil {
			return err
		}
	}
	if inPipeline(c.Stage) {
		if err := dd.Put(candKey(c.Org, c.Name), u64(c.ID)); err != nil {
			return fmt.Errorf("indexing candidate %d: %w", c.ID, err)
		}
	}
	delta := 0
	if !isNew && old.Stage.Advanced() {
		if err := tx.addPipeline(old.Org, -1); err != nil {
			return err
		}
	}
	if c.Stage.Advanced() {
		delta = 1
	}
	return tx.addPipeline(c.Org, delta)
}

func (tx *Tx) addPipeline(org string, delta int) error {
	if delta == 0 {
		return nil
	}
	tx.touch()
	b := tx.bucket(bucketPipeline)
	n := int(be32(b.Get([]byte(org)))) + delta
	if n <= 0 {
		return b.Delete([]byte(org))
	}
	v := make([]byte, 4)
	binary.BigEndian.PutUint32(v, uint32(n))
	return b.Put([]byte(org), v)
}

func be32(v []byte) uint32 {
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

// Advanced is the number of the organization's candidates introduced or
// further, still in the pipeline.
func (tx *Tx) Advanced(org string) int { return int(be32(tx.bucket(bucketPipeline).Get([]byte(org)))) }

// AdvancedOf is Advanced of each organization given, the codes in code
// order, in one pass along the pipeline counts.
func (tx *Tx) AdvancedOf(codes []string) []int {
	out := make([]int, len(codes))
	m := newMergeCursor(tx.bucket(bucketPipeline).Cursor(), nil)
	for i, code := range codes {
		out[i] = int(be32(m.find(code)))
	}
	return out
}

// EachTallyWithPipeline is EachTally with each organization's advanced
// candidates, read in the same pass: both buckets are in code order. It is
// the pass a committee /status makes over every organization, so it
// allocates nothing per organization: codes are interned (codeTable),
// read in key order (codeRun), and a caller may keep them.
func (tx *Tx) EachTallyWithPipeline(year int, f func(code string, t quota.Tally, advanced int) error) error {
	pc := tx.bucket(bucketPipeline).Cursor()
	pk, pv := pc.First()
	codes := tx.db.codes.run(year)
	it := tx.yearTallies(year)
	for it.next() {
		code := it.code()
		for pk != nil && bytes.Compare(pk, code) < 0 {
			pk, pv = pc.Next()
		}
		n := 0
		if pk != nil && bytes.Equal(pk, code) {
			n = int(be32(pv))
		}
		if err := f(codes.next(code), it.tally(), n); err != nil {
			return err
		}
	}
	if it.err != nil {
		return it.err
	}
	codes.done(year)
	return nil
}

// SearchCandidate finds the candidate in the organization's pipeline that
// query means, by quota.MatchName: the same person, else the only one
// equal to it once diacritics are ignored.
func (tx *Tx) SearchCandidate(org, query string) (quota.Candidate, error) {
	if c, ok := tx.FindCandidate(org, query); ok {
		return c, nil
	}
	var open []quota.Candidate
	var names []string
	prefix := []byte(org + "\x00")
	c := tx.bucket(bucketCandDedupe).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		cand, err := tx.Candidate(be64(v))
		if err != nil {
			return quota.Candidate{}, err
		}
		open, names = append(open, cand), append(names, cand.Name)
	}
	i, err := quota.MatchName(query, names)
	if err != nil {
		return quota.Candidate{}, fmt.Errorf("finding %q among the candidates of %s: %w", query, org, err)
	}
	return open[i], nil
}

// SimilarCandidates lists the candidates in the organization's pipeline
// whose names differ from name only in diacritics.
func (tx *Tx) SimilarCandidates(org, name string) ([]quota.Candidate, error) {
	var out []quota.Candidate
	match := quota.MatcherFor(name)
	prefix := []byte(org + "\x00")
	c := tx.bucket(bucketCandDedupe).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if !match.SimilarKey(string(k[len(prefix):])) {
			continue
		}
		cand, err := tx.Candidate(be64(v))
		if err != nil {
			return nil, err
		}
		out = append(out, cand)
	}
	return out, nil
}

// rebuildCandidateIndex writes the pipeline's name index afresh from the
// candidates, for a change of its key.
func rebuildCandidateIndex(tx *Tx) error {
	if err := tx.tx.DeleteBucket(bucketCandDedupe); err != nil {
		return fmt.Errorf("clearing the candidate index: %w", err)
	}
	dd, err := tx.tx.CreateBucket(bucketCandDedupe)
	if err != nil {
		return fmt.Errorf("creating the candidate index: %w", err)
	}
	return eachRecord(tx, bucketCandidates, "candidate", func(_ []byte, c quota.Candidate) error {
		if !inPipeline(c.Stage) {
			return nil
		}
		if err := dd.Put(candKey(c.Org, c.Name), u64(c.ID)); err != nil {
			return fmt.Errorf("indexing candidate %d: %w", c.ID, err)
		}
		return nil
	})
}

// FindCandidate finds the same person (quota.SameName) in the
// organization's pipeline.
func (tx *Tx) FindCandidate(org, name string) (quota.Candidate, bool) {
	v := tx.bucket(bucketCandDedupe).Get(candKey(org, name))
	if v == nil {
		return quota.Candidate{}, false
	}
	c, err := tx.Candidate(binary.BigEndian.Uint64(v))
	return c, err == nil
}

// CandidatesOf lists an organization's candidates, oldest first, dropped
// and admitted ones included.
func (tx *Tx) CandidatesOf(org string) ([]quota.Candidate, error) {
	var out []quota.Candidate
	prefix := []byte(org + "\x00")
	c := tx.bucket(bucketCandByOrg).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		cand, err := tx.Candidate(binary.BigEndian.Uint64(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		out = append(out, cand)
	}
	return out, nil
}

// ErrNotDropped refuses to erase a candidate still in the pipeline, by
// the domain's rule (quota.Candidate.Erasable).
var ErrNotDropped = quota.ErrNotDropped

// AuditEntry is a line of the audit trail kept when a record is erased,
// corrected or retracted.
type AuditEntry struct {
	What   string    `json:"what"`
	ID     uint64    `json:"id"`
	Org    string    `json:"org"`
	By     int64     `json:"by"`
	At     time.Time `json:"at"`
	Detail string    `json:"detail,omitempty"` // what changed, for a correction
}

// EraseCandidate removes a dropped candidate's record for privacy; the
// audit trail keeps only that an erasure happened, by whom and when.
func (tx *Tx) EraseCandidate(id uint64, by int64, at time.Time) error {
	c, err := tx.Candidate(id)
	if err != nil {
		return err
	}
	if err := c.Erasable(); err != nil {
		return err
	}
	if err := tx.bucket(bucketCandidates).Delete(u64(id)); err != nil {
		return fmt.Errorf("erasing candidate %d: %w", id, err)
	}
	if err := tx.bucket(bucketCandByOrg).Delete(orgIDKey(c.Org, id)); err != nil {
		return fmt.Errorf("erasing candidate %d: %w", id, err)
	}
	return tx.addAudit(AuditEntry{What: "candidate erased", ID: id, Org: c.Org, By: by, At: at})
}

func (tx *Tx) addAudit(e AuditEntry) error {
	b := tx.bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("numbering an audit entry: %w", err)
	}
	v, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding an audit entry: %w", err)
	}
	return b.Put(u64(seq), v)
}

// Audit lists the audit trail.
func (tx *Tx) Audit() ([]AuditEntry, error) {
	var out []AuditEntry
	err := eachRecord(tx, bucketAudit, "audit entry", func(_ []byte, e AuditEntry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}
