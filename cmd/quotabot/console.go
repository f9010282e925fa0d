package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"quotabot/app"
	"quotabot/config"
	"quotabot/sender"
	"quotabot/storage"
	"quotabot/telegramfake"
	"quotabot/texts"
)

const consoleToken = "100000:console"

// console is a chat with the bot in the terminal. It runs the real bot
// against an in-process Bot API, so every path the bot takes in
// production is taken: updates in, transaction, outbox, sender.
type console struct {
	fake   *telegramfake.Server
	sender *sender.Sender
	out    io.Writer
	user   models.User
	shown  int                // Sent messages printed so far
	toasts int                // callback answers printed so far
	last   *telegramfake.Sent // the last message with buttons to the user
	saveTo string             // where documents are written
	settle func()             // waits for what the bot does after a commit, such as a report's PDF
}

func cmdConsole(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("console", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	as := fs.Int64("as", 0, "the Telegram user id to chat as")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *as <= 0 {
		return usagef("-as <telegram user id> is required")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	return runConsole(ctx, cfg, db, *as, stdin, stdout, stderr, "", nil)
}

// runConsole chats with the bot in the terminal. beside, when given, starts
// something next to the bot (the demo's dashboard) and returns how to stop it.
func runConsole(ctx context.Context, cfg *config.Config, db *storage.DB, as int64, stdin io.Reader, stdout, stderr io.Writer, guide string,
	beside func(a *app.App, log *slog.Logger) (stop func(), err error)) (err error) {
	// The database remembers the update ids it handled, so a new session
	// numbers its updates after them; from 1, its first lines would be
	// taken for updates already handled and dropped.
	var last int64
	if err := db.View(func(tx *storage.Tx) error { last = tx.LastHandledUpdate(); return nil }); err != nil {
		return fmt.Errorf("reading the last update the database handled: %w", err)
	}
	fake := telegramfake.New(consoleToken,
		telegramfake.WithBotUser(models.User{ID: 100000, IsBot: true, FirstName: "quotabot", Username: "quotabot"}),
		telegramfake.WithFirstUpdateID(last+1))
	defer fake.Close()
	// The console shows replies; the log would only clutter them.
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	opts := botOptions(cfg, log)
	opts.Token, opts.APIURL = fake.Token(), fake.URL()
	opts.PollTimeout = 5 * time.Second
	a, err := app.New(db, opts)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Transport.Run(runCtx) }()
	defer func() {
		stop()
		if runErr := <-done; runErr != nil && err == nil {
			err = fmt.Errorf("running the bot: %w", runErr)
		}
	}()

	if beside != nil {
		stopBeside, err := beside(a, log)
		if err != nil {
			return err
		}
		defer stopBeside()
	}

	wd, _ := os.Getwd()
	c := &console{fake: fake, sender: a.Sender, out: stdout, user: consoleUser(as), saveTo: wd, settle: a.Bot.Settle}
	if guide != "" {
		fmt.Fprintln(stdout, guide)
	}
	fmt.Fprintf(stdout, "(đang chat với tư cách người dùng %d; gõ :help để xem lệnh của console)\n", as)
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		fmt.Fprint(stdout, "> ")
		if !in.Scan() {
			fmt.Fprintln(stdout)
			break
		}
		// A line ending in a backslash goes on on the next one, so one
		// message can carry several lines, as /report takes them.
		text := strings.TrimSpace(in.Text())
		for strings.HasSuffix(text, `\`) {
			fmt.Fprint(stdout, "… ")
			if !in.Scan() {
				break
			}
			text = strings.TrimSuffix(text, `\`) + "\n" + strings.TrimSpace(in.Text())
		}
		quit, err := c.line(ctx, strings.TrimSuffix(text, `\`))
		if err != nil {
			return err
		}
		if quit {
			break
		}
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("reading the console input: %w", err)
	}
	return nil
}

// isLanguageSwitch reads ":en", ":vi" or the code of any language the bot
// speaks.
func isLanguageSwitch(text string) bool {
	code, ok := strings.CutPrefix(text, ":")
	if !ok {
		return false
	}
	_, ok = texts.Lookup(code)
	return ok && code == strings.ToLower(code)
}

func consoleUser(id int64) models.User {
	return models.User{ID: id, FirstName: "User", LastName: strconv.FormatInt(id, 10), LanguageCode: texts.Default.Code()}
}

const consoleHelp = `console commands:
  :as ID      chat as another Telegram user id
  :en / :vi   the Telegram client language of the user (any of the bot's languages)
  :tap N      press button N of the last message with buttons
  ... \       a backslash at the end of a line: the message goes on on the next line
  :quit       leave (end of input works too)
anything else is sent to the bot as a message`

// line handles one typed line; quit is true when the user leaves.
func (c *console) line(ctx context.Context, text string) (quit bool, err error) {
	switch {
	case text == "":
		return false, nil
	case text == ":quit" || text == ":q" || text == ":exit":
		return true, nil
	case text == ":help":
		fmt.Fprintln(c.out, consoleHelp)
		return false, nil
	case isLanguageSwitch(text):
		c.user.LanguageCode = text[1:]
		return false, nil
	case strings.HasPrefix(text, ":as "):
		id, err := strconv.ParseInt(strings.TrimSpace(text[4:]), 10, 64)
		if err != nil || id <= 0 {
			fmt.Fprintln(c.out, "usage: :as <telegram user id>")
			return false, nil
		}
		lang := c.user.LanguageCode
		c.user = consoleUser(id)
		c.user.LanguageCode = lang
		c.last = nil
		fmt.Fprintf(c.out, "(now user %d)\n", id)
		return false, nil
	case strings.HasPrefix(text, ":tap "):
		n, err := strconv.Atoi(strings.TrimSpace(text[5:]))
		data, ok := c.button(n)
		if err != nil || !ok {
			fmt.Fprintln(c.out, "no such button")
			return false, nil
		}
		return false, c.exchange(ctx, c.fake.PressButton(c.user, *c.last, data))
	case strings.HasPrefix(text, ":"):
		fmt.Fprintln(c.out, consoleHelp)
		return false, nil
	}
	return false, c.exchange(ctx, c.fake.SendText(c.user, text))
}

func (c *console) button(n int) (string, bool) {
	if c.last == nil || c.last.ReplyMarkup == nil {
		return "", false
	}
	i := 0
	for _, row := range c.last.ReplyMarkup.InlineKeyboard {
		for _, btn := range row {
			i++
			if i == n {
				return btn.CallbackData, true
			}
		}
	}
	return "", false
}

// exchange waits until the bot has committed the update and sent what it
// caused, then prints it.
func (c *console) exchange(ctx context.Context, updateID int64) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := c.fake.WaitConfirmed(ctx, updateID); err != nil {
		return fmt.Errorf("waiting for the bot to take the message: %w", err)
	}
	c.settle()
	if err := c.sender.WaitIdle(ctx); err != nil {
		return fmt.Errorf("waiting for the bot's replies: %w", err)
	}
	c.print()
	return nil
}

func (c *console) print() {
	sent := c.fake.Sent()
	// Messages to other chats (reminders, digests) are summarized: the
	// first few, then a count.
	const showOthers = 3
	shownOthers, hidden := 0, 0
	hiddenChats := map[int64]bool{}
	for i := c.shown; i < len(sent); i++ {
		m := sent[i]
		if m.ChatID != c.user.ID {
			if shownOthers < showOthers {
				shownOthers++
				fmt.Fprintf(c.out, "  ── to %d: %s\n", m.ChatID, firstLines(m.Plain(), 3))
			} else {
				hidden++
				hiddenChats[m.ChatID] = true
			}
			continue
		}
		if m.Method == "editMessageReplyMarkup" {
			continue
		}
		c.show(m)
	}
	if hidden > 0 {
		fmt.Fprintf(c.out, "  ── and %d more messages to %d other chats\n", hidden, len(hiddenChats))
	}
	c.shown = len(sent)
	// A button's answer is the short notice Telegram shows over the chat.
	answers := c.fake.Calls("answerCallbackQuery")
	for _, a := range answers[min(c.toasts, len(answers)):] {
		if text := a.Params["text"]; text != "" && a.Status == http.StatusOK {
			fmt.Fprintln(c.out, "  ⓘ "+text)
		}
	}
	c.toasts = len(answers)
}

func (c *console) show(m telegramfake.Sent) {
	for _, l := range strings.Split(m.Plain(), "\n") {
		fmt.Fprintln(c.out, "  "+l)
	}
	if m.Document != nil {
		path := filepath.Join(c.saveTo, filepath.Base(m.Document.Name))
		if err := os.WriteFile(path, m.Document.Data, 0o644); err != nil {
			fmt.Fprintf(c.out, "  [file %s, %d bytes: not saved: %v]\n", m.Document.Name, len(m.Document.Data), err)
		} else {
			fmt.Fprintf(c.out, "  [file saved: %s, %d bytes]\n", path, len(m.Document.Data))
		}
	}
	if m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0 {
		var btns []string
		i := 0
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			for _, btn := range row {
				i++
				btns = append(btns, fmt.Sprintf("[%d %s]", i, btn.Text))
			}
		}
		fmt.Fprintln(c.out, "  "+strings.Join(btns, " ")+"   (:tap N)")
		mm := m
		c.last = &mm
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " / ")
}

var errNoDemo = errors.New("the demonstration committee could not be created")
