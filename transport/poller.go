package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// The library's own polling loop confirms an update to Telegram before
// its handler runs, so a crash loses it. This loop confirms a batch (the
// next offset) only after every update in it has been committed.

// The batch is read as raw updates, each decoded on its own (decode.go):
// one the library's types refuse must not stall every update behind it.
type getUpdatesResponse struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// pollError is a getUpdates that Telegram answered with an error.
type pollError struct {
	code       int
	desc       string
	retryAfter int
}

func (e *pollError) Error() string { return fmt.Sprintf("getUpdates: %d %s", e.code, e.desc) }

func (t *Transport) poll(ctx context.Context) error {
	var offset int64
	backoff := time.Duration(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := t.opts.Sleep(ctx, backoff); err != nil {
			return err
		}
		raws, err := t.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var pe *pollError
			if errors.As(err, &pe) {
				switch pe.code {
				case http.StatusUnauthorized, http.StatusNotFound:
					return refusedToken("polling for updates", err, t.opts.Token)
				case http.StatusTooManyRequests:
					// Telegram says how long; polling sooner only earns more 429s.
					backoff = retryAfter(pe.retryAfter)
					t.opts.Metrics.SendFailed("too_many", pe.retryAfter)
					t.log.Warn("getUpdates: Telegram asked to wait", "retry_after", backoff)
					continue
				}
			}
			backoff = min(max(backoff*2, 200*time.Millisecond), 10*time.Second)
			t.log.Warn("getUpdates failed", "err", err, "retry_in", backoff)
			continue
		}
		backoff = 0
		t.contact()
		if len(raws) == 0 {
			continue
		}
		updates, last, err := t.decodeBatch(raws)
		if err == nil {
			err = t.handleBatch(ctx, updates)
		}
		if err != nil {
			// Not confirmed: Telegram delivers the batch again, and what
			// was already committed is recognized then.
			backoff = time.Second
			t.log.Error("handling a batch of updates", "err", err)
			continue
		}
		if last >= offset {
			offset = last + 1
		}
	}
}

// handleBatch handles the updates of one chat in order, different chats
// concurrently, and returns when all are committed.
func (t *Transport) handleBatch(ctx context.Context, updates []*models.Update) error {
	byChat := map[int64][]*models.Update{}
	var order []int64
	for _, u := range updates {
		c := ChatOf(u)
		if _, ok := byChat[c]; !ok {
			order = append(order, c)
		}
		byChat[c] = append(byChat[c], u)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(order))
	sem := make(chan struct{}, 16)
	for i, c := range order {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			for _, u := range byChat[c] {
				if err := t.handle(ctx, u); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (t *Transport) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	body, err := json.Marshal(map[string]any{
		"offset":          offset,
		"timeout":         int(t.opts.PollTimeout / time.Second),
		"allowed_updates": []string{"message", "edited_message", "callback_query", "my_chat_member"},
	})
	if err != nil {
		return nil, fmt.Errorf("encoding getUpdates: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.opts.APIURL+"/bot"+t.opts.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("building getUpdates: %s", Redact(err.Error(), t.opts.Token))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := t.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("calling getUpdates: %s", Redact(err.Error(), t.opts.Token))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("reading getUpdates: %w", err)
	}
	var r getUpdatesResponse
	if err := json.Unmarshal(data, &r); err != nil {
		// Only the envelope is decoded here; the updates are decoded one
		// by one, so this is a proxy's error page or a cut answer.
		return nil, fmt.Errorf("decoding getUpdates (HTTP %d): %s", resp.StatusCode, describeDecodeError(err))
	}
	if !r.OK {
		code := r.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return nil, &pollError{code: code, desc: Redact(r.Description, t.opts.Token), retryAfter: r.Parameters.RetryAfter}
	}
	return r.Result, nil
}
