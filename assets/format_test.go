package assets

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Every translation formats with the arguments its English key takes: no "%!s(int=5)" in
// front of a user. Arguments are made from the key's verbs, in order.
func TestTranslationsFormat(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*([a-zA-Z%])`)
	for k, v := range cat {
		var args []any
		for i, m := range verb.FindAllStringSubmatch(k, -1) {
			switch m[2] {
			case "%":
				continue
			case "d", "x", "c":
				args = append(args, 100+i)
			case "f", "g", "e":
				args = append(args, 1.5+float64(i))
			default:
				args = append(args, fmt.Sprintf("«%d»", i))
			}
		}
		if len(args) == 0 {
			continue
		}
		en, zh := fmt.Sprintf(k, args...), fmt.Sprintf(v, args...)
		for _, s := range []string{en, zh} {
			if strings.Contains(s, "%!") {
				t.Errorf("%q formats badly: %q", k, s)
			}
		}
		for i, a := range args {
			if s := fmt.Sprint(a); !strings.Contains(zh, s) {
				t.Errorf("%q: the translation drops argument %d: %q", k, i+1, zh)
			}
		}
	}
}
