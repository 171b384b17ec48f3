package roster

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"zhibu/assets"
)

// catalogPackages are the packages whose messages live in assets/i18n/roster.json.
var catalogPackages = []string{".", "../cnid", "../pinyin"}

// keyArg is the index of the catalog key among the arguments of the assets functions.
var keyArg = map[string]int{"Errorf": 0, "T": 0, "Wrap": 1}

// messageKeys returns every literal catalog key passed to assets.Errorf, assets.Wrap or
// assets.T in the non-test files of dir, with its position.
func messageKeys(t *testing.T, dir string) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "assets" {
				return true
			}
			i, ok := keyArg[sel.Sel.Name]
			if !ok || len(call.Args) <= i {
				return true
			}
			if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					keys[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	return keys
}

// Every message of cnid, pinyin and roster is in the catalog, and roster.json holds no
// message that none of them uses.
func TestMessagesInCatalog(t *testing.T) {
	used := map[string]bool{}
	for _, dir := range catalogPackages {
		for key, pos := range messageKeys(t, dir) {
			used[key] = true
			if !assets.Has(key) {
				t.Errorf("%s: %q is not in the catalog", pos, key)
			}
		}
	}
	b, err := os.ReadFile("../../assets/i18n/roster.json")
	if err != nil {
		t.Fatal(err)
	}
	var catalog map[string]string
	if err := json.Unmarshal(b, &catalog); err != nil {
		t.Fatal(err)
	}
	for key := range catalog {
		if !used[key] {
			t.Errorf("roster.json: %q is used by none of %v", key, catalogPackages)
		}
	}
	if len(used) < 20 {
		t.Errorf("found only %d messages: is the scan broken?", len(used))
	}
}
