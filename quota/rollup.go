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
	mine := make([]Counts, len(codes))
	for i, code := range codes {
		parent[i] = -1
		if p := parentOf(code); p != "" {
			if j, ok := index[p]; ok {
				parent[i] = j
			}
		}
	}
	for _, p := range own {
		q := &mine[index[p.Org]]
		c := CountsOf(p)
		q.Quota += c.Quota
		q.Admitted += c.Admitted
		q.Expected += c.Expected
	}
	rolled := RollUpIndexed(mine, parent)
	out := make(map[string]Progress, len(codes))
	for i, code := range codes {
		out[code] = rolled[i].Progress(code, year, on)
	}
	return out
}

// Counts are the numbers a roll-up adds up, small enough that a national
// tree of them is a few hundred kilobytes.
type Counts struct {
	Quota, Admitted, Expected int32
}

// CountsOf are a standing's numbers.
func CountsOf(p Progress) Counts {
	return Counts{Quota: int32(p.Quota), Admitted: int32(p.Admitted), Expected: int32(p.Expected)}
}

// Progress is the standing of these numbers for an organization.
func (c Counts) Progress(code string, year int, on Date) Progress {
	return Progress{Org: code, Year: year, On: on, Quota: int(c.Quota), Admitted: int(c.Admitted), Expected: int(c.Expected)}
}

// RollUpIndexed is RollUpAll over organizations numbered 0..n-1: own[i]
// is organization i's own numbers and parent[i] its parent's number, -1
// at the top. The result is numbered the same way.
func RollUpIndexed(own []Counts, parent []int32) []Counts {
	out := make([]Counts, len(own))
	copy(out, own)
	for i, c := range own {
		if c == (Counts{}) {
			continue
		}
		for a, depth := parent[i], 0; a >= 0 && int(a) < len(out) && depth < maxDepth; a, depth = parent[a], depth+1 {
			out[a].Quota += c.Quota
			out[a].Admitted += c.Admitted
			out[a].Expected += c.Expected
		}
	}
	return out
}
