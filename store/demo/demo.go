// Package demo fills an empty database with realistic demo data: villages, party groups and
// members with plausible names, valid ID numbers, joining dates and categories.
package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
)

// Options control how much demo data is made.
type Options struct {
	Villages int    // for a township: how many villages (default 5)
	Seed     uint64 // random seed; the same seed gives the same data
}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解")
	// Given names by generation: what parents chose in each period (born before 1960,
	// 1960–1979, 1980–1994, from 1995).
	givenByGeneration = []struct {
		before       int // birth year before which this generation's names are used
		male, female []string
	}{
		{1960, []string{"建国", "国强", "德明", "振华", "永福", "长青", "保国", "春生", "新民", "卫东", "解放", "德胜", "树林", "文华", "玉山"},
			[]string{"秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍", "翠花", "玉珍", "素芳"}},
		{1980, []string{"建华", "志强", "卫国", "海涛", "文斌", "立新", "红兵", "建军", "永刚", "伟", "军", "强", "勇", "刚", "东升", "国庆"},
			[]string{"丽华", "红梅", "春梅", "海燕", "雪梅", "丽", "艳", "霞", "芳", "秀梅", "玉梅"}},
		{1995, []string{"大伟", "志刚", "磊", "洋", "峰", "超", "涛", "斌", "鹏", "辉", "健", "亮", "波", "俊", "鑫"},
			[]string{"静", "敏", "娟", "燕", "玲", "婷", "晓燕", "丹", "倩", "莉", "慧"}},
		{9999, []string{"俊杰", "浩然", "宇航", "子豪", "子轩", "浩宇", "博文", "宇轩", "一鸣", "梓睿"},
			[]string{"欣怡", "梦瑶", "思雨", "雅琪", "佳怡", "诗涵", "雨欣", "可馨", "梓萱"}},
	}
	villages    = []string{"张庄村", "李寨村", "王楼村", "刘店村", "陈营村", "杨湾村", "黄庄村", "赵屯村", "吴集村", "周口村", "徐家村", "孙营村", "马庄村", "朱楼村", "胡寨村", "郭店村", "何湾村", "高庄村", "林村", "罗寨村", "郑楼村", "梁庄村", "谢营村", "宋集村", "唐庄村", "许楼村", "韩寨村", "冯庄村", "邓湾村", "曹营村", "彭楼村", "曾庄村", "肖寨村", "田庄村", "董营村", "袁楼村", "潘庄村", "于寨村", "蒋庄村", "蔡楼村"}
	education   = []string{"小学", "初中", "初中", "初中", "高中", "高中", "中专", "大专", "本科"}
	ethnicities = []string{"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族"}
	groupNames  = []string{"第一党小组", "第二党小组", "第三党小组", "第四党小组"}
)

// A village's demo roll has between VillageMembersMin and VillageMembersMax members (the
// first start's offer says so).
const (
	VillageMembersMin = 36
	VillageMembersMax = 55
)

