package quota

import "errors"

// Errors of the assignment rules.
var (
	ErrNotAssigned      = errors.New("the organization is outside the user's assignment")
	ErrCellHasSecretary = errors.New("the organization has its own registered secretary, who reports for it")
)

// Lineage is an organization's code followed by its parents', nearest
// first: CB_B1, DU_B, ... It is how an assignment reaches down the tree.
type Lineage []string

// Org is the organization the lineage starts at.
func (l Lineage) Org() string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// Covers reports whether the user is attached to the organization or to
// one above it: an assignment covers its whole subtree, for reading, for
// digests and for escalation.
func (u User) Covers(l Lineage) bool {
	for _, code := range l {
		if u.HasOrg(code) {
			return true
		}
	}
	return false
}

// SeesNames reports whether the user may see the named records of the
// organization (candidates, admissions): the readers of the committee and
// the secretaries whose assignment covers it.
func (u User) SeesNames(l Lineage) bool {
	return u.Role == RoleAdmin || u.Role == RoleLeader || u.Covers(l)
}

// MayReportFor is the reporting rule: a secretary reports for their own
// organization; for one below it only when that one has no registered
// secretary of its own, so that each cell's figures have one author.
func (u User) MayReportFor(l Lineage, hasOwnSecretary bool) error {
	if u.Role != RoleSecretary || !u.Covers(l) {
		return ErrNotAssigned
	}
	if !u.HasOrg(l.Org()) && hasOwnSecretary {
		return ErrCellHasSecretary
	}
	return nil
}

// Reads reports whether the user may read the organization's figures:
// the readers of the committee everywhere, a secretary over their
// assignment's subtree.
func (u User) Reads(l Lineage) bool {
	return u.Role.ReadsEverything() || u.Covers(l)
}
