package main

import (
	"errors"
	"os"
	"syscall"
)

// setDirect turns O_DIRECT on or off on f's descriptor; it reports whether
// the file system accepted it.
func setDirect(f *os.File, on bool) bool {
	c, err := f.SyscallConn()
	if err != nil {
		return false
	}
	ok := false
	c.Control(func(fd uintptr) {
		flags, err := fcntl(fd, syscall.F_GETFL, 0)
		if err != nil {
			return
		}
		if on {
			flags |= syscall.O_DIRECT
		} else {
			flags &^= syscall.O_DIRECT
		}
		_, err = fcntl(fd, syscall.F_SETFL, flags)
		ok = err == nil
	})
	return ok
}

func fcntl(fd uintptr, cmd, arg int) (int, error) {
	r, _, e := syscall.Syscall(syscall.SYS_FCNTL, fd, uintptr(cmd), uintptr(arg))
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// isInvalid reports an EINVAL: what a direct write the file system cannot
// do returns.
func isInvalid(err error) bool { return errors.Is(err, syscall.EINVAL) }
