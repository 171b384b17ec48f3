package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// harness runs zhibu commands in-process against one database, as a script would.
type harness struct {
	t   *testing.T
	env map[string]string
}

func newHarness(t *testing.T) *harness {
	dir := t.TempDir()
	return &harness{t: t, env: map[string]string{
		"ZHIBU_DB": filepath.Join(dir, "zhibu.db"), "ZHIBU_PASSWORD": "secret123", "ZHIBU_USER": "王书记",
	}}
}

func (h *harness) run(args ...string) (code int, stdout, stderr string) {
	var out, errw bytes.Buffer
	code = Run(context.Background(), args, &out, &errw, func(k string) string { return h.env[k] })
	return code, out.String(), errw.String()
}

func (h *harness) ok(args ...string) string {
	h.t.Helper()
	code, out, errs := h.run(args...)
	if code != 0 {
		h.t.Fatalf("zhibu %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func (h *harness) initVillage() {
	h.t.Helper()
	h.ok("init", "--role", "village", "--org-code", "410928001", "--org-name", "张庄村党支部", "--admin", "王书记")
}

func TestInitAndDevice(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	var dev DeviceInfo
	if err := json.Unmarshal([]byte(h.ok("device", "--json")), &dev); err != nil {
		t.Fatal(err)
	}
	if len(dev.ID) != 63 || dev.Role != "village" || dev.OrgCode != "410928001" || dev.OrgName != "张庄村党支部" {
		t.Fatalf("device = %+v", dev)
	}
	if _, err := os.Stat(filepath.Join(h.env["ZHIBU_DB"] + ".keys/cert.pem")); err != nil {
		t.Fatalf("device certificate not beside the database: %v", err)
	}
	// A second init is refused and changes nothing.
	code, _, errs := h.run("init", "--role", "village", "--org-code", "1", "--org-name", "x", "--admin", "y")
	if code != 1 || !strings.Contains(errs, "已经初始化") || !strings.Contains(errs, "(英文: ") {
		t.Fatalf("second init: %d %q", code, errs)
	}
	var dev2 DeviceInfo
	json.Unmarshal([]byte(h.ok("device", "--json")), &dev2)
	if dev2.ID != dev.ID || dev2.OrgCode != dev.OrgCode {
		t.Fatal("second init changed the device")
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"member"},
		{"member", "add", "--name"},
		{"member", "add", "--bogus", "1"},
		{"member", "add", "--name", "张三"},
	} {
		code, _, errs := h.run(args...)
		if code != 2 || errs == "" {
			t.Errorf("zhibu %v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestMemberAddListSet(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	idn := storetest.ValidID("1980-05-06", 13)
	id := strings.TrimSpace(h.ok("member", "add", "--name", "张三", "--id-number", idn, "--joined", "2005-07-01", "--phone", "13812345678", "--category", "流动"))
	if len(id) != 36 {
		t.Fatalf("member add printed %q, want an ID", id)
	}
	h.ok("member", "add", "--name", "李四", "--id-number", storetest.ValidID("1975-01-02", 21), "--joined", "2001-07-01")

	var rows []MemberRow
	if err := json.Unmarshal([]byte(h.ok("member", "list", "--query", "zs", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].ID != id || rows[0].Name != "张三" || rows[0].Category != "floating" || rows[0].IDNumber != idn {
		t.Fatalf("list zs = %+v", rows)
	}
	// Without a logged-in user, personal data is masked.
	delete(h.env, "ZHIBU_USER")
	json.Unmarshal([]byte(h.ok("member", "list", "--json")), &rows)
	if len(rows) != 2 || strings.Contains(rows[1].IDNumber+rows[0].IDNumber, idn) || !strings.Contains(rows[1].IDNumber, "********") {
		t.Fatalf("unmasked list without login: %+v", rows)
	}
	// Writes need a user.
	if code, _, _ := h.run("member", "set", id, "--phone", "13900000000"); code != 2 {
		t.Fatalf("write without user: exit %d", code)
	}
	h.env["ZHIBU_USER"] = "王书记"
	h.ok("member", "set", id, "--phone", "13900000000")
	json.Unmarshal([]byte(h.ok("member", "list", "--query", idn[14:], "--json")), &rows)
	if len(rows) != 1 || rows[0].Phone != "13900000000" {
		t.Fatalf("after set: %+v", rows)
	}
	// Bad input: a clear Chinese reason, exit 1, nothing changed.
	before := h.ok("digest")
	code, _, errs := h.run("member", "set", id, "--joined", "1990-01-01")
	if code != 1 || !strings.Contains(errs, "18") {
		t.Fatalf("bad joined date: %d %q", code, errs)
	}
	code, _, errs = h.run("member", "add", "--name", "王五", "--id-number", idn[:17]+"0", "--joined", "2005-07-01")
	if code != 1 || !strings.Contains(errs, "身份证号") {
		t.Fatalf("bad check digit: %d %q", code, errs)
	}
	if after := h.ok("digest"); after != before {
		t.Fatal("a refused command changed the data")
	}
	// Wrong password.
	h.env["ZHIBU_PASSWORD"] = "nope"
	if code, _, errs := h.run("member", "set", id, "--phone", "13700000000"); code != 1 || !strings.Contains(errs, "密码") {
		t.Fatalf("wrong password: %d %q", code, errs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	h := newHarness(t)
	out := h.ok("help")
	for _, want := range []string{"member add", "添加一名党员", "init"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if out := h.ok("help", "member", "add"); !strings.Contains(out, "--id-number") {
		t.Errorf("help member add: %s", out)
	}
	if out := h.ok("version"); !strings.HasPrefix(out, "zhibu ") {
		t.Errorf("version: %s", out)
	}
}

func TestDemoAndDigest(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo", "--seed", "7")
	var rows []MemberRow
	json.Unmarshal([]byte(h.ok("member", "list", "--json")), &rows)
	if len(rows) < 30 {
		t.Fatalf("demo made %d members", len(rows))
	}
	d := strings.TrimSpace(h.ok("digest", "--org", "410928001"))
	if len(d) != 64 {
		t.Fatalf("digest %q", d)
	}
	if code, _, _ := h.run("demo"); code != 1 {
		t.Fatal("demo into a database with members succeeded")
	}
}

func TestGlobalOptionsBeforeTheCommand(t *testing.T) {
	h := newHarness(t)
	db := h.env["ZHIBU_DB"]
	delete(h.env, "ZHIBU_DB")
	h.ok("--db", db, "init", "--role", "village", "--org-code", "410928001", "--org-name", "张庄村党支部", "--admin", "王书记")
	h.ok("--db="+db, "--user", "王书记", "member", "add", "--name", "张三", "--id-number", storetest.ValidID("1980-05-06", 13), "--joined", "2005-07-01")
	var rows []MemberRow
	if err := json.Unmarshal([]byte(h.ok("--db", db, "--json", "member", "list")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("list: %v %+v", err, rows)
	}
	if code, _, _ := h.run("--bogus", "member", "list"); code != 2 {
		t.Fatalf("unknown global option: exit %d", code)
	}
}

func TestHelpOptionOnACommand(t *testing.T) {
	h := newHarness(t)
	out := h.ok("member", "add", "--help")
	if !strings.Contains(out, "--id-number") || !strings.Contains(out, "添加一名党员") {
		t.Fatalf("member add --help: %s", out)
	}
}
