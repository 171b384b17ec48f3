package pinyin

import (
	"strings"

	"golang.org/x/text/width"
)

// Query is a search box entry prepared once for matching against the keys of many names:
// full-width letters folded, lower-cased, with spaces and the apostrophes some input
// methods insert between syllables removed.
type Query string

// NewQuery prepares s for Match.
func NewQuery(s string) Query {
	s = strings.ToLower(width.Fold.String(s))
	return Query(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\'', '\u00a0':
			return -1
		}
		return r
	}, s))
}

// Match reports whether q is a prefix of any of keys (as returned by Keys), so "zs", "zhang"
// and "zhangs" all find 张三, and "zengg" and "cengg" both find 曾国藩. An empty query matches
// every name. Match does not allocate. It only looks at pinyin: a query typed in Chinese
// characters should be matched against the name itself.
func (q Query) Match(keys []string) bool {
	if q == "" {
		return true
	}
	for _, k := range keys {
		if strings.HasPrefix(k, string(q)) {
			return true
		}
	}
	return false
}

// Matches is NewQuery(query).Match(keys), for a single test; prepare a Query once when
// testing many names.
func Matches(keys []string, query string) bool { return NewQuery(query).Match(keys) }
