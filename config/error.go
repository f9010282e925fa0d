package config

import (
	"fmt"
	"strings"
)

// Error is a configuration mistake: which key, what is wrong, and where.
// The program prints it as one line and exits with status 2.
type Error struct {
	Key  string // YAML path such as "schedule.reminders"; empty if not about one key
	Msg  string
	File string // empty when parsed from bytes
	Line int    // 0 when unknown
	Err  error  // underlying cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("config: ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, " (%s:%d)", e.File, e.Line)
	case e.File != "":
		fmt.Fprintf(&b, " (%s)", e.File)
	case e.Line > 0:
		fmt.Fprintf(&b, " (line %d)", e.Line)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }
