package main

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestPullWithBasicAuth(t *testing.T) {
	helmHomes(t)
	web := writeChart(t, t.TempDir(), "web", "1.2.3", "", map[string]string{"templates/cm.yaml": "kind: ConfigMap\n"})
	r := startRepo(t, false, "ci-user", "pa55word", web)
	creds := []repository{{URL: r.URL, Username: "ci-user", Password: "pa55word"}}

	dest := t.TempDir()
	saved, err := pull(&request{Op: "pull", Chart: "web", Repository: r.URL, Version: "1.2.3", Destination: dest, Repositories: creds})
	if err != nil {
		t.Fatal(err)
	}
	if saved != filepath.Join(dest, "web-1.2.3.tgz") {
		t.Errorf("saved %s", saved)
	}
	for _, a := range r.seen() {
		if a == "" {
			t.Errorf("a request went without credentials: %q", r.seen())
		}
	}

	// A version range picks the highest match.
	if saved, err = pull(&request{Op: "pull", Chart: "web", Repository: r.URL, Version: "^1.0.0", Destination: t.TempDir(), Repositories: creds}); err != nil || !strings.HasSuffix(saved, "web-1.2.3.tgz") {
		t.Errorf("range: %s, %v", saved, err)
	}

	// Without credentials: helm's message, with a hint, and nothing of the password.
	req := &request{Op: "pull", Chart: "web", Repository: r.URL, Destination: t.TempDir()}
	_, err = pull(req)
	wantContains(t, err.Error(), "401 Unauthorized", "check the credentials")

	// Credentials of another host are not sent.
	other := &request{Op: "pull", Chart: "web", Repository: r.URL, Destination: t.TempDir(), Repositories: []repository{{URL: "http://other.example.com", Username: "x", Password: "leak"}}}
	before := len(r.seen())
	if _, err := pull(other); err == nil {
		t.Fatal("pulled without credentials")
	}
	if got := r.seen()[before:]; len(got) == 0 || got[0] != "" {
		t.Errorf("authorization sent to the wrong host: %q", got)
	}

	_, err = pull(&request{Op: "pull", Chart: "web", Repository: r.URL, Version: "9.9.9", Destination: t.TempDir(), Repositories: creds})
	wantContains(t, err.Error(), `chart "web" version "9.9.9" not found`)
}

func TestPullOverTLSWithTheRepositoryCA(t *testing.T) {
	helmHomes(t)
	web := writeChart(t, t.TempDir(), "web", "1.0.0", "", map[string]string{"templates/cm.yaml": "kind: ConfigMap\n"})
	r := startRepo(t, true, "", "", web)
	req := &request{Op: "pull", Chart: "web", Repository: r.URL, Destination: t.TempDir()}
	_, err := pull(req)
	wantContains(t, err.Error(), "certificate")

	ca := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.Certificate().Raw}))
	req.Repositories = []repository{{URL: r.URL, CACertificate: ca}}
	if _, err := pull(req); err != nil {
		t.Fatal(err)
	}
}

// An index may name archives on another host (a CDN): they get no credentials.
func TestPullSendsNoCredentialsToAnotherHost(t *testing.T) {
	helmHomes(t)
	web := writeChart(t, t.TempDir(), "web", "1.0.0", "", map[string]string{"templates/cm.yaml": "kind: ConfigMap\n"})
	cdn := startRepo(t, false, "", "", web)
	index := "apiVersion: v1\nentries:\n  web:\n  - name: web\n    version: 1.0.0\n    apiVersion: v2\n    urls: [" + cdn.URL + "/web-1.0.0.tgz]\n"
	var auths []string
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		auths = append(auths, req.Header.Get("Authorization"))
		w.Write([]byte(index))
	}))
	defer origin.Close()
	_, err := pull(&request{Op: "pull", Chart: "web", Repository: origin.URL, Destination: t.TempDir(), Repositories: []repository{{URL: origin.URL, Username: "u", Password: "p"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(auths) != 1 || auths[0] == "" {
		t.Errorf("the index request: %q", auths)
	}
	if got := cdn.seen(); len(got) != 1 || got[0] != "" {
		t.Errorf("the archive host got %q", got)
	}
}
