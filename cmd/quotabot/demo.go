package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"quotabot/bot"
	"quotabot/config"
	"quotabot/quota"
	"quotabot/storage"
)

const demoGuide = `quotabot demo: một Đảng bộ mẫu gồm 30 tổ chức, chỉ tiêu năm nay 300, đã kết nạp 152.
Đồng chí đang đăng nhập với vai trò lãnh đạo (Telegram id 1001). Hãy thử gõ:
  /status            tiến độ toàn Đảng bộ
  /status DU_TCT     tiến độ một tổ chức và các chi bộ trực thuộc
  /export            bảng Excel của năm
  /help              các lệnh
  :as 2005           chuyển sang bí thư Chi bộ CB_05, rồi /report Nguyễn Văn A; 01/03/2026
  :as 1000           chuyển sang quản trị, rồi /remind hoặc /invite secretary CB_06
  :quit              thoát`

func cmdDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "quotabot-demo-")
	if err != nil {
		return fmt.Errorf("%w: %w", errNoDemo, err)
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.Storage.Path = filepath.Join(dir, "demo.db")
	cfg.Admins = []int64{bot.DemoAdmin}
	// A throwaway database needs no fsync.
	db, err := storage.Open(cfg.Storage.Path, storage.Options{NoSync: true})
	if err != nil {
		return fmt.Errorf("%w: %w", errNoDemo, err)
	}
	defer db.Close()
	if err := bot.SeedDemo(db, quota.DateOf(nowIn(cfg))); err != nil {
		return fmt.Errorf("%w: %w", errNoDemo, err)
	}
	return runConsole(ctx, cfg, db, bot.DemoLeader, stdin, stdout, stderr, demoGuide)
}
