package main

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"unsafe"
)

// run starts Node as a child (Windows has no exec), with our stdio handles inherited so the
// handshake line goes straight from Node to the plugin client, and exits with Node's exit code.
func run(node string, args, env []string) error {
	// The plugin client stops a provider by killing the process it started, which is this shim;
	// a kill-on-close job object makes Windows end Node (and anything Node starts) with it.
	// Best effort: without it Node still runs, it just may outlive a killed shim.
	killChildrenWithUs()

	// Ctrl+C reaches every process on the console, Node included. Claim it here so the shim
	// stays up while Node decides what to do, instead of dying first and taking Node with it.
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)

	cmd := &exec.Cmd{Path: node, Args: args, Env: env, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		return err
	}
	os.Exit(0)
	return nil
}

// Win32 definitions for the job object (standard library only, so no x/sys/windows).
const (
	jobObjectExtendedLimitInformationClass = 9
	jobObjectLimitKillOnJobClose           = 0x2000
)

type ioCounters struct {
	ReadOperationCount, WriteOperationCount, OtherOperationCount uint64
	ReadTransferCount, WriteTransferCount, OtherTransferCount    uint64
}

type jobObjectBasicLimitInformation struct {
	PerProcessUserTimeLimit int64
	PerJobUserTimeLimit     int64
	LimitFlags              uint32
	MinimumWorkingSetSize   uintptr
	MaximumWorkingSetSize   uintptr
	ActiveProcessLimit      uint32
	Affinity                uintptr
	PriorityClass           uint32
	SchedulingClass         uint32
}

type jobObjectExtendedLimitInformation struct {
	BasicLimitInformation jobObjectBasicLimitInformation
	IoInfo                ioCounters
	ProcessMemoryLimit    uintptr
	JobMemoryLimit        uintptr
	PeakProcessMemoryUsed uintptr
	PeakJobMemoryUsed     uintptr
}

var (
	kernel32                     = syscall.NewLazyDLL("kernel32.dll")
	procCreateJobObjectW         = kernel32.NewProc("CreateJobObjectW")
	procSetInformationJobObject  = kernel32.NewProc("SetInformationJobObject")
	procAssignProcessToJobObject = kernel32.NewProc("AssignProcessToJobObject")
)

// killChildrenWithUs puts the shim into a new job that is killed when its last handle closes.
// The handle is not inheritable and never closed, so it closes exactly when the shim ends. The
// shim joins before starting Node, so Node is in the job from its first instruction (no window
// between start and assignment); nested jobs work from Windows 8 on.
func killChildrenWithUs() {
	job, _, _ := procCreateJobObjectW.Call(0, 0)
	if job == 0 {
		return
	}
	info := jobObjectExtendedLimitInformation{}
	info.BasicLimitInformation.LimitFlags = jobObjectLimitKillOnJobClose
	ok, _, _ := procSetInformationJobObject.Call(job, jobObjectExtendedLimitInformationClass,
		uintptr(unsafe.Pointer(&info)), unsafe.Sizeof(info))
	if ok == 0 {
		syscall.CloseHandle(syscall.Handle(job))
		return
	}
	self, err := syscall.GetCurrentProcess()
	if err != nil {
		return
	}
	procAssignProcessToJobObject.Call(job, uintptr(self))
}
