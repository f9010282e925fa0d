package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sort"

	"quotabot/quota"
)

// A tally pack is a run of a year's tallies in code order, each entry
//
//	shared uvarint: leading bytes the same as the code before's
//	suffix length uvarint, the code's bytes after those
//	quota uvarint, admitted uvarint
//
// the pack's first entry sharing nothing. Codes of one parent share most
// of their bytes: an entry is about 7 bytes where a key and its value
// took 21 and a leaf page's slot.

var errDamagedPack = errors.New("the tally pack is damaged")

// packIter reads a pack's entries in order.
type packIter struct {
	v    []byte
	code []byte // the entry's code, in the iterator's own buffer
	t    quota.Tally
	err  error
}

func (p *packIter) reset(v []byte) { p.v, p.code, p.err = v, p.code[:0], nil }

// next steps to the next entry: false at the end, or with err set on a
// damaged pack.
func (p *packIter) next() bool {
	if len(p.v) == 0 {
		return false
	}
	shared, n := uvarint(p.v)
	if n <= 0 || shared > uint64(len(p.code)) {
		return p.fail()
	}
	p.v = p.v[n:]
	l, n := uvarint(p.v)
	if n <= 0 || l > uint64(len(p.v)-n) {
		return p.fail()
	}
	p.code = append(p.code[:shared], p.v[n:n+int(l)]...)
	p.v = p.v[n+int(l):]
	q, n := uvarint(p.v)
	if n <= 0 {
		return p.fail()
	}
	p.v = p.v[n:]
	a, n := uvarint(p.v)
	if n <= 0 {
		return p.fail()
	}
	p.v = p.v[n:]
	p.t = quota.Tally{Quota: int(uint32(q)), Admitted: int(uint32(a))}
	return true
}

func (p *packIter) fail() bool {
	p.err, p.v = errDamagedPack, nil
	return false
}

// appendTallyEntry encodes the tally of code after the entry of prev.
func appendTallyEntry(dst, prev, code []byte, t quota.Tally) []byte {
	s := 0
	for s < len(prev) && s < len(code) && prev[s] == code[s] {
		s++
	}
	return appendRawEntry(dst, s, code[s:], t)
}

// uvarint is binary.Uvarint with the one-byte case inline: nearly every
// number in a pack is below 128.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	return binary.Uvarint(b)
}

// packPlace is where a code is, or would go, in a pack.
type packPlace struct {
	at, end int // the entry of the code, or the one it would go before; len(v) both at the end
	found   bool
	t       quota.Tally // the entry's
	match   int         // the code's common prefix with the entry before
	// The entry the code would go before, with its code as code[:shared]
	// then suffix, and the common prefix of the two codes.
	shared, common int
	suffix         []byte
}

// packFind finds code in the pack without rebuilding the codes it steps
// over: it keeps how much of code the entry before had (match), so an
// entry sharing more than that with the one before is before code too,
// one sharing less is after it, and only one sharing exactly that is
// compared, from there on.
func packFind(v, code []byte) (packPlace, error) {
	match, prevLen := 0, 0
	for p := 0; p < len(v); {
		at := p
		// The numbers are read inline, one byte nearly always: this loop
		// is every lookup's and every write's.
		s := uint64(v[p])
		p++
		if s >= 0x80 {
			var n int
			if s, n = binary.Uvarint(v[at:]); n <= 0 {
				return packPlace{}, errDamagedPack
			}
			p = at + n
		}
		if s > uint64(prevLen) || p >= len(v) {
			return packPlace{}, errDamagedPack
		}
		l := uint64(v[p])
		p++
		if l >= 0x80 {
			var n int
			if l, n = binary.Uvarint(v[p-1:]); n <= 0 {
				return packPlace{}, errDamagedPack
			}
			p += n - 1
		}
		if l > uint64(len(v)-p) {
			return packPlace{}, errDamagedPack
		}
		suffix := v[p : p+int(l)]
		p += int(l)
		var q, a uint64
		for _, x := range []*uint64{&q, &a} {
			if p >= len(v) {
				return packPlace{}, errDamagedPack
			}
			if *x = uint64(v[p]); *x < 0x80 {
				p++
				continue
			}
			n := 0
			if *x, n = binary.Uvarint(v[p:]); n <= 0 {
				return packPlace{}, errDamagedPack
			}
			p += n
		}
		shared := int(s)
		prevLen = shared + len(suffix)
		if shared > match {
			continue
		}
		common, after := shared, shared < match
		if !after {
			j := 0
			for j < len(suffix) && match+j < len(code) && suffix[j] == code[match+j] {
				j++
			}
			common = match + j
			switch {
			case j == len(suffix) && common == len(code):
				t := quota.Tally{Quota: int(uint32(q)), Admitted: int(uint32(a))}
				return packPlace{at: at, end: p, found: true, t: t, match: match}, nil
			case j == len(suffix):
				after = false
			case common == len(code):
				after = true
			default:
				after = suffix[j] > code[common]
			}
		}
		if !after {
			match = common
			continue
		}
		t := quota.Tally{Quota: int(uint32(q)), Admitted: int(uint32(a))}
		return packPlace{at: at, end: p, t: t, match: match, shared: shared, common: common, suffix: suffix}, nil
	}
	return packPlace{at: len(v), end: len(v), match: match}, nil
}

