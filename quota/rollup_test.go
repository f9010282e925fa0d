package quota

import "testing"

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

func TestRollUpAllIsRollUpOfEverySubtree(t *testing.T) {
	pace := Pace{Mode: PaceLinear}
	on := Date{2026, 6, 15}
	// A tree of three levels, some parents with a quota of their own and
	// one (P2) with none, so it has no standing of its own.
	parent := map[string]string{"C1": "P1", "C2": "P1", "C3": "P2", "C4": "P2", "D1": "C1", "D2": "C1", "C5": "P3"}
	tallies := map[string]Tally{"P1": {4, 1}, "C1": {3, 2}, "C2": {7, 1}, "C3": {5, 5}, "C4": {2, 0}, "D1": {9, 3}, "D2": {1, 1}, "P3": {6, 0}, "C5": {0, 2}}
	var own []Progress
	for code, tl := range tallies {
		own = append(own, NewProgress(code, 2026, on, tl, pace))
	}
	all := RollUpAll(2026, on, own, func(c string) string { return parent[c] })
	subtree := func(code string) []Progress {
		var parts []Progress
		for _, p := range own {
			for a := p.Org; a != ""; a = parent[a] {
				if a == code {
					parts = append(parts, p)
					break
				}
			}
		}
		return parts
	}
	for _, code := range []string{"P1", "P2", "P3", "C1", "C2", "C3", "C4", "C5", "D1", "D2"} {
		want := RollUp(code, 2026, on, subtree(code))
		if got := all[code]; got != want {
			t.Errorf("%s: one pass %+v, subtree %+v", code, got, want)
		}
	}
	if p := all["P1"]; p.Quota != 24 || p.Admitted != 8 {
		t.Errorf("P1 rolled up to %+v", p)
	}
	// A corrupt cycle ends.
	loop := RollUpAll(2026, on, own[:1], func(c string) string { return c })
	if len(loop) != 1 {
		t.Errorf("a cycle gave %v", loop)
	}
}
