package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paygen/paygen/generated"
	"github.com/paygen/paygen/runtime/dataset"
	"github.com/paygen/paygen/runtime/world"
)

// maxRows is the largest --rows generate accepts: the largest row count whose ids
// fit their fixed widths (world.MaxRows: with the shipped schema the 6-digit
// merchant ids bind at 199.9 M), rounded down to a multiple of 10 M. Entity
// tables grow with the rows, so this also bounds the memory of the world.
func maxRows() int64 {
	m := world.MaxRows(generated.Config)
	if m >= 1e7 {
		m -= m % 1e7
	}
	return m
}

// checkRowLimit refuses a row count above maxRows before anything is built.
func checkRowLimit(rows int64) error {
	if m := maxRows(); rows > m {
		return fmt.Errorf("--rows: %s is more than the maximum of %s rows (%s): ids have fixed widths (see 'paygen generate --help')",
			commas(rows), commas(m), dataset.RowLabel(m))
	}
	return nil
}

// Compressed sizes measured with `make bench`: 36 bytes a row at 1 M rows, 67 at
// 20 M (entity populations grow with the rows), up to about 75 beyond.
const (
	minBytesPerRow = 36
	maxBytesPerRow = 75
)

// checkSpace refuses to start a local write that cannot fit: the output's file
// system (or $TMPDIR, for the local copy --validate and --profile keep with --to)
// must have room for the rows at the smallest measured size per row.
func (p *genPlan) checkSpace(freeSpace func(dir string) (int64, bool)) error {
	first, end := p.shardBlocks()
	rows := min(int64(end)*int64(p.w.BlockRows()), p.rows) - int64(first)*int64(p.w.BlockRows())
	dir := filepath.Dir(p.path)
	if p.s3 != nil {
		if !p.validate && !p.profile {
			return nil
		}
		dir = os.TempDir()
	}
	if freeSpace == nil {
		return nil // unknown
	}
	dir = existingParent(dir)
	free, ok := freeSpace(dir)
	if need := rows * minBytesPerRow; ok && need > free {
		return fmt.Errorf("%s rows need about %s to %s (%d to %d bytes a row), but %s has %s free",
			commas(rows), megabytes(need), megabytes(rows*maxBytesPerRow), minBytesPerRow, maxBytesPerRow, dir, megabytes(free))
	}
	return nil
}

// existingParent is dir, or its nearest ancestor that exists (the output
// directory is created when the file is written).
func existingParent(dir string) string {
	for {
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return dir
		}
		dir = up
	}
}

// preflight runs the checks that need the plan before generate writes anything.
//
// freeSpace returns the bytes available to an unprivileged user on the file
// system holding dir (ok false where it cannot be known): deps.freeSpace.
func (p *genPlan) preflight(freeSpace func(dir string) (int64, bool)) error {
	if err := p.checkProfileTarget(); err != nil {
		return err
	}
	return p.checkSpace(freeSpace)
}

// rowLimitHelp documents the maximum in --help.
func rowLimitHelp() string {
	return fmt.Sprintf("at most %s, as customer, card and merchant ids have fixed widths", dataset.RowLabel(maxRows()))
}
