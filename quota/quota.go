// Package quota holds the domain of quotabot: organizations, quotas,
// admissions, users and the arithmetic of progress against a quota.
// It imports nothing of ours, so every other package can share it.
package quota

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Role is what a registered person may do.
type Role string

// The roles of SPEC §2.
const (
	RoleAdmin      Role = "admin"
	RoleLeader     Role = "leader"
	RoleSpecialist Role = "specialist"
	RoleSecretary  Role = "secretary"
)

// Roles lists every role, strongest first.
var Roles = []Role{RoleAdmin, RoleLeader, RoleSpecialist, RoleSecretary}

// ReadsEverything reports whether the role sees the whole committee.
func (r Role) ReadsEverything() bool {
	return r == RoleAdmin || r == RoleLeader || r == RoleSpecialist
}

// Org is an organization of the committee's tree.
type Org struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Parent   string `json:"parent,omitempty"`
	Inactive bool   `json:"inactive,omitempty"`
	// InactiveFrom is the day of the deactivation; zero for one
	// deactivated before the day was kept, which counts nowhere.
	InactiveFrom Date `json:"inactive_from,omitzero"`
	// Group is the section of the quota decision's list the organization
	// is under ("CHI BỘ CƠ SỞ") when no organization heads it, and Order
	// its position in that list; the export follows them.
	Group string `json:"group,omitempty"`
	Order int    `json:"order,omitempty"`
}

// Deactivate stops the organization counting from the day on; its
// history stays.
func (o *Org) Deactivate(on Date) { o.Inactive, o.InactiveFrom = true, on }

// Reactivate makes the organization count again.
func (o *Org) Reactivate() { o.Inactive, o.InactiveFrom = false, Date{} }

// Deactivated are the deactivated organizations by code, as the totals
// consult them: an organization not in it counts.
type Deactivated map[string]Org

// Counts reports whether the organization counts in figures measured on
// the day (Org.CountsOn).
func (d Deactivated) Counts(code string, on Date) bool {
	o, ok := d[code]
	return !ok || o.CountsOn(on)
}

// Excluded is how many of them no longer count on the day.
func (d Deactivated) Excluded(on Date) int {
	n := 0
	for _, o := range d {
		if !o.CountsOn(on) {
			n++
		}
	}
	return n
}

// LeftOut is the sum, over the organizations that no longer count on
// the day, of what figure gives for each: what a committee-wide count
// (one kept for the whole committee, not per organization) must leave out.
func (d Deactivated) LeftOut(on Date, figure func(code string) int) int {
	n := 0
	for code, o := range d {
		if !o.CountsOn(on) {
			n += figure(code)
		}
	}
	return n
}

// CountsOn reports whether the organization counts in the totals, the
// lists of those behind and the rating of figures measured on the day: a
// deactivated one counts for the days before its deactivation only.
func (o Org) CountsOn(on Date) bool {
	return !o.Inactive || (!o.InactiveFrom.IsZero() && on.Before(o.InactiveFrom))
}

// InListOrder sorts organizations as the quota decision lists them: by
// their position in its list (Order, from its STT column), those with no
// position after them, by code.
func InListOrder(orgs []Org) {
	slices.SortStableFunc(orgs, func(a, b Org) int {
		switch {
		case a.Order > 0 && b.Order > 0 && a.Order != b.Order:
			return a.Order - b.Order
		case a.Order > 0 && b.Order == 0:
			return -1
		case a.Order == 0 && b.Order > 0:
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// ErrBadCode is returned for an organization code that is not letters,
// digits, '_' or '-'.
var ErrBadCode = errors.New("an organization code is 1 to 32 letters, digits, '_' or '-'")

// ValidCode reports whether code can be an organization's code.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// ValidateCode checks an organization code.
func ValidateCode(code string) error {
	if !ValidCode(code) {
		return fmt.Errorf("code %q: %w", code, ErrBadCode)
	}
	return nil
}

// User is a registered person.
type User struct {
	ID           int64     `json:"id"`
	Role         Role      `json:"role"`
	Orgs         []string  `json:"orgs,omitempty"`
	Name         string    `json:"name,omitempty"`
	Username     string    `json:"username,omitempty"`
	Lang         string    `json:"lang,omitempty"`
	LangChosen   bool      `json:"lang_chosen,omitempty"`
	ChatID       int64     `json:"chat_id,omitempty"`
	Unreachable  bool      `json:"unreachable,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
	InvitedBy    int64     `json:"invited_by,omitempty"`
}

// HasOrg reports whether the user is attached to the organization.
func (u User) HasOrg(code string) bool { return slices.Contains(u.Orgs, code) }

// Invitation is a one-time code that registers whoever redeems it.
type Invitation struct {
	Code      string    `json:"code"`
	Role      Role      `json:"role"`
	Orgs      []string  `json:"orgs,omitempty"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	UsedBy    int64     `json:"used_by,omitempty"`
	UsedAt    time.Time `json:"used_at,omitzero"`
}

// Errors of redeeming an invitation.
var (
	ErrInvitationUsed    = errors.New("the invitation was already used")
	ErrInvitationExpired = errors.New("the invitation has expired")
)

// Redeem uses the invitation for user at the time: once, and before it
// expires.
func (inv *Invitation) Redeem(user int64, at time.Time) error {
	if inv.UsedBy != 0 {
		return ErrInvitationUsed
	}
	if !at.Before(inv.ExpiresAt) {
		return ErrInvitationExpired
	}
	inv.UsedBy, inv.UsedAt = user, at
	return nil
}

// ErrAlreadyOfficial refuses a second official-membership decision.
var ErrAlreadyOfficial = errors.New("the official-membership decision is already recorded")

// RecognizeOfficial records the decision recognizing the admitted person
// as an official member, once.
func (a *Admission) RecognizeOfficial(d OfficialDecision) error {
	if a.Official != nil {
		return ErrAlreadyOfficial
	}
	a.Official = &d
	return nil
}

// Admission is one admitted person, as reported. It is never deleted:
// a retraction keeps it in the audit trail and stops it counting.
type Admission struct {
	ID         uint64    `json:"id"`
	Org        string    `json:"org"`
	Name       string    `json:"name"`
	Date       Date      `json:"date"`
	Decision   string    `json:"decision,omitempty"`
	ReportedBy int64     `json:"reported_by"`
	ReportedAt time.Time `json:"reported_at"`
	UpdateID   int64     `json:"update_id,omitempty"`

	Retracted   bool      `json:"retracted,omitempty"`
	RetractedBy int64     `json:"retracted_by,omitempty"`
	RetractedAt time.Time `json:"retracted_at,omitzero"`

	CandidateID uint64            `json:"candidate_id,omitempty"` // the candidate it came from
	Official    *OfficialDecision `json:"official,omitempty"`     // recognition as an official member

	Birth       Date         `json:"birth,omitzero"`        // when the register gives it
	Imported    string       `json:"imported,omitempty"`    // the file and line it was imported from
	Corrections []Correction `json:"corrections,omitempty"` // every change since it was reported, oldest first
}

// ProbationEnd is the end of the admission's probation.
func (a Admission) ProbationEnd() Date { return ProbationEnd(a.Date) }
