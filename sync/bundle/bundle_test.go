package bundle

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"zhibu/store/replica"
	"zhibu/sync/device"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpus in testdata")

// testKeys are a fixed device identity and age key kept in testdata, so the seed corpus
// stays decryptable.
func testKeys(t testing.TB) (*device.Identity, *age.X25519Identity, Keys) {
	t.Helper()
	id, err := device.Load(filepath.Join("testdata", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := id.AgeKey()
	if err != nil {
		t.Fatal(err)
	}
	keys := Keys{Self: id.ID.String(), Identity: k,
		CertOf: func(d string) ([]byte, bool) { return id.CertDER(), d == id.ID.String() },
		Verify: func(cert, data, sig []byte) (string, error) {
			d, err := device.Verify(cert, data, sig)
			return d.String(), err
		}}
	return id, k, keys
}

func sample(id string) *Bundle {
	cs := []replica.Change{
		{Table: "members", RowID: "01a2-1", OrgID: "org-1", Field: "name", Value: "张建国", HLC: 1 << 20, Device: id, User: "王书记"},
		{Table: "members", RowID: "01a2-1", OrgID: "org-1", Field: "photo", Value: []byte{0xff, 0xd8, 0}, HLC: 1<<20 + 1, Device: id, User: "王书记"},
		{Table: "members", RowID: "01a2-1", OrgID: "org-1", Field: "deleted", Value: int64(1), HLC: 1<<20 + 5, Device: id, User: "王书记"},
		{Table: "settings", RowID: "s-1", OrgID: "org-0", Field: "value", Value: nil, HLC: 1 << 19, Device: "OTHER", User: ""},
		{Table: "x", RowID: "r", OrgID: "o", Field: "f", Value: 2.5, HLC: 1 << 19, Device: "OTHER", User: ""},
	}
	return &Bundle{Header: Header{From: id, To: []string{id}, Seq: 7, Known: map[string]replica.HLC{id: 1<<20 + 5}}, Changes: cs}
}

func TestRoundTrip(t *testing.T) {
	id, k, keys := testKeys(t)
	var buf bytes.Buffer
	in := sample(id.ID.String())
	if err := Write(&buf, in, id, k.Recipient()); err != nil {
		t.Fatal(err)
	}
	out, err := Read(buf.Bytes(), keys)
	if err != nil {
		t.Fatal(err)
	}
	if out.Header.Seq != 7 || len(out.Changes) != len(in.Changes) {
		t.Fatalf("header %+v, %d changes", out.Header, len(out.Changes))
	}
	for i, c := range out.Changes {
		w := in.Changes[i]
		if fmt.Sprint(c.Value) != fmt.Sprint(w.Value) || c.HLC != w.HLC || c.RowID != w.RowID || c.User != w.User || c.Device != w.Device {
			t.Errorf("change %d: %+v, want %+v", i, c, w)
		}
	}
	if *update {
		os.MkdirAll(filepath.Join("testdata", "fuzz", "FuzzRead"), 0o755)
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", buf.Bytes())
		os.WriteFile(filepath.Join("testdata", "fuzz", "FuzzRead", "valid"), []byte(seed), 0o644)
	}
}

// FuzzRead feeds the reader arbitrary bytes: it must never panic, and whatever it accepts
// must be a well-formed bundle from the paired sender.
func FuzzRead(f *testing.F) {
	id, k, keys := testKeys(f)
	var buf bytes.Buffer
	if err := Write(&buf, sample(id.ID.String()), id, k.Recipient()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:len(buf.Bytes())/2])
	f.Add([]byte("ZHIBUBDL\x01\x00\x00\x00\x02{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(data, keys)
		if err != nil {
			for _, known := range []error{ErrNotBundle, ErrNewerFormat, ErrTruncated, ErrDamaged, ErrUnknownSender, ErrWrongRecipient, ErrBadSignature} {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("unexpected error kind: %v", err)
		}
		if b.Header.From != id.ID.String() || len(b.Changes) != b.Header.Count {
			t.Fatalf("accepted a bundle that is not right: %+v", b.Header)
		}
	})
}

// FuzzDecodeChanges feeds the change decoder arbitrary bytes (what a paired but faulty
// sender could sign).
func FuzzDecodeChanges(f *testing.F) {
	var buf bytes.Buffer
	encodeChanges(&buf, sample("DEV").Changes)
	f.Add(buf.Bytes(), 5)
	f.Fuzz(func(t *testing.T, data []byte, limit int) {
		cs, err := decodeChanges(bytes.NewReader(data), limit)
		if err == nil && len(cs) > limit {
			t.Fatalf("%d changes over the limit %d", len(cs), limit)
		}
	})
}

// The envelope names the version that wrote the bundle, and a reader of an older format
// still finds it there (and whom the bundle is for) when it refuses the format.
func TestEnvelopeNamesWriterVersion(t *testing.T) {
	id, k, _ := testKeys(t)
	defer func(v string) { AppVersion = v }(AppVersion)
	AppVersion = "0.9.1"
	var buf bytes.Buffer
	if err := Write(&buf, sample(id.ID.String()), id, k.Recipient()); err != nil {
		t.Fatal(err)
	}
	env, _, err := Peek(buf.Bytes())
	if err != nil || env.App != "0.9.1" {
		t.Fatalf("envelope %+v, %v", env, err)
	}
	newer := append([]byte(nil), buf.Bytes()...)
	newer[len(magic)] = Format + 1
	env, _, err = Peek(newer)
	if !errors.Is(err, ErrNewerFormat) || env.App != "0.9.1" || len(env.To) != 1 {
		t.Fatalf("newer format: envelope %+v, %v", env, err)
	}
	if _, err := Read(newer, Keys{}); !errors.Is(err, ErrNewerFormat) {
		t.Fatalf("read newer format: %v", err)
	}
}
