package quota

import (
	"errors"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Two records are the same person when their IdentityKeys are equal. The
// key folds only what does not distinguish people: Unicode form, case and
// spacing. Diacritics stay, because they do ("Lê Văn Hùng" and "Lê Văn
// Hưng" are two people); SearchKey, which drops them, is for finding.
func IdentityKey(name string) string {
	// cases.Caser keeps state, so each call builds its own.
	// Invisible characters count no more than extra spaces do.
	folded := cases.Fold().String(norm.NFC.String(stripInvisible(strings.ToValidUTF8(name, "\uFFFD"))))
	folded = strings.Map(cherokeeFold, folded)
	return strings.Join(strings.Fields(norm.NFC.String(folded)), " ")
}

// cherokeeFold folds Cherokee as Unicode's CaseFolding.txt does, to the
// capital letters (encoded first, so their folding had to stay): x/text's
// Fold swaps the two cases instead, so a key folded again would differ
// and one name in two cases would be two people.
func cherokeeFold(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF: // Cherokee small letters A..YA
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD: // Cherokee small letters YE..MV
		return r - 8
	}
	return r
}

// SameName reports whether two names are the same person's.
func SameName(a, b string) bool { return IdentityKey(a) == IdentityKey(b) }

// SimilarName reports whether two names differ only in diacritics: two
// people by the rule, but perhaps a typing mistake worth pointing out.
func SimilarName(a, b string) bool { return !SameName(a, b) && SearchKey(a) == SearchKey(b) }

// A NameMatcher holds one name's keys, taken once, to compare it with
// the many identity keys an index holds: taking IdentityKey again for
// each of them cost more than the rest of a report.
type NameMatcher struct{ identity, search string }

// MatcherFor is the NameMatcher of name.
func MatcherFor(name string) NameMatcher {
	return NameMatcher{identity: IdentityKey(name), search: SearchKey(name)}
}

// SimilarKey is SimilarName for a name known by its IdentityKey (which
// IdentityKey leaves as it is).
func (m NameMatcher) SimilarKey(identity string) bool {
	return identity != m.identity && !searchKeyDiffers(identity, m.search) && SearchKey(identity) == m.search
}

// Errors of the duplicate rules.
var (
	// ErrAdmissionRecorded is a second admission of the same person, in
	// the same organization, on the same date.
	ErrAdmissionRecorded = errors.New("this person is already recorded as admitted on that date")
	// ErrCandidateExists is a second candidate of the same name in an
	// organization's pipeline.
	ErrCandidateExists = errors.New("this person is already in the organization's pipeline")
	// ErrNameAmbiguous is a search that finds several people.
	ErrNameAmbiguous = errors.New("several people match the name")
	// ErrNameNotFound is a search that finds nobody.
	ErrNameNotFound = errors.New("nobody matches the name")
)

// MatchName picks the one of names that query means: the same person if
// there is one, else the only name equal to it once diacritics are
// ignored, so "nguyen van a" finds "Nguyễn Văn A". It returns the index,
// or ErrNameNotFound, or ErrNameAmbiguous when several fold to the query.
func MatchName(query string, names []string) (int, error) {
	id, key := IdentityKey(query), SearchKey(query)
	found, n := -1, 0
	for i, name := range names {
		if IdentityKey(name) == id {
			return i, nil
		}
		if SearchKey(name) == key {
			found, n = i, n+1
		}
	}
	switch n {
	case 0:
		return -1, ErrNameNotFound
	case 1:
		return found, nil
	}
	return -1, ErrNameAmbiguous
}
