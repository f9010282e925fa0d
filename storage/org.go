package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"

	"quotabot/quota"
)

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// PutOrg creates or replaces an organization; created is true when it was new.
func (tx *Tx) PutOrg(o quota.Org) (created bool, err error) {
	if err := quota.ValidateCode(o.Code); err != nil {
		return false, err
	}
	tx.touchOrgs()
	old, err := tx.Org(o.Code)
	created = err != nil
	children := tx.bucket(bucketChildren)
	if !created && old.Parent != "" && old.Parent != o.Parent {
		if err := children.Delete(childKey(old.Parent, o.Code)); err != nil {
			return false, fmt.Errorf("moving organization %s: %w", o.Code, err)
		}
	}
	if o.Parent != "" {
		if err := tx.insert(bucketChildren, childKey(o.Parent, o.Code), nil); err != nil {
			return false, fmt.Errorf("attaching organization %s to %s: %w", o.Code, o.Parent, err)
		}
	}
	if err := tx.indexRoot(o, old, created); err != nil {
		return false, err
	}
	if created || old.Inactive != o.Inactive || old.InactiveFrom != o.InactiveFrom {
		if err := tx.indexInactive(o); err != nil {
			return false, err
		}
	}
	if err := tx.insert(bucketOrgs, []byte(o.Code), encodeOrg(o)); err != nil {
		return false, fmt.Errorf("saving organization %s: %w", o.Code, err)
	}
	return created, nil
}

func childKey(parent, child string) []byte { return []byte(parent + "\x00" + child) }

// Children lists the codes of the organizations directly under parent.
func (tx *Tx) Children(parent string) []string {
	var out []string
	prefix := []byte(parent + "\x00")
	c := tx.bucket(bucketChildren).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// Subtree lists code and every organization below it, parents first.
func (tx *Tx) Subtree(code string) []string {
	out := []string{code}
	seen := map[string]bool{code: true}
	for i := 0; i < len(out); i++ {
		for _, c := range tx.Children(out[i]) {
			if !seen[c] { // a corrupt cycle must not loop forever
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// Org reads one organization by its code.
func (tx *Tx) Org(code string) (quota.Org, error) {
	v := tx.bucket(bucketOrgs).Get([]byte(code))
	if v == nil {
		return quota.Org{}, fmt.Errorf("organization %s: %w", code, ErrNotFound)
	}
	o, err := decodeOrg(code, v)
	if err != nil {
		return o, fmt.Errorf("decoding organization %s: %w", code, err)
	}
	return o, nil
}

// FindOrg reads the organization whose code is the one typed up to case
// ("cb_a1" finds CB_A1): the exact code first, else the one code equal to
// it ignoring case. Two codes that differ only in case leave a code typed
// in a third way unknown, rather than guess.
func (tx *Tx) FindOrg(typed string) (quota.Org, error) {
	o, err := tx.Org(typed)
	if err == nil || !errors.Is(err, ErrNotFound) {
		return o, err
	}
	var found []byte
	c := tx.bucket(bucketOrgs).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) == len(typed) && bytes.EqualFold(k, []byte(typed)) {
			if found != nil {
				return quota.Org{}, fmt.Errorf("organization %s: %w", typed, ErrNotFound)
			}
			found = bytes.Clone(k)
		}
	}
	if found == nil {
		return quota.Org{}, fmt.Errorf("organization %s: %w", typed, ErrNotFound)
	}
	return tx.Org(string(found))
}

// Orgs reads every organization, ordered by code.
func (tx *Tx) Orgs() ([]quota.Org, error) {
	var orgs []quota.Org
	err := tx.bucket(bucketOrgs).ForEach(func(k, v []byte) error {
		o, err := decodeOrg(string(k), v)
		if err != nil {
			return fmt.Errorf("decoding organization %s: %w", k, err)
		}
		orgs = append(orgs, o)
		return nil
	})
	return orgs, err
}

// Roots lists the codes of the organizations with no parent, in code
// order, from their index.
func (tx *Tx) Roots() []string {
	var out []string
	c := tx.bucket(bucketRoots).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		out = append(out, string(k))
	}
	return out
}

// indexRoot keeps the index of the organizations with no parent, which
// the committee's figures start from: finding them otherwise reads every
// organization's record.
func (tx *Tx) indexRoot(o, old quota.Org, created bool) error {
	switch {
	case o.Parent == "" && (created || old.Parent != ""):
		if err := tx.bucket(bucketRoots).Put([]byte(o.Code), nil); err != nil {
			return fmt.Errorf("indexing organization %s as under the committee: %w", o.Code, err)
		}
	case o.Parent != "" && !created && old.Parent == "":
		if err := tx.bucket(bucketRoots).Delete([]byte(o.Code)); err != nil {
			return fmt.Errorf("moving organization %s under %s: %w", o.Code, o.Parent, err)
		}
	}
	return nil
}

// indexRoots writes the index of the organizations with no parent, for
// a file from before it.
func indexRoots(tx *Tx) error {
	orgs, err := tx.Orgs()
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if err := tx.indexRoot(o, quota.Org{}, true); err != nil {
			return err
		}
	}
	return nil
}

// EachOrgCode calls f with every organization's code, in code order,
// reading keys only. The string is valid only during the call.
func (tx *Tx) EachOrgCode(f func(code string) error) error {
	c := tx.bucket(bucketOrgs).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if err := f(unsafe.String(unsafe.SliceData(k), len(k))); err != nil {
			return err
		}
	}
	return nil
}

