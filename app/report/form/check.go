package form

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
	"zhibu/store"
)

// Limits on a workbook read, checked on the zip entries before excelize expands anything
// (TECH-NOTES.md "Excel bombs": excelize reads a sheet fully).
const (
	maxUnzipped      = 64 << 20 // all entries together
	maxEntry         = 32 << 20 // one entry (a sheet's XML)
	maxRatio         = 200      // uncompressed ÷ compressed of a large entry
	maxEntries       = 2000
	excelizeUnzipMax = maxUnzipped
)

// ErrBadForm is the cause of every refusal of a workbook.
var ErrBadForm = errors.New("unusable form workbook")

func refuse(key string, args ...any) error {
	return assets.Wrap(ErrBadForm, key, args...)
}

var externalRef = regexp.MustCompile(`\[[0-9]+\]|\[[^\]]+\.xls[xmb]?\]`)

// ReadFile reads a workbook the user chose and checks it (Check): the size before reading,
// then the content. The command line and the window both load forms through it.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, assets.Wrap(err, "Cannot read the file %s. Check the name and that the drive is plugged in.", path)
	}
	if st.Size() > int64(store.MaxFormBytes) {
		return nil, refuse("The form is too large (%.1f MB; at most %d MB). Remove pictures or unused sheets and save it again.", float64(st.Size())/(1<<20), store.MaxFormBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, assets.Wrap(err, "Cannot read the file %s. Check the name and that the drive is plugged in.", path)
	}
	if err := Check(path, data); err != nil {
		return nil, err
	}
	return data, nil
}

// Check refuses, with a Chinese message saying what to do, a workbook that cannot be a form:
// too large, not an .xlsx (an old .xls or one with an opening password), damaged, a zip bomb,
// with macros, or with formulas that refer to other files. name is the file's name.
func Check(name string, data []byte) error {
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".xlsm" || ext == ".xltm" {
		return refuse("%s is a workbook with macros (.xlsm). Zhibu does not keep forms with macros: save it in Excel or WPS as an .xlsx workbook (without macros) and add that.", filepath.Base(name))
	} else if ext == ".xls" || ext == ".et" {
		return refuse("%s is an old-format workbook (%s). Open it in Excel or WPS, save it as an .xlsx workbook and add that.", filepath.Base(name), ext)
	}
	if len(data) > store.MaxFormBytes {
		return refuse("The form is too large (%.1f MB; at most %d MB). Remove pictures or unused sheets and save it again.", float64(len(data))/(1<<20), store.MaxFormBytes>>20)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return refuse("%s has an opening password or is an old .xls workbook. Open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿), save it as .xlsx and add it again.", filepath.Base(name))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return refuse("%s is not an .xlsx workbook or is damaged. Open it in Excel or WPS, save it again as .xlsx and add that.", filepath.Base(name))
	}
	if len(zr.File) > maxEntries {
		return refuse("%s holds too many parts (%d) to be a form. Save it again in Excel or WPS without unused sheets.", filepath.Base(name), len(zr.File))
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > maxEntry || total > maxUnzipped ||
			(zf.UncompressedSize64 > 1<<20 && zf.CompressedSize64 > 0 && zf.UncompressedSize64/zf.CompressedSize64 > maxRatio) {
			return refuse("%s expands to far more data than a form holds (a damaged or malicious file). It was not read; ask the sender for the form again.", filepath.Base(name))
		}
		n := strings.ToLower(zf.Name)
		switch {
		case n == "xl/workbook.xml":
			hasWorkbook = true
		case strings.HasSuffix(n, "vbaproject.bin"):
			return refuse("%s contains macros. Zhibu does not keep forms with macros: save it in Excel or WPS as an .xlsx workbook (without macros) and add that.", filepath.Base(name))
		case strings.HasPrefix(n, "xl/externallinks/"):
			return refuse("Formulas in %s refer to other files (external links), which would not be there when the form is filled. In Excel: 数据 → 编辑链接 → 断开链接; in WPS the same; then save and add it again.", filepath.Base(name))
		}
	}
	if !hasWorkbook {
		return refuse("%s is not an .xlsx workbook or is damaged. Open it in Excel or WPS, save it again as .xlsx and add that.", filepath.Base(name))
	}
	f, err := open(data)
	if err != nil {
		return refuse("%s is not an .xlsx workbook or is damaged. Open it in Excel or WPS, save it again as .xlsx and add that.", filepath.Base(name))
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		cells, err := formulaCells(f, sh)
		if err != nil {
			return refuse("%s is not an .xlsx workbook or is damaged. Open it in Excel or WPS, save it again as .xlsx and add that.", filepath.Base(name))
		}
		for _, c := range cells {
			if externalRef.MatchString(c.formula) {
				return refuse("The formula in %s!%s refers to another file (external link), which would not be there when the form is filled. In Excel: 数据 → 编辑链接 → 断开链接; then save and add it again.", sh, c.ref)
			}
		}
	}
	return nil
}

// open reads a checked workbook with excelize's own expansion limits as a second guard.
func open(data []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: excelizeUnzipMax, UnzipXMLSizeLimit: maxEntry})
}
