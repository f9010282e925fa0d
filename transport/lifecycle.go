package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	neturl "net/url"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// Intake is another source of work that stops with the updates, such as
// the scheduler: nothing it starts may queue messages once the outbox is
// being drained.
type Intake interface{ Stop() }

// Run polls Telegram for updates and sends the outbox until ctx ends,
// then shuts down in the order every mode shares (see run).
func (t *Transport) Run(ctx context.Context, others ...Intake) error {
	return t.run(ctx, others, func(ctx context.Context) error {
		if err := t.retry(ctx, "asking Telegram who the bot is", t.init); err != nil {
			return err
		}
		// getUpdates is refused while a webhook is set: switching back to
		// polling removes it.
		err := t.retry(ctx, "removing the webhook to poll instead", func(ctx context.Context) error {
			_, err := t.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
			return err
		})
		if err != nil {
			return err
		}
		// A batch in hand is finished before poll returns.
		return t.poll(ctx)
	})
}

// RunWebhook takes the updates Telegram posts to url, served on ln, and
// sends the outbox until ctx ends, then shuts down in the order every
// mode shares (see run).
func (t *Transport) RunWebhook(ctx context.Context, ln net.Listener, url, secret string, others ...Intake) error {
	u, err := neturl.Parse(url)
	if err != nil {
		return fmt.Errorf("reading the webhook URL: %w", err)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(path, t.WebhookHandler(secret))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: readHeaderTimeout}
	return t.run(ctx, others, func(ctx context.Context) error {
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		err := t.retry(ctx, "asking Telegram who the bot is", t.init)
		if err == nil {
			err = t.retry(ctx, "registering the webhook", func(ctx context.Context) error { return t.SetWebhook(ctx, url, secret) })
		}
		if err == nil {
			select {
			case <-ctx.Done():
				err = ctx.Err()
			case err = <-served:
				err = fmt.Errorf("serving the webhook: %w", err)
			}
		}
		// No new request is taken; those in hand finish their commit
		// and answer, so Telegram retries none that was kept.
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.opts.Grace)
		defer cancel()
		if sErr := srv.Shutdown(stopCtx); sErr != nil {
			_ = srv.Close()
		}
		return err
	})
}

const readHeaderTimeout = 10 * time.Second

// run is the lifecycle both modes share. The outbox drains from the
// start, so a restart during an outage resumes sending as soon as
// Telegram answers. When ctx ends: intake stops (intake returns, and the
// others are stopped), the updates in hand finish, the sender drains the
// outbox within the grace and finishes its sends in flight; the caller
// closes the database once run returns.
func (t *Transport) run(ctx context.Context, others []Intake, intake func(ctx context.Context) error) error {
	t.prune()
	sendCtx, stopSending := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSending()
	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		t.sender.Run(sendCtx)
	}()
	maintainCtx, stopMaintaining := context.WithCancel(ctx)
	maintained := make(chan struct{})
	go func() {
		defer close(maintained)
		t.maintain(maintainCtx)
	}()

	err := intake(ctx)
	for _, o := range others {
		o.Stop()
	}
	stopMaintaining()
	<-maintained
	t.handlers.Wait()
	// Work a handler left for after its commit, such as a report's PDF,
	// ends before the outbox drains.
	if w, ok := t.chat.(interface{ Wait() }); ok {
		w.Wait()
	}

	drainCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.opts.Grace)
	if dErr := t.sender.WaitIdle(drainCtx); dErr != nil {
		t.log.Warn("stopping with messages still in the outbox; they are sent at the next start", "err", dErr)
	}
	cancel()
	stopSending()
	<-senderDone
	// Connections kept for reuse, including one dialed but never used,
	// would outlive the bot and hold up the shutdown of the server side.
	t.opts.HTTPClient.CloseIdleConnections()
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
