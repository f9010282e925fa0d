package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/quota"
)

func TestInListOrder(t *testing.T) {
	orgs := []quota.Org{{Code: "A"}, {Code: "Z", Order: 2}, {Code: "B"}, {Code: "C", Order: 1}, {Code: "D", Order: 10}}
	quota.InListOrder(orgs)
	var codes []string
	for _, o := range orgs {
		codes = append(codes, o.Code)
	}
	assert.Equal(t, []string{"C", "Z", "D", "A", "B"}, codes, "the decision's order first, then the others by code")
}
