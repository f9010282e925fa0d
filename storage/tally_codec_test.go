package storage

import (
	"math/rand/v2"
	"slices"
	"testing"

	"quotabot/quota"
)

// TestPackFindAgreesWithCodeOrder writes packs of short codes that are
// prefixes of one another, in random order, and checks that the pack
// holds them in code order and that a lookup finds each code kept and
// no other, without rebuilding the codes it steps over.
func TestPackFindAgreesWithCodeOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	var all []string
	for _, a := range "AB1" {
		all = append(all, string(a))
		for _, b := range "AB1" {
			all = append(all, string(a)+string(b))
			for _, c := range "AB1" {
				all = append(all, string(a)+string(b)+string(c))
			}
		}
	}
	for range 300 {
		var codes []string
		for range 1 + rng.IntN(12) {
			codes = append(codes, all[rng.IntN(len(all))])
		}
		var v []byte
		for i, c := range codes {
			var err error
			v, err = packWith(v, []byte(c), func(t *quota.Tally) { t.Quota, t.Admitted = len(c), t.Admitted+i })
			if err != nil {
				t.Fatal(err)
			}
		}
		want := slices.Compact(slices.Sorted(slices.Values(codes)))
		var got []string
		var p packIter
		for p.reset(v); p.next(); {
			got = append(got, string(p.code))
		}
		if p.err != nil || !slices.Equal(got, want) {
			t.Fatalf("written %q, read %q (%v)", codes, got, p.err)
		}
		for _, c := range all {
			tl, ok := packLookup(v, []byte(c))
			if ok != slices.Contains(want, c) || (ok && tl.Quota != len(c)) || (!ok && tl != quota.Tally{}) {
				t.Fatalf("pack %q: %s reads %v, %v", want, c, tl, ok)
			}
		}
	}
}
