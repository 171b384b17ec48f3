package pinyin

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"张三", []string{"zs", "zhangsan"}},
		{"曾国藩", []string{"zgf", "zengguofan", "cgf", "cengguofan"}},
		{"单雄信", []string{"sxx", "shanxiongxin", "dxx", "danxiongxin"}},
		{"解缙", []string{"xj", "xiejin", "jj", "jiejin"}},
		{"仇英", []string{"qy", "qiuying", "cy", "chouying"}},
		{"区志强", []string{"ozq", "ouzhiqiang", "qzq", "quzhiqiang"}},
		{"朴槿惠", []string{"pjh", "piaojinhui", "pujinhui"}},
		{"查良镛", []string{"zly", "zhaliangyong", "cly", "chaliangyong"}},
		{"覃振", []string{"qz", "qinzhen", "tz", "tanzhen"}},
		{"尉迟恭", []string{"ycg", "yuchigong", "wcg", "weichigong"}},
		{"万俟卨", []string{"mqx", "moqixie", "wqx", "wanqixie"}},
		{"长孙无忌", []string{"zswj", "zhangsunwuji"}},
		{"长城", []string{"cc", "changcheng", "zc", "zhangcheng"}},
		{"澹台明", []string{"ttm", "tantaiming", "dtm", "dantaiming"}},
		{"乐毅", []string{"yy", "yueyi", "ly", "leyi"}},
		{"盖聂", []string{"gn", "genie", "gainie"}},
		{"缪可", []string{"mk", "miaoke", "mouke"}},
		{"翟志刚", []string{"zzg", "zhaizhigang", "dzg", "dizhigang"}},
		{"牟其中", []string{"mqz", "mouqizhong", "muqizhong"}},
		{"沈从文", []string{"scw", "shencongwen"}},
		{"吕布", []string{"lb", "lvbu"}},
		{"阿依古丽·买买提", []string{"ayglmmt", "ayigulimaimaiti"}},
		{"张 三", []string{"zs", "zhangsan"}},
		{"王A", []string{"wa", "wanga"}},
		{"Ｌｉ明2", []string{"lim2", "liming2"}},
		{"", []string{}},
		{"·", []string{}},
	}
	for _, tt := range tests {
		if got := Keys(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestInitialsFull(t *testing.T) {
	tests := []struct{ name, initials, full string }{
		{"曾国藩", "zgf", "zengguofan"},
		{"单田芳", "stf", "shantianfang"},
		{"尉迟恭", "ycg", "yuchigong"},
		{"张三", "zs", "zhangsan"},
		{"欧阳修", "oyx", "ouyangxiu"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Initials(tt.name); got != tt.initials {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.initials)
		}
		if got := Full(tt.name); got != tt.full {
			t.Errorf("Full(%q) = %q, want %q", tt.name, got, tt.full)
		}
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		name, query string
		want        bool
	}{
		{"张三", "zs", true},
		{"张三", "zhang", true},
		{"张三", "ZhangS", true},
		{"张三", "zhang san", true},
		{"张三", "ｚｓ", true},
		{"张三", "", true},
		{"张三", "san", false},
		{"张三", "zsf", false},
		{"曾国藩", "zengg", true},
		{"曾国藩", "cengg", true},
		{"曾国藩", "zgf", true},
		{"曾国藩", "cgf", true},
		{"曾国藩", "zeng'guo", true},
		{"曾国藩", "zhang", false},
		{"阿依古丽·买买提", "ayi", true},
		{"尉迟恭", "yuchi", true},
		{"尉迟恭", "weichi", true},
	}
	for _, tt := range tests {
		if got := Matches(Keys(tt.name), tt.query); got != tt.want {
			t.Errorf("Matches(Keys(%q), %q) = %v, want %v", tt.name, tt.query, got, tt.want)
		}
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	keys := Keys("曾国藩")
	q := NewQuery("cengg")
	if n := testing.AllocsPerRun(100, func() { q.Match(keys) }); n != 0 {
		t.Errorf("Match allocates %v times, want 0", n)
	}
}

func TestSortKey(t *testing.T) {
	// In pinyin order with surname readings; same syllable: by tone, then by character.
	want := []string{
		"Anna",
		"阿依古丽·买买提",
		"白雪",
		"黎明",  // lí
		"李明",  // lǐ
		"李明华", // longer name with the same start
		"李铭",  // míng after 明 by code point
		"连杰",  // lian after li
		"刘备",  // liu
		"卢俊义", // lu
		"吕布",  // lü after lu
		"万俟卨", // mòqí
		"区志强", // ōu, U+533A
		"欧阳修", // ōu, U+6B27
		"单雄信", // shàn
		"王五",  // wang
		"尉迟恭", // yùchí
		"曾国藩", // zēng
		"张 三", // same pinyin, different text: ordered by the text
		"张三",  // zhang
		"张三丰",
		"赵六",
	}
	got := slices.Clone(want)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
	sort.Slice(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
	if !slices.Equal(got, want) {
		t.Errorf("sorted by SortKey:\n got %q\nwant %q", got, want)
	}
	for _, name := range want {
		if k := SortKey(name); slices.Contains([]byte(k), 0) {
			t.Errorf("SortKey(%q) contains a NUL byte", name)
		}
	}
}

func TestConcurrent(t *testing.T) {
	done := make(chan bool)
	for range 4 {
		go func() {
			for range 200 {
				_ = SortKey("曾国藩")
				_ = Keys("尉迟恭")
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}

func BenchmarkMatch(b *testing.B) {
	names := []string{"张三", "曾国藩", "阿依古丽·买买提", "尉迟恭", "李明华"}
	keys := make([][]string, 30000)
	for i := range keys {
		keys[i] = Keys(names[i%len(names)])
	}
	q := NewQuery("zengg")
	b.ResetTimer()
	for b.Loop() {
		for _, k := range keys {
			q.Match(k)
		}
	}
}

func BenchmarkKeys(b *testing.B) {
	for b.Loop() {
		Keys("曾国藩")
	}
}