// Fill adds demo data to a freshly set-up database: for a village its groups and members,
// for a township that many villages with theirs. It refuses a database that already has
// members. Each village is made from its own random stream, seeded by the village's code,
// so no two villages look alike; the data covers last year and this year up to today, and
// "zhibu check" on it finds only what was planted (see plan; the planted findings are listed
// in the package tests). A village's own demo plants one of every gap so that each check has
// something to show; a township's villages are mostly in order, a few with one problem each
// (townshipPlans), as a township's home looks on a real day.
func Fill(ctx context.Context, db *store.DB, opt Options) error {
	existing, err := db.Members(ctx, store.MemberFilter{All: true, Limit: 1})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return assets.Wrap(store.ErrInvalid, "Demo data goes only into an empty database; this one already has members.")
	}
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	role, err := db.Role(ctx)
	if err != nil {
		return err
	}
	// One transaction: the demo is all there or not at all. Every record goes through the
	// domain's operations, so it keeps the same rules as one typed in.
	ids := map[string]bool{} // the ID numbers made so far: unique in the whole database
	return db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.MarkDemo(ctx); err != nil {
			return err
		}
		if role == store.RoleTownship {
			n := opt.Villages
			if n <= 0 {
				n = 5
			}
			if n > len(villages) {
				n = len(villages)
			}
			var made []store.Org
			for i := 0; i < n; i++ {
				code := fmt.Sprintf("%s%03d", home.Code, i+1)
				id, err := tx.DB().AddOrg(ctx, store.Org{Code: code, Name: villages[i] + "党支部", Kind: store.KindVillage, ParentID: home.ID})
				if err != nil {
					return err
				}
				g := newGen(opt.Seed, code, db.Now(), ids)
				g.plan = townshipPlan(i)
				if err := g.village(ctx, tx, id, 15+g.r.IntN(50)); err != nil {
					return err
				}
				if err := trainings(ctx, tx, id, i != 3); err != nil { // the fourth village's committee is short of hours
					return err
				}
				made = append(made, store.Org{ID: id, Code: code})
			}
			if err := assessStars(ctx, tx, opt.Seed, made); err != nil {
				return err
			}
			if err := townshipMemberStars(ctx, tx, opt.Seed, made); err != nil {
				return err
			}
			return townshipBranchwork(ctx, tx, made)
		}
		g := newGen(opt.Seed, home.Code, db.Now(), ids)
		g.plan = villagePlan
		if err := g.village(ctx, tx, home.ID, VillageMembersMin+g.r.IntN(VillageMembersMax-VillageMembersMin+1)); err != nil {
			return err
		}
		if err := trainings(ctx, tx, home.ID, true); err != nil {
			return err
		}
		if err := selfAssessStars(ctx, tx); err != nil {
			return err
		}
		return memberStars(ctx, tx, opt.Seed, home)
	})
}

type gen struct {
	r       *rand.Rand
	now     time.Time // the database clock
	today   time.Time // its date at midnight UTC
	history time.Time // the first day of the demo's records: 1 January of last year
	region  string
	ids     map[string]bool
	plan    plan // what goes wrong in this village

	admissions []admission // branch meetings that accepted a candidate (step 15)
}

// newGen makes the random stream of one village: the seed and the village's code. ids are
// the ID numbers already made in this database (shared by every village of a township).
func newGen(seed uint64, code string, now time.Time, ids map[string]bool) *gen {
	h := fnv.New64a()
	h.Write([]byte(code))
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return &gen{r: rand.New(rand.NewPCG(seed, h.Sum64())), now: now, today: today,
		history: time.Date(today.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), region: regionOf(code), ids: ids}
}

// regionOf is the region code the demo's ID numbers start with: the first six digits of the
// organisation's code (a county-level code: 410928 for 范县), so that townships given
// different codes (the county roll-up) never make the same number; 410928 for a code that
// does not start with six digits.
func regionOf(code string) string {
	if len(code) < 6 {
		return "410928"
	}
	for _, c := range code[:6] {
		if c < '0' || c > '9' {
			return "410928"
		}
	}
	return code[:6]
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) date(from, to time.Time) time.Time {
	span := to.Sub(from).Hours() / 24
	if span < 0 {
		return from
	}
	return from.AddDate(0, 0, g.r.IntN(int(span)+1))
}

func (g *gen) village(ctx context.Context, tx *store.Tx, orgID string, n int) error {
	var groups []string
	for i := 0; i < 2+g.r.IntN(2); i++ {
		id, err := tx.DB().AddOrg(ctx, store.Org{OrgID: orgID, Name: groupNames[i], Kind: store.KindGroup, ParentID: orgID})
		if err != nil {
			return err
		}
		groups = append(groups, id)
	}
	for i := 0; i < n; i++ {
		var m store.Member
		switch i {
		case 0:
			m = g.cadre(orgID, "secretary", 42, 62)
		case 1:
			m = g.cadre(orgID, "deputy", 35, 60)
		case 2, 3, 4:
			m = g.cadre(orgID, "committee", 30, 60)
		default:
			m = g.member(orgID, 22, 88)
		}
		m.GroupID = groups[g.r.IntN(len(groups))]
		if _, err := tx.AddMember(ctx, m); err != nil {
			return fmt.Errorf("demo member %s: %w", m.Name, err)
		}
	}
	// The branch keeps dues in the app from the start of the demo's history.
	if err := tx.SetDuesStartMonth(ctx, orgID, g.history.Format("2006-01")); err != nil {
		return err
	}
	if err := g.candidates(ctx, tx, orgID); err != nil {
		return err
	}
	if err := g.meetings(ctx, tx, orgID); err != nil {
		return err
	}
	if err := g.lifecycle(ctx, tx, orgID); err != nil {
		return err
	}
	if err := g.memberPart(ctx, tx, orgID); err != nil {
		return err
	}
	return g.branchAffairs(ctx, tx, orgID)
}

