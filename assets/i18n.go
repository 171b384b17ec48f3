package assets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"sync"
)

// The translation catalog maps an English message, used as the key and as the English text,
// to its Simplified Chinese form. Keys may contain fmt verbs; the Chinese text uses the same
// verbs in the same order. The catalog is split into one JSON file per area (i18n/*.json) so
// that areas can grow independently; a key defined twice is an error found by the tests.

var (
	catalogOnce sync.Once
	catalog     map[string]string
	catalogErr  error
)

func loadCatalog() {
	catalog = map[string]string{}
	files, _ := fs.Glob(catalogFS, "i18n/*.json")
	sort.Strings(files)
	for _, name := range files {
		b, err := catalogFS.ReadFile(name)
		if err != nil {
			catalogErr = err
			return
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			catalogErr = fmt.Errorf("catalog %s: %w", name, err)
			return
		}
		for k, v := range m {
			if _, dup := catalog[k]; dup {
				catalogErr = fmt.Errorf("catalog %s: key %q defined twice", name, k)
			}
			catalog[k] = v
		}
	}
}

// Catalog returns the whole translation catalog and any error found while loading it.
func Catalog() (map[string]string, error) {
	catalogOnce.Do(loadCatalog)
	return catalog, catalogErr
}

// T translates the English message key into Simplified Chinese and formats it with args.
// A key missing from the catalog is shown in English (the tests make sure none is missing).
func T(key string, args ...any) string {
	catalogOnce.Do(loadCatalog)
	s, ok := catalog[key]
	if !ok {
		s = key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether key is in the catalog.
func Has(key string) bool {
	catalogOnce.Do(loadCatalog)
	_, ok := catalog[key]
	return ok
}

// Error is an error meant for a person: Key is an English catalog key with fmt verbs, so the
// error reads in English through Error() and in Chinese through Chinese().
type Error struct {
	Key  string
	Args []any
	Err  error // the underlying cause, if any; not shown to users
}

// Errorf returns a user-facing error with the catalog key and its arguments.
func Errorf(key string, args ...any) *Error { return &Error{Key: key, Args: args} }

// Wrap returns a user-facing error with a cause kept for errors.Is and logs.
func Wrap(err error, key string, args ...any) *Error {
	return &Error{Key: key, Args: args, Err: err}
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return e.Key
	}
	return fmt.Sprintf(e.Key, e.Args...)
}

// Chinese returns the message in Simplified Chinese.
func (e *Error) Chinese() string { return T(e.Key, e.Args...) }

func (e *Error) Unwrap() error { return e.Err }

// Chinese returns the Chinese message of err if it carries a user-facing Error, or a generic
// sentence otherwise (a Go error string is never shown to users).
func Chinese(err error) string {
	var e interface{ Chinese() string } // an *Error, or a list of them such as a validation error
	if errors.As(err, &e) {
		if ae, ok := e.(*Error); !ok || ae.Key != internalKey {
			return e.Chinese()
		}
	}
	if k := diskCause(err); k != "" {
		return T(k)
	}
	return T(internalKey)
}

// English returns the English message of err.
func English(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}
