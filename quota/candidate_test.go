package quota_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

var moveAt = time.Date(2026, 6, 15, 3, 0, 0, 0, time.UTC)

func identified(name string) quota.Candidate {
	return quota.Candidate{ID: 1, Org: "CB_01", Name: name, Source: quota.SourceYouthUnion, Stage: quota.StageIdentified,
		History: []quota.StageChange{{Stage: quota.StageIdentified, At: moveAt, By: 7}}}
}

func TestCandidateMovesThroughThePipeline(t *testing.T) {
	c := identified("Lê Văn Tám")
	class := date(10, 3, 2026)

	require.NoError(t, c.Move(quota.StageTrained, class, moveAt, 7))
	assert.Equal(t, quota.StageTrained, c.Stage)
	assert.Equal(t, class, c.ClassDate)
	_, introduced := c.IntroducedOn()
	assert.False(t, introduced)

	later := moveAt.Add(24 * time.Hour)
	require.NoError(t, c.Move(quota.StageIntroduced, date(16, 6, 2026), later, 8))
	at, introduced := c.IntroducedOn()
	assert.True(t, introduced)
	assert.Equal(t, later, at)

	require.NoError(t, c.Move(quota.StageSubmitted, quota.Date{}, later, 7))
	assert.Equal(t, quota.StageSubmitted, c.Stage)

	var stages []quota.Stage
	for _, h := range c.History {
		stages = append(stages, h.Stage)
	}
	assert.Equal(t, []quota.Stage{quota.StageIdentified, quota.StageTrained, quota.StageIntroduced, quota.StageSubmitted}, stages)
	assert.Equal(t, class, c.History[1].On)
	assert.Equal(t, int64(8), c.History[2].By)

	// The last step exists in the order; the bot takes it only through /report.
	require.NoError(t, c.Move(quota.StageAdmitted, quota.Date{}, later, 7))
	assert.ErrorIs(t, c.Move(quota.StageDropped, quota.Date{}, later, 7), quota.ErrStageClosed)
}

func TestCandidateIllegalMovesAreRefused(t *testing.T) {
	at := func(s quota.Stage) quota.Candidate {
		c := identified("Trần Thị Bình")
		c.Stage = s
		return c
	}
	class := date(1, 3, 2026)
	cases := []struct {
		name string
		from quota.Stage
		to   quota.Stage
		on   quota.Date
		want error
	}{
		{"skip the class", quota.StageIdentified, quota.StageIntroduced, quota.Date{}, quota.ErrStageOrder},
		{"skip to the dossier", quota.StageIdentified, quota.StageSubmitted, quota.Date{}, quota.ErrStageOrder},
		{"skip the introduction", quota.StageTrained, quota.StageSubmitted, quota.Date{}, quota.ErrStageOrder},
		{"back to identified", quota.StageTrained, quota.StageIdentified, quota.Date{}, quota.ErrStageOrder},
		{"back to the class", quota.StageSubmitted, quota.StageTrained, class, quota.ErrStageOrder},
		{"same stage again", quota.StageIntroduced, quota.StageIntroduced, quota.Date{}, quota.ErrStageOrder},
		{"from dropped", quota.StageDropped, quota.StageTrained, class, quota.ErrStageClosed},
		{"dropped twice", quota.StageDropped, quota.StageDropped, quota.Date{}, quota.ErrStageClosed},
		{"from admitted", quota.StageAdmitted, quota.StageDropped, quota.Date{}, quota.ErrStageClosed},
		{"admitted onwards", quota.StageAdmitted, quota.StageSubmitted, quota.Date{}, quota.ErrStageClosed},
		{"trained without a date", quota.StageIdentified, quota.StageTrained, quota.Date{}, quota.ErrClassDate},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := at(tc.from)
			before := len(c.History)
			err := c.Move(tc.to, tc.on, moveAt, 7)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			for _, other := range []error{quota.ErrStageOrder, quota.ErrStageClosed, quota.ErrClassDate} {
				if other != tc.want {
					assert.False(t, errors.Is(err, other), "%v is not %v", err, other)
				}
			}
			assert.Equal(t, tc.from, c.Stage, "a refused move leaves the stage")
			assert.Len(t, c.History, before, "a refused move leaves the history")
			assert.True(t, c.ClassDate.IsZero())
		})
	}
}

