package quota

import (
	"errors"
	"fmt"
	"time"
)

// Stage is where a candidate stands in the pipeline toward admission.
type Stage string

// The stages, in order; a dropped candidate leaves the pipeline.
const (
	StageIdentified Stage = "identified" // quần chúng ưu tú
	StageTrained    Stage = "trained"    // attended the Party awareness class
	StageIntroduced Stage = "introduced" // introduced by the Youth Union, Trade Union or a member
	StageSubmitted  Stage = "submitted"  // dossier submitted
	StageAdmitted   Stage = "admitted"   // became an Admission
	StageDropped    Stage = "dropped"
)

// Pipeline lists the stages in order.
var Pipeline = []Stage{StageIdentified, StageTrained, StageIntroduced, StageSubmitted, StageAdmitted}

func (s Stage) rank() int {
	for i, p := range Pipeline {
		if p == s {
			return i
		}
	}
	return -1
}

// Next is the stage after s; ok is false at the end or for a dropped one.
func (s Stage) Next() (Stage, bool) {
	r := s.rank()
	if r < 0 || r+1 >= len(Pipeline) {
		return "", false
	}
	return Pipeline[r+1], true
}

// Advanced reports whether a candidate at this stage could be admitted
// soon: introduced or later, still in the pipeline. These count toward
// the early warning.
func (s Stage) Advanced() bool {
	return s == StageIntroduced || s == StageSubmitted
}

// Source is who found and introduced a candidate.
type Source string

// The sources of candidates the letter names.
const (
	SourceYouthUnion Source = "youth_union"
	SourceTradeUnion Source = "trade_union"
	SourceMember     Source = "member"
	SourceOther      Source = "other"
)

// Sources lists every source.
var Sources = []Source{SourceYouthUnion, SourceTradeUnion, SourceMember, SourceOther}

// StageChange is one step in a candidate's history.
type StageChange struct {
	Stage Stage     `json:"stage"`
	On    Date      `json:"on,omitzero"` // the date of the class, the introduction…
	At    time.Time `json:"at"`
	By    int64     `json:"by"`
}

// Candidate is a person in an organization's pipeline.
type Candidate struct {
	ID          uint64        `json:"id"`
	Org         string        `json:"org"`
	Name        string        `json:"name"`
	Source      Source        `json:"source"`
	Stage       Stage         `json:"stage"`
	ClassDate   Date          `json:"class_date,omitzero"`
	History     []StageChange `json:"history"`
	DropReason  string        `json:"drop_reason,omitempty"`
	AdmissionID uint64        `json:"admission_id,omitempty"`
	CreatedBy   int64         `json:"created_by"`
	CreatedAt   time.Time     `json:"created_at"`
}

// Errors of a stage change.
var (
	ErrStageOrder    = errors.New("stages go one step at a time, in order")
	ErrStageClosed   = errors.New("the candidate is no longer in the pipeline")
	ErrClassDate     = errors.New("the class date is needed to record the Party awareness class")
	ErrAdmitByReport = errors.New("a candidate is admitted by reporting the admission with /report")
)

// Move takes the candidate to stage to, recording when and by whom. Only
// the next stage is allowed; a dropped or admitted candidate does not move.
func (c *Candidate) Move(to Stage, on Date, at time.Time, by int64) error {
	if c.Stage == StageDropped || c.Stage == StageAdmitted {
		return fmt.Errorf("%s is %s: %w", c.Name, c.Stage, ErrStageClosed)
	}
	if to == StageDropped {
		c.Stage = to
		c.History = append(c.History, StageChange{Stage: to, At: at, By: by})
		return nil
	}
	next, ok := c.Stage.Next()
	if !ok || next != to {
		return fmt.Errorf("%s is %s, not before %s: %w", c.Name, c.Stage, to, ErrStageOrder)
	}
	if to == StageTrained {
		if on.IsZero() {
			return ErrClassDate
		}
		c.ClassDate = on
	}
	c.Stage = to
	c.History = append(c.History, StageChange{Stage: to, On: on, At: at, By: by})
	return nil
}

