// Package metrics holds quotabot's Prometheus metrics. cmd creates one
// set on its own registry and hands it to the parts that count; every
// method is safe on a nil *Metrics, so tests and the console need none.
package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the counters and gauges of one running bot.
type Metrics struct {
	Updates       *prometheus.CounterVec   // kind, outcome
	CommandTime   *prometheus.HistogramVec // command
	Sent          *prometheus.CounterVec   // kind
	SendFailures  *prometheus.CounterVec   // reason
	TooMany       prometheus.Counter
	RetryAfter    prometheus.Counter
	JobRuns       *prometheus.CounterVec // job, outcome
	OutboxDepth   prometheus.GaugeFunc
	Unreachable   prometheus.GaugeFunc
	DatabaseBytes prometheus.GaugeFunc
}

// Gauges are read when Prometheus scrapes.
type Gauges struct {
	OutboxDepth   func() float64
	Unreachable   func() float64
	DatabaseBytes func() float64
}

// New registers the metrics on reg.
func New(reg prometheus.Registerer, g Gauges) *Metrics {
	m := &Metrics{
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "quotabot_updates_total",
			Help: "Telegram updates handled, by kind and outcome."}, []string{"kind", "outcome"}),
		CommandTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "quotabot_command_seconds",
			Help: "Time to handle an update and commit it, by command.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}, []string{"command"}),
		Sent: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "quotabot_messages_sent_total",
			Help: "Messages Telegram accepted, by kind."}, []string{"kind"}),
		SendFailures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "quotabot_send_failures_total",
			Help: "Sends that failed, by reason."}, []string{"reason"}),
		TooMany: prometheus.NewCounter(prometheus.CounterOpts{Name: "quotabot_too_many_requests_total",
			Help: "429 answers from Telegram."}),
		RetryAfter: prometheus.NewCounter(prometheus.CounterOpts{Name: "quotabot_retry_after_seconds_total",
			Help: "Seconds Telegram asked us to wait, summed."}),
		JobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "quotabot_job_runs_total",
			Help: "Scheduled job runs, by job and outcome."}, []string{"job", "outcome"}),
		OutboxDepth: prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "quotabot_outbox_depth",
			Help: "Messages waiting in the outbox."}, orZero(g.OutboxDepth)),
		Unreachable: prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "quotabot_unreachable_users",
			Help: "Registered users who blocked the bot."}, orZero(g.Unreachable)),
		DatabaseBytes: prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "quotabot_database_bytes",
			Help: "Size of the database file."}, orZero(g.DatabaseBytes)),
	}
	reg.MustRegister(m.Updates, m.CommandTime, m.Sent, m.SendFailures, m.TooMany, m.RetryAfter, m.JobRuns,
		m.OutboxDepth, m.Unreachable, m.DatabaseBytes)
	return m
}

func orZero(f func() float64) func() float64 {
	if f == nil {
		return func() float64 { return 0 }
	}
	return f
}

// Update counts a handled update and its time.
func (m *Metrics) Update(kind, command, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.Updates.WithLabelValues(kind, outcome).Inc()
	if command == "" {
		command = "none"
	}
	m.CommandTime.WithLabelValues(command).Observe(d.Seconds())
}

// Decoding counts an update the client library could not decode whole,
// by its kind (the update's field, such as "message_reaction") and
// outcome: "undecodable" (skipped) or "partly_decoded" (read from the
// fields the bot uses).
func (m *Metrics) Decoding(kind, outcome string) {
	if m != nil {
		m.Updates.WithLabelValues(kind, outcome).Inc()
	}
}

// MessageSent counts a message Telegram accepted.
func (m *Metrics) MessageSent(kind string) {
	if m != nil {
		m.Sent.WithLabelValues(kind).Inc()
	}
}

// SendFailed counts a failed send by reason: too_many, blocked, refused, retry.
func (m *Metrics) SendFailed(reason string, retryAfter int) {
	if m == nil {
		return
	}
	m.SendFailures.WithLabelValues(reason).Inc()
	if reason == "too_many" {
		m.TooMany.Inc()
		m.RetryAfter.Add(float64(retryAfter))
	}
}

// JobRun counts a job run.
func (m *Metrics) JobRun(job string, err error) {
	if m == nil {
		return
	}
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.JobRuns.WithLabelValues(job, outcome).Inc()
}
