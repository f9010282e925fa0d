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

type getUpdatesResponse struct {
	OK          bool             `json:"ok"`
	Result      []*models.Update `json:"result"`
	ErrorCode   int              `json:"error_code"`
	Description string           `json:"description"`
}

func (t *Transport) poll(ctx context.Context) error {
	var offset int64
	backoff := time.Duration(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if backoff > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff):
			}
		}
		updates, err := t.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			backoff = min(max(backoff*2, 200*time.Millisecond), 10*time.Second)
			t.log.Warn("getUpdates failed", "err", err, "retry_in", backoff)
			continue
		}
		backoff = 0
		t.contact()
		if len(updates) == 0 {
			continue
		}
		if err := t.handleBatch(ctx, updates); err != nil {
			// Not confirmed: Telegram delivers the batch again, and what
			// was already committed is recognized then.
			backoff = time.Second
			t.log.Error("handling a batch of updates", "err", err)
			continue
		}
		offset = updates[len(updates)-1].ID + 1
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

func (t *Transport) getUpdates(ctx context.Context, offset int64) ([]*models.Update, error) {
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
		return nil, fmt.Errorf("decoding getUpdates (HTTP %d): %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	return r.Result, nil
}
