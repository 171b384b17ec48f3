//go:build !unix

package bundle

import "os"

const openFlags = 0

func clearNonblock(*os.File) error { return nil }
