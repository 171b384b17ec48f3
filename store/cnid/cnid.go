// Package cnid checks, normalises and masks Chinese resident identity numbers (GB 11643-1999).
package cnid

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"zhibu/assets"
)

// Causes of a validation error, for errors.Is; the error itself is an *assets.Error that
// tells the user what is wrong.
var (
	ErrFormat     = errors.New("cnid: not 17 digits and a check character")
	ErrOldFormat  = errors.New("cnid: 15-digit first-generation number")
	ErrBirthDate  = errors.New("cnid: impossible birth date")
	ErrFuture     = errors.New("cnid: birth date in the future")
	ErrCheckDigit = errors.New("cnid: wrong check digit")
)

// Info is what an ID number says about its holder.
type Info struct {
	BirthDate time.Time // UTC midnight of the birth date
	Male      bool      // from the parity of the 17th digit
	Region    string    // the first 6 digits: the administrative division where it was issued
}

// Validate is ValidateAt with the current time.
func Validate(s string) (Info, error) { return ValidateAt(s, time.Now()) }

// ValidateAt normalises s (see Normalize) and checks it as an 18-character ID number whose
// birth date lies between 1900-01-01 and now. It returns what the number says, or an
// *assets.Error wrapping one of ErrFormat, ErrOldFormat, ErrBirthDate, ErrFuture or
// ErrCheckDigit.
func ValidateAt(s string, now time.Time) (Info, error) {
	s = Normalize(s)
	if s == "" {
		return Info{}, assets.Wrap(ErrFormat, "The ID number is empty. Enter the 18 characters from the ID card.")
	}
	if len(s) == 15 && allDigits(s) {
		return Info{}, assets.Wrap(ErrOldFormat, "%s is an old 15-digit ID number. Enter the 18-character number printed on the current ID card.", s)
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return Info{}, assets.Wrap(ErrFormat, "The ID number %s has %d characters; it must have 18. Check it against the ID card.", s, n)
	}
	if !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X') {
		return Info{}, assets.Wrap(ErrFormat, "The ID number %s may only contain digits, with an X allowed as the last character. Check it against the ID card.", s)
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil || birth.Year() < 1900 {
		return Info{}, assets.Wrap(ErrBirthDate, "The ID number %s contains an impossible birth date (%s). Check it against the ID card.", s, s[6:14])
	}
	y, m, d := now.Date()
	if birth.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return Info{}, assets.Wrap(ErrFuture, "The ID number %s contains a birth date in the future (%s). Check it against the ID card, and check the computer's date.", s, birth.Format(time.DateOnly))
	}
	if CheckDigit(s[:17]) != s[17] {
		return Info{}, assets.Wrap(ErrCheckDigit, "The ID number %s is not valid: one of its characters is wrong or two are swapped. Check every digit against the ID card.", s)
	}
	return Info{BirthDate: birth, Male: (s[16]-'0')%2 == 1, Region: s[:6]}, nil
}

// weights of the 17 digits in ISO 7064 MOD 11-2: 2^(17-i) mod 11.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars maps the weighted sum mod 11 to the check character.
const checkChars = "10X98765432"

// CheckDigit returns the check character ('0'–'9' or 'X') of the first 17 digits of an ID
// number (ISO 7064 MOD 11-2), or 0 if first17 is not 17 ASCII digits.
func CheckDigit(first17 string) byte {
	if len(first17) != 17 || !allDigits(first17) {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Normalize trims s, removes every space inside it (ASCII, full-width and no-break), turns
// full-width digits and x/X into ASCII, upper-cases x, and drops a leading apostrophe (Excel's
// text marker). Anything else is left for ValidateAt to report.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0' || r == '\ufeff' || r == '\u200b':
			continue
		case r >= '０' && r <= '９':
			b.WriteByte(byte(r-'０') + '0')
		case r == 'x' || r == 'Ｘ' || r == 'ｘ':
			b.WriteByte('X')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(b.String(), "'")
}

// Mask hides the middle of an ID number for lists and printed notices: the first 6 and last
// 4 characters stay, the rest become asterisks (410901********2655). A value of 10 characters
// or fewer is masked entirely.
func Mask(s string) string { return mask(s, 6, 4, 10) }

// MaskPhone hides the middle of a phone number: the first 3 and last 4 characters stay
// (138****5678). A value shorter than 8 characters is masked entirely.
func MaskPhone(s string) string { return mask(s, 3, 4, 7) }

// mask keeps head and tail runes of s when s has more than min runes, else stars it all.
func mask(s string, head, tail, min int) string {
	rs := []rune(s)
	if len(rs) <= min {
		return strings.Repeat("*", len(rs))
	}
	return string(rs[:head]) + strings.Repeat("*", len(rs)-head-tail) + string(rs[len(rs)-tail:])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