func TestCandidateDropFromAnyOpenStage(t *testing.T) {
	for _, s := range []quota.Stage{quota.StageIdentified, quota.StageTrained, quota.StageIntroduced, quota.StageSubmitted} {
		t.Run(string(s), func(t *testing.T) {
			c := identified("Phạm Văn Cường")
			c.Stage = s
			require.NoError(t, c.Move(quota.StageDropped, quota.Date{}, moveAt, 9))
			assert.Equal(t, quota.StageDropped, c.Stage)
			last := c.History[len(c.History)-1]
			assert.Equal(t, quota.StageDropped, last.Stage)
			assert.Equal(t, int64(9), last.By)
			assert.False(t, c.Stage.Advanced())
			assert.ErrorIs(t, c.Move(quota.StageTrained, date(1, 1, 2026), moveAt, 9), quota.ErrStageClosed)
		})
	}
}

func TestStageNextAndAdvanced(t *testing.T) {
	next := map[quota.Stage]quota.Stage{
		quota.StageIdentified: quota.StageTrained,
		quota.StageTrained:    quota.StageIntroduced,
		quota.StageIntroduced: quota.StageSubmitted,
		quota.StageSubmitted:  quota.StageAdmitted,
	}
	for from, want := range next {
		got, ok := from.Next()
		assert.True(t, ok, from)
		assert.Equal(t, want, got, from)
	}
	for _, s := range []quota.Stage{quota.StageAdmitted, quota.StageDropped, quota.Stage("unknown"), ""} {
		got, ok := s.Next()
		assert.False(t, ok, s)
		assert.Empty(t, got, s)
	}
	advanced := map[quota.Stage]bool{
		quota.StageIdentified: false, quota.StageTrained: false,
		quota.StageIntroduced: true, quota.StageSubmitted: true,
		quota.StageAdmitted: false, quota.StageDropped: false,
	}
	for s, want := range advanced {
		assert.Equal(t, want, s.Advanced(), s)
	}
}

func TestAtRisk(t *testing.T) {
	cases := []struct {
		name     string
		t        quota.Tally
		advanced int
		want     bool
	}{
		{"6 of 10 with 3 advanced misses by one", quota.Tally{Quota: 10, Admitted: 6}, 3, true},
		{"6 of 10 with 4 advanced can make it", quota.Tally{Quota: 10, Admitted: 6}, 4, false},
		{"6 of 10 with more than enough", quota.Tally{Quota: 10, Admitted: 6}, 9, false},
		{"none admitted, none advanced", quota.Tally{Quota: 5}, 0, true},
		{"met", quota.Tally{Quota: 10, Admitted: 10}, 0, false},
		{"over the quota", quota.Tally{Quota: 10, Admitted: 12}, 0, false},
		{"no quota", quota.Tally{Quota: 0, Admitted: 0}, 0, false},
		{"no quota but admissions", quota.Tally{Quota: 0, Admitted: 3}, 0, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, quota.AtRisk(tc.t, tc.advanced), tc.name)
	}
}

func TestBand(t *testing.T) {
	cases := map[float64]quota.Standard{
		150:   quota.BandMet,
		100:   quota.BandMet,
		99.9:  quota.BandMostly,
		80:    quota.BandMostly,
		79.99: quota.BandHalf,
		50:    quota.BandHalf,
		49.9:  quota.BandLow,
		0:     quota.BandLow,
	}
	for pct, want := range cases {
		assert.Equal(t, want, quota.Band(quota.DefaultBands, pct).Standard, pct)
	}
	custom := []quota.RatingBand{{MinPercent: 90, Label: "Tốt"}, {MinPercent: 60, Label: "Khá"}, {MinPercent: 20, Label: "Yếu"}}
	assert.Equal(t, "Tốt", quota.Band(custom, 95).Label)
	assert.Equal(t, "Khá", quota.Band(custom, 60).Label)
	assert.Equal(t, "Yếu", quota.Band(custom, 20).Label)
	assert.Equal(t, "Yếu", quota.Band(custom, 5).Label, "below every band falls in the last")
}

func TestCandidateProbationEnd(t *testing.T) {
	cases := []struct{ admitted, end quota.Date }{
		{date(29, 2, 2024), date(28, 2, 2025)},
		{date(31, 12, 2025), date(31, 12, 2026)},
		{date(1, 1, 2026), date(1, 1, 2027)},
		{date(28, 2, 2027), date(28, 2, 2028)},
		{date(29, 2, 2028), date(28, 2, 2029)},
		{date(10, 3, 2025), date(10, 3, 2026)},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.end, quota.ProbationEnd(tc.admitted), tc.admitted)
		assert.Equal(t, tc.end, quota.Admission{Date: tc.admitted}.ProbationEnd(), tc.admitted)
	}
}

