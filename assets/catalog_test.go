package assets

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestCatalogLoads(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]`)
	index := regexp.MustCompile(`\[\d+\]`)
	for k, v := range cat {
		if v == "" {
			t.Errorf("empty translation for %q", k)
		}
		a, b := verbs.FindAllString(k, -1), verbs.FindAllString(v, -1)
		if index.MatchString(v) {
			// Reordered arguments: the same verbs, in any order.
			for i := range b {
				b[i] = index.ReplaceAllString(b[i], "")
			}
			sort.Strings(a)
			sort.Strings(b)
		}
		if strings.Join(a, ",") != strings.Join(b, ",") {
			t.Errorf("verbs differ: %q %v → %q %v", k, a, v, b)
		}
	}
}

// keyCalls are the functions whose argument at the index is a catalog key.
var keyCalls = map[string]int{"T": 0, "Errorf": 0, "Wrap": 1, "usagef": 0, "L": 0}

// keyFields are struct fields whose string value is a catalog key.
var keyFields = map[string]bool{"summary": true, "help": true, "Title": true, "key": true}

// Every literal message in the code must be in the catalog, so no user sees English.
func TestEveryMessageIsTranslated(t *testing.T) {
	fset := token.NewFileSet()
	missing := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := x.Fun.(type) {
				case *ast.SelectorExpr:
					if id, ok := fn.X.(*ast.Ident); ok && (id.Name == "assets" || id.Name == "lang") {
						name = fn.Sel.Name
					}
				case *ast.Ident:
					if fn.Name == "usagef" || (f.Name.Name == "assets" && (fn.Name == "T" || fn.Name == "Errorf")) {
						name = fn.Name
					}
				}
				i, ok := keyCalls[name]
				if ok && len(x.Args) > i {
					check(fset, x.Args[i], missing)
				}
			case *ast.KeyValueExpr:
				if id, ok := x.Key.(*ast.Ident); ok && keyFields[id.Name] {
					check(fset, x.Value, missing)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, where := range missing {
		t.Errorf("%s: %q is not in the catalog (assets/i18n/*.json)", where, k)
	}
}

func check(fset *token.FileSet, e ast.Expr, missing map[string]string) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || s == "" || !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") {
		return
	}
	if !Has(s) {
		missing[s] = fset.Position(lit.Pos()).String()
	}
}

func TestErrorReadsBothLanguages(t *testing.T) {
	e := Errorf("The operation failed because of an internal error. Please try again; if it happens again, contact the township office.")
	if e.Error() == e.Chinese() || !strings.Contains(e.Chinese(), "乡镇") {
		t.Fatalf("en %q zh %q", e.Error(), e.Chinese())
	}
	if Chinese(fs.ErrNotExist) == "" || strings.Contains(Chinese(fs.ErrNotExist), "file does not exist") {
		t.Fatal("a Go error string reached the user")
	}
}
