package main

import (
	"net/url"
	"strings"
	"testing"
)

func TestForHTTP(t *testing.T) {
	a, err := newAccess([]repository{
		{URL: "https://charts.example.com", Username: "root"},
		{URL: "https://charts.example.com/team/", Username: "team"},
		{URL: "http://charts.example.com:8080/x", Username: "plain"},
		{URL: "oci://charts.example.com", Username: "registry"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"https://charts.example.com/index.yaml":          "root",
		"https://charts.example.com:443/team/index.yaml": "team",
		"https://CHARTS.example.com/team/a-1.0.0.tgz":    "team",
		"https://charts.example.com/teammate/index.yaml": "root",
		"http://charts.example.com:8080/elsewhere.tgz":   "plain", // same origin, outside the path: helm sends it too
		"http://charts.example.com/index.yaml":           "",      // another port
		"https://other.example.com/index.yaml":           "",
	}
	for raw, want := range cases {
		u, _ := url.Parse(raw)
		got := ""
		if e := a.forHTTP(u); e != nil {
			got = e.Username
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", raw, got, want)
		}
	}
	if e := a.forRegistry("charts.example.com:443"); e == nil || e.Username != "registry" {
		t.Errorf("registry by host:port: got %+v", e)
	}
	if e := a.forRegistry("charts.example.com"); e == nil || e.Username != "registry" {
		t.Errorf("registry by host: got %+v", e)
	}
	if e := a.forRegistry("other.example.com"); e != nil {
		t.Errorf("other registry: got %+v", e)
	}
}

func TestAccessRefusesBadEntries(t *testing.T) {
	for _, c := range []struct {
		repo repository
		want string
	}{
		{repository{URL: "file:///srv/charts"}, "must be http://, https:// or oci://"},
		{repository{URL: "https://c.example.com", CACertificate: "not pem"}, "holds no PEM certificate"},
		{repository{URL: "https://c.example.com", ClientCertificate: "x"}, "needs its key"},
		{repository{URL: "https://c.example.com", ClientCertificate: "x", ClientKey: "secret-key"}, "not a PEM certificate and its private key"},
	} {
		_, err := newAccess([]repository{c.repo})
		if err == nil {
			t.Errorf("%+v: no error", c.repo)
			continue
		}
		wantContains(t, err.Error(), c.want)
		if c.repo.ClientKey != "" {
			if strings.Contains(err.Error(), c.repo.ClientKey) {
				t.Errorf("the error shows the key: %v", err)
			}
		}
	}
}
