// Package demo fills an empty database with realistic demo data: villages, party groups and
// members with plausible names, valid ID numbers, joining dates and categories.
package demo

import (
	"context"
	"fmt"
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
	surnames    = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解")
	maleGiven   = []string{"建国", "建华", "国强", "志强", "德明", "振华", "文斌", "海涛", "永福", "长青", "卫东", "红军", "保国", "春生", "新民", "立新", "大伟", "小龙", "俊杰", "浩然", "宇航", "子豪", "明", "军", "伟", "强", "磊", "洋", "勇", "刚", "峰", "超", "涛", "斌", "鹏", "辉", "健"}
	femaleGiven = []string{"秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍", "丽华", "红梅", "春梅", "海燕", "晓燕", "雪梅", "静", "敏", "丽", "艳", "娟", "霞", "芳", "燕", "玲", "婷", "欣怡", "梦瑶", "思雨", "雅琪", "佳怡"}
	villages    = []string{"张庄村", "李寨村", "王楼村", "刘店村", "陈营村", "杨湾村", "黄庄村", "赵屯村", "吴集村", "周口村", "徐家村", "孙营村", "马庄村", "朱楼村", "胡寨村", "郭店村", "何湾村", "高庄村", "林村", "罗寨村", "郑楼村", "梁庄村", "谢营村", "宋集村", "唐庄村", "许楼村", "韩寨村", "冯庄村", "邓湾村", "曹营村", "彭楼村", "曾庄村", "肖寨村", "田庄村", "董营村", "袁楼村", "潘庄村", "于寨村", "蒋庄村", "蔡楼村"}
	education   = []string{"小学", "初中", "初中", "初中", "高中", "高中", "中专", "大专", "本科"}
	ethnicities = []string{"汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族"}
	groupNames  = []string{"第一党小组", "第二党小组", "第三党小组", "第四党小组"}
)

// Fill adds demo data to a freshly set-up database: for a village its groups and members,
// for a township that many villages with theirs. It refuses a database that already has members.
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
	g := &gen{r: rand.New(rand.NewPCG(opt.Seed, 0x5a4842)), now: db.Now(), region: "410928", ids: map[string]bool{}}
	// One transaction: the demo is all there or not at all. Every record goes through the
	// domain's operations, so it keeps the same rules as one typed in.
	return db.Write(ctx, func(tx *store.Tx) error {
		if role == store.RoleTownship {
			n := opt.Villages
			if n <= 0 {
				n = 5
			}
			if n > len(villages) {
				n = len(villages)
			}
			for i := 0; i < n; i++ {
				code := fmt.Sprintf("%s%03d", home.Code, i+1)
				id, err := tx.DB().AddOrg(ctx, store.Org{Code: code, Name: villages[i] + "党支部", Kind: store.KindVillage, ParentID: home.ID})
				if err != nil {
					return err
				}
				if err := g.village(ctx, tx, id, 15+g.r.IntN(50)); err != nil {
					return err
				}
			}
			return nil
		}
		return g.village(ctx, tx, home.ID, 36+g.r.IntN(20))
	})
}

type gen struct {
	r      *rand.Rand
	now    time.Time
	region string
	ids    map[string]bool
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) date(from, to time.Time) time.Time {
	span := to.Sub(from).Hours() / 24
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
		m := g.member(orgID)
		m.GroupID = groups[g.r.IntN(len(groups))]
		switch i {
		case 0:
			m.Position = "secretary"
		case 1:
			m.Position = "deputy"
		case 2, 3, 4:
			m.Position = "committee"
		}
		if i < 5 {
			m.Status, m.ConfirmedDate, m.Category = "full", "", "working"
			m = g.ensureFull(m)
		}
		if _, err := tx.AddMember(ctx, m); err != nil {
			return fmt.Errorf("demo member %s: %w", m.Name, err)
		}
	}
	if err := g.meetings(ctx, tx, orgID); err != nil {
		return err
	}
	if err := g.lifecycle(ctx, tx, orgID); err != nil {
		return err
	}
	return g.branchAffairs(ctx, tx, orgID)
}

func (g *gen) ensureFull(m store.Member) store.Member {
	j, _ := time.Parse(time.DateOnly, m.JoinedDate)
	if j.AddDate(1, 0, 0).After(g.now) {
		// Committee members are full members: move the joining date back 3–12 years, but
		// never before the 18th birthday (members are at least 21, so that date exists).
		j = g.now.AddDate(-3-g.r.IntN(10), 0, 0)
		b, _ := time.Parse(time.DateOnly, m.BirthDate)
		if adult := b.AddDate(18, 0, 0); j.Before(adult) {
			j = adult
		}
		m.JoinedDate = j.Format(time.DateOnly)
	}
	m.ConfirmedDate = j.AddDate(1, 0, 0).Format(time.DateOnly)
	return m
}

// member makes one plausible member: age 20–88, joined after 18, a valid ID number.
func (g *gen) member(orgID string) store.Member {
	male := g.r.IntN(100) < 72 // rural branches are mostly men
	given := g.pick(femaleGiven)
	if male {
		given = g.pick(maleGiven)
	}
	name := string(surnames[g.r.IntN(len(surnames))]) + given
	birth := g.date(g.now.AddDate(-88, 0, 0), g.now.AddDate(-21, 0, 0))
	joinFrom := birth.AddDate(18, 0, 0)
	joined := g.date(joinFrom, g.now.AddDate(0, -2, 0))
	m := store.Member{OrgID: orgID, Name: name, Ethnicity: g.pick(ethnicities), Education: g.pick(education),
		BirthDate: birth.Format(time.DateOnly), JoinedDate: joined.Format(time.DateOnly), IDNumber: g.idNumber(birth, male),
		Phone: fmt.Sprintf("1%d%09d", 3+g.r.IntN(7), g.r.IntN(1e9)), Address: "本村" + fmt.Sprint(1+g.r.IntN(9)) + "组"}
	if male {
		m.Gender = "male"
	} else {
		m.Gender = "female"
	}
	if joined.AddDate(1, 0, 0).After(g.now) {
		m.Status = "probationary"
	} else {
		m.Status = "full"
		m.ConfirmedDate = joined.AddDate(1, 0, 0).Format(time.DateOnly)
	}
	age := g.now.Year() - birth.Year()
	switch {
	case age >= 70:
		m.Category = "elderly"
	case age < 45 && g.r.IntN(100) < 35:
		m.Category = "floating"
	case g.r.IntN(100) < 30:
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
