package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// writeChart writes a chart folder: Chart.yaml from meta (name and version added) and the files.
func writeChart(t *testing.T, dir, name, version, meta string, files map[string]string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	all := map[string]string{"Chart.yaml": "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n" + meta}
	for k, v := range files {
		all[k] = v
	}
	for file, content := range all {
		full := filepath.Join(path, file)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// packageChart writes the chart folder as an archive into dir, as `helm package` does.
func packageChart(t *testing.T, chart, dir string) string {
	t.Helper()
	ch, err := loader.Load(chart)
	if err != nil {
		t.Fatal(err)
	}
	path, err := chartutil.Save(ch, dir)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// chartRepo serves packaged charts and an index like a chart repository; with a user it wants
// basic auth. It records the Authorization header of every request.
type chartRepo struct {
	*httptest.Server
	mu    sync.Mutex
	auths []string
}

func (r *chartRepo) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auths...)
}

func startRepo(t *testing.T, tls bool, user, password string, charts ...string) *chartRepo {
	t.Helper()
	dir := t.TempDir()
	for _, c := range charts {
		packageChart(t, c, dir)
	}
	r := &chartRepo{}
	files := http.FileServer(http.Dir(dir))
	handler := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.auths = append(r.auths, req.Header.Get("Authorization"))
		r.mu.Unlock()
		if u, p, ok := req.BasicAuth(); user != "" && (!ok || u != user || p != password) {
			w.Header().Set("WWW-Authenticate", `Basic realm="charts"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		files.ServeHTTP(w, req)
	})
	if tls {
		r.Server = httptest.NewTLSServer(handler)
	} else {
		r.Server = httptest.NewServer(handler)
	}
	t.Cleanup(r.Close)
	// Relative entries: helm resolves them against the repository URL.
	index, err := repo.IndexDirectory(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := index.WriteFile(filepath.Join(dir, "index.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	return r
}

// helmHomes points helm's homes into a temporary folder, as the provider does.
func helmHomes(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HELM_CACHE_HOME", filepath.Join(home, "cache"))
	t.Setenv("HELM_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("HELM_DATA_HOME", filepath.Join(home, "data"))
}

func wantContains(t *testing.T, got string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(got, p) {
			t.Errorf("%q\ndoes not contain %q", got, p)
		}
	}
}
