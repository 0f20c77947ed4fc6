package main

import (
	"fmt"
	"os"
	"os/signal"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// One handler for SIGINT and SIGTERM: it runs the registered clean-ups (newest
// first), prints one line and exits 130. Clean-ups are registered by what a run
// creates (a temporary file, a multipart upload, side files, a $TMPDIR copy) and
// removed when that is published or discarded. A signal before anything exists
// exits 130 too. The main goroutine, which may then fail on a file the clean-up
// closed, waits for the exit instead of reporting that error (issue 13: such runs
// exited 2 with "file already closed").
var (
	interruptMu   sync.Mutex
	interruptFns  = map[int]func(){}
	interruptNext int
	interruptOnce sync.Once
	interrupting  atomic.Bool
)

// catchInterrupts installs the handler (once per process).
func catchInterrupts() {
	interruptOnce.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go func() {
			s := <-ch
			interrupting.Store(true)
			interruptMu.Lock()
			ids := make([]int, 0, len(interruptFns))
			for id := range interruptFns {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			fns := make([]func(), 0, len(ids))
			for _, id := range slices.Backward(ids) {
				fns = append(fns, interruptFns[id])
			}
			interruptMu.Unlock()
			for _, f := range fns {
				f()
			}
			fmt.Fprintf(os.Stderr, "\npaygen: interrupted (%v); nothing was published\n", s)
			os.Exit(130)
		}()
	})
}

// onInterrupt registers a clean-up for SIGINT/SIGTERM and returns its removal.
func onInterrupt(f func()) (remove func()) {
	catchInterrupts()
	interruptMu.Lock()
	id := interruptNext
	interruptNext++
	interruptFns[id] = f
	interruptMu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			interruptMu.Lock()
			delete(interruptFns, id)
			interruptMu.Unlock()
		})
	}
}

// waitIfInterrupted blocks, when a signal is being handled, until the handler
// exits the process with 130: an error the caller got meanwhile is its effect.
func waitIfInterrupted() {
	for interrupting.Load() {
		time.Sleep(time.Second)
	}
}
