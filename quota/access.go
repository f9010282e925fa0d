package quota

// MayRead reports whether the user may read an organization's figures,
// named admissions and candidates. Readers see the whole committee; an
// assignment to an organization covers its subtree, so ancestors lists
// the organization's parents, nearest first.
func (u User) MayRead(code string, ancestors []string) bool {
	if u.Role.ReadsEverything() {
		return true
	}
	if u.HasOrg(code) {
		return true
	}
	for _, a := range ancestors {
		if u.HasOrg(a) {
			return true
		}
	}
	return false
}
