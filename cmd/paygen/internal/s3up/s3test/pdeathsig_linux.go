package s3test

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the server die with the test process.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
