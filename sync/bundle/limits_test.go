package bundle

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// bomb writes a bundle whose change list is written by body (n changes claimed), signed
// with the sender's own key: what a paired village with bad intent can send.
func bomb(t *testing.T, n int, body func(e *encoder)) ([]byte, Keys) {
	t.Helper()
	id, k, keys := testKeys(t)
	h := Header{Format: Format, From: id.ID.String(), To: []string{id.ID.String()}, Seq: 9, Count: n}
	hdr, _ := json.Marshal(h)
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestSpeed)
	e := &encoder{w: bufio.NewWriter(fw), tab: map[string]uint64{}}
	e.uvarint(uint64(n))
	body(e)
	e.w.Flush()
	fw.Close()
	var out bytes.Buffer
	if err := seal(&out, h, nil, hdr, z.Bytes(), id, k.Recipient()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), keys
}

// TestBundleReadersAreBoundedByWhatTheyExpandTo (issue 20, failure 6): a small bundle that
// expands to more changes, rows, distinct strings or bytes than any bundle may hold is
// refused with the limit named, before it is handed to the engine.
func TestBundleReadersAreBoundedByWhatTheyExpandTo(t *testing.T) {
	// The change limit is tested as it is; the others lowered, to keep the test quick on a
	// shared machine (the same code path; the values are in codec.go).
	defer func(r, s, b int, m int64) { MaxRows, MaxStrings, maxStringBytes, maxBody = r, s, b, m }(MaxRows, MaxStrings, maxStringBytes, maxBody)
	MaxRows, MaxStrings, maxStringBytes, maxBody = 10_000, 20_000, 1<<20, 4<<20
	change := func(e *encoder, row string, v any) {
		for _, s := range []string{"members", row, "org-1", "name", "DEV", "王书记"} {
			e.str(s)
		}
		e.varint(1)
		e.value(v)
	}
	cases := []struct {
		name string
		n    int
		body func(e *encoder)
		what string
	}{
		{"more changes than a bundle may hold", MaxChanges + 1, func(e *encoder) {
			for range MaxChanges + 1 {
				change(e, "r", int64(1))
			}
		}, "changes"},
		{"more rows than a bundle may hold", MaxRows + 1, func(e *encoder) {
			for i := range MaxRows + 1 {
				change(e, fmt.Sprint(i), int64(1))
			}
		}, "rows"},
		{"more distinct strings than a bundle may hold", MaxRows - 1, func(e *encoder) {
			// Three new strings per change (row, owner and user).
			for i := range MaxRows - 1 {
				for _, s := range []string{"members", fmt.Sprint(i), fmt.Sprint("o", i), "name", "DEV", fmt.Sprint("u", i)} {
					e.str(s)
				}
				e.varint(1)
				e.value(nil)
			}
		}, "strings"},
		{"more bytes of distinct strings than a bundle may hold", 100, func(e *encoder) {
			for i := range 100 {
				change(e, fmt.Sprint(i, string(bytes.Repeat([]byte{'x'}, 20_000))), nil)
			}
		}, "string bytes"},
		{"expands to more bytes than the largest file", 100, func(e *encoder) {
			big := string(bytes.Repeat([]byte{'a'}, 64<<10))
			for range 100 {
				change(e, "r", big)
			}
		}, "bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, keys := bomb(t, c.n, c.body)
			_, err := Read(data, keys)
			var le *LimitError
			if !errors.As(err, &le) || le.What != c.what {
				t.Fatalf("a %d KB bundle: error %v, want the %s limit", len(data)>>10, err, c.what)
			}
			t.Logf("%d KB bundle refused: %v", len(data)>>10, err)
		})
	}
	// Within the limits it still reads.
	data, keys := bomb(t, 1000, func(e *encoder) {
		for i := range 1000 {
			change(e, fmt.Sprint(i), int64(i))
		}
	})
	if b, err := Read(data, keys); err != nil || len(b.Changes) != 1000 {
		t.Fatalf("a normal bundle: %v", err)
	}
	_ = binary.MaxVarintLen64
}
