package store_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// The roster in memory answers every search exactly as the table does (the same members,
// fields and order), and follows every kind of write: an edit, a name change, a member
// leaving the roll, a deletion, and a change merged from a village's bundle.
func TestMemberSearchInMemoryMatchesSQL(t *testing.T) {
	f := storetest.Township(t)
	village := replica.Peer{DeviceID: "V1DEV", Role: store.RoleVillage, OrgID: "V1", OrgCode: "410928001"}
	hlc := func(n int) replica.HLC { return replica.MakeHLC(storetest.DefaultTime, uint16(n)) }
	// A village's members, merged from its bundle.
	var cs []replica.Change
	for i, name := range []string{"曾国藩", "单田芳", "张三", "欧阳修", "解缙"} {
		row := fmt.Sprint("v1m", i)
		birth := fmt.Sprintf("19%02d-03-0%d", 50+i, 1+i)
		for j, fv := range [][2]any{{"org_id", "V1"}, {"name", name}, {"id_number", storetest.ValidID(birth, 10+i)}, {"birth_date", birth},
			{"joined_date", "2001-07-01"}, {"status", "full"}, {"category", []string{"working", "elderly"}[i%2]}} {
			cs = append(cs, replica.Change{Table: "members", RowID: row, OrgID: "V1", Field: fv[0].(string), Value: fv[1], HLC: hlc(10*i + j), Device: "V1DEV"})
		}
	}
	f.Receive(t, village, append([]replica.Change{{Table: "orgs", RowID: "V1", OrgID: "V1", Field: "org_id", Value: "V1", HLC: hlc(1), Device: "V1DEV"},
		{Table: "orgs", RowID: "V1", OrgID: "V1", Field: "name", Value: "张庄村党支部", HLC: hlc(2), Device: "V1DEV"},
		{Table: "orgs", RowID: "V1", OrgID: "V1", Field: "kind", Value: "village", HLC: hlc(3), Device: "V1DEV"}}, cs...)...)
	// The township's own.
	var ids []string
	for i, name := range []string{"张三丰", "张珊", "赵六", "王建国", "王建华", "李四", "刘一", "吕二", "zhang", "阿依古丽·买买提"} {
		ids = append(ids, f.AddMember(t, name, fmt.Sprintf("19%02d-0%d-1%d", 60+i, 1+i%9, i), "2005-07-01", 20+i))
	}
	check := func(when string) {
		t.Helper()
		home, _ := f.DB.Home(f.Ctx)
		for _, q := range []string{"", "z", "zh", "zs", "zeng", "ceng", "shan", "dan", "ou", "oy", "wjg", "wangjian", "wang jian", "王", "王建", "三",
			"·", "Z", "ZS", "ZHANG", "1", "12", "0X", "x", "%", "_", `\`, "lv", "l", "qqq"} {
			for _, flt := range []store.MemberFilter{{Query: q}, {Query: q, All: true}, {Query: q, OrgID: "V1"}, {Query: q, OrgID: home.ID, Limit: 3},
				{Query: q, Category: "elderly", All: true}} {
				got, err := f.DB.Members(f.Ctx, flt)
				if err != nil {
					t.Fatal(err)
				}
				want, err := f.DB.MembersFromTable(f.Ctx, flt)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: %+v:\n in memory %v\n the table %v", when, flt, names(got), names(want))
				}
			}
		}
	}
	check("after the merge")
	if ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{Query: "zengguo"}); len(ms) != 1 || ms[0].Name != "曾国藩" {
		t.Fatalf("zengguo finds %v", names(ms))
	}
	// Edits: a name, a member leaving the roll, a deletion.
	m, err := f.DB.Member(f.Ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	m.Name = "钱三丰"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	if ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{Query: "qsf"}); len(ms) != 1 || ms[0].ID != ids[0] {
		t.Fatalf("the renamed member is not found by the new name: %v", names(ms))
	}
	if ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{Query: "zsf"}); len(ms) != 0 {
		t.Fatalf("the renamed member is still found by the old name: %v", names(ms))
	}
	m, _ = f.DB.Member(f.Ctx, ids[1])
	m.State, m.StateDate = "deceased", "2026-01-05"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.DeleteMember(f.Ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	check("after the edits")
	// A name changed in the village, merged here.
	f.Receive(t, village, replica.Change{Table: "members", RowID: "v1m2", OrgID: "V1", Field: "name", Value: "孙三", HLC: replica.MakeHLC(storetest.DefaultTime.Add(time.Hour), 1), Device: "V1DEV"})
	if ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{Query: "ss", OrgID: "V1"}); len(ms) != 1 || ms[0].Name != "孙三" {
		t.Fatalf("the merged name is not found: %v", names(ms))
	}
	check("after a merged change")
}

func names(ms []store.Member) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name+"/"+m.State)
	}
	return out
}

// A listing leaves photos out; saving a member from it keeps the stored photo.
func TestSavingAListedMemberKeepsItsPhoto(t *testing.T) {
	f := storetest.Village(t)
	photo := []byte("a photo of the member")
	id, err := f.DB.AddMember(f.Ctx, store.Member{Name: "张三", IDNumber: storetest.ValidID("1970-01-02", 3), JoinedDate: "2000-07-01", Photo: photo})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{Query: "zs"})
	if err != nil || len(ms) != 1 || ms[0].Photo != nil {
		t.Fatalf("listing: %v %v", ms, err)
	}
	ms[0].Phone = "13800000000"
	if err := f.DB.UpdateMember(f.Ctx, ms[0]); err != nil {
		t.Fatal(err)
	}
	m, err := f.DB.Member(f.Ctx, id)
	if err != nil || string(m.Photo) != string(photo) || m.Phone != "13800000000" {
		t.Fatalf("after saving: photo %q phone %s %v", m.Photo, m.Phone, err)
	}
}

// Searches from several goroutines while members are added (the UI searching while a sync
// or an import writes): each sees a whole roster, and the last search sees every member.
func TestMemberSearchWhileWriting(t *testing.T) {
	f := storetest.Village(t)
	done := make(chan error)
	for g := 0; g < 3; g++ {
		go func() {
			var err error
			for i := 0; i < 30 && err == nil; i++ {
				_, err = f.DB.Members(f.Ctx, store.MemberFilter{Query: "z"})
			}
			done <- err
		}()
	}
	for i := 0; i < 30; i++ {
		f.AddMember(t, "张"+string(rune('一'+i)), fmt.Sprintf("1970-01-%02d", 1+i%28), "2000-07-01", 2*i+1)
	}
	for g := 0; g < 3; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{Query: "z"})
	if err != nil || len(ms) != 30 {
		t.Fatalf("%d members found after the writes, want 30 (%v)", len(ms), err)
	}
}
