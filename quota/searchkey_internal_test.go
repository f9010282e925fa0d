package quota

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// tableRunes are the runes SearchKey folds from its table.
func tableRunes() []rune {
	var rs []rune
	for r := rune(0); r < latinEnd; r++ {
		rs = append(rs, r)
	}
	for r := rune(marksFrom); r < marksEnd; r++ {
		rs = append(rs, r)
	}
	for r := rune(vietFrom); r < vietEnd; r++ {
		rs = append(rs, r)
	}
	return rs
}

// TestSearchKeyTableIsTheChain: every rune of the table, alone and next
// to others, folds as the chain folds it.
func TestSearchKeyTableIsTheChain(t *testing.T) {
	rs := tableRunes()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range rs {
		for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + "\u0301", " " + string(r) + " x"} {
			k, ok := latinSearchKey(s)
			if !ok || k != slowSearchKey(s) {
				t.Fatalf("%q (U+%04X): table %q (%v), chain %q", s, r, k, ok, slowSearchKey(s))
			}
		}
	}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteRune(rs[rng.IntN(len(rs))])
		}
		s := b.String()
		if k, ok := latinSearchKey(s); !ok || k != slowSearchKey(s) {
			t.Fatalf("%q: table %q (%v), chain %q", s, k, ok, slowSearchKey(s))
		}
		// Decomposed, a letter may leave the table (ǯ is ʒ and a mark): then
		// the chain answers.
		for _, v := range []string{norm.NFD.String(s), norm.NFC.String(s)} {
			if k, ok := latinSearchKey(v); ok && k != slowSearchKey(v) {
				t.Fatalf("%q: table %q, chain %q", v, k, slowSearchKey(v))
			}
		}
	}
	if _, ok := latinSearchKey("Ελλάδα"); ok {
		t.Fatal("Greek is not in the table")
	}
	if _, ok := latinSearchKey("a\xffb"); ok {
		t.Fatal("invalid UTF-8 takes the chain")
	}
	if got := SearchKey("  Nguyễn   Văn  ĐẶNG "); got != "nguyen van dang" {
		t.Fatalf("got %q", got)
	}
}

func FuzzSearchKeyTable(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn A", norm.NFD.String("Lê Thị Hưng"), "Đặng\u00a0Thùy", "İstanbul", "ǅ ſ ŉ", "a\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k, ok := latinSearchKey(s); ok && k != slowSearchKey(s) {
			t.Fatalf("%q: table %q, chain %q", s, k, slowSearchKey(s))
		}
		k := SearchKey(s)
		if searchKeyDiffers(s, k) {
			t.Fatalf("%q is said to differ from its own key %q", s, k)
		}
		for _, other := range []string{"nguyen van a", "le thi hung", k + " a", strings.TrimSuffix(k, k[len(k)/2:])} {
			if searchKeyDiffers(s, other) && k == other {
				t.Fatalf("%q is said to differ from %q, its key", s, other)
			}
		}
	})
}

func TestSearchKeyDiffers(t *testing.T) {
	if !searchKeyDiffers("trần thị bình", "nguyen van a") {
		t.Fatal("a different first letter decides")
	}
	if !searchKeyDiffers("nguyễn thị bình", "nguyen van a") {
		t.Fatal("a different second word decides")
	}
	if searchKeyDiffers("nguyễn văn a", "nguyen van a") {
		t.Fatal("the same key never differs")
	}
	if searchKeyDiffers("nguyễn  văn b", "nguyen van a") {
		t.Fatal("double spacing is left to SearchKey")
	}
}

func BenchmarkSearchKey(b *testing.B) {
	name := "Nguyễn Thị Thanh Hương"
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			SearchKey(name)
		}
	})
	b.Run("chain", func(b *testing.B) {
		for b.Loop() {
			slowSearchKey(name)
		}
	})
}