// cadre is a committee member: a full member since before the demo's history (so every
// meeting they chair or record is chaired by a full member), of working age, 在职.
func (g *gen) cadre(orgID, position string, minAge, maxAge int) store.Member {
	m := g.member(orgID, minAge, maxAge)
	m.Position, m.Category, m.Status = position, "working", "full"
	birth, _ := time.Parse(time.DateOnly, m.BirthDate)
	latest := g.history.AddDate(-2-g.r.IntN(8), 0, 0) // joined at least two years before the history
	earliest := birth.AddDate(20, 0, 0)
	if earliest.After(latest) {
		latest = earliest // a young cadre: joined at 20, still years before the history
	}
	j := g.date(earliest, latest)
	m.JoinedDate, m.ConfirmedDate = g.day(j), g.day(j.AddDate(1, 0, 0))
	return m
}

// givenName is a given name of the generation born in that year.
func (g *gen) givenName(birthYear int, male bool) string {
	for _, gen := range givenByGeneration {
		if birthYear < gen.before {
			if male {
				return g.pick(gen.male)
			}
			return g.pick(gen.female)
		}
	}
	return ""
}

// member makes one plausible member aged minAge–maxAge: joined at 20 or later (an applicant
// is at least 18 and is an activist for at least a year first), a valid ID number.
func (g *gen) member(orgID string, minAge, maxAge int) store.Member {
	male := g.r.IntN(100) < 72 // rural branches are mostly men
	birth := g.date(g.today.AddDate(-maxAge, 0, 0), g.today.AddDate(-minAge, 0, 0))
	name := string(surnames[g.r.IntN(len(surnames))]) + g.givenName(birth.Year(), male)
	joinFrom := birth.AddDate(20, g.r.IntN(24), 0)
	if older := birth.AddDate(22+g.r.IntN(30), 0, 0); older.Before(g.today) && g.r.IntN(3) > 0 {
		joinFrom = older // most join in their twenties to forties
	}
	joined := g.date(joinFrom, g.today.AddDate(0, -2, 0))
	m := store.Member{OrgID: orgID, Name: name, Ethnicity: g.pick(ethnicities), Education: g.pick(education),
		BirthDate: birth.Format(time.DateOnly), JoinedDate: joined.Format(time.DateOnly), IDNumber: g.idNumber(birth, male),
		Phone: fmt.Sprintf("1%d%09d", 3+g.r.IntN(7), g.r.IntN(1e9)), Address: fmt.Sprintf("本村%d组%d号", 1+g.r.IntN(9), 1+g.r.IntN(60))}
	if male {
		m.Gender = "male"
	} else {
		m.Gender = "female"
	}
	if joined.AddDate(1, 0, 0).After(g.today) {
		m.Status = "probationary"
	} else {
		m.Status = "full"
		m.ConfirmedDate = joined.AddDate(1, 0, 0).Format(time.DateOnly)
	}
	age := g.today.Year() - birth.Year()
	switch {
	case age >= 70:
		m.Category = "elderly"
	case age < 50 && g.r.IntN(100) < 35:
		m.Category = "floating"
	case g.r.IntN(100) < 25:
		m.Category = "working"
	default:
		m.Category = "no_post"
	}
	return m
}

// idNumber makes a unique, valid 18-character ID number.
func (g *gen) idNumber(birth time.Time, male bool) string {
	for {
		seq := g.r.IntN(500) * 2
		if male {
			seq++
		}
		body := g.region + birth.Format("20060102") + fmt.Sprintf("%03d", seq)
		id := body + string(cnid.CheckDigit(body))
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}
