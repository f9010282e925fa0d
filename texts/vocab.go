package texts

import (
	"slices"

	"quotabot/quota"
)

// Verb is a sub-command of /candidate.
type Verb string

// The sub-commands of /candidate.
const (
	VerbAdd       Verb = "add"
	VerbClass     Verb = "class"
	VerbIntroduce Verb = "introduce"
	VerbSubmit    Verb = "submit"
	VerbDrop      Verb = "drop"
	VerbErase     Verb = "erase"
	VerbList      Verb = "list"
)

// Verbs lists every sub-command of /candidate.
var Verbs = []Verb{VerbAdd, VerbClass, VerbIntroduce, VerbSubmit, VerbDrop, VerbErase, VerbList}

// ParseRole reads a role as typed in /invite, in any language, or as its
// code ("secretary").
func ParseRole(s string) (quota.Role, bool) {
	return parse(s, quota.Roles, func(w Words) map[quota.Role][]string { return w.Roles })
}

// ParseSource reads who introduced a candidate, in any language, or as
// its code ("youth_union").
func ParseSource(s string) (quota.Source, bool) {
	return parse(s, quota.Sources, func(w Words) map[quota.Source][]string { return w.Sources })
}

// ParseVerb reads a sub-command of /candidate, in any language.
func ParseVerb(s string) (Verb, bool) {
	return parse(s, Verbs, func(w Words) map[Verb][]string { return w.CandidateVerbs })
}

// IsDryRun reports whether the caption of an uploaded import asks for a
// dry run, in any language.
func IsDryRun(caption string) bool {
	k := quota.SearchKey(caption)
	for _, l := range Languages {
		if slices.Contains(l.Words.DryRun, k) {
			return true
		}
	}
	return false
}

// parse finds the value whose code, or one of whose words in some
// language, is s up to case, spacing and diacritics.
func parse[V ~string](s string, values []V, words func(Words) map[V][]string) (V, bool) {
	k := quota.SearchKey(s)
	for _, v := range values {
		if k == quota.SearchKey(string(v)) {
			return v, true
		}
	}
	for _, l := range Languages {
		for _, v := range values {
			if slices.Contains(words(l.Words)[v], k) {
				return v, true
			}
		}
	}
	var zero V
	return zero, false
}
