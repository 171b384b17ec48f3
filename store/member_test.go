package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/storetest"
)

func problems(err error) map[string]string {
	out := map[string]string{}
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			out[p.Field] = p.Err.Chinese()
		}
	}
	return out
}

func TestValidateMember(t *testing.T) {
	now := storetest.DefaultTime
	male := storetest.ValidID("1980-05-06", 13)   // odd: male
	female := storetest.ValidID("1980-05-06", 24) // even: female
	badCheck := male[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", male[17])+1)%11])
	cases := []struct {
		name  string
		m     store.Member
		field string // "" when valid
		want  string // part of the Chinese message
	}{
		{"valid", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01"}, "", ""},
		{"no name", store.Member{IDNumber: male, JoinedDate: "2005-07-01"}, "name", "姓名"},
		{"check digit", store.Member{Name: "张三", IDNumber: badCheck, JoinedDate: "2005-07-01"}, "id_number", "核对"},
		{"short id", store.Member{Name: "张三", IDNumber: "41092819800506", JoinedDate: "2005-07-01"}, "id_number", "18"},
		{"birth mismatch", store.Member{Name: "张三", IDNumber: male, BirthDate: "1980-05-07", JoinedDate: "2005-07-01"}, "birth_date", "不一致"},
		{"gender mismatch", store.Member{Name: "李梅", Gender: "male", IDNumber: female, JoinedDate: "2005-07-01"}, "gender", "不一致"},
		{"gender label ok", store.Member{Name: "李梅", Gender: "女", IDNumber: female, JoinedDate: "2005-07-01"}, "", ""},
		{"joined before 18", store.Member{Name: "张三", IDNumber: male, JoinedDate: "1998-05-05"}, "joined_date", "18"},
		{"joined on 18th birthday", store.Member{Name: "张三", IDNumber: male, JoinedDate: "1998-05-06"}, "", ""},
		{"no joined", store.Member{Name: "张三", IDNumber: male}, "joined_date", "入党时间"},
		{"joined in future", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2027-01-01"}, "joined_date", "未来"},
		{"bad date", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-02-30"}, "joined_date", "日期"},
		{"confirmed too early", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", ConfirmedDate: "2006-06-30"}, "confirmed_date", "一年"},
		{"confirmed after one year", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", ConfirmedDate: "2006-07-01"}, "", ""},
		{"confirmed after extension", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", ConfirmedDate: "2007-07-01"}, "", ""},
		{"confirmed too late", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", ConfirmedDate: "2007-07-02"}, "confirmed_date", "两年"},
		{"probationary with date", store.Member{Name: "张三", Status: "预备党员", IDNumber: male, JoinedDate: "2005-07-01", ConfirmedDate: "2006-07-01"}, "confirmed_date", "预备党员"},
		{"bad phone", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", Phone: "12345"}, "phone", "手机"},
		{"landline ok", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", Phone: "0393-8123456"}, "", ""},
		{"bad category", store.Member{Name: "张三", IDNumber: male, JoinedDate: "2005-07-01", Category: "退休"}, "category", "夕阳红"},
		{"digits in name", store.Member{Name: "张三1", IDNumber: male, JoinedDate: "2005-07-01"}, "name", "数字"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.m
			err := store.ValidateMember(&m, now)
			ps := problems(err)
			if c.field == "" {
				if err != nil {
					t.Fatalf("unexpected problems: %v", err)
				}
				return
			}
			msg, ok := ps[c.field]
			if !ok {
				t.Fatalf("no problem with %s; got %v", c.field, ps)
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("%s: message %q lacks %q", c.field, msg, c.want)
			}
		})
	}
}

func TestValidateFillsFromIDNumber(t *testing.T) {
	m := store.Member{Name: "王芳", IDNumber: " " + strings.ToLower(storetest.ValidID("1990-12-31", 2)) + " ", JoinedDate: "2015-07-01"}
	if err := store.ValidateMember(&m, time.Now()); err != nil {
		t.Fatal(err)
	}
	if m.BirthDate != "1990-12-31" || m.Gender != "female" || strings.TrimSpace(m.IDNumber) != m.IDNumber {
		t.Fatalf("got birth=%s gender=%s id=%q", m.BirthDate, m.Gender, m.IDNumber)
	}
}

func TestDuplicateIDNumberRefused(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1980-01-01", "2005-07-01", 11)
	_, err := f.DB.AddMember(f.Ctx, store.Member{Name: "张叁", IDNumber: storetest.ValidID("1980-01-01", 11), JoinedDate: "2005-07-01"})
	if msg := problems(err)["id_number"]; !strings.Contains(msg, "张三") {
		t.Fatalf("duplicate not refused with the other member's name: %v", err)
	}
}

func TestSearchMembers(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1980-01-01", "2005-07-01", 11)
	f.AddMember(t, "曾国藩", "1960-01-01", "1985-07-01", 21)
	f.AddMember(t, "单雄信", "1961-01-01", "1985-07-01", 31)
	f.AddMember(t, "李四", "1970-01-01", "1995-07-01", 41)
	f.AddMember(t, "阿依古丽·买买提", "1972-01-01", "1998-07-01", 52)
	names := func(q string) string {
		ms, err := f.DB.Members(f.Ctx, store.MemberFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return strings.Join(out, ",")
	}
	cases := map[string]string{
		"zs":     "张三",
		"ZS":     "张三",
		"zhang":  "张三",
		"zgf":    "曾国藩",
		"zengg":  "曾国藩",
		"cengg":  "曾国藩", // the common reading also matches
		"shanx":  "单雄信",
		"li":     "李四",
		"国":      "曾国藩",
		"ayi":    "阿依古丽·买买提",
		"0411":   "张三",
		"":       "阿依古丽·买买提,李四,单雄信,曾国藩,张三",
		"qqq":    "",
		"100%":   "",
		"a_":     "",
		"1 0 01": "",
	}
	// ID tail: the ID of 张三 ends with seq 011 + check digit.
	tail := storetest.ValidID("1980-01-01", 11)[14:]
	cases[tail] = "张三"
	delete(cases, "0411")
	for q, want := range cases {
		if got := names(q); got != want {
			t.Errorf("query %q: got %q want %q", q, got, want)
		}
	}
}
