//go:build linux

package main

import "syscall"

// diskFree returns the bytes available to an unprivileged user on dir's file system.
func diskFree(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
