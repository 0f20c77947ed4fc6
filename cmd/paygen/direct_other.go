//go:build !linux

package main

import "os"

// setDirect reports false: O_DIRECT is Linux's.
func setDirect(f *os.File, on bool) bool { return false }

func isInvalid(err error) bool { return false }
