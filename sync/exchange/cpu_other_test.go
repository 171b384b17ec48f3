//go:build !unix

package exchange_test

// cpuSeconds is unknown here: no CPU time is reported.
func cpuSeconds() float64 { return 0 }
