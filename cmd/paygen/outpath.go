package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Reports (validate --json/--html, profile --out/--json, learnability --json, the
// profile generate --profile writes) go through checkReportPaths and writeReportFile:
// a report never replaces an input, never writes through a symbolic link, and
// appears complete or not at all (temporary file in the same directory + rename).

// checkReportPaths refuses report paths that resolve to one of the inputs (by
// absolute path or, as os.SameFile says, the same file through a link), that are
// symbolic links or not regular files, or that name the same file twice. Empty
// paths are skipped. The error is one line.
func checkReportPaths(inputs []string, reports ...string) error {
	var seen []os.FileInfo
	var seenPath []string
	for _, r := range reports {
		if r == "" {
			continue
		}
		for _, in := range inputs {
			if samePath(in, r) {
				return fmt.Errorf("report %s would overwrite the input %s", r, in)
			}
		}
		li, err := os.Lstat(r)
		if errors.Is(err, os.ErrNotExist) {
			for _, p := range seenPath {
				if samePath(p, r) {
					return fmt.Errorf("report %s is given twice", r)
				}
			}
			seenPath = append(seenPath, r)
			continue
		}
		if err != nil {
			return fmt.Errorf("report %s: %v", r, unwrapPath(err))
		}
		switch {
		case li.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("report %s is a symbolic link: give the path of a regular file", r)
		case !li.Mode().IsRegular():
			return fmt.Errorf("report %s exists and is not a regular file", r)
		}
		for _, in := range inputs {
			if ii, err := os.Stat(in); err == nil && os.SameFile(ii, li) {
				return fmt.Errorf("report %s would overwrite the input %s (the same file)", r, in)
			}
		}
		for _, s := range seen {
			if os.SameFile(s, li) {
				return fmt.Errorf("report %s is given twice", r)
			}
		}
		seen = append(seen, li)
	}
	return nil
}

// samePath reports whether a and b name the same path once made absolute, with the
// symbolic links of their directories resolved (the files themselves may not exist).
func samePath(a, b string) bool {
	return resolvedPath(a) == resolvedPath(b)
}

func resolvedPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs))
	}
	return abs
}

// checkDefaultReport refuses to replace, at a path the user did not name, an
// existing file that is not a paygen profile (a rerun replaces its own report).
func checkDefaultReport(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("report %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	if !bytes.Contains(head[:n], []byte("<title>Profile · ")) {
		return fmt.Errorf("%s exists and is not a paygen profile: give --out to choose the report's path", path)
	}
	return nil
}

// writeReportFile writes a report through a temporary file in the destination's
// directory and a rename: on a full disk or any error the previous file (if any)
// stays as it was and no partial or empty report appears. The file gets the
// permissions of a new file (0666 less the umask). A symbolic link at path is
// replaced, never written through.
func writeReportFile(path string, write func(io.Writer) error) error {
	f, err := createTempBeside(path)
	if err != nil {
		return fmt.Errorf("open %s: %v", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %v", path, unwrapPath(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %v", path, unwrapPath(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %v", path, unwrapPath(err))
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %v", path, unwrapPath(err))
	}
	return nil
}

// createTempBeside creates ".NAME.tmp-DIGITS" in path's directory, exclusively
// and with the permissions of a new file (0666 less the umask; os.CreateTemp
// would make it 0600).
func createTempBeside(path string) (f *os.File, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		tmp := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64()%1e12, 10))
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	return f, err
}

// unwrapPath drops the temporary file's name from a *PathError.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkProfileTarget runs before generate writes anything: with --profile and a
// local output, the HTML profile beside the file must not replace an existing file
// unless --overwrite was given, nor be a symbolic link or a special file.
func (p *genPlan) checkProfileTarget() error {
	if !p.profile || p.s3 != nil {
		return nil
	}
	html := strings.TrimSuffix(p.path, ".parquet") + ".html"
	if err := checkReportPaths(nil, html); err != nil {
		return err
	}
	if _, err := os.Lstat(html); err == nil && !p.overwrite {
		return fmt.Errorf("%s: %w (use --overwrite to replace it)", html, errExists)
	}
	return nil
}
