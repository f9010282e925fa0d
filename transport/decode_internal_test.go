package transport

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDecodeUpdate: whatever Telegram (or anyone who learns the webhook
// URL) sends, reading an update never panics, a decoded update has the
// id that was peeked, and no description of a failure repeats the
// update's text.
func FuzzDecodeUpdate(f *testing.F) {
	f.Add(`{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":"/report Nguyễn Văn An"}}`)
	f.Add(`{"update_id":6,"message":{"message_id":1,"date":1,"chat":{"id":99999999999999999999,"type":"private"},"text":"Bí Mật"}}`)
	f.Add(`{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":{"x":"Bí Mật"}}}`)
	f.Add(`{"update_id":8,"callback_query":{"id":"c","from":{"id":7,"first_name":"A"},"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"forward_origin":{"type":"new"}}}}`)
	f.Add(`{"update_id":9,"my_chat_member":{"new_chat_member":{"status":"superowner"}}}`)
	f.Add(`{"update_id":"x"}`)
	f.Add(`[1,2]`)
	f.Add(`{"update_id":10,"message":{"message_id":1,"chat":{"id":7},"reply_to_message":{"forward_origin":{"type":7}}}}`)
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := peek(json.RawMessage(raw))
		if err != nil {
			return
		}
		if u.id <= 0 || u.kind == "" {
			t.Fatalf("%q: peeked id %d kind %q", raw, u.id, u.kind)
		}
		upd, err := u.decode()
		if err != nil {
			if msg := err.Error(); len(msg) > 200 || (len(raw) > 40 && strings.Contains(msg, raw)) {
				t.Fatalf("%q: the failure repeats the update: %s", raw, msg)
			}
			if s, ok := u.salvage(); ok && s.ID != u.id {
				t.Fatalf("%q: salvaged as update %d, peeked %d", raw, s.ID, u.id)
			}
			return
		}
		if upd.ID != u.id {
			t.Fatalf("%q: decoded as update %d, peeked %d", raw, upd.ID, u.id)
		}
	})
}
