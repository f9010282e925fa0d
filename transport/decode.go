package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/go-telegram/bot/models"

	"quotabot/storage"
)

// Telegram adds kinds of update and fields every few months, and the
// client library's types refuse values they do not know yet (a new
// reaction type, a new forward origin, a chat id beyond int64). Each
// update is therefore decoded on its own: one that cannot be is recorded
// as handled, logged and counted, and never holds up those behind it.

// rawUpdate is one update as Telegram sent it.
type rawUpdate struct {
	id   int64
	kind string // the update's field, such as "message"; "unknown" if none
	raw  json.RawMessage
}

// peek reads what every update has, its id and its kind, without the
// parts the library's types could refuse.
func peek(raw json.RawMessage) (rawUpdate, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return rawUpdate{raw: raw, kind: "unknown"}, fmt.Errorf("an update that is not a JSON object: %s", describeDecodeError(err))
	}
	u := rawUpdate{raw: raw, kind: kindOf(fields)}
	if err := json.Unmarshal(fields["update_id"], &u.id); err != nil || u.id <= 0 {
		return u, errors.New("an update without a valid update_id")
	}
	return u, nil
}

var kindRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,47}$`)

// kindOf is the update's payload field; an update carries exactly one.
func kindOf(fields map[string]json.RawMessage) string {
	var kinds []string
	for k := range fields {
		if k == "update_id" {
			continue
		}
		// Telegram's field names; anything else is not logged or counted
		// as it came.
		if !kindRe.MatchString(k) {
			k = "unknown"
		}
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return "unknown"
	}
	slices.Sort(kinds)
	return strings.Join(kinds, "+")
}

// decodeWhole is the common case, an update the library reads whole; nil
// sends it down the slower path that finds its id and kind first.
func decodeWhole(raw json.RawMessage) *models.Update {
	var upd models.Update
	if json.Unmarshal(raw, &upd) != nil || upd.ID <= 0 {
		return nil
	}
	return &upd
}

// decode turns a raw update into the library's type.
func (u rawUpdate) decode() (*models.Update, error) {
	var upd models.Update
	if err := json.Unmarshal(u.raw, &upd); err != nil {
		return nil, errors.New(describeDecodeError(err))
	}
	return &upd, nil
}

// A field Telegram adds to messages can be of a type newer than the
// library's (a new kind of forward origin, of reaction, of paid media),
// and then no message at all would decode on the day it appears. A
// message, an edit or a button press that does not decode whole is
// therefore decoded again from the fields the bot reads; only if those
// cannot be read is the update skipped.
var (
	coreMessage  = []string{"message_id", "message_thread_id", "from", "sender_chat", "chat", "date", "edit_date", "text", "entities", "caption", "caption_entities", "document", "photo", "migrate_to_chat_id", "migrate_from_chat_id"}
	coreCallback = []string{"id", "from", "message", "inline_message_id", "chat_instance", "data"}
)

// salvage decodes the update from the fields the bot reads.
func (u rawUpdate) salvage() (*models.Update, bool) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(u.raw, &fields) != nil {
		return nil, false
	}
	var err error
	switch u.kind {
	case "message", "edited_message":
		fields[u.kind], err = keepOnly(fields[u.kind], coreMessage, nil)
	case "callback_query":
		fields[u.kind], err = keepOnly(fields[u.kind], coreCallback, map[string][]string{"message": coreMessage})
	default:
		return nil, false
	}
	if err != nil {
		return nil, false
	}
	raw, err := json.Marshal(fields)
	if err != nil {
		return nil, false
	}
	var upd models.Update
	if json.Unmarshal(raw, &upd) != nil {
		return nil, false
	}
	return &upd, true
}

// keepOnly returns the JSON object raw with only the keys given, and the
// objects under the keys of nested reduced the same way.
func keepOnly(raw json.RawMessage, keys []string, nested map[string][]string) (json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	out := make(map[string]json.RawMessage, len(keys))
	for _, k := range keys {
		v, ok := obj[k]
		if !ok {
			continue
		}
		if sub, ok := nested[k]; ok {
			var err error
			if v, err = keepOnly(v, sub, nil); err != nil {
				return nil, err
			}
		}
		out[k] = v
	}
	return json.Marshal(out)
}

// decodeOne decodes an update whole, or from the fields the bot reads;
// nil means it was skipped.
func (t *Transport) decodeOne(u rawUpdate) (*models.Update, error) {
	upd, err := u.decode()
	if err == nil {
		return upd, nil
	}
	if upd, ok := u.salvage(); ok {
		t.log.Warn("an update was read without fields the client library cannot decode", "update_id", u.id, "kind", u.kind, "err", err)
		t.opts.Metrics.Decoding(u.kind, "partly_decoded")
		return upd, nil
	}
	return nil, t.skip(u, err)
}

// describeDecodeError says why decoding failed without the values that
// made it fail, which can be personal data (a name, a message).
func describeDecodeError(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		// Value is "string", "number 123", ...: the kind only.
		kind, _, _ := strings.Cut(typeErr.Value, " ")
		return fmt.Sprintf("field %s: a JSON %s where %s was expected", typeErr.Field, kind, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("malformed JSON at byte %d", syntaxErr.Offset)
	}
	// The library's own decoders name the union they could not decode
	// and the unknown tag ("unsupported ... type"); cap it anyway.
	msg := err.Error()
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}

// skip records an update that cannot be decoded as handled, so that it
// is confirmed and never delivered again, logs it without its content,
// and counts it.
func (t *Transport) skip(u rawUpdate, why error) error {
	t.log.Error("an update that cannot be decoded was skipped", "update_id", u.id, "kind", u.kind, "bytes", len(u.raw), "err", why)
	t.opts.Metrics.Decoding(u.kind, "undecodable")
	if u.id <= 0 {
		// Nothing to record it under; the offset moves past it anyway.
		return nil
	}
	err := t.db.Update(func(tx *storage.Tx) error {
		if tx.UpdateHandled(u.id) {
			return nil
		}
		return tx.MarkUpdateHandled(u.id, t.opts.Now())
	})
	if err != nil {
		return fmt.Errorf("recording undecodable update %d as handled: %w", u.id, err)
	}
	return nil
}

// decodeBatch decodes each update of a batch on its own and hands back
// those that decoded; the others are skipped. last is the highest id
// seen, for the next offset.
func (t *Transport) decodeBatch(raws []json.RawMessage) (updates []*models.Update, last int64, err error) {
	for _, raw := range raws {
		if upd := decodeWhole(raw); upd != nil {
			last = max(last, upd.ID)
			updates = append(updates, upd)
			continue
		}
		u, perr := peek(raw)
		last = max(last, u.id)
		if perr != nil {
			if err := t.skip(u, perr); err != nil {
				return nil, last, err
			}
			continue
		}
		upd, err := t.decodeOne(u)
		if err != nil {
			return nil, last, err
		}
		if upd != nil {
			updates = append(updates, upd)
		}
	}
	return updates, last, nil
}
