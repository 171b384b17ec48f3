package main

import (
	"bufio"
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestWindowDrawsUnderXvfb builds the real program, starts it on a virtual 1366×768 screen
// on a new database and checks, from screenshots of the screen, that its window drew (a
// good share of the screen is not background) and that the program is still running.
// It needs Xvfb and ImageMagick's import (make test-deps installs them) and skips without.
func TestWindowDrawsUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: builds and starts the program under Xvfb")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("Xvfb is not installed (Debian: apt-get install xvfb imagemagick, or make test-deps): the smoke test of the real window is skipped")
	}
	const importTool = "/usr/bin/import" // ImageMagick's; another "import" on PATH may be a stand-in
	if _, err := os.Stat(importTool); err != nil {
		t.Skip("ImageMagick's /usr/bin/import is not installed (apt-get install imagemagick): the smoke test of the real window is skipped")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "zhibu")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "zhibu.db")
	env := append(os.Environ(), "LANG=zh_CN.UTF-8", "LC_ALL=", "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"ZHIBU_PASSWORD=smoke-test-1", "ZHIBU_DB=")
	initCmd := exec.Command(bin, "--db", db, "init", "--role", "village", "--org-code", "001", "--org-name", "张庄村党支部", "--admin", "王书记")
	initCmd.Env = env
	if out, err := initCmd.CombinedOutput(); err != nil {
		t.Fatalf("zhibu init: %v\n%s", err, out)
	}

	display := startXvfb(t, xvfb)
	env = append(env, "DISPLAY="+display)
	var logs bytes.Buffer
	app := exec.Command(bin, "--db", db)
	app.Env, app.Stdout, app.Stderr = env, &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		app.Process.Kill()
		<-exited
	})

	shot := filepath.Join(dir, "screen.png")
	deadline := time.Now().Add(40 * time.Second)
	var share float64
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the program exited (%v) before its window drew:\n%s", err, logs.String())
		case <-time.After(time.Second):
		}
		cap := exec.Command(importTool, "-display", display, "-window", "root", shot)
		if out, err := cap.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		if share = drawnShare(t, shot); share > 0.2 {
			break
		}
	}
	if share <= 0.2 {
		t.Fatalf("after 40 s only %.0f%% of the screen is drawn (see %s):\n%s", share*100, shot, logs.String())
	}
	time.Sleep(500 * time.Millisecond)
	select {
	case err := <-exited:
		exited <- err
		t.Fatalf("the program exited (%v) after drawing:\n%s", err, logs.String())
	default:
	}
	if keep := os.Getenv("ZHIBU_SMOKE_SHOT"); keep != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(keep, b, 0o644)
	}
}

// startXvfb starts a virtual screen on a free display number (Xvfb picks it and tells us
// through -displayfd) and stops it when the test ends.
func startXvfb(t *testing.T, xvfb string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-br")
	x.ExtraFiles = []*os.File{w}
	var logs bytes.Buffer
	x.Stderr = &logs
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	stopped := make(chan struct{})
	go func() { x.Wait(); close(stopped) }()
	t.Cleanup(func() {
		x.Process.Kill()
		<-stopped
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not start:\n%s", logs.String())
		}
		return ":" + n
	case <-time.After(15 * time.Second):
		t.Fatalf("Xvfb did not report its display within 15 s:\n%s", logs.String())
	}
	return ""
}

// drawnShare is the share of the screenshot's pixels that are not the bare screen's black
// (Xvfb runs with -br, a black root window; the program's light theme is not black).
func drawnShare(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	b := img.Bounds()
	counts := map[[3]uint32]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	return 1 - float64(counts[[3]uint32{0, 0, 0}])/float64(total)
}
