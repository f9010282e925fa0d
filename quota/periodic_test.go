package quota_test

import (
	"testing"

	"quotabot/quota"
)

func standing(code string, q, admitted, expected, advanced int) quota.Standing {
	return quota.Standing{Progress: quota.Progress{Org: code, Quota: q, Admitted: admitted, Expected: expected}, Advanced: advanced}
}

func TestPeriodicReportSortsOrganizations(t *testing.T) {
	on := quota.Date{Year: 2019, Month: 10, Day: 15}
	r := quota.NewPeriodicReport(2019, on, []quota.Standing{
		standing("A", 10, 12, 8, 0), // met, exceeded
		standing("B", 10, 2, 8, 1),  // behind by 6, at risk: 2+1 < 10, gap 7
		standing("C", 10, 7, 8, 5),  // behind by 1, not at risk
		standing("D", 20, 0, 16, 3), // behind by 16, at risk, gap 17, no one admitted
		standing("E", 0, 3, 0, 0),   // no quota: counted in the total only
	})
	if r.Total.Quota != 50 || r.Total.Admitted != 24 || r.Total.Expected != 40 {
		t.Errorf("total = %+v, want 24/50 expected 40", r.Total)
	}
	codes := func(ss []quota.Standing) string {
		s := ""
		for _, x := range ss {
			s += x.Org
		}
		return s
	}
	for _, c := range []struct{ name, got, want string }{
		{"met", codes(r.Met), "A"},
		{"behind", codes(r.Behind), "DBC"},
		{"at risk", codes(r.AtRisk), "DB"},
		{"no admission", codes(r.NoAdmission), "D"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if r.WithQuota() != 4 || r.Admitting() != 4 {
		t.Errorf("with quota = %d, want 4; admitting = %d, want 4 (A, B, C and E)", r.WithQuota(), r.Admitting())
	}
	// A past year has no risk left to warn of: it is over.
	past := quota.NewPeriodicReport(2018, on, []quota.Standing{standing("B", 10, 2, 10, 1)})
	if len(past.AtRisk) != 0 {
		t.Errorf("a past year lists %d at risk", len(past.AtRisk))
	}
}

func TestStageInPipeline(t *testing.T) {
	for s, want := range map[quota.Stage]bool{quota.StageIdentified: true, quota.StageTrained: true, quota.StageIntroduced: true,
		quota.StageSubmitted: true, quota.StageAdmitted: false, quota.StageDropped: false, "": false} {
		if s.InPipeline() != want {
			t.Errorf("%q in pipeline = %v", s, !want)
		}
	}
}