// appendRawEntry encodes an entry from its parts.
func appendRawEntry(dst []byte, shared int, suffix []byte, t quota.Tally) []byte {
	dst = binary.AppendUvarint(dst, uint64(shared))
	dst = binary.AppendUvarint(dst, uint64(len(suffix)))
	dst = append(dst, suffix...)
	dst = binary.AppendUvarint(dst, uint64(uint32(t.Quota)))
	return binary.AppendUvarint(dst, uint64(uint32(t.Admitted)))
}

// packLookup is the tally of code in the pack; found is false when the
// pack has none, or cannot be read.
func packLookup(v, code []byte) (t quota.Tally, found bool) {
	if pl, err := packFind(v, code); err == nil && pl.found {
		return pl.t, true
	}
	return quota.Tally{}, false
}

// packWith is the pack v with the tally of code changed by f, added in
// its place when the pack has none.
func packWith(v, code []byte, f func(*quota.Tally)) ([]byte, error) {
	pl, err := packFind(v, code)
	if err != nil {
		return nil, err
	}
	var t quota.Tally
	if pl.found {
		t = pl.t
	}
	f(&t)
	out := make([]byte, 0, len(v)+len(code)+24)
	out = appendRawEntry(append(out, v[:pl.at]...), pl.match, code[pl.match:], t)
	if !pl.found && pl.at < len(v) {
		// The entry after the new one shares its prefix with the new one now.
		out = appendRawEntry(out, pl.common, pl.suffix[pl.common-pl.shared:], pl.t)
	}
	return append(out, v[pl.end:]...), nil
}

// splitPack cuts a pack in two at the first entry from its middle on,
// or at its last: right begins at bound. ok is false for a pack of a
// single entry.
func splitPack(v []byte) (left, bound, right []byte, ok bool) {
	var p packIter
	p.reset(v)
	cut, cutEnd := -1, 0
	var cutCode []byte
	var cutTally quota.Tally
	for first := true; cut < len(v)/2; first = false {
		at := len(v) - len(p.v)
		if !p.next() {
			break
		}
		if !first {
			cut, cutEnd, cutCode, cutTally = at, len(v)-len(p.v), append(cutCode[:0], p.code...), p.t
		}
	}
	if cut < 0 {
		return nil, nil, nil, false
	}
	right = appendTallyEntry(make([]byte, 0, len(v)-cut+len(cutCode)), nil, cutCode, cutTally)
	return bytes.Clone(v[:cut]), cutCode, append(right, v[cutEnd:]...), true
}

// packIndex is a pack's entries laid out for a binary search, built when
// a transaction looks up a second code in the same pack: the tallies of
// a subtree or of a list of organizations, one by one.
type packIndex struct {
	v       []byte // the pack it was built from, held so its memory stays its own
	codes   []byte // every code, one after the other
	ends    []int  // where each code ends in codes
	tallies []quota.Tally
}

// samePack reports whether a and b are the same value, not only equal:
// a pack rewritten in the transaction is a new slice.
func samePack(a, b []byte) bool { return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0] }

func newPackIndex(v []byte) *packIndex {
	n := len(v) / 6
	x := &packIndex{v: v, codes: make([]byte, 0, n*6), ends: make([]int, 0, n), tallies: make([]quota.Tally, 0, n)}
	var p packIter
	for p.reset(v); p.next(); {
		x.codes = append(x.codes, p.code...)
		x.ends = append(x.ends, len(x.codes))
		x.tallies = append(x.tallies, p.t)
	}
	return x
}

func (x *packIndex) lookup(code []byte) (quota.Tally, bool) {
	codeAt := func(i int) []byte {
		start := 0
		if i > 0 {
			start = x.ends[i-1]
		}
		return x.codes[start:x.ends[i]]
	}
	i, found := sort.Find(len(x.ends), func(i int) int { return bytes.Compare(code, codeAt(i)) })
	if !found {
		return quota.Tally{}, false
	}
	return x.tallies[i], true
}
