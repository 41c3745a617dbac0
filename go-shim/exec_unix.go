//go:build unix

package main

import "syscall"

// run replaces this process with Node. Keeping the same pid means the plugin client's signals and
// its final kill reach Node itself, and no shim process is left to forward stdio or exit codes.
// It returns only if exec fails.
func run(node string, args, env []string) error {
	return syscall.Exec(node, args, env)
}
