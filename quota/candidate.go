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
	Label      string // a key of the bot's texts, or a label from the configuration
}

// DefaultBands are the advisory bands used unless configured.
var DefaultBands = []RatingBand{
	{MinPercent: 100, Label: "band_met"},
	{MinPercent: 80, Label: "band_mostly"},
	{MinPercent: 50, Label: "band_half"},
	{MinPercent: 0, Label: "band_low"},
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
		p.BySource[c.Source]++
		if at, ok := c.IntroducedOn(); ok && at.Year() == year {
			p.Introduced++
			if c.Stage == StageAdmitted {
				p.Admitted++
			}
		}
	}
}
