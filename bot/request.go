package bot

import (
	"context"
	"html"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
	"quotabot/transport"
)

// maxMessageUnits is Telegram's limit on a message's text, counted in
// UTF-16 code units after entities are parsed. We count the raw HTML,
// which is never shorter, so a chunk under the limit is always accepted.
const maxMessageUnits = 4096

// request is one update being handled inside its transaction.
type request struct {
	ctx   context.Context
	tx    *storage.Tx
	upd   *models.Update
	now   time.Time
	today quota.Date

	from    *models.User
	user    *quota.User // nil when the sender is not registered
	chatID  int64
	private bool
	l       *texts.Lang

	text string // the message text
	cmd  string // command name without '/' and bot name, lower case
	args string // what follows the command

	pre *prefetched // what was fetched from the network before the transaction

	out []storage.Outgoing
}

func (b *Bot) newRequest(ctx context.Context, tx *storage.Tx, upd *models.Update) *request {
	now := b.now()
	r := &request{ctx: ctx, tx: tx, upd: upd, now: now, today: quota.DateOf(now), chatID: transport.ChatOf(upd), l: texts.Default}
	var msg *models.Message
	switch {
	case upd.Message != nil:
		msg = upd.Message
	case upd.EditedMessage != nil:
		msg = upd.EditedMessage
	case upd.CallbackQuery != nil:
		r.from = &upd.CallbackQuery.From
		r.private = r.chatID == r.from.ID
	}
	if msg != nil {
		r.from = msg.From
		r.private = msg.Chat.Type == models.ChatTypePrivate
		r.text = msg.Text
		if r.text == "" {
			r.text = msg.Caption
		}
	}
	if r.from != nil {
		r.l = texts.For(r.from.LanguageCode)
		if u, err := tx.User(r.from.ID); err == nil {
			r.user = &u
			if u.LangChosen {
				r.l = texts.For(u.Lang)
			}
		} else if b.isConfigAdmin(r.from.ID) {
			u := quota.User{ID: r.from.ID, Role: quota.RoleAdmin}
			r.user = &u
		}
		if r.user != nil && b.isConfigAdmin(r.from.ID) {
			r.user.Role = quota.RoleAdmin
		}
	}
	r.cmd, r.args = parseCommand(r.text, b.Username())
	return r
}

// secretaryScope is the organization a secretary's request is about: the
// one named when it is theirs or under theirs (the secretary of a base
// committee sees its cells too), else their own. It says why and returns
// false when the request is refused. Other roles keep code as it is.
func (r *request) secretaryScope(code string) (string, bool) {
	if r.user.Role != quota.RoleSecretary {
		return code, true
	}
	if len(r.user.Orgs) == 0 {
		r.reply(r.l.NoOrg)
		return "", false
	}
	if code != "" && !r.user.Covers(r.tx.Lineage(code)) {
		r.reply(r.l.StatusOwnOnly)
		return "", false
	}
	if code == "" {
		code = r.user.Orgs[0]
	}
	return code, true
}

func (b *Bot) isConfigAdmin(id int64) bool { return slices.Contains(b.opts.Admins, id) }

// parseCommand splits "/Report@quotabot args" into "report" and "args".
// A command addressed to another bot gives cmd "@other".
func parseCommand(text, username string) (cmd, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", strings.TrimSpace(text)
	}
	head, rest, _ := strings.Cut(text[1:], "\n")
	name, inline, _ := strings.Cut(head, " ")
	args = strings.TrimSpace(inline)
	if rest != "" {
		if args != "" {
			args += "\n"
		}
		args += rest
	}
	name, target, addressed := strings.Cut(name, "@")
	if addressed && !strings.EqualFold(target, username) {
		return "@other", args
	}
	return strings.ToLower(name), strings.TrimSpace(args)
}

// reply queues an HTML message to the request's chat, split at line
// boundaries when it is over Telegram's limit.
func (r *request) reply(text string, buttons ...[]storage.Button) {
	r.send(r.chatID, storage.PriorityReply, text, buttons)
}

func (r *request) send(chatID int64, p storage.Priority, text string, buttons [][]storage.Button) {
	chunks := splitMessage(text, maxMessageUnits)
	for i, c := range chunks {
		m := storage.Outgoing{Kind: storage.KindMessage, ChatID: chatID, Text: c, QueuedAt: r.now}
		if i == len(chunks)-1 {
			m.Buttons = buttons
		}
		r.out = append(r.out, m)
	}
}

// queue adds a prepared outgoing message.
func (r *request) queue(m storage.Outgoing) {
	m.QueuedAt = r.now
	r.out = append(r.out, m)
}

// flush writes the replies into the outbox, inside the transaction.
func (r *request) flush() error {
	for _, m := range r.out {
		if _, err := r.tx.Enqueue(storage.PriorityReply, m); err != nil {
			return err
		}
	}
	r.out = nil
	return nil
}

// esc escapes a user-supplied string for Telegram HTML.
func esc(s string) string { return html.EscapeString(s) }

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// splitMessage cuts text into chunks of at most limit UTF-16 units at line
// boundaries; our HTML never spans lines, so every chunk stays valid. A
// single line over the limit is cut at a rune boundary after its tags are
// removed.
func splitMessage(text string, limit int) []string {
	if utf16Len(text) <= limit {
		return []string{text}
	}
	var chunks []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if cur.Len() > 0 {
			chunks = append(chunks, cur.String())
			cur.Reset()
			curLen = 0
		}
	}
	for _, line := range strings.Split(text, "\n") {
		ll := utf16Len(line)
		if ll > limit {
			flush()
			plain := html.EscapeString(stripTags(line))
			for plain != "" {
				cut := cutUnits(plain, limit)
				chunks = append(chunks, plain[:cut])
				plain = plain[cut:]
			}
			continue
		}
		if curLen > 0 && curLen+1+ll > limit {
			flush()
		}
		if curLen > 0 {
			cur.WriteByte('\n')
			curLen++
		}
		cur.WriteString(line)
		curLen += ll
	}
	flush()
	return chunks
}

// cutUnits is the byte index where s reaches limit UTF-16 units, not
// splitting a rune or an HTML entity.
func cutUnits(s string, limit int) int {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > limit {
			if amp := strings.LastIndexByte(s[:i], '&'); amp >= 0 && !strings.Contains(s[amp:i], ";") {
				return amp
			}
			return i
		}
	}
	return len(s)
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
