package main

import (
	"errors"
	"io"
	"strings"

	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/downloader"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/registry"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// pull is `helm pull`: the chart archive, written into req.Destination; returns its path.
func pull(req *request) (string, error) {
	if req.Chart == "" || req.Destination == "" {
		return "", errors.New("a pull request needs chart and destination")
	}
	a, err := newAccess(req.Repositories)
	if err != nil {
		return "", err
	}
	rc, err := a.registryClient()
	if err != nil {
		return "", err
	}
	getters := a.getters(rc)
	ref := req.Chart
	if registry.IsOCI(req.Repository) {
		ref = strings.TrimRight(req.Repository, "/") + "/" + req.Chart
	} else if req.Repository != "" {
		// The index names the archive's URL; helm resolves it against the repository's.
		if ref, err = repo.FindChartInRepoURL(req.Repository, req.Chart, getters, repo.WithChartVersion(req.Version)); err != nil {
			return "", err
		}
	}
	settings := cli.New()
	d := downloader.ChartDownloader{
		Out:              io.Discard,
		Verify:           downloader.VerifyNever,
		Getters:          getters,
		RegistryClient:   rc,
		RepositoryConfig: settings.RepositoryConfig,
		RepositoryCache:  settings.RepositoryCache,
		ContentCache:     settings.ContentCache,
	}
	if registry.IsOCI(ref) {
		d.Options = append(d.Options, getter.WithRegistryClient(rc))
	}
	saved, _, err := d.DownloadTo(ref, req.Version, req.Destination)
	return saved, err
}
