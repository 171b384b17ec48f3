package store

import "context"

type progressKey struct{}

// Progress is told how far a long operation (a roster import) has got: done of total.
type Progress func(done, total int)

// WithProgress returns a context whose long operations report their progress to fn; the
// CLI prints it, the GUI shows it in its busy dialog.
func WithProgress(ctx context.Context, fn Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

// progress reports done of total to the context's Progress, if any, every step items and
// at the end.
func progress(ctx context.Context, done, total, step int) {
	fn, _ := ctx.Value(progressKey{}).(Progress)
	if fn != nil && (done == total || done%step == 0) {
		fn(done, total)
	}
}
