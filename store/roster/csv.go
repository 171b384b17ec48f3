package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"zhibu/assets"
)

// readCSV reads a CSV roster in UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or GBK/GB18030 (what Excel on Chinese Windows writes), separated by
// commas, tabs or semicolons.
func (fm *Format) readCSV(name string, r io.Reader) (*File, error) {
	b, err := readAllBounded(name, r)
	if err != nil {
		return nil, err
	}
	if enc := unsupportedEncoding(b); enc != "" {
		return nil, assets.Errorf("%s is written in an encoding this program cannot read (%s). Open it in Excel or WPS and save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx), then import that file.", name, enc)
	}
	text, err := decode(b)
	if err != nil {
		return nil, assets.Wrap(err, "%s is not a text file that can be read. Open it in Excel or WPS, save it as CSV or as an Excel workbook (.xlsx), and import that file.", name)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffComma(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows []row
	// Excel shows each line of the file as a row, blank lines included, but a quoted cell
	// may span lines and the csv package skips blank lines: number rows from line positions.
	n, nextLine := 0, 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, assets.Wrap(err, "Line %d of %s cannot be read as CSV; check its quotation marks, or open the file in Excel or WPS and save it again.", line, name)
		}
		start, _ := cr.FieldPos(0)
		n += 1 + start - nextLine // blank lines skipped by the csv reader
		last, _ := cr.FieldPos(len(rec) - 1)
		nextLine = last + strings.Count(rec[len(rec)-1], "\n") + 1
		if len(rows) >= MaxRows+headerSearchRows {
			return nil, tooManyRows(name)
		}
		if len(rec) > MaxColumns {
			return nil, tooManyColumns(name)
		}
		rows = append(rows, row{n: n, cells: rec})
	}
	f, ok := fm.parse(rows, false)
	if !ok {
		return nil, noHeader(name)
	}
	return f, nil
}

// decode returns the text of a CSV file as UTF-8.
func decode(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("\xfe\xff")):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		return string(out), err
	case !utf8.Valid(b):
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		return string(out), err
	}
	return string(b), nil
}

// unsupportedEncoding names the encoding of a file that is neither UTF-8, UTF-16 with a
// byte-order mark nor GBK/GB18030, when it can tell: UTF-16 without a byte-order mark (every
// comma and digit comes with a zero byte), or a roster header written in Big5 (Taiwan, Hong
// Kong) or Shift-JIS (Japan), which would otherwise be read as GBK gibberish.
func unsupportedEncoding(b []byte) string {
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return ""
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "UTF-16"
	}
	if utf8.Valid(b) {
		return ""
	}
	head := b[:min(len(b), 4096)]
	if gbk, err := simplifiedchinese.GB18030.NewDecoder().Bytes(head); err == nil && strings.Contains(string(gbk), "姓名") {
		return ""
	}
	for _, e := range []struct {
		name string
		dec  *encoding.Decoder
	}{{"Big5", traditionalchinese.Big5.NewDecoder()}, {"Shift-JIS", japanese.ShiftJIS.NewDecoder()}} {
		if t, err := e.dec.Bytes(head); err == nil && strings.Contains(string(t), "姓名") {
			return e.name
		}
	}
	return ""
}

// sniffComma returns the separator that occurs most often on the first line: a comma unless
// the file is tab- or semicolon-separated.
func sniffComma(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	comma, best := ',', strings.Count(line, ",")
	for _, c := range []rune{'\t', ';'} {
		if n := strings.Count(line, string(c)); n > best {
			comma, best = c, n
		}
	}
	return comma
}

func noHeader(name string) *assets.Error {
	return assets.Errorf("No column titled 姓名 was found in the first rows of %s. Put the column titles (姓名, 性别, 身份证号码 …) in one row above the members and try again.", name)
}
