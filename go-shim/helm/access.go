package main

// Which credentials and TLS settings go with a request. Each entry of the request's repositories
// applies only to its own scheme, host and port, as helm sends a repository's credentials only to
// the repository's host: an index that points at a chart on another host gets none. The user's
// helm and Docker credential files are never read.

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/registry"
	"oras.land/oras-go/v2/registry/remote/auth"
)

type entry struct {
	repository
	scheme, host, path string
}

type access struct {
	entries []entry
	client  *http.Client
}

func newAccess(repos []repository) (*access, error) {
	a := &access{}
	byHost := map[string]*http.Transport{}
	for _, repo := range repos {
		u, err := url.Parse(repo.URL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "oci") {
			return nil, fmt.Errorf("repository credentials for %q: the url must be http://, https:// or oci:// and a host", repo.URL)
		}
		e := entry{repository: repo, scheme: u.Scheme, host: hostPort(u.Scheme, u.Host), path: strings.TrimRight(u.Path, "/")}
		a.entries = append(a.entries, e)
		if repo.CACertificate == "" && repo.ClientCertificate == "" && repo.ClientKey == "" {
			continue
		}
		if _, taken := byHost[e.host]; taken {
			continue // the first entry for a host sets its TLS, as it is the first that matches
		}
		conf, err := tlsConfig(repo)
		if err != nil {
			return nil, err
		}
		t := baseTransport()
		t.TLSClientConfig = conf
		byHost[e.host] = t
	}
	a.client = &http.Client{Transport: &hostTransport{byHost: byHost, fallback: baseTransport()}, Timeout: 5 * time.Minute}
	return a, nil
}

func tlsConfig(repo repository) (*tls.Config, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12}
	if repo.CACertificate != "" {
		// Added to the system's roots: a private CA usually signs only some of what a chart needs.
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM([]byte(repo.CACertificate)) {
			return nil, fmt.Errorf("repository credentials for %s: the CA certificate holds no PEM certificate", repo.URL)
		}
		conf.RootCAs = pool
	}
	if (repo.ClientCertificate == "") != (repo.ClientKey == "") {
		return nil, fmt.Errorf("repository credentials for %s: a client certificate needs its key and a key its certificate; give both or neither", repo.URL)
	}
	if repo.ClientCertificate != "" {
		pair, err := tls.X509KeyPair([]byte(repo.ClientCertificate), []byte(repo.ClientKey))
		if err != nil {
			return nil, fmt.Errorf("repository credentials for %s: the client certificate and key are not a PEM certificate and its private key", repo.URL)
		}
		conf.Certificates = []tls.Certificate{pair}
	}
	return conf, nil
}

func baseTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
		// Charts are gzip archives already, and helm's own getters do the same.
		DisableCompression: true,
	}
}

// hostTransport picks the TLS settings of the request's host.
type hostTransport struct {
	byHost   map[string]*http.Transport
	fallback *http.Transport
}

func (t *hostTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if tr, ok := t.byHost[hostPort(req.URL.Scheme, req.URL.Host)]; ok {
		return tr.RoundTrip(req)
	}
	return t.fallback.RoundTrip(req)
}

// hostPort is host:port with the scheme's default port filled in, so that URLs written with and
// without it match. OCI registries are reached over HTTPS.
func hostPort(scheme, host string) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return strings.ToLower(host)
	}
	port := "443"
	if scheme == "http" {
		port = "80"
	}
	return net.JoinHostPort(strings.ToLower(strings.Trim(host, "[]")), port)
}

// forHTTP is the entry for a chart repository request: same scheme, host and port; of several,
// the one whose path is the longest prefix of the request's, else the first.
func (a *access) forHTTP(u *url.URL) *entry {
	var found *entry
	for i := range a.entries {
		e := &a.entries[i]
		if e.scheme != u.Scheme || e.host != hostPort(u.Scheme, u.Host) {
			continue
		}
		under := u.Path == e.path || strings.HasPrefix(u.Path, e.path+"/")
		if found == nil || (under && len(e.path) > len(found.path)) {
			found = e
		}
	}
	return found
}

// forRegistry is the entry for an OCI registry at hostport; oras asks by host only.
func (a *access) forRegistry(hostport string) *entry {
	for i := range a.entries {
		if e := &a.entries[i]; e.scheme == "oci" && e.host == hostPort("https", hostport) {
			return e
		}
	}
	return nil
}

// registryClient talks to OCI registries with the entries' credentials and nothing else.
func (a *access) registryClient() (*registry.Client, error) {
	authorizer := auth.Client{
		Client: a.client,
		Cache:  auth.NewCache(),
		Credential: func(_ context.Context, hostport string) (auth.Credential, error) {
			if e := a.forRegistry(hostport); e != nil && e.Username != "" {
				return auth.Credential{Username: e.Username, Password: e.Password}, nil
			}
			return auth.EmptyCredential, nil
		},
	}
	return registry.NewClient(registry.ClientOptHTTPClient(a.client), registry.ClientOptAuthorizer(authorizer), registry.ClientOptWriter(io.Discard))
}

// getters are helm's getters for chart repositories (with the entries' credentials) and OCI.
func (a *access) getters(rc *registry.Client) getter.Providers {
	return getter.Providers{
		{Schemes: []string{"http", "https"}, New: func(...getter.Option) (getter.Getter, error) { return httpGetter{a}, nil }},
		{Schemes: []string{"oci"}, New: func(options ...getter.Option) (getter.Getter, error) {
			return getter.NewOCIGetter(append(options, getter.WithRegistryClient(rc))...)
		}},
	}
}

// httpGetter fetches index files and chart archives. Helm's options carry no credentials here
// (none are given to it), so they are ignored; the request's own entries decide.
type httpGetter struct{ a *access }

func (g httpGetter) Get(href string, _ ...getter.Option) (*bytes.Buffer, error) {
	u, err := url.Parse(href)
	if err != nil {
		return nil, fmt.Errorf("invalid URL %s: %w", href, err)
	}
	req, err := http.NewRequest(http.MethodGet, href, http.NoBody)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "strata-helm")
	if e := g.a.forHTTP(u); e != nil && (e.Username != "" || e.Password != "") {
		req.SetBasicAuth(e.Username, e.Password)
	}
	resp, err := g.a.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		hint := ""
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			hint = " (check the credentials given for this repository)"
		}
		return nil, fmt.Errorf("GET %s answered %s%s", href, resp.Status, hint)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		return nil, fmt.Errorf("reading %s: %w", href, err)
	}
	return &buf, nil
}
