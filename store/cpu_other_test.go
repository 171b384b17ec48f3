//go:build !unix

package store_test

// cpuSeconds is unknown here: the CPU ratio is not reported.
func cpuSeconds() float64 { return 0 }
