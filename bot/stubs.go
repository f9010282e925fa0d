package bot

func (b *Bot) cmdExport(r *request) error { return nil }
func (b *Bot) document(r *request) error  { return nil }
