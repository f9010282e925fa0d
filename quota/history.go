package quota

import (
	"errors"
	"fmt"
	"time"
)

// QuotaValue is one value a quota had: the number planned and the
// decision that set it.
type QuotaValue struct {
	Quota    int       `json:"quota"`
	Decision Decision  `json:"decision,omitzero"`
	SetAt    time.Time `json:"set_at,omitzero"` // when quotabot was told
	SetBy    int64     `json:"set_by,omitempty"`
}

// QuotaRecord is a quota, yearly or for a term, with the decision behind
// its current value and the earlier values, so a later decision that
// changes it leaves a trail.
type QuotaRecord struct {
	Org     string       `json:"org"`
	Year    int          `json:"year,omitempty"` // a yearly quota
	Term    Term         `json:"term,omitzero"`  // or a term quota
	Current QuotaValue   `json:"current"`
	History []QuotaValue `json:"history,omitempty"` // earlier values, oldest first
}

// QuotaChange says what applying a value did to a quota record.
type QuotaChange int

// The outcomes of QuotaRecord.Apply.
const (
	// QuotaUnchanged: the record already had that value and decision.
	QuotaUnchanged QuotaChange = iota
	// QuotaSet: the value is now the current one; the earlier one, if
	// any, is in the history.
	QuotaSet
	// QuotaEarlier: the value's decision is older than the current
	// one's, so it went into the history and the current value stays.
	QuotaEarlier
)

// Changed reports whether the current value changed.
func (c QuotaChange) Changed() bool { return c == QuotaSet }

// ErrNegativeQuota is a quota below zero.
var ErrNegativeQuota = errors.New("a quota is zero or more")

// Apply records a value given for the quota. A value with the same number
// and decision as the current one changes nothing. A value whose decision
// is dated before the current one's is kept in the history only, so
// importing an old decision after a newer one does not undo the newer.
// Otherwise it becomes current and the previous value joins the history.
func (r *QuotaRecord) Apply(v QuotaValue) (QuotaChange, error) {
	if v.Quota < 0 {
		return QuotaUnchanged, fmt.Errorf("quota %d: %w", v.Quota, ErrNegativeQuota)
	}
	cur := r.Current
	if v.Quota == cur.Quota && (v.Decision == cur.Decision || v.Decision.IsZero()) {
		return QuotaUnchanged, nil
	}
	if !v.Decision.Date.IsZero() && !cur.Decision.Date.IsZero() && v.Decision.Date.Before(cur.Decision.Date) {
		for _, h := range r.History {
			if h.Quota == v.Quota && h.Decision == v.Decision {
				return QuotaUnchanged, nil
			}
		}
		r.History = insertByDecision(r.History, v)
		return QuotaEarlier, nil
	}
	if !r.empty() {
		r.History = append(r.History, cur)
	}
	r.Current = v
	return QuotaSet, nil
}

// empty reports whether the record never had a value worth keeping.
func (r *QuotaRecord) empty() bool { return r.Current == QuotaValue{} }

// insertByDecision keeps the history ordered by decision date, undated
// values staying where they were given.
func insertByDecision(h []QuotaValue, v QuotaValue) []QuotaValue {
	i := len(h)
	for i > 0 && !h[i-1].Decision.Date.IsZero() && v.Decision.Date.Before(h[i-1].Decision.Date) {
		i--
	}
	h = append(h, QuotaValue{})
	copy(h[i+1:], h[i:])
	h[i] = v
	return h
}
