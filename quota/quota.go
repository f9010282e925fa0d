// Package quota holds the domain of quotabot: organizations, quotas,
// admissions, users and the arithmetic of progress against a quota.
// It imports nothing of ours, so every other package can share it.
package quota

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
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
}

// Deactivate stops the organization counting from the day on; its
// history stays.
func (o *Org) Deactivate(on Date) { o.Inactive, o.InactiveFrom = true, on }

// Reactivate makes the organization count again.
func (o *Org) Reactivate() { o.Inactive, o.InactiveFrom = false, Date{} }

// CountsOn reports whether the organization counts in the totals, the
// lists of those behind and the rating of figures measured on the day: a
// deactivated one counts for the days before its deactivation only.
func (o Org) CountsOn(on Date) bool {
	return !o.Inactive || (!o.InactiveFrom.IsZero() && on.Before(o.InactiveFrom))
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// ErrBadCode is returned for an organization code that is not letters,
// digits, '_' or '-'.
var ErrBadCode = errors.New("an organization code is 1 to 32 letters, digits, '_' or '-'")

// ValidateCode checks an organization code.
func ValidateCode(code string) error {
	if !codePattern.MatchString(code) {
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

	Birth    Date   `json:"birth,omitzero"`     // when the register gives it
	Imported string `json:"imported,omitempty"` // the file and line it was imported from
}

// ProbationEnd is the end of the admission's probation.
func (a Admission) ProbationEnd() Date { return ProbationEnd(a.Date) }
