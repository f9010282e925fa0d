package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"quotabot/app"
	"quotabot/config"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/webapp"
)

const demoGuide = `quotabot demo: một Đảng bộ mẫu gồm 30 tổ chức, chỉ tiêu năm nay 300, đã kết nạp 152.
Đồng chí đang đăng nhập với vai trò lãnh đạo (Telegram id 1001). Hãy thử gõ:
  /status            tiến độ toàn Đảng bộ, tổ chức chậm nhất, tổ chức có nguy cơ
  /status DU_TCT     tiến độ một tổ chức và các chi bộ trực thuộc
  /status %[1]s  tiến độ cả nhiệm kỳ; /status %[2]s các năm trước khi có bot
  /history           kết nạp qua các năm so với chỉ tiêu, kèm biểu đồ
  /export, /chart    bảng Excel và biểu đồ của năm (lưu vào thư mục hiện tại)
  /rating            bảng tham khảo mức hoàn thành chỉ tiêu
  /draft             dự thảo báo cáo Ban Thường vụ: tệp Word (và PDF nếu máy có LibreOffice)
  /help              các lệnh
  :as 2005           chuyển sang bí thư Chi bộ CB_05, rồi /status, /nguon, /report Nguyễn Văn A, /undo
  :as 1000           chuyển sang quản trị, rồi /remind hoặc /invite secretary CB_06
  :quit              thoát
(English: :en switches the Telegram language of the user you chat as; /help lists the commands.)`

func cmdDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	addr := fs.String("dashboard", "127.0.0.1:0", "where to serve the dashboard for a browser (\"\": not at all)")
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
	var beside func(*app.App, *slog.Logger) (func(), error)
	if *addr != "" {
		beside = func(a *app.App, log *slog.Logger) (func(), error) {
			return serveDemoDashboard(*addr, db, a, stdout, log)
		}
	}
	return runConsole(ctx, cfg, db, demo.Leader, stdin, stdout, stderr, guide, beside)
}

// demoLinkAge is how long the printed link opens the dashboard.
const demoLinkAge = 24 * time.Hour

// serveDemoDashboard serves the dashboard on a local address and prints a
// link that opens it in an ordinary browser as the demo's leader. The demo
// signs that link's initData with the console's own token, the one its
// dashboard checks; a real deployment checks the bot's token, so such a
// link opens nothing there.
func serveDemoDashboard(addr string, db *storage.DB, a *app.App, stdout io.Writer, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serving the demo's dashboard on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: dashboard(db, a, consoleToken, demoLinkAge, time.Now, log), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	link, err := webapp.LaunchURL("http://"+ln.Addr().String()+"/",
		webapp.WebUser{ID: demo.Leader, FirstName: "Lãnh đạo", LanguageCode: "vi"}, consoleToken, time.Now(), webapp.LightTheme)
	if err != nil {
		stop()
		return nil, err
	}
	fmt.Fprintf(stdout, "Bảng theo dõi (Mini App) của lãnh đạo: mở đường link này trong trình duyệt (dùng được %d giờ):\n  %s\n", int(demoLinkAge.Hours()), link)
	return stop, nil
}
