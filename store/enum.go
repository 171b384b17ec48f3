package store

import (
	"strings"

	"zhibu/assets"
)

// An enum is a closed list of values kept as English slugs in the database and shown in
// Chinese; input accepts the slug, the Chinese label or a common alias.
type enum struct {
	name    string // English field name, for messages
	values  []enumValue
	aliases map[string]string // extra input forms → slug
}

type enumValue struct {
	slug string
	key  string // catalog key of the label
}

// Label returns the Chinese label of slug (the slug itself if unknown).
func (e *enum) Label(slug string) string {
	for _, v := range e.values {
		if v.slug == slug {
			return assets.T(v.key)
		}
	}
	return slug
}

// Parse returns the slug for an input ("" input gives "" and true).
func (e *enum) Parse(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	for _, v := range e.values {
		if s == v.slug || s == assets.T(v.key) || strings.EqualFold(s, v.key) {
			return v.slug, true
		}
	}
	if slug, ok := e.aliases[s]; ok {
		return slug, true
	}
	return "", false
}

// Slugs lists the values in display order.
func (e *enum) Slugs() []string {
	out := make([]string, len(e.values))
	for i, v := range e.values {
		out[i] = v.slug
	}
	return out
}

// Labels lists the Chinese labels in display order.
func (e *enum) Labels() []string {
	out := make([]string, len(e.values))
	for i, v := range e.values {
		out[i] = assets.T(v.key)
	}
	return out
}

// The member-file enums (DOMAIN.md, 党员档案).
var (
	Gender = &enum{name: "gender", values: []enumValue{{"male", "Male"}, {"female", "Female"}},
		aliases: map[string]string{"男性": "male", "女性": "female", "M": "male", "F": "female"}}
	Status = &enum{name: "status", values: []enumValue{{"full", "Full member"}, {"probationary", "Probationary member"}},
		aliases: map[string]string{"正式": "full", "预备": "probationary"}}
	Position = &enum{name: "position", values: []enumValue{
		{"secretary", "Secretary"}, {"deputy", "Deputy secretary"}, {"committee", "Committee member"}, {"member", "Party member"}},
		aliases: map[string]string{"支部书记": "secretary", "党支部书记": "secretary", "副书记": "deputy", "支委": "committee", "支部委员": "committee", "组织委员": "committee", "宣传委员": "committee", "纪检委员": "committee", "无": "member"}}
	Category = &enum{name: "category", values: []enumValue{
		{"working", "Working"}, {"no_post", "No post"}, {"floating", "Floating (migrant)"}, {"elderly", "Elderly (夕阳红)"}},
		aliases: map[string]string{"在职党员": "working", "无职党员": "no_post", "流动党员": "floating", "外出": "floating", "老党员": "elderly", "夕阳红党员": "elderly"}}
	State = &enum{name: "state", values: []enumValue{
		{"active", "On the roll"}, {"transferred_out", "Transferred out"}, {"suspended", "Membership suspended"}, {"expelled", "Left the party"}, {"deceased", "Deceased"}},
		aliases: map[string]string{"在册党员": "active", "正常": "active", "已转出": "transferred_out", "停止": "suspended", "出党": "expelled", "开除": "expelled", "死亡": "deceased", "已故": "deceased"}}
	// YesNo is a mark that is set or not ("" for no).
	YesNo = &enum{name: "yes or no", values: []enumValue{{"yes", "Yes"}},
		aliases: map[string]string{"是": "yes", "y": "yes", "Y": "yes", "1": "yes", "true": "yes", "√": "yes", "no": "", "否": "", "0": ""}}
)
