package quota

import "testing"

func TestMayRead(t *testing.T) {
	sec := User{Role: RoleSecretary, Orgs: []string{"DU_B"}}
	cases := []struct {
		u         User
		code      string
		ancestors []string
		want      bool
	}{
		{User{Role: RoleLeader}, "CB_X", nil, true},
		{User{Role: RoleSpecialist, Orgs: []string{"CB_A"}}, "CB_X", nil, true},
		{User{Role: RoleAdmin}, "CB_X", nil, true},
		{sec, "DU_B", nil, true},
		{sec, "CB_B1", []string{"DU_B"}, true},
		{sec, "CB_B1a", []string{"CB_B1", "DU_B"}, true},
		{sec, "CB_A1", []string{"DU_A"}, false},
		{sec, "DU_A", nil, false},
		{User{Role: RoleSecretary}, "DU_B", nil, false},
	}
	for _, c := range cases {
		if got := c.u.MayRead(c.code, c.ancestors); got != c.want {
			t.Errorf("%s %v reads %s under %v: %v, want %v", c.u.Role, c.u.Orgs, c.code, c.ancestors, got, c.want)
		}
	}
}

func TestRollUp(t *testing.T) {
	pace := Pace{Mode: PaceLinear}
	on := Date{2026, 7, 2}
	parts := []Progress{
		NewProgress("DU", 2026, on, Tally{Quota: 0}, pace),
		NewProgress("C1", 2026, on, Tally{Quota: 3, Admitted: 1}, pace),
		NewProgress("C2", 2026, on, Tally{Quota: 3, Admitted: 2}, pace),
	}
	p := RollUp("DU", 2026, on, parts)
	// Each cell is expected 1 by early July (3 × 183/365 rounded down); the
	// parent is expected 2, not the 3 of its summed quota of 6.
	if p.Quota != 6 || p.Admitted != 3 || p.Expected != 2 || p.Org != "DU" {
		t.Fatalf("roll-up %+v", p)
	}
}
