package quota

import (
	"errors"
	"fmt"
)

// ErrRecognitionEarly is a recognition as an official member dated before
// the 12 months of probation end.
var ErrRecognitionEarly = errors.New("official membership is recognized only at the end of the 12-month probation")

// RecognitionEarlyError carries the first day a recognition is allowed.
type RecognitionEarlyError struct{ Admitted, AllowedFrom Date }

func (e *RecognitionEarlyError) Error() string {
	return fmt.Sprintf("admitted %s, recognized from %s: %v", e.Admitted, e.AllowedFrom, ErrRecognitionEarly)
}

func (e *RecognitionEarlyError) Unwrap() error { return ErrRecognitionEarly }

// CheckRecognition is the rule for the date of the decision recognizing a
// probationary member: not in the future, and not before the probation's
// end, the same day a year after the admission.
func CheckRecognition(admitted, on, today Date) error {
	if today.Before(on) {
		return ErrFutureDate
	}
	if end := ProbationEnd(admitted); on.Before(end) {
		return &RecognitionEarlyError{Admitted: admitted, AllowedFrom: end}
	}
	return nil
}
