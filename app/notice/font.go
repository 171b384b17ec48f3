package notice

import (
	"sync"

	"golang.org/x/image/font/sfnt"

	"zhibu/assets"
)

var (
	fontOnce sync.Once
	fontSfnt *sfnt.Font
	fontErr  error
)

func cjkFont() (*sfnt.Font, error) {
	fontOnce.Do(func() { fontSfnt, fontErr = sfnt.Parse(assets.FontCJK()) })
	return fontSfnt, fontErr
}

// Printable reports whether the notice font can print r. Characters above U+FFFF are
// refused too: the PDF library cannot write them.
func Printable(r rune) bool {
	if r == '\n' || r == ' ' {
		return true
	}
	if r < 0x20 || r > 0xFFFF {
		return false
	}
	f, err := cjkFont()
	if err != nil {
		return false
	}
	var buf sfnt.Buffer
	gi, err := f.GlyphIndex(&buf, r)
	return err == nil && gi != 0
}

// Unprintable returns the first character of s the font cannot print, and false if there
// is none.
func Unprintable(s string) (rune, bool) {
	for _, r := range s {
		if !Printable(r) {
			return r, true
		}
	}
	return 0, false
}

// CheckName refuses a person's name that has a character the font cannot print, naming the
// person, so that nobody's name is posted with a character missing.
func CheckName(name string) error {
	if r, bad := Unprintable(name); bad {
		return assets.Errorf("The name %s has the character %s, which the printing font does not have. Change the name in the member file to a common character (and write the rare one by hand on the printed sheet).", name, string(r))
	}
	return nil
}

// checkText refuses any other text with a character the font cannot print.
func checkText(s string) error {
	if r, bad := Unprintable(s); bad {
		return assets.Errorf("The text \"%s\" has the character %s, which the printing font does not have. Change the text and print again.", s, string(r))
	}
	return nil
}
