package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/quota"
)

func TestAssignmentCoversTheSubtree(t *testing.T) {
	cell := quota.Lineage{"CB_B1", "DU_B", "DUK"}
	spec := quota.User{Role: quota.RoleSpecialist, Orgs: []string{"DU_B"}}
	assert.True(t, spec.Covers(cell), "an assignment to DU_B covers its cells")
	assert.True(t, spec.SeesNames(cell))
	assert.False(t, spec.Covers(quota.Lineage{"CB_A1", "DU_A", "DUK"}))
	assert.False(t, spec.SeesNames(quota.Lineage{"CB_A1", "DU_A", "DUK"}))
	assert.True(t, quota.User{Role: quota.RoleLeader}.SeesNames(cell))

	base := quota.User{Role: quota.RoleSecretary, Orgs: []string{"DU_B"}}
	assert.True(t, base.SeesNames(cell), "a base committee's secretary sees its cells")
	assert.NoError(t, base.MayReportFor(quota.Lineage{"DU_B", "DUK"}, true))
	assert.ErrorIs(t, base.MayReportFor(cell, true), quota.ErrCellHasSecretary)
	assert.NoError(t, base.MayReportFor(cell, false), "a cell with no secretary of its own is reported for from above")
	assert.ErrorIs(t, base.MayReportFor(quota.Lineage{"CB_A1", "DU_A"}, false), quota.ErrNotAssigned)
	assert.ErrorIs(t, spec.MayReportFor(cell, false), quota.ErrNotAssigned, "a specialist reads, never reports")
}

func TestReads(t *testing.T) {
	sec := quota.User{Role: quota.RoleSecretary, Orgs: []string{"DU_B"}}
	spec := quota.User{Role: quota.RoleSpecialist, Orgs: []string{"DU_A"}}
	for _, c := range []struct {
		u    quota.User
		l    quota.Lineage
		want bool
	}{
		{sec, quota.Lineage{"DU_B"}, true},
		{sec, quota.Lineage{"CB_B1", "DU_B"}, true},
		{sec, quota.Lineage{"CB_A1", "DU_A"}, false},
		{spec, quota.Lineage{"CB_B1", "DU_B"}, true}, // figures: everything
		{quota.User{Role: quota.RoleLeader}, quota.Lineage{"X"}, true},
		{quota.User{Role: quota.RoleSecretary}, quota.Lineage{"DU_B"}, false},
	} {
		if got := c.u.Reads(c.l); got != c.want {
			t.Errorf("%s %v reads %v: %v, want %v", c.u.Role, c.u.Orgs, c.l, got, c.want)
		}
	}
}
