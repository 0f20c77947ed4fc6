package pqwrite_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/pqwrite"
)

// Issue 13: --workers 256 took 2.4 GB, one 10 MB block per worker. The blocks and
// encoders in circulation are capped by the CPUs; more workers do not allocate more
// (bytes allocated by the whole write, which do not depend on timing, within 25 %),
// and write the same bytes. Not parallel: it measures the process's allocations.
func TestManyWorkersDoNotHoldMoreBlocks(t *testing.T) {
	cpu := max(4, 2*runtime.GOMAXPROCS(0))
	b, g := pqwrite.Circulating(256)
	assert.Equal(t, cpu, b)
	assert.Equal(t, (cpu+1)/2, g)
	b, g = pqwrite.Circulating(1)
	assert.Equal(t, 1, b)
	assert.Equal(t, 1, g)

	w := newWorld(t, 200_000)
	write := func(workers int) (allocated uint64, out []byte) {
		var buf bytes.Buffer
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := pqwrite.WriteColumns(&buf, w, generated.Columns, generated.Writers, pqwrite.Options{Workers: workers, RowGroupBlocks: 1, EndBlock: 2}, "t")
		require.NoError(t, err)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, buf.Bytes()
	}
	capped, want := write(cpu)
	many, got := write(256)
	require.True(t, bytes.Equal(want, got), "256 workers wrote other bytes")
	t.Logf("allocated: %d workers %d MB, 256 workers %d MB", cpu, capped>>20, many>>20)
	assert.Less(t, float64(many), 1.25*float64(capped), "256 workers allocate more blocks than %d", cpu)
}
