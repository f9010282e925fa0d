package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"quotabot/config"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
)

const demoGuide = `quotabot demo: một Đảng bộ mẫu gồm 30 tổ chức, chỉ tiêu năm nay 300, đã kết nạp 152.
Đồng chí đang đăng nhập với vai trò lãnh đạo (Telegram id 1001). Hãy thử gõ:
  /status            tiến độ toàn Đảng bộ, tổ chức chậm nhất, tổ chức có nguy cơ
  /status DU_TCT     tiến độ một tổ chức và các chi bộ trực thuộc
  /status %[1]s  tiến độ cả nhiệm kỳ; /status %[2]s các năm trước khi có bot
  /history           kết nạp qua các năm so với chỉ tiêu, kèm biểu đồ
  /export, /chart    bảng Excel và biểu đồ của năm (lưu vào thư mục hiện tại)
  /rating            bảng tham khảo mức hoàn thành chỉ tiêu
  /help              các lệnh
  :as 2005           chuyển sang bí thư Chi bộ CB_05, rồi /status, /nguon, /report Nguyễn Văn A, /undo
  :as 1000           chuyển sang quản trị, rồi /remind hoặc /invite secretary CB_06
  :quit              thoát
(English: :en switches the Telegram language of the user you chat as; /help lists the commands.)`

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
	cfg.Admins = []int64{demo.Admin}
	// The demonstration committee's letterhead, as its configuration would name it.
	cfg.Report.Superior = "ĐẢNG BỘ TỈNH MẪU"
	cfg.Report.Issuer = "BAN TỔ CHỨC\nĐẢNG ỦY KHỐI DOANH NGHIỆP"
	cfg.Report.Committee = "Đảng ủy Khối Doanh nghiệp tỉnh"
	cfg.Report.Number = "BTCĐUK"
	cfg.Report.Place = "Thành phố Mẫu"
	cfg.Report.Recipients = []string{"- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Lưu Ban Tổ chức."}
	cfg.Report.SignerOnBehalf = "K/T TRƯỞNG BAN"
	cfg.Report.SignerTitle = "PHÓ TRƯỞNG BAN"
	cfg.Report.SignerName = "Nguyễn Văn Mẫu"
	// A throwaway database needs no fsync.
	db, err := storage.Open(cfg.Storage.Path, storage.Options{NoSync: true})
	if err != nil {
		return fmt.Errorf("%w: %w", errNoDemo, err)
	}
	defer db.Close()
	today := quota.DateOf(nowIn(cfg))
	if err := demo.Seed(db, today); err != nil {
		return fmt.Errorf("%w: %w", errNoDemo, err)
	}
	guide := fmt.Sprintf(demoGuide, demo.DemoTerm(today), demo.PastYears(today))
	return runConsole(ctx, cfg, db, demo.Leader, stdin, stdout, stderr, guide)
}
