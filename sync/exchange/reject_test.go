package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// snapshot is what must not change when a bundle is refused.
func snapshot(t *testing.T, d *synctest.Device) string {
	t.Helper()
	dg, err := d.DB.Digest(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var n, seq int64
	d.DB.SQL().QueryRow("SELECT count(*) FROM crr_clock").Scan(&n)
	d.DB.SQL().QueryRow("SELECT coalesce(sum(in_seq),0) FROM peers").Scan(&seq)
	return dg + "/" + string(rune('0'+n%10)) + "/" + string(rune('0'+seq%10))
}

// forge writes a bundle signed by from and encrypted to to, with whatever changes it likes.
func forge(t *testing.T, from, to *synctest.Device, seq int64, cs []replica.Change) []byte {
	t.Helper()
	p, err := from.DB.Replica().Peer(context.Background(), to.Node.Self())
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := age.ParseX25519Recipient(p.AgeRecipient)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	b := &bundle.Bundle{Header: bundle.Header{From: from.Node.Self(), To: []string{to.Node.Self()}, Seq: seq, Created: from.DB.Now().UnixMilli()}, Changes: cs}
	if err := bundle.Write(&buf, b, from.Node.ID, rcpt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRejections(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	stranger := synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410929", OrgName: "外乡镇党委"})
	synctest.Pair(t, town, v1)
	synctest.Pair(t, town, v2)
	v1.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	v2.AddMember(t, "李秀英", "1970-05-02", "1995-07-01", 22)
	synctest.Sync(t, town, v1)
	synctest.Sync(t, town, v2)
	v1.AddMember(t, "王德福", "1972-08-09", "2001-07-01", 33)

	good := synctest.Send(t, v1, town)
	old := good
	v1.AddMember(t, "赵桂兰", "1980-01-02", "2005-07-01", 44)
	newer := synctest.Send(t, v1, town)
	if r := town.Node.Import(ctx, newer); r.Status != exchange.Applied {
		t.Fatalf("newer bundle: %s %s", r.Status, r.English)
	}
	v2Member := memberIDs(t, town, v2.Org.ID)[0]

	tampered := bytes.Clone(good)
	tampered[len(tampered)-40] ^= 0x01
	tamperedAge := bytes.Clone(good)
	envLen := int(good[9])<<24 | int(good[10])<<16 | int(good[11])<<8 | int(good[12])
	tamperedAge[13+envLen+30] ^= 0x20 // inside the age header

	// A stranger pairs itself one way only: the township never imported its enrolment.
	synctest.PairOverride(t, stranger, v1)
	fromStranger := synctest.Send(t, stranger, v1)
	v1.DB.Replica().RemovePeer(ctx, stranger.Node.Self())

	cases := []struct {
		name   string
		to     *synctest.Device
		data   []byte
		status string
		want   error
		words  string // part of the Chinese message
	}{
		{"tampered byte", town, tampered, exchange.Rejected, bundle.ErrDamaged, "损坏"},
		{"tampered age header", town, tamperedAge, exchange.Rejected, bundle.ErrDamaged, "损坏"},
		{"truncated", town, good[:len(good)-100], exchange.Rejected, bundle.ErrTruncated, "不完整"},
		{"not a bundle", town, []byte("PK\x03\x04 a zip file"), exchange.Rejected, bundle.ErrNotBundle, "不是支部台账"},
		{"wrong recipient", v2, synctest.Send(t, town, v1), exchange.Rejected, bundle.ErrWrongRecipient, "其他电脑"},
		{"unknown sender", v1, fromStranger, exchange.Rejected, bundle.ErrUnknownSender, "未配对"},
		{"replayed old bundle", town, old, exchange.Skipped, replica.ErrOldBundle, "已经导入"},
		{"another village's member", town, forge(t, v1, town, 100, []replica.Change{
			{Table: "members", RowID: v2Member, OrgID: v1.Org.ID, Field: "name", Value: "冒名", HLC: v1.DB.Replica().Clock() + 1, Device: v1.Node.Self()}}),
			exchange.Rejected, replica.ErrOutOfScope, "李寨村党支部"},
		{"row of another organisation", town, forge(t, v1, town, 101, []replica.Change{
			{Table: "members", RowID: store.NewID(), OrgID: v2.Org.ID, Field: "name", Value: "冒名", HLC: v1.DB.Replica().Clock() + 1, Device: v1.Node.Self()}}),
			exchange.Rejected, replica.ErrOutOfScope, "其他组织"},
		{"township sends another village's data", v1, forge(t, town, v1, 100, []replica.Change{
			{Table: "members", RowID: v2Member, OrgID: v2.Org.ID, Field: "name", Value: "李秀英", HLC: town.DB.Replica().Clock() + 1, Device: town.Node.Self()}}),
			exchange.Rejected, replica.ErrOutOfScope, "其他组织"},
	}
	msgs := map[string]string{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, c.to)
			r := c.to.Node.Import(ctx, c.data)
			if r.Status != c.status || !errors.Is(r.Err, c.want) {
				t.Fatalf("status %s, error %v; want %s, %v", r.Status, r.Err, c.status, c.want)
			}
			if !strings.Contains(r.Message, c.words) {
				t.Errorf("message %q lacks %q", r.Message, c.words)
			}
			if after := snapshot(t, c.to); after != before {
				t.Errorf("database changed: %s → %s", before, after)
			}
			if prev, dup := msgs[r.Message]; dup && prev != c.name && c.want != bundle.ErrDamaged && c.want != replica.ErrOutOfScope {
				t.Errorf("same message as %q: %s", prev, r.Message)
			}
			msgs[r.Message] = c.name
			t.Logf("%s: %s", c.name, r.Message)
		})
	}
}
