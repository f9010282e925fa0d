package bot

func (b *Bot) cmdCancel(r *request) error {
	if r.user != nil {
		if err := r.tx.DeleteDialog(r.user.ID); err != nil {
			return err
		}
	}
	r.reply(r.l.DialogCancelled)
	return nil
}
