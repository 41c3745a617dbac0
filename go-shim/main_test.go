package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestFindNode(t *testing.T) {
	found := func(name string) (string, error) { return "/opt/bin/" + name, nil }
	missing := func(name string) (string, error) {
		return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
	}

	if got, err := findNode(env(nil), found); err != nil || got != "/opt/bin/node" {
		t.Errorf("PATH lookup: got %q, %v", got, err)
	}
	if got, err := findNode(env(map[string]string{nodeEnv: "node22"}), found); err != nil || got != "/opt/bin/node22" {
		t.Errorf("STRATA_NODE wins: got %q, %v", got, err)
	}
	dot := func(name string) (string, error) { return "./" + name, exec.ErrDot }
	if got, err := findNode(env(map[string]string{nodeEnv: "node"}), dot); err != nil || got != "./node" {
		t.Errorf("STRATA_NODE via relative PATH entry: got %q, %v", got, err)
	}

	_, err := findNode(env(nil), missing)
	wantMsg(t, err, `no "node" executable on PATH`, nodeEnv, "Node.js 20")
	_, err = findNode(env(map[string]string{nodeEnv: "/nope/node"}), missing)
	wantMsg(t, err, nodeEnv+`="/nope/node"`, "not an executable")
}

func TestFindBundle(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "terraform-provider-strata_v1.2.3")
	touch(t, exe)

	_, err := findBundle(env(nil), exe)
	wantMsg(t, err, filepath.Join(dir, bundleName), bundleEnv, "next to the executable")
	if strings.Count(err.Error(), bundleName) != 1 {
		t.Errorf("the same place was listed twice: %v", err)
	}

	bundle := filepath.Join(dir, bundleName)
	touch(t, bundle)
	if got, err := findBundle(env(nil), exe); err != nil || got != bundle {
		t.Errorf("next to the executable: got %q, %v", got, err)
	}

	other := filepath.Join(t.TempDir(), "custom.js")
	_, err = findBundle(env(map[string]string{bundleEnv: other}), exe)
	wantMsg(t, err, bundleEnv, other, "no such file")
	touch(t, other)
	if got, err := findBundle(env(map[string]string{bundleEnv: other}), exe); err != nil || got != other {
		t.Errorf("STRATA_PROVIDER_JS wins: got %q, %v", got, err)
	}
	_, err = findBundle(env(map[string]string{bundleEnv: dir}), exe)
	wantMsg(t, err, "is a directory")

	_, err = findBundle(env(nil), "")
	wantMsg(t, err, bundleEnv, "own path is unknown")
}

func TestFindBundleThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	real := t.TempDir()
	exe := filepath.Join(real, "terraform-provider-strata_v1.2.3")
	touch(t, exe)
	bundle := filepath.Join(real, bundleName)
	touch(t, bundle)

	// The link lives elsewhere, without a bundle beside it: the real location must be used.
	linkDir := t.TempDir()
	link := filepath.Join(linkDir, "terraform-provider-strata")
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	got, err := findBundle(env(nil), link)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := filepath.EvalSymlinks(bundle); got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	// Bundle only beside the link: still found, as the fallback.
	os.Remove(bundle)
	beside := filepath.Join(linkDir, bundleName)
	touch(t, beside)
	if got, err := findBundle(env(nil), link); err != nil || got != beside {
		t.Errorf("fallback beside the link: got %q, %v", got, err)
	}

	os.Remove(beside)
	_, err = findBundle(env(nil), link)
	realBundle, _ := filepath.EvalSymlinks(real)
	wantMsg(t, err, filepath.Join(realBundle, bundleName)+" or "+beside)
}

func TestWithProviderDir(t *testing.T) {
	if got := withProviderDir([]string{"A=1"}, ""); len(got) != 1 {
		t.Errorf("without a path: %q", got)
	}
	real := t.TempDir()
	exe := filepath.Join(real, "terraform-provider-strata")
	touch(t, exe)
	want, _ := filepath.EvalSymlinks(real)
	if got := withProviderDir([]string{"A=1"}, exe); len(got) != 2 || got[1] != providerDirEnv+"="+want {
		t.Errorf("got %q", got)
	}
	if runtime.GOOS == "windows" {
		return
	}
	link := filepath.Join(t.TempDir(), "terraform-provider-strata")
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	if got := withProviderDir(nil, link); got[0] != providerDirEnv+"="+want {
		t.Errorf("through a symlink: got %q", got)
	}
}

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o755); err != nil {
		t.Fatal(err)
	}
}

func wantMsg(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error containing %q, got none", parts)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error spans lines: %q", err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}
