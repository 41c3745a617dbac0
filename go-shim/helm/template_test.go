package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const gated = `{{- if .Capabilities.APIVersions.Has "example.com/v1/Widget" }}
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
{{- end }}
`

const info = `apiVersion: v1
kind: ConfigMap
metadata:
  name: info
data:
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  upgrade: {{ .Release.IsUpgrade | quote }}
  namespace: {{ .Release.Namespace | quote }}
  greeting: {{ .Values.greeting | quote }}
`

const hook = `apiVersion: v1
kind: ConfigMap
metadata:
  name: hook
  annotations:
    helm.sh/hook: pre-install
`

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
`

func TestTemplate(t *testing.T) {
	helmHomes(t)
	chart := writeChart(t, t.TempDir(), "app", "1.0.0", "", map[string]string{
		"values.yaml": "greeting: hello\n", "templates/info.yaml": info, "templates/widget.yaml": gated,
		"templates/hook.yaml": hook, "crds/widgets.yaml": crd,
	})
	req := &request{Op: "template", ChartPath: chart, ReleaseName: "app", Namespace: "apps", KubeVersion: "v1.35.4", Values: "greeting: hi\n"}
	out, err := template(req)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, out, `kube: "v1.35.4"`, `upgrade: "false"`, `namespace: "apps"`, `greeting: "hi"`,
		"# Source: app/crds/widgets.yaml", "---\n# Source: app/templates/hook.yaml\n")
	if strings.Contains(out, "kind: Widget") {
		t.Error("the Widget rendered without its API version")
	}

	req.APIVersions = []string{"example.com/v1", "example.com/v1/Widget"}
	req.IsUpgrade = true
	if out, err = template(req); err != nil {
		t.Fatal(err)
	}
	wantContains(t, out, "kind: Widget", `upgrade: "true"`)

	req.Values = "- a list\n"
	_, err = template(req)
	wantContains(t, err.Error(), "not a YAML mapping")
}

// A fake API server: discovery of core/v1 and one Secret, for a bearer token.
func fakeAPIServer(t *testing.T, token string, secret map[string]any) (*httptest.Server, *atomic.Int32) {
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer "+token {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch req.URL.Path {
		case "/api/v1":
			json.NewEncoder(w).Encode(map[string]any{"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1",
				"resources": []map[string]any{{"name": "secrets", "namespaced": true, "kind": "Secret", "verbs": []string{"get", "list"}}}})
		case "/api/v1/namespaces/apps/secrets/db":
			gets.Add(1)
			if secret == nil {
				w.WriteHeader(http.StatusNotFound)
				json.NewEncoder(w).Encode(map[string]any{"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404})
				return
			}
			json.NewEncoder(w).Encode(secret)
		default:
			http.NotFound(w, req)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &gets
}

const keepPassword = `{{- $existing := lookup "v1" "Secret" .Release.Namespace "db" }}
apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  password: {{ if $existing }}{{ index $existing.data "password" }}{{ else }}{{ randAlphaNum 16 | b64enc }}{{ end }}
`

func TestTemplateLookupAsksTheCluster(t *testing.T) {
	helmHomes(t)
	chart := writeChart(t, t.TempDir(), "db", "1.0.0", "", map[string]string{"templates/secret.yaml": keepPassword})
	existing := map[string]any{"apiVersion": "v1", "kind": "Secret", "metadata": map[string]any{"name": "db", "namespace": "apps"}, "data": map[string]any{"password": "a2VwdA=="}}
	srv, gets := fakeAPIServer(t, "lookup-token", existing)

	req := &request{Op: "template", ChartPath: chart, ReleaseName: "db", Namespace: "apps", Cluster: &cluster{Server: srv.URL, Token: "lookup-token"}}
	out, err := template(req)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, out, "password: a2VwdA==")
	if gets.Load() != 1 {
		t.Errorf("%d GETs of the Secret", gets.Load())
	}

	// Not in the cluster: a new password, and the cluster was asked.
	empty, gets := fakeAPIServer(t, "lookup-token", nil)
	req.Cluster.Server = empty.URL
	if out, err = template(req); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "a2VwdA==") || gets.Load() != 1 {
		t.Errorf("got %s after %d GETs", out, gets.Load())
	}

	// Without a cluster, as `helm template`: lookup finds nothing and nothing is asked.
	req.Cluster = nil
	if _, err = template(req); err != nil {
		t.Fatal(err)
	}

	// A refusal by the cluster fails the render, without the token.
	req.Cluster = &cluster{Server: srv.URL, Token: "wrong-token"}
	_, err = template(req)
	if err == nil || strings.Contains(req.scrub(err.Error()), "wrong-token") {
		t.Errorf("got %v", err)
	}
}

func TestTemplateBuildsDependenciesInACopy(t *testing.T) {
	helmHomes(t)
	root := t.TempDir()
	writeChart(t, filepath.Join(root, "libs"), "lib", "0.1.0", "", map[string]string{"templates/lib.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-lib\n"})
	remote := writeChart(t, t.TempDir(), "remote", "2.0.0", "", map[string]string{"templates/remote.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-remote\n"})
	r := startRepo(t, false, "dep-user", "dep-pass", remote)
	app := writeChart(t, filepath.Join(root, "apps"), "app", "1.0.0",
		"dependencies:\n- name: lib\n  version: 0.1.0\n  repository: file://../../libs/lib\n- name: remote\n  version: ^2.0.0\n  repository: "+r.URL+"\n",
		map[string]string{"templates/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n"})

	req := &request{Op: "template", ChartPath: app, WorkDir: t.TempDir(), ReleaseName: "app", Namespace: "apps",
		Repositories: []repository{{URL: r.URL, Username: "dep-user", Password: "dep-pass"}}}
	out, err := template(req)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, out, "name: app", "name: from-lib", "name: from-remote")
	if _, err := os.Stat(filepath.Join(app, "charts")); !os.IsNotExist(err) {
		t.Errorf("the user's chart folder was written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(app, "Chart.lock")); !os.IsNotExist(err) {
		t.Errorf("the user's chart folder got a Chart.lock: %v", err)
	}

	// Without the repository's credentials: helm's error, without the password of another entry.
	req.Repositories = nil
	req.WorkDir = t.TempDir()
	_, err = template(req)
	wantContains(t, err.Error(), "dependencies", "401")
}

func TestTemplateRefusesAnArchiveWithoutItsDependencies(t *testing.T) {
	helmHomes(t)
	app := writeChart(t, t.TempDir(), "app", "1.0.0", "dependencies:\n- name: lib\n  version: 0.1.0\n  repository: https://charts.example.com\n", nil)
	archive := packageChart(t, app, t.TempDir())
	_, err := template(&request{Op: "template", ChartPath: archive, WorkDir: t.TempDir(), ReleaseName: "app", Namespace: "apps"})
	wantContains(t, err.Error(), "lacks dependencies", "lib")
}
