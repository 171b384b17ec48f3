// Package assets embeds the fonts, icons, translation catalogs and notice templates of Zhibu
// and exports typed accessors for them.
package assets

import (
	"embed"
	_ "embed"
)

//go:embed fonts/wqy-microhei.ttf
var fontCJK []byte

// FontCJK returns WenQuanYi Micro Hei (first face of the collection, Apache-2.0), the one
// font used by the GUI theme and by every PDF.
func FontCJK() []byte { return fontCJK }

// FontCJKName is the file name of FontCJK, for APIs that want one.
const FontCJKName = "wqy-microhei.ttf"

//go:embed i18n/*.json
var catalogFS embed.FS

//go:embed icons/zhibu.png
var icon []byte

// Icon returns the application icon (PNG, 256×256).
func Icon() []byte { return icon }
