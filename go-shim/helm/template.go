package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/kube/fake"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// template is `helm template --include-crds` of a local chart, with `--is-upgrade`, the given
// kube version and API versions, and, when the request has a cluster, `lookup` answered by it.
// The output is what `helm template` prints: the manifests, then every hook under a
// `# Source:` line.
func template(req *request) (string, error) {
	if req.ChartPath == "" || req.ReleaseName == "" || req.Namespace == "" {
		return "", errors.New("a template request needs chartPath, releaseName and namespace")
	}
	a, err := newAccess(req.Repositories)
	if err != nil {
		return "", err
	}
	ch, err := loadChart(req.ChartPath, req.WorkDir, a)
	if err != nil {
		return "", err
	}
	values, err := common.ReadValues([]byte(req.Values))
	if err != nil {
		return "", fmt.Errorf("the values are not a YAML mapping: %w", err)
	}

	cfg := action.NewConfiguration(action.ConfigurationSetLogger(slog.DiscardHandler))
	install := action.NewInstall(cfg)
	install.ReleaseName = req.ReleaseName
	install.Namespace = req.Namespace
	install.Replace = true // no release storage to check the name against
	install.IncludeCRDs = true
	install.IsUpgrade = req.IsUpgrade
	install.APIVersions = common.VersionSet(req.APIVersions)
	if req.KubeVersion != "" {
		if install.KubeVersion, err = common.ParseKubeVersion(req.KubeVersion); err != nil {
			return "", fmt.Errorf("invalid kube version %q: %w", req.KubeVersion, err)
		}
	}
	install.DryRunStrategy = action.DryRunClient
	if req.Cluster != nil {
		// The server dry run is the one mode in which helm gives templates a live lookup. Everything
		// else it would ask the cluster stays local, as `helm template` has it: capabilities from the
		// request (so kinds of CRDs an earlier layer installs count), no release storage, and no
		// client that could validate or touch objects.
		if cfg.RESTClientGetter, err = newClusterGetter(req.Cluster); err != nil {
			return "", err
		}
		caps := common.DefaultCapabilities.Copy()
		if install.KubeVersion != nil {
			caps.KubeVersion = *install.KubeVersion
		}
		caps.APIVersions = append(caps.APIVersions, install.APIVersions...)
		cfg.Capabilities = caps
		cfg.KubeClient = &fake.PrintingKubeClient{Out: io.Discard}
		memory := driver.NewMemory()
		memory.SetNamespace(req.Namespace)
		cfg.Releases = storage.Init(memory)
		install.DryRunStrategy = action.DryRunServer
	}

	result, err := install.RunWithContext(context.Background(), ch, values)
	if err != nil {
		return "", err
	}
	rel, ok := result.(*release.Release)
	if !ok {
		return "", fmt.Errorf("helm returned a release of type %T", result)
	}
	var out strings.Builder
	fmt.Fprintln(&out, strings.TrimSpace(rel.Manifest))
	for _, hook := range rel.Hooks {
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", hook.Path, hook.Manifest)
	}
	return out.String(), nil
}
