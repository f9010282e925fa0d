package bot

// cmdHelp lists the commands this user may use, with examples; the list
// comes from the command table, as the menu does.
func (b *Bot) cmdHelp(r *request) error {
	r.reply(helpFor(r.l, r.user))
	return nil
}
