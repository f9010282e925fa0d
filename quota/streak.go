package quota

// Streak counts the reminder runs in a row that found an organization
// behind with no new admission, for escalation. Only a run that reminded
// someone counts: an organization nobody can be reminded in was not
// urged, so it is listed as such instead of escalated.
type Streak struct {
	Year     int    `json:"year"`
	Count    int    `json:"count"`
	Admitted int    `json:"admitted"` // the tally at the last reminder
	LastRun  string `json:"last_run"` // the run that counted last, so a run counts once
}

// Reminded is the streak after a run that queued reminders to recipients
// people; ok is false when the run reminded nobody and the streak ends.
func (s Streak) Reminded(run string, year, admitted, recipients int) (next Streak, ok bool) {
	if recipients <= 0 {
		return Streak{}, false
	}
	if s.LastRun == run {
		return s, true
	}
	if s.Year != year || admitted > s.Admitted {
		s = Streak{Year: year}
	}
	s.Count++
	s.Admitted, s.LastRun = admitted, run
	return s, true
}

// Escalates reports whether the streak calls for escalation in the year:
// after reminders in a row with no admission since.
func (s Streak) Escalates(year, admitted, after int) bool {
	return s.Year == year && s.Count >= after && admitted <= s.Admitted
}
