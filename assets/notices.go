package assets

import "embed"

//go:embed notices/*.tmpl
var noticeFS embed.FS

// NoticeTemplate returns the built-in wording of a wall notice kind (a text/template with
// the blocks "title", "preface" and "footer"), and false if there is none.
func NoticeTemplate(kind string) (string, bool) {
	b, err := noticeFS.ReadFile("notices/" + kind + ".tmpl")
	if err != nil {
		return "", false
	}
	return string(b), true
}
