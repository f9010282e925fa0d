package bot

import (
	"context"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// publishCommands sets the command menu in Vietnamese (the default) and
// English.
func (b *Bot) publishCommands(ctx context.Context) error {
	for _, l := range []lang{langVI, langEN} {
		var cmds []models.BotCommand
		for _, c := range commands {
			if c.menu == "" {
				continue
			}
			cmds = append(cmds, models.BotCommand{Command: c.name, Description: l.T(c.menu)})
			for _, a := range c.aliases {
				cmds = append(cmds, models.BotCommand{Command: a, Description: l.T("menu_" + a)})
			}
		}
		p := &tgbot.SetMyCommandsParams{Commands: cmds}
		if l.code == "en" {
			p.LanguageCode = "en"
		}
		if _, err := b.api.SetMyCommands(ctx, p); err != nil {
			return fmt.Errorf("setting the %s command menu: %w", l.code, err)
		}
	}
	return nil
}