// Admit records that the candidate became the admission with that id,
// admitted on the date: the pipeline's last stage, from whatever stage
// the candidate stood at, since a report may come before the steps were
// recorded.
func (c *Candidate) Admit(admissionID uint64, on Date, at time.Time, by int64) error {
	if c.Stage == StageDropped || c.Stage == StageAdmitted {
		return fmt.Errorf("%s is %s: %w", c.Name, c.Stage, ErrStageClosed)
	}
	c.Stage, c.AdmissionID = StageAdmitted, admissionID
	c.History = append(c.History, StageChange{Stage: StageAdmitted, On: on, At: at, By: by})
	return nil
}

// Unadmit puts the candidate back at the stage before the admission with
// that id, once it was retracted. It is false, and changes nothing, when
// the candidate no longer stands for that admission.
func (c *Candidate) Unadmit(admissionID uint64) bool {
	if c.Stage != StageAdmitted || c.AdmissionID != admissionID || len(c.History) == 0 {
		return false
	}
	c.History = c.History[:len(c.History)-1]
	c.Stage = StageSubmitted
	if n := len(c.History); n > 0 {
		c.Stage = c.History[n-1].Stage
	}
	c.AdmissionID = 0
	return true
}

// ErrNotDropped refuses to erase a candidate still in the pipeline.
var ErrNotDropped = errors.New("only a dropped candidate can be erased")

// Erasable says whether the candidate's record may be erased for privacy:
// only once the candidate left the pipeline by being dropped, so no
// admission loses where it came from.
func (c Candidate) Erasable() error {
	if c.Stage != StageDropped {
		return ErrNotDropped
	}
	return nil
}

// IntroducedOn is when the candidate was introduced, if they were.
func (c Candidate) IntroducedOn() (time.Time, bool) {
	for _, h := range c.History {
		if h.Stage == StageIntroduced {
			return h.At, true
		}
	}
	return time.Time{}, false
}

// OfficialDecision records the recognition of a probationary member as an
// official member.
type OfficialDecision struct {
	Date       Date      `json:"date"`
	Number     string    `json:"number,omitempty"`
	RecordedBy int64     `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// AtRisk reports whether an organization cannot reach its quota even if
// every advanced candidate is admitted.
func AtRisk(t Tally, advanced int) bool {
	return t.Quota > 0 && t.Admitted < t.Quota && t.Admitted+advanced < t.Quota
}

// RatingBand is an advisory band of quota achievement for the annual
// quality rating; it is input to the rating, not a rating.
type RatingBand struct {
	MinPercent float64
	Standard   Standard // one of the default bands, which the chat words in each language
	Label      string   // a configured band's own label
}

// Standard names one of the default bands.
type Standard string

// The default bands, highest first.
const BandMet, BandMostly, BandHalf, BandLow Standard = "met", "mostly", "half", "low"

// Key tells bands apart: the default band's name, or the configured label.
func (b RatingBand) Key() string {
	if b.Standard != "" {
		return string(b.Standard)
	}
	return b.Label
}

// DefaultBands are the advisory bands used unless configured.
var DefaultBands = []RatingBand{
	{MinPercent: 100, Standard: BandMet},
	{MinPercent: 80, Standard: BandMostly},
	{MinPercent: 50, Standard: BandHalf},
	{MinPercent: 0, Standard: BandLow},
}

// Band picks the band of an achievement percentage; bands are sorted by
// MinPercent, highest first.
func Band(bands []RatingBand, percent float64) RatingBand {
	for _, b := range bands {
		if percent >= b.MinPercent {
			return b
		}
	}
	return bands[len(bands)-1]
}

// PipelineCount is what a pipeline holds: its candidates by source, and
// of those introduced in a year, how many were admitted.
type PipelineCount struct {
	BySource             map[Source]int
	Introduced, Admitted int
}

// Add counts candidates into the pipeline of the year.
func (p *PipelineCount) Add(year int, cands ...Candidate) {
	if p.BySource == nil {
		p.BySource = map[Source]int{}
	}
	for _, c := range cands {
		// A dropped candidate is no longer one from any source, nor one
		// introduced toward an admission.
		if c.Stage == StageDropped {
			continue
		}
		p.BySource[c.Source]++
		if at, ok := c.IntroducedOn(); ok && at.Year() == year {
			p.Introduced++
			if c.Stage == StageAdmitted {
				p.Admitted++
			}
		}
	}
}

// Empty reports whether there is nothing to show.
func (p PipelineCount) Empty() bool { return len(p.BySource) == 0 }
