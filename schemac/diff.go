package schemac

import (
	"fmt"
	"strings"
)

// Diff renders changes as a unified-style diff, with dir/name as file labels.
func Diff(dir string, changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		path := dir + "/" + c.Name
		switch c.Kind {
		case "missing":
			fmt.Fprintf(&b, "--- /dev/null (missing: %s is not generated yet)\n+++ %s\n", path, path)
		case "extra":
			fmt.Fprintf(&b, "--- %s\n+++ /dev/null (extra: the schema no longer generates %s)\n", path, path)
		default:
			fmt.Fprintf(&b, "--- %s (on disk, stale)\n+++ %s (from the schema)\n", path, path)
		}
		b.WriteString(unified(splitLines(c.Old), splitLines(c.New), 3))
	}
	return b.String()
}

func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	return strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
}

// op is one line of an edit script: ' ' keep, '-' delete, '+' insert.
type op struct {
	kind byte
	line string
}

// editScript computes a shortest edit script from a to b by longest common
// subsequence (generated files are a few hundred lines: O(len(a)·len(b)) is fine).
func editScript(a, b []string) []op {
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, op{' ', a[i]})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, op{'-', a[i]})
			i++
		default:
			out = append(out, op{'+', b[j]})
			j++
		}
	}
	return out
}

// unified renders the edit script from a to b as hunks with ctx lines of context.
func unified(a, b []string, ctx int) string {
	ops := editScript(a, b)
	var sb strings.Builder
	for start := 0; start < len(ops); {
		// Find the next change.
		for start < len(ops) && ops[start].kind == ' ' {
			start++
		}
		if start == len(ops) {
			break
		}
		lo := max(start-ctx, 0)
		// Extend the hunk while changes are within 2·ctx lines of each other.
		end, keep := start, 0
		for k := start; k < len(ops) && keep <= 2*ctx; k++ {
			if ops[k].kind == ' ' {
				keep++
			} else {
				keep, end = 0, k+1
			}
		}
		hi := min(end+ctx, len(ops))
		aLine, bLine := 1, 1
		for _, o := range ops[:lo] {
			if o.kind != '+' {
				aLine++
			}
			if o.kind != '-' {
				bLine++
			}
		}
		aN, bN := 0, 0
		for _, o := range ops[lo:hi] {
			if o.kind != '+' {
				aN++
			}
			if o.kind != '-' {
				bN++
			}
		}
		if aN == 0 { // an empty range names the line before it, as diff -u does
			aLine--
		}
		if bN == 0 {
			bLine--
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", aLine, aN, bLine, bN)
		for _, o := range ops[lo:hi] {
			sb.WriteByte(o.kind)
			sb.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				sb.WriteByte('\n')
			}
		}
		start = hi
	}
	return sb.String()
}
