package quota

// RollUp is an organization's standing with its subtree: the parts'
// quotas and admissions summed, and a parent is expected what its parts
// are expected, each rounded on its own as its reminder would be.
func RollUp(code string, year int, on Date, parts []Progress) Progress {
	p := Progress{Org: code, Year: year, On: on}
	for _, q := range parts {
		p.Quota += q.Quota
		p.Admitted += q.Admitted
		p.Expected += q.Expected
	}
	return p
}

// SamePeriodLastYear is the span of the year before the year that matches
// its progress up to on: /status compares with it.
func SamePeriodLastYear(year int, on Date) (from, to Date) {
	return Date{Year: year - 1, Month: 1, Day: 1}, on.SameDayInYear(year - 1)
}

// maxDepth bounds a walk up the tree, so a corrupt cycle cannot loop.
const maxDepth = 64

// RollUpAll is RollUp of every organization's subtree at once: each
// organization's own standing is added to itself and to each of its
// ancestors, parentOf naming the parent ("" at the top). An organization
// that only has parts gets their sums. One pass, however large the tree.
func RollUpAll(year int, on Date, own []Progress, parentOf func(code string) string) map[string]Progress {
	out := make(map[string]Progress, len(own))
	for _, p := range own {
		code := p.Org
		for depth := 0; code != "" && depth < maxDepth; depth++ {
			r, ok := out[code]
			if !ok {
				r = Progress{Org: code, Year: year, On: on}
			}
			r.Quota += p.Quota
			r.Admitted += p.Admitted
			r.Expected += p.Expected
			out[code] = r
			code = parentOf(code)
		}
	}
	return out
}
