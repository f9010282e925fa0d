package app

import "runtime/debug"

// ServingGCPercent is the garbage collector's target for a serving
// quotabot: the heap may grow to 1.5 times what is live between
// collections, not Go's default twice. A bot at national size keeps
// about 16 MB live (its caches of the figures); at twice that its
// resident memory carried 8 MB of garbage for a few milliseconds of
// collection a minute.
const ServingGCPercent = 50

// TuneGC sets ServingGCPercent unless the operator chose one with GOGC,
// and returns the target now in force.
func TuneGC(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		percent := debug.SetGCPercent(-1)
		debug.SetGCPercent(percent)
		return percent
	}
	debug.SetGCPercent(ServingGCPercent)
	return ServingGCPercent
}
