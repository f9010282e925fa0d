package webapp_test

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
	"quotabot/webapp"
)

// The national committee of the benchmarks (BENCHMARKS.md): 60 provincial
// committees with 999 cells each, every one with a 2026 quota, and 250,000
// admissions dated 01/01–15/06/2026.
const (
	benchProvinces  = 60
	benchOrgs       = 60_000
	benchAdmissions = 250_000
	benchLeader     = int64(500)
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func benchCode(j int) string {
	if j < benchProvinces {
		return fmt.Sprintf("DB_T%02d", j+1)
	}
	j -= benchProvinces
	per := (benchOrgs - benchProvinces) / benchProvinces
	return fmt.Sprintf("CB_T%02d_%04d", j/per+1, j%per+1)
}

var benchFamily = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"}

func buildBenchDB(path string) error {
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		return err
	}
	defer db.Close()
	per := (benchOrgs - benchProvinces) / benchProvinces
	err = db.Update(func(tx *storage.Tx) error {
		for j := range benchOrgs {
			o := quota.Org{Code: benchCode(j), Name: "Chi bộ Công ty số " + benchCode(j)}
			q := 3 + j%5
			if j < benchProvinces {
				o.Name, q = fmt.Sprintf("Đảng bộ Tỉnh %d", j+1), 10
			} else {
				o.Parent = benchCode((j - benchProvinces) / per)
			}
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, o.Code, q); err != nil {
				return err
			}
		}
		_, err := tx.PutUser(quota.User{ID: benchLeader, Role: quota.RoleLeader, ChatID: benchLeader, Lang: "vi"})
		return err
	})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(2026, 6))
	const batch = 25_000
	for start := 0; start < benchAdmissions; start += batch {
		err := db.Update(func(tx *storage.Tx) error {
			for i := start; i < min(start+batch, benchAdmissions); i++ {
				d := quota.Date{Year: 2026, Month: 1, Day: 1}.AddDays(rng.IntN(166))
				a := quota.Admission{Org: benchCode(rng.IntN(benchOrgs)), Date: d,
					Name: fmt.Sprintf("%s Văn Người %d", benchFamily[i%len(benchFamily)], i)}
				if err := tx.AddAdmission(&a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkFirstScreen measures the API calls the page makes when a leader
// opens it on the national database, each through the whole handler
// (signature check included), and the next screens a leader opens.
func BenchmarkFirstScreen(b *testing.B) {
	benchOnce.Do(func() {
		benchDir = b.TempDir()
		start := time.Now()
		benchErr = buildBenchDB(filepath.Join(benchDir, "national.db"))
		b.Logf("built the national database in %s", time.Since(start).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	db, err := storage.Open(filepath.Join(benchDir, "national.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	fake := telegramfake.New(bottest.Token)
	defer fake.Close()
	a, err := app.New(db, app.Options{Options: bot.Options{Token: bottest.Token, APIURL: fake.URL(), Location: bottest.Zone, Now: clock.Now,
		Pace: quota.Pace{Mode: quota.PaceLinear}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}})
	if err != nil {
		b.Fatal(err)
	}
	srv := webapp.New(db, a.Bot.Dashboard(), webapp.Options{Token: bottest.Token, MaxAge: time.Hour, Now: clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	auth, err := webapp.Sign(webapp.WebUser{ID: benchLeader, FirstName: "Lãnh đạo"}, bottest.Token, clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	call := func(b *testing.B, path string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "tma "+auth)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
		}
	}
	// The first screen; the chart below it loads after.
	first := []string{"/api/me", "/api/summary?year=2026", "/api/orgs?year=2026&sort=shortfall&offset=0&limit=50"}
	// changed is a report's worth of change to the figures before a call:
	// a quota set back and forth on one cell, so nothing kept is reused.
	n := 0
	changed := func(b *testing.B) {
		n++
		err := db.Update(func(tx *storage.Tx) error {
			_, err := tx.SetQuota(2026, "CB_T01_0001", 3+n%2)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	measureWith := func(name string, before func(*testing.B), paths ...string) {
		b.Run(name, func(b *testing.B) {
			var ds, cpu []time.Duration
			for b.Loop() {
				if before != nil {
					before(b)
				}
				c0 := cpuTime()
				t0 := time.Now()
				for _, p := range paths {
					call(b, p)
				}
				ds = append(ds, time.Since(t0))
				cpu = append(cpu, cpuTime()-c0)
			}
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
			b.ReportMetric(float64(ds[len(ds)/2])/1e6, "median-ms")
			b.ReportMetric(float64(ds[len(ds)*99/100])/1e6, "p99-ms")
			// On a shared machine the wall time waits for the others; the
			// process's own CPU time is what the calls cost.
			b.ReportMetric(float64(cpu[len(cpu)/2])/1e6, "cpu-median-ms")
		})
	}
	measure := func(name string, paths ...string) { measureWith(name, nil, paths...) }
	measureWith("all-after-a-change", changed, first...)
	measureWith("orgs-after-a-change", changed, first[2])
	measure("all", first...)
	for _, p := range first {
		measure(strings.SplitN(strings.TrimPrefix(p, "/api/"), "?", 2)[0], p)
	}
	measureWith("chart-after-a-change", changed, "/api/chart")
	measure("chart", "/api/chart")
	measure("province-tree", "/api/orgs?parent=DB_T07&year=2026&sort=shortfall&limit=50")
	measure("province-page", "/api/org?code=DB_T07&year=2026")
	measure("cell-page", "/api/org?code=CB_T07_0500&year=2026")
	measure("search-committee", "/api/search?q=nguyen&year=2026")
	measure("search-province", "/api/search?q=nguyen&scope=DB_T07&year=2026")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
