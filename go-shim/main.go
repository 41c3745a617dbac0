// Command terraform-provider-strata is the executable OpenTofu and Terraform start for the Strata
// provider. The provider itself is a Node.js bundle; this shim only finds Node and the bundle and
// hands the process over to them, so go-plugin's handshake line on stdout, the environment
// (including the plugin's magic cookie and TLS variables) and the arguments reach Node untouched.
// The shim writes nothing on stdout except a failure line when Node cannot be started (see fail).
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const (
	nodeEnv    = "STRATA_NODE"
	bundleEnv  = "STRATA_PROVIDER_JS"
	bundleName = "strata-provider.js"
	// Set for Node: the folder of the real executable, where the package puts the programs the
	// provider runs (the Helm renderer), also when STRATA_PROVIDER_JS names a bundle elsewhere.
	providerDirEnv = "STRATA_PROVIDER_DIR"
	// Set by OpenTofu and Terraform for every provider they start (go-plugin's magic cookie).
	pluginCookieEnv = "TF_PLUGIN_MAGIC_COOKIE"
)

func main() {
	node, err := findNode(os.Getenv, exec.LookPath)
	if err != nil {
		fail(err)
	}
	exe, err := os.Executable()
	if err != nil {
		// Without our own path only STRATA_PROVIDER_JS can name the bundle; findBundle says so.
		exe = ""
	}
	bundle, err := findBundle(os.Getenv, exe)
	if err != nil {
		fail(err)
	}
	// argv as Node sees it: process.argv = [node, bundle, ...our own arguments].
	args := append([]string{node, bundle}, os.Args[1:]...)
	if err := run(node, args, withProviderDir(os.Environ(), exe)); err != nil {
		fail(fmt.Errorf("starting %s %s: %v", node, bundle, err))
	}
}

// fail prints one line on stderr and exits 1. OpenTofu and Terraform show a plugin's stderr only
// in debug logs, but they quote its first stdout line when that is not a handshake; so when
// launched by them (the plugin cookie is set) the line goes to stdout too. No handshake can follow,
// so this cannot corrupt one.
func fail(err error) {
	line := fmt.Sprintf("terraform-provider-strata: %v\n", err)
	os.Stderr.WriteString(line)
	if os.Getenv(pluginCookieEnv) != "" {
		os.Stdout.WriteString(line)
	}
	os.Exit(1)
}

// findNode resolves the Node executable: STRATA_NODE (a path, or a name looked up on PATH) when
// set, else "node" on PATH.
func findNode(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if want := getenv(nodeEnv); want != "" {
		path, err := lookPath(want)
		// ErrDot (found via a relative PATH entry) is fine here: the user named it on purpose.
		if err != nil && !errors.Is(err, exec.ErrDot) {
			return "", fmt.Errorf("cannot run Node.js: %s=%q is not an executable (%v); point it at node (>= 20) or unset it to use node from PATH", nodeEnv, want, unwrapExec(err))
		}
		return path, nil
	}
	path, err := lookPath("node")
	if err != nil {
		return "", fmt.Errorf("cannot find Node.js: no \"node\" executable on PATH; install Node.js 20 or newer, or set %s to the node executable's path", nodeEnv)
	}
	return path, nil
}

// withProviderDir adds the folder of the real executable (symlinks resolved) to env.
func withProviderDir(env []string, exe string) []string {
	if exe == "" {
		return env
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return append(env, providerDirEnv+"="+filepath.Dir(exe))
}

// unwrapExec drops exec.Error's repetition of the name we already print.
func unwrapExec(err error) error {
	var e *exec.Error
	if errors.As(err, &e) {
		return e.Err
	}
	return err
}

// findBundle resolves the provider bundle: STRATA_PROVIDER_JS when set, else strata-provider.js
// next to the executable. Symlinks to the executable are resolved first, because a plugin cache
// or a hand-made link may point at the shim from elsewhere while the bundle stays beside the real
// file; the directory of the unresolved path is tried after that.
func findBundle(getenv func(string) string, exe string) (string, error) {
	if want := getenv(bundleEnv); want != "" {
		if err := isFile(want); err != nil {
			return "", fmt.Errorf("cannot find the provider bundle: %s=%q: %v; point it at %s or unset it to use the one next to the executable", bundleEnv, want, err, bundleName)
		}
		return want, nil
	}
	if exe == "" {
		return "", fmt.Errorf("cannot find the provider bundle %s: the executable's own path is unknown; set %s to the bundle's path", bundleName, bundleEnv)
	}
	var candidates []string
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(real), bundleName))
	}
	if beside := filepath.Join(filepath.Dir(exe), bundleName); len(candidates) == 0 || candidates[0] != beside {
		candidates = append(candidates, beside)
	}
	for _, c := range candidates {
		if isFile(c) == nil {
			return c, nil
		}
	}
	return "", fmt.Errorf("cannot find the provider bundle: no %s next to the executable; reinstall the provider, or set %s to the bundle's path", strings.Join(candidates, " or "), bundleEnv)
}

func isFile(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("no such file")
		}
		return err
	}
	if info.IsDir() {
		return errors.New("is a directory, not the bundle file")
	}
	return nil
}
