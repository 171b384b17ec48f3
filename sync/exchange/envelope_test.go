package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// A bundle whose unencrypted envelope was altered (its sender's ID, or its JSON broken) is
// refused, and the message names the PC that really sent it.
func TestTamperedEnvelopeNamesSender(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	good := synctest.Send(t, v, town)
	id := []byte(v.Node.Self())
	otherID := bytes.Clone(id)
	otherID[0] ^= 0x01
	for name, data := range map[string][]byte{
		"sender changed": bytes.Replace(good, id, otherID, 1),
		"json broken":    bytes.Replace(good, []byte(`"from"`), []byte(`"from!`), 1),
	} {
		r := town.Node.Import(ctx, data)
		if r.Status != exchange.Rejected || !errors.Is(r.Err, bundle.ErrDamaged) || !strings.Contains(r.Message, "张庄村党支部") {
			t.Errorf("%s: %s %v %q", name, r.Status, r.Err, r.Message)
		}
		t.Log(name, r.Message)
	}
	if r := town.Node.Import(ctx, good); r.Status != exchange.Applied {
		t.Fatalf("the untouched bundle: %s %s", r.Status, r.English)
	}
}
