package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// The store, not the front ends, decides who may change records and who sees full ID
// numbers and phones: a context that names nobody may do neither.
func TestPermissionsAreEnforcedInTheStore(t *testing.T) {
	f := storetest.Village(t)
	id := f.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	full := storetest.ValidID("1965-03-01", 11)
	m, err := f.DB.Member(f.Ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.Phone = "13812345678"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.AddUser(f.Ctx, "查看员", store.RoleReadOnly, "secret456"); err != nil {
		t.Fatal(err)
	}
	cand, err := f.DB.AddCandidate(f.Ctx, store.CandidateInput{Name: "赵子豪", IDNumber: storetest.ValidID("2001-04-12", 13), Phone: "13700001111"})
	if err != nil {
		t.Fatal(err)
	}
	nobody := context.Background()
	reader := store.WithUser(nobody, "查看员")
	stranger := store.WithUser(nobody, "不存在的人")

	for name, ctx := range map[string]context.Context{"no user": nobody, "read-only user": reader, "unknown user": stranger} {
		t.Run(name, func(t *testing.T) {
			got, err := f.DB.Member(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.IDNumber != "410928********0112" || got.Phone != "138****5678" {
				t.Errorf("member seen as %s, %s", got.IDNumber, got.Phone)
			}
			ms, _ := f.DB.Members(ctx, store.MemberFilter{})
			if len(ms) != 1 || ms[0].IDNumber == full {
				t.Errorf("list shows %+v", ms)
			}
			c, err := f.DB.Candidate(ctx, cand)
			if err != nil || c.IDNumber == storetest.ValidID("2001-04-12", 13) || c.Phone != "137****1111" {
				t.Errorf("candidate seen as %s, %s (%v)", c.IDNumber, c.Phone, err)
			}
			got.Notes = "改一下"
			if err := f.DB.UpdateMember(ctx, got); !errors.Is(err, store.ErrDenied) {
				t.Errorf("update by %s: %v", name, err)
			}
			if _, err := f.DB.AddUser(ctx, "新用户", store.RoleRecorder, "secret789"); !errors.Is(err, store.ErrDenied) {
				t.Errorf("add user by %s: %v", name, err)
			}
		})
	}
	if got, _ := f.DB.Member(f.Ctx, id); got.IDNumber != full || got.Phone != "13812345678" || got.Notes != "" {
		t.Errorf("the secretary sees %s %s, notes %q", got.IDNumber, got.Phone, got.Notes)
	}
	if _, err := f.DB.AddUser(f.Ctx, "记录员", store.RoleRecorder, "secret456"); err != nil {
		t.Fatal(err)
	}
	recorder := store.WithUser(nobody, "记录员")
	if _, err := f.DB.AddUser(recorder, "新用户", store.RoleRecorder, "secret789"); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a recorder added a user: %v", err)
	}
	if err := f.DB.SetPassword(recorder, "记录员", "newsecret1"); err != nil {
		t.Errorf("a recorder could not change their own password: %v", err)
	}
	if err := f.DB.SetPassword(recorder, "王书记", "newsecret1"); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a recorder changed the secretary's password: %v", err)
	}
}

// A validation failure reaches the user as its Chinese sentences, not as "internal error".
func TestValidationErrorReadsInChinese(t *testing.T) {
	f := storetest.Village(t)
	_, err := f.DB.AddMember(f.Ctx, store.Member{Name: "张三", IDNumber: "123", JoinedDate: "2030-01-01"})
	msg := assets.Chinese(err)
	if !errors.Is(err, store.ErrInvalid) || !strings.Contains(msg, "身份证号") || !strings.Contains(msg, "入党时间") || strings.Contains(msg, "内部") {
		t.Fatalf("message %q for %v", msg, err)
	}
}
