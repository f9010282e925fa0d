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
