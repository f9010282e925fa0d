package jobs

import (
	"context"
	"fmt"
	"time"
)

// Backups writes a hot copy of the database, keeping the last few.
func (j *Jobs) Backups(ctx context.Context, scheduled time.Time) error {
	path, err := j.db.BackupTo(j.opts.BackupDir, scheduled, j.opts.KeepBackups)
	if err != nil {
		return fmt.Errorf("backing up: %w", err)
	}
	j.log.Info("backup written", "path", path)
	return nil
}
