package main

import (
	"strings"
	"testing"
)

func TestReadRequest(t *testing.T) {
	req, err := readRequest(strings.NewReader(`{"op":"template","chartPath":"/c","isUpgrade":true,"cluster":{"server":"https://k","token":"t"}}`))
	if err != nil || req.Op != "template" || !req.IsUpgrade || req.Cluster.Token != "t" {
		t.Fatalf("got %+v, %v", req, err)
	}
	_, err = readRequest(strings.NewReader(`{"op":"pull","unknown":1}`))
	wantContains(t, err.Error(), `unknown field "unknown"`, "reinstall the provider")
	_, err = readRequest(strings.NewReader(`{"op":"pull"}{"op":"pull"}`))
	wantContains(t, err.Error(), "more than one JSON value")
}

func TestScrub(t *testing.T) {
	req := &request{
		Repositories: []repository{{URL: "https://charts.example.com", Username: "ci", Password: "s3cr3t/p@ss", ClientKey: "-----BEGIN KEY-----\nabc\n-----END KEY-----"}},
		Cluster:      &cluster{Server: "https://k", Token: "tok-123456"},
	}
	got := req.scrub(`GET https://ci:s3cr3t%2Fp%40ss@charts.example.com/index.yaml: user ci, password s3cr3t/p@ss, ` +
		"escaped s3cr3t%2Fp%40ss, token tok-123456, key -----BEGIN KEY-----\nabc\n-----END KEY----- for cicd")
	for _, secret := range []string{"s3cr3t", "tok-123456", "BEGIN KEY", "ci:"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q still shows %q", got, secret)
		}
	}
	// The username goes as a word, not inside other words.
	wantContains(t, got, "https://***@charts.example.com/index.yaml", "user ***,", "for cicd")

	// Userinfo goes even when it is not one of the request's credentials.
	wantContains(t, (&request{}).scrub("oci://someone:pw@registry.example.com/x"), "oci://***@registry.example.com/x")
}
