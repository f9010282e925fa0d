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
	index := map[string]int32{}
	var codes []string
	number := func(code string) int32 {
		i, ok := index[code]
		if !ok {
			i = int32(len(codes))
			index[code] = i
			codes = append(codes, code)
		}
		return i
	}
	for _, p := range own {
		for code, depth := p.Org, 0; code != "" && depth < maxDepth; code, depth = parentOf(code), depth+1 {
			number(code)
		}
	}
	parent := make([]int32, len(codes))
	mine := make([]Progress, len(codes))
	for i, code := range codes {
		parent[i] = -1
		if p := parentOf(code); p != "" {
			if j, ok := index[p]; ok {
				parent[i] = j
			}
		}
		mine[i] = Progress{Org: code, Year: year, On: on}
	}
	for _, p := range own {
		q := &mine[index[p.Org]]
		q.Quota += p.Quota
		q.Admitted += p.Admitted
		q.Expected += p.Expected
	}
	rolled := RollUpIndexed(mine, parent)
	out := make(map[string]Progress, len(codes))
	for i, code := range codes {
		out[code] = rolled[i]
	}
	return out
}

// RollUpIndexed is RollUpAll over organizations numbered 0..n-1: own[i]
// is organization i's own standing and parent[i] its parent's number, -1
// at the top. The result is numbered the same way.
func RollUpIndexed(own []Progress, parent []int32) []Progress {
	out := make([]Progress, len(own))
	copy(out, own)
	for i, p := range own {
		if p.Quota == 0 && p.Admitted == 0 && p.Expected == 0 {
			continue
		}
		for a, depth := parent[i], 0; a >= 0 && int(a) < len(out) && depth < maxDepth; a, depth = parent[a], depth+1 {
			out[a].Quota += p.Quota
			out[a].Admitted += p.Admitted
			out[a].Expected += p.Expected
		}
	}
	return out
}
