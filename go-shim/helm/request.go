package main

import (
	"net/url"
	"regexp"
	"strings"
)

// request is the one JSON value the provider writes on stdin. Field names are the contract with
// provider/render/helm-bundled.ts.
type request struct {
	Op string `json:"op"`

	// pull: Chart is a chart name in Repository, or an oci:// reference when Repository is empty
	// or itself oci:// (then the reference is Repository/Chart). Version is exact or a range.
	Chart       string `json:"chart,omitempty"`
	Repository  string `json:"repository,omitempty"`
	Version     string `json:"version,omitempty"`
	Destination string `json:"destination,omitempty"`

	// template: ChartPath is a local chart folder or archive; WorkDir a private folder for a copy of
	// a chart folder whose dependencies must be built (the user's folder is never written).
	ChartPath   string   `json:"chartPath,omitempty"`
	WorkDir     string   `json:"workDir,omitempty"`
	Values      string   `json:"values,omitempty"`
	ReleaseName string   `json:"releaseName,omitempty"`
	Namespace   string   `json:"namespace,omitempty"`
	KubeVersion string   `json:"kubeVersion,omitempty"`
	APIVersions []string `json:"apiVersions,omitempty"`
	IsUpgrade   bool     `json:"isUpgrade,omitempty"`
	// Cluster, when set, answers the templates' `lookup` calls; without it lookup finds nothing,
	// as in `helm template`.
	Cluster *cluster `json:"cluster,omitempty"`

	// Repositories are the credentials for chart repositories and OCI registries, each sent only to
	// its own scheme, host and port (see access.go); used for pulls and for dependencies.
	Repositories []repository `json:"repositories,omitempty"`
}

type cluster struct {
	Server            string `json:"server"`
	CACertificate     string `json:"caCertificate,omitempty"`
	Token             string `json:"token,omitempty"`
	ClientCertificate string `json:"clientCertificate,omitempty"`
	ClientKey         string `json:"clientKey,omitempty"`
}

type repository struct {
	URL               string `json:"url"`
	Username          string `json:"username,omitempty"`
	Password          string `json:"password,omitempty"`
	CACertificate     string `json:"caCertificate,omitempty"`
	ClientCertificate string `json:"clientCertificate,omitempty"`
	ClientKey         string `json:"clientKey,omitempty"`
}

// userinfo matches the credentials part of a URL ("user:pass@" in "https://user:pass@host/").
var userinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@`)

// scrub removes every credential of the request from a message: errors of the SDK and of Go's HTTP
// client quote URLs, and some servers echo what they were sent. Secrets go wherever they appear;
// usernames only as whole words, so that a short one does not garble the message.
func (r *request) scrub(msg string) string {
	msg = userinfo.ReplaceAllString(msg, "${1}***@")
	var secrets, names []string
	for _, repo := range r.Repositories {
		secrets = append(secrets, repo.Password, repo.ClientKey)
		names = append(names, repo.Username)
	}
	if r.Cluster != nil {
		secrets = append(secrets, r.Cluster.Token, r.Cluster.ClientKey)
	}
	for _, s := range secrets {
		for _, form := range encodings(s) {
			msg = strings.ReplaceAll(msg, form, "***")
		}
	}
	for _, n := range names {
		for _, form := range encodings(n) {
			msg = regexp.MustCompile(`(^|[^\w.-])`+regexp.QuoteMeta(form)+`($|[^\w.-])`).ReplaceAllString(msg, "${1}***${2}")
		}
	}
	return msg
}

// encodings are the forms a value takes in messages: as is, and escaped in a URL.
func encodings(value string) []string {
	if value == "" {
		return nil
	}
	return []string{value, url.QueryEscape(value), url.PathEscape(value)}
}
