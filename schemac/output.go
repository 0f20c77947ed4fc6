package schemac

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/paygen/paygen/schemac/gen"
)

// ModuleRoot returns the nearest directory at or above dir holding go.mod.
func ModuleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
		d = parent
	}
}

// Change is one difference between the rendered files and a directory.
type Change struct {
	Name string
	Kind string // "stale" (content differs), "missing" or "extra" (a generated file no longer produced)
	Old  []byte // current content on disk (nil when missing)
	New  []byte // rendered content (nil when extra)
}

// Compare lists how dir differs from files, by file name. Extra files are the
// files in dir that carry schemac's header (in the comment syntax of their
// kind: .go or .sql) but are no longer rendered.
func Compare(dir string, files map[string][]byte) ([]Change, error) {
	var out []Change
	for _, name := range sortedNames(files) {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			out = append(out, Change{Name: name, Kind: "missing", New: files[name]})
		case err != nil:
			return nil, err
		case !bytes.Equal(old, files[name]):
			out = append(out, Change{Name: name, Kind: "stale", Old: old, New: files[name]})
		}
	}
	extra, err := staleGenerated(dir, files)
	if err != nil {
		return nil, err
	}
	for _, name := range extra {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		out = append(out, Change{Name: name, Kind: "extra", Old: old})
	}
	return out, nil
}

// staleGenerated lists the files in dir written by schemac that are not in files.
func staleGenerated(dir string, files map[string][]byte) ([]string, error) {
	// Look in dir and in every subdirectory a rendered file lives in.
	subs := map[string]bool{".": true}
	for name := range files {
		subs[path.Dir(name)] = true
	}
	var out []string
	for _, sub := range sortedKeys(subs) {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := path.Join(sub, e.Name())
			prefix := gen.HeaderPrefixFor(name)
			if e.IsDir() || prefix == "" || files[name] != nil {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				return nil, err
			}
			if bytes.HasPrefix(data, []byte(prefix)) {
				out = append(out, name)
			}
		}
	}
	return out, nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Write brings dir in line with files: it writes the files whose bytes
// changed (through a temporary file and a rename) and removes the extra
// generated files. It returns the changes it made.
func Write(dir string, files map[string][]byte) ([]Change, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	changes, err := Compare(dir, files)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		path := filepath.Join(dir, filepath.FromSlash(c.Name))
		if c.Kind == "extra" {
			if err := os.Remove(path); err != nil {
				return nil, err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := writeAtomic(path, c.New); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// writeAtomic writes data to path through a temporary file in the same directory.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".schemac-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
