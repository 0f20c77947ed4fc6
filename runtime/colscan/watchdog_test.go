package colscan_test

import (
	"os"
	"runtime"
	"time"
)

// watchdog dumps every goroutine to $PAYGEN_FUZZ_STACKS when the returned stop is
// not called within d (a debugging aid for hanging fuzz inputs).
func watchdog(d time.Duration) (stop func()) {
	out := os.Getenv("PAYGEN_FUZZ_STACKS")
	if out == "" {
		return func() {}
	}
	t := time.AfterFunc(d, func() {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		os.WriteFile(out, buf[:n], 0o644)
	})
	return func() { t.Stop() }
}