// EachChild calls f for every organization that has a parent, by parent
// then child code, reading keys only. The strings are valid only during
// the call.
func (tx *Tx) EachChild(f func(parent, child string) error) error {
	c := tx.bucket(bucketChildren).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		i := bytes.IndexByte(k, 0)
		if i < 0 {
			continue
		}
		if err := f(unsafe.String(unsafe.SliceData(k), i), unsafe.String(unsafe.SliceData(k[i+1:]), len(k)-i-1)); err != nil {
			return err
		}
	}
	return nil
}

// Lineage is the organization's code and its parents' codes, nearest
// first, for the domain's assignment rules.
func (tx *Tx) Lineage(code string) quota.Lineage {
	out := quota.Lineage{code}
	seen := map[string]bool{code: true}
	for {
		o, err := tx.Org(out[len(out)-1])
		if err != nil || o.Parent == "" || seen[o.Parent] { // a corrupt cycle must not loop forever
			return out
		}
		seen[o.Parent] = true
		out = append(out, o.Parent)
	}
}

// EachRootOrg calls f for every organization directly under the committee,
// in code order, reading only their records.
func (tx *Tx) EachRootOrg(f func(o quota.Org) error) error {
	c := tx.bucket(bucketRoots).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		o, err := tx.Org(string(k))
		if err != nil {
			return fmt.Errorf("reading an organization under the committee: %w", err)
		}
		if err := f(o); err != nil {
			return err
		}
	}
	return nil
}

// indexInactive keeps the index of deactivated organizations, which the
// committee's totals read whole: there are few.
func (tx *Tx) indexInactive(o quota.Org) error {
	tx.touch() // the totals change
	b := tx.bucket(bucketInactive)
	if !o.Inactive {
		return b.Delete([]byte(o.Code))
	}
	v := make([]byte, 4)
	if !o.InactiveFrom.IsZero() {
		binary.BigEndian.PutUint32(v, o.InactiveFrom.Key())
	}
	if err := b.Put([]byte(o.Code), v); err != nil {
		return fmt.Errorf("indexing the deactivation of %s: %w", o.Code, err)
	}
	return nil
}

// SubtreeAny reports whether f holds for code or an organization below
// it, walking parents first and stopping at the first that does, so an
// organization that admitted early costs one look.
func (tx *Tx) SubtreeAny(code string, f func(code []byte) bool) bool {
	if f([]byte(code)) {
		return true
	}
	queue := []string{code}
	seen := map[string]bool{code: true}
	c := tx.bucket(bucketChildren).Cursor()
	for len(queue) > 0 {
		prefix := []byte(queue[0] + "\x00")
		queue = queue[1:]
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			child := k[len(prefix):]
			if f(child) {
				return true
			}
			if s := string(child); !seen[s] { // a corrupt cycle must not loop forever
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return false
}

// AdmittedIn reports whether an organization has admissions in the year:
// named ones, or an imported total above zero.
func (tx *Tx) AdmittedIn(year int, code []byte) bool {
	if t, _ := tx.tallyOf(year, code); t.Admitted > 0 {
		return true
	}
	k := make([]byte, 2+len(code))
	binary.BigEndian.PutUint16(k, uint16(year))
	copy(k[2:], code)
	v := tx.bucket(bucketPastTotals).Get(k)
	if v == nil {
		return false
	}
	n, err := pastTotalAdmitted(v)
	return err == nil && n > 0
}

// Deactivated lists the deactivated organizations as the domain sees
// them, by code: Inactive, with the day of the deactivation when known.
func (tx *Tx) Deactivated() quota.Deactivated {
	out := quota.Deactivated{}
	_ = tx.bucket(bucketInactive).ForEach(func(k, v []byte) error {
		o := quota.Org{Code: string(k), Inactive: true}
		if n := be32(v); n != 0 {
			o.InactiveFrom = quota.DateFromKey(n)
		}
		out[o.Code] = o
		return nil
	})
	return out
}

func indexDeactivated(tx *Tx) error {
	orgs, err := tx.Orgs()
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if o.Inactive {
			if err := tx.indexInactive(o); err != nil {
				return err
			}
		}
	}
	return nil
}
