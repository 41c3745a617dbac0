package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/downloader"
)

// loadChart loads a local chart. A chart folder whose dependencies are not all in its charts/
// folder gets them as `helm dependency build` would (Chart.lock when there is one), but in a copy
// under workDir: the user's folder is never written, and two renders of one chart never race.
func loadChart(path, workDir string, a *access) (*chart.Chart, error) {
	ch, err := loader.Load(path)
	if err != nil {
		return nil, fmt.Errorf("loading the chart at %s: %w", path, err)
	}
	deps := ch.Metadata.Dependencies
	if len(deps) == 0 {
		return ch, nil
	}
	reqs := make([]ci.Dependency, len(deps))
	for i, d := range deps {
		reqs[i] = d
	}
	missing := action.CheckDependencies(ch, reqs)
	if missing == nil {
		return ch, nil
	}
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("the chart archive %s lacks dependencies (%v); package it after `helm dependency build`, or use the chart folder", path, missing)
	}
	if workDir == "" {
		return nil, errors.New("a chart with dependencies to build needs workDir in the request")
	}
	staged, err := stage(path, workDir, deps)
	if err != nil {
		return nil, fmt.Errorf("copying the chart to build its dependencies: %w", err)
	}
	rc, err := a.registryClient()
	if err != nil {
		return nil, err
	}
	settings := cli.New()
	m := downloader.Manager{
		Out:              io.Discard,
		ChartPath:        staged,
		Getters:          a.getters(rc),
		RegistryClient:   rc,
		RepositoryConfig: settings.RepositoryConfig,
		RepositoryCache:  settings.RepositoryCache,
		ContentCache:     settings.ContentCache,
	}
	if err := m.Build(); err != nil {
		return nil, fmt.Errorf("building the dependencies of the chart at %s (helm dependency build): %w", path, err)
	}
	return loader.Load(staged)
}

// stage copies the chart folder src into workDir and returns the copy's path. Dependencies given
// as relative file:// paths are resolved against the chart's folder, so each is copied to the
// same relative place beside the copy; the copy sits deep enough under workDir for every "../".
func stage(src, workDir string, deps []*chart.Dependency) (string, error) {
	var relatives []string
	depth := 0
	for _, d := range deps {
		rel, ok := strings.CutPrefix(d.Repository, "file://")
		if !ok || filepath.IsAbs(rel) {
			continue
		}
		rel = filepath.Clean(filepath.FromSlash(rel))
		relatives = append(relatives, rel)
		up := 0
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if part == ".." {
				up++
			}
		}
		depth = max(depth, up)
	}
	dst := filepath.Join(workDir, "chart")
	for range depth {
		dst = filepath.Join(dst, "_")
	}
	dst = filepath.Join(dst, filepath.Base(src))
	if err := copyTree(src, dst); err != nil {
		return "", err
	}
	for _, rel := range relatives {
		if _, err := os.Stat(filepath.Join(dst, rel)); err == nil {
			continue // inside the chart, copied with it
		}
		if err := copyTree(filepath.Join(src, rel), filepath.Join(dst, rel)); err != nil {
			return "", err
		}
	}
	return dst, nil
}

// copyTree copies the regular files and folders under src; symbolic links are followed, as
// helm's loader follows them.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		if info.IsDir() {
			if d.Type()&fs.ModeSymlink != 0 {
				return copyTree(path, target)
			}
			return os.MkdirAll(target, 0o700)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
