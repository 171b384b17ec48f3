package roster

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"

	"zhibu/assets"
	"zhibu/store/cnid"
)

// clean normalises the value of one cell of field f. It returns the cleaned text and a
// problem with the value, if any (the text is still returned so that it can be shown).
// Structured fields hold codes, numbers and short labels: full-width punctuation is folded
// to ASCII and every space removed. Other fields are free text (address, group, notes): only
// full-width letters, digits and spaces are folded, so Chinese punctuation (，。) stays, and
// runs of spaces become one.
func (fm *Format) clean(f, s string, date1904 bool) (string, *assets.Error) {
	switch {
	case f == "name":
		return cleanName(s), nil
	case f == "id_number":
		return cleanID(s)
	case fm.date[f]:
		s = width.Fold.String(s)
		if fs := strings.Fields(s); len(fs) == 2 && timeRe.MatchString(fs[1]) {
			s = fs[0] // 1985-07-01 00:00:00, as older systems export dates
		}
		s = removeSpaces(s)
		if s == "" {
			return "", nil
		}
		d, err := parseDate(s, date1904)
		if err != nil {
			return s, err
		}
		return d, nil
	case fm.structured[f]:
		return removeSpaces(width.Fold.String(s)), nil
	default:
		return strings.Join(strings.Fields(foldText(s)), " "), nil
	}
}

// cleanName removes every space from a name and writes the separator of minority names
// (阿依古丽·买买提) as U+00B7, whatever dot was typed.
func cleanName(s string) string {
	s = removeSpaces(width.Fold.String(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case '.', '•', '・', '‧', '∙', '⋅':
			return '·'
		}
		return r
	}, s)
}

// sciNumber matches a number in scientific notation, as Excel stores an ID number typed into
// a cell formatted as a number (4.10901198507013E+17): its last digits are lost.
var sciNumber = regexp.MustCompile(`^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$`)

func cleanID(s string) (string, *assets.Error) {
	s = cnid.Normalize(width.Fold.String(s))
	if sciNumber.MatchString(s) {
		return s, assets.Errorf("Excel stored this ID number as a number (%s) and lost its last digits. In Excel, format the column as text, type the numbers again, and import the file again.", s)
	}
	return s, nil
}

// foldText folds full-width letters, digits and spaces to ASCII and leaves everything else,
// including full-width Chinese punctuation, alone.
func foldText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - '０' + '0'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// removeSpaces removes every space, including full-width, no-break and zero-width ones.
func removeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// Date forms, after width folding and space removal.
var (
	timeRe    = regexp.MustCompile(`^[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$`)
	ymdRe     = regexp.MustCompile(`^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})[日号]?$`)
	ymRe      = regexp.MustCompile(`^([0-9]{4})[-/.年]([0-9]{1,2})月?$`)
	compactRe = regexp.MustCompile(`^([0-9]{4})([0-9]{2})([0-9]{2})?$`)
	yearRe    = regexp.MustCompile(`^([0-9]{4})年?$`)
	serialRe  = regexp.MustCompile(`^[0-9]{1,7}(?:\.[0-9]+)?$`)
)

// parseDate reads the date forms secretaries type and returns it as YYYY-MM-DD. A month
// without a day (1985-07, 1985年7月, 198507) gives the first day of the month. A plain
// number that is not a year, yyyymm or yyyymmdd is an Excel serial date number in the 1900
// (or, if date1904, the 1904) date system.
func parseDate(s string, date1904 bool) (string, *assets.Error) {
	var y, m, d string
	switch {
	case ymdRe.MatchString(s):
		p := ymdRe.FindStringSubmatch(s)
		y, m, d = p[1], p[2], p[3]
	case ymRe.MatchString(s):
		p := ymRe.FindStringSubmatch(s)
		if s[4] == '.' && p[2] == "1" {
			// A number cell typed as 1985.10 holds 1985.1.
			return "", assets.Errorf("%s could mean January or October (Excel drops the final 0 of 1985.10). Write it as 1985-01 or 1985-10.", s)
		}
		y, m, d = p[1], p[2], "1"
	case compactRe.MatchString(s):
		p := compactRe.FindStringSubmatch(s)
		y, m, d = p[1], p[2], p[3]
		if d == "" {
			d = "1"
		}
	case yearRe.MatchString(s):
		if n, _ := strconv.Atoi(yearRe.FindStringSubmatch(s)[1]); n >= 1800 && n < 2200 {
			return "", assets.Errorf("%s gives only the year. Add at least the month, like 1985-07 or 1985年7月.", s)
		}
		return serialDate(s, date1904)
	case serialRe.MatchString(s):
		return serialDate(s, date1904)
	default:
		return "", assets.Errorf("%s is not a date that can be read. Write it like 1985-07-01, 1985/7/1, 1985.7.1, 1985年7月1日 or 19850701.", s)
	}
	return ymd(s, y, m, d)
}

func ymd(s, y, m, d string) (string, *assets.Error) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if yi < 1800 || mi < 1 || mi > 12 || di < 1 || t.Day() != di {
		return "", assets.Errorf("%s is not a real date: that day does not exist. Check the date.", s)
	}
	return t.Format(time.DateOnly), nil
}

// serialDate converts an Excel serial date number (days since the epoch of the workbook's
// date system; a fraction is the time of day). In the 1900 system Excel counts a 29 February
// 1900 that never was (serial 60), so serials from 61 on are days since 1899-12-30.
func serialDate(s string, date1904 bool) (string, *assets.Error) {
	f, err := strconv.ParseFloat(s, 64)
	n := int(f)
	if err != nil || n < 1 {
		return "", assets.Errorf("%s is not a date that can be read. Write it like 1985-07-01, 1985/7/1, 1985.7.1, 1985年7月1日 or 19850701.", s)
	}
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	case n == 60:
		return "", assets.Errorf("%s is not a real date: that day does not exist. Check the date.", s)
	case n < 60:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	default:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	}
	if t.Year() > 9999 {
		return "", assets.Errorf("%s is not a date that can be read. Write it like 1985-07-01, 1985/7/1, 1985.7.1, 1985年7月1日 or 19850701.", s)
	}
	return t.Format(time.DateOnly), nil
}
