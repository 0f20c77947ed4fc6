package world

import (
	"testing"
	"time"
)

func TestZoneOffsetsMatchHourly(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, from := range []int64{time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2025, 10, 10, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2025, 3, 30, 0, 30, 0, 0, time.UTC).Unix()} {
			got := zoneOffsets(loc, from, 24*40)
			for h := range got {
				_, s := time.Unix(from+int64(h)*3600, 0).In(loc).Zone()
				if got[h] != int32(s/60) {
					t.Fatalf("%s from %d hour %d: %d, want %d", name, from, h, got[h], s/60)
				}
			}
		}
	}
}
