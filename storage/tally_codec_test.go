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

// FuzzTallyPack reads packs as damage could leave them: no read panics,
// and a change written into a pack that reads whole reads whole too.
func FuzzTallyPack(f *testing.F) {
	var v []byte
	for _, c := range []string{"CB_01", "CB_011", "CB_02", "DU_A"} {
		v, _ = packWith(v, []byte(c), func(t *quota.Tally) { t.Quota = 300 })
	}
	f.Add(v, "CB_015")
	f.Add([]byte{0, 200, 1}, "A")
	f.Add([]byte{}, "")
	f.Fuzz(func(t *testing.T, v []byte, code string) {
		var p packIter
		p.reset(v)
		for p.next() {
		}
		packLookup(v, []byte(code))
		_ = newPackIndex(v)
		out, err := packWith(v, []byte(code), func(t *quota.Tally) { t.Admitted++ })
		if err != nil || p.err != nil {
			return
		}
		if _, _, _, ok := splitPack(out); !ok && len(out) > 0 {
			p.reset(out)
			n := 0
			for p.next() {
				n++
			}
			if n > 1 {
				t.Fatalf("a pack of %d entries was not split", n)
			}
		}
		for p.reset(out); p.next(); {
		}
		if p.err != nil {
			t.Fatalf("%x with %q written reads %v", v, code, p.err)
		}
	})
}
