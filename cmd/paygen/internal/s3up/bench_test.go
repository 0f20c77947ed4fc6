package s3up

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkStream streams 40 MB per operation into the local server through Stream
// (5 MiB parts, concurrency 2) and reports the peak Go heap seen while streaming, to
// check the memory bound (about PartSize × (Concurrency+2) = 20 MiB plus the SDK).
func BenchmarkStream(b *testing.B) {
	if serverSkip != "" {
		b.Skip(serverSkip)
	}
	const size = 40_000_000
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	u, err := New(context.Background(), testConfig(server.Endpoint))
	if err != nil {
		b.Fatal(err)
	}
	peak := heapSampler()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		w, err := u.Stream(context.Background(), fmt.Sprintf("bench/%d/%d", time.Now().UnixNano(), i))
		if err != nil {
			b.Fatal(err)
		}
		for n := 0; n < size; n += len(data) {
			if _, err := w.Write(data[:min(len(data), size-n)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
}

// heapSampler samples the live heap every millisecond until the returned function is called,
// which reports the maximum seen.
func heapSampler() func() uint64 {
	var stop atomic.Bool
	var max uint64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for !stop.Load() {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max {
				max = v
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return func() uint64 { stop.Store(true); wg.Wait(); return max }
}
