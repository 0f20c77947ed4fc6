//go:build !unix

package colscan_test

import "errors"

func mkfifo(string) error { return errors.New("not supported") }