func TestCandidateAdmitAndUnadmit(t *testing.T) {
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	c := quota.Candidate{Name: "Lê Văn Cường", Stage: quota.StageIdentified,
		History: []quota.StageChange{{Stage: quota.StageIdentified, At: at, By: 7}}}
	require.NoError(t, c.Move(quota.StageTrained, quota.Date{Year: 2026, Month: 3, Day: 1}, at, 7))

	// A report may come before the later steps were recorded.
	on := quota.Date{Year: 2026, Month: 6, Day: 14}
	require.NoError(t, c.Admit(41, on, at, 7))
	assert.Equal(t, quota.StageAdmitted, c.Stage)
	assert.Equal(t, uint64(41), c.AdmissionID)
	assert.Equal(t, quota.StageChange{Stage: quota.StageAdmitted, On: on, At: at, By: 7}, c.History[len(c.History)-1])
	require.ErrorIs(t, c.Admit(42, on, at, 7), quota.ErrStageClosed, "admitted once")

	assert.False(t, c.Unadmit(42), "another admission's retraction")
	assert.Equal(t, quota.StageAdmitted, c.Stage)
	assert.True(t, c.Unadmit(41))
	assert.Equal(t, quota.StageTrained, c.Stage, "back where it stood")
	assert.Zero(t, c.AdmissionID)
	assert.Len(t, c.History, 2)
	assert.False(t, c.Unadmit(41), "not twice")

	dropped := quota.Candidate{Stage: quota.StageDropped}
	require.ErrorIs(t, dropped.Admit(1, on, at, 7), quota.ErrStageClosed)
}

func TestInvitationIsRedeemedOnceBeforeItExpires(t *testing.T) {
	inv := quota.Invitation{Code: "c", Role: quota.RoleSecretary, ExpiresAt: moveAt.Add(time.Hour)}
	expired := inv
	require.ErrorIs(t, expired.Redeem(7, moveAt.Add(time.Hour)), quota.ErrInvitationExpired, "at the expiry")
	assert.Zero(t, expired.UsedBy)
	require.NoError(t, inv.Redeem(7, moveAt))
	assert.Equal(t, int64(7), inv.UsedBy)
	assert.Equal(t, moveAt, inv.UsedAt)
	require.ErrorIs(t, inv.Redeem(8, moveAt), quota.ErrInvitationUsed)
	assert.Equal(t, int64(7), inv.UsedBy, "the first keeps it")
}

func TestOnlyADroppedCandidateIsErasable(t *testing.T) {
	c := identified("Lê Văn Tám")
	require.ErrorIs(t, c.Erasable(), quota.ErrNotDropped)
	require.NoError(t, c.Move(quota.StageDropped, quota.Date{}, moveAt, 7))
	assert.NoError(t, c.Erasable())
	admitted := quota.Candidate{Stage: quota.StageAdmitted}
	assert.ErrorIs(t, admitted.Erasable(), quota.ErrNotDropped, "an admission keeps where it came from")
}

func TestOfficialRecognitionIsRecordedOnce(t *testing.T) {
	var a quota.Admission
	d := quota.OfficialDecision{Date: date(10, 3, 2026), Number: "45-QĐ/ĐU", RecordedBy: 7, RecordedAt: moveAt}
	require.NoError(t, a.RecognizeOfficial(d))
	require.NotNil(t, a.Official)
	assert.Equal(t, d, *a.Official)
	require.ErrorIs(t, a.RecognizeOfficial(quota.OfficialDecision{Date: date(11, 3, 2026)}), quota.ErrAlreadyOfficial)
	assert.Equal(t, d, *a.Official)
}

func TestPipelineStatsLeaveOutTheDropped(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var ps quota.PipelineCount
	ps.Add(2026, quota.Candidate{Source: quota.SourceYouthUnion, Stage: quota.StageDropped,
		History: []quota.StageChange{{Stage: quota.StageIntroduced, At: at}, {Stage: quota.StageDropped, At: at}}})
	assert.True(t, ps.Empty())
	ps.Add(2026, quota.Candidate{Source: quota.SourceTradeUnion, Stage: quota.StageAdmitted,
		History: []quota.StageChange{{Stage: quota.StageIntroduced, At: at}, {Stage: quota.StageAdmitted, At: at}}})
	assert.Equal(t, map[quota.Source]int{quota.SourceTradeUnion: 1}, ps.BySource)
	assert.Equal(t, 1, ps.Introduced)
	assert.Equal(t, 1, ps.Admitted)
}
