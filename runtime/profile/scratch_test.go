package profile

import (
	"os"
	"testing"
	"time"

	"github.com/paygen/paygen/runtime/colscan/fixture"
)

func TestScratch(t *testing.T) {
	path := "/tmp/prof_scratch.parquet"
	if _, err := os.Stat(path); err != nil {
		if err := fixture.Write(path, fixture.Options{Rows: 200000, Seed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now()
	p, err := Run(path, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(t0))
	f, _ := os.Create("/tmp/prof_scratch.json")
	p.WriteJSON(f)
	f.Close()
}

func TestScratchHTML(t *testing.T) {
	p, err := Run("/tmp/prof_scratch.parquet", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/prof_scratch.html")
	if err := p.WriteHTML(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
