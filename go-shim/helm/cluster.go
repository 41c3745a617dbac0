package main

import (
	"errors"
	"net/url"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
)

// clusterGetter gives helm a Kubernetes client for the request's cluster, built only from what
// the request carries: no kubeconfig is read.
type clusterGetter struct{ config *rest.Config }

func newClusterGetter(c *cluster) (*clusterGetter, error) {
	if u, err := url.Parse(c.Server); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New("the cluster for lookup needs a server URL, http:// or https:// and a host")
	}
	return &clusterGetter{config: &rest.Config{
		Host:        c.Server,
		BearerToken: c.Token,
		TLSClientConfig: rest.TLSClientConfig{
			CAData:   []byte(c.CACertificate),
			CertData: []byte(c.ClientCertificate),
			KeyData:  []byte(c.ClientKey),
		},
		UserAgent: "strata-helm",
		Timeout:   30 * time.Second,
		// A chart may look up in a loop; client-go's default of 5 per second would crawl.
		QPS:   50,
		Burst: 100,
	}}, nil
}

func (g *clusterGetter) ToRESTConfig() (*rest.Config, error) {
	return rest.CopyConfig(g.config), nil
}

func (g *clusterGetter) ToDiscoveryClient() (discovery.CachedDiscoveryInterface, error) {
	dc, err := discovery.NewDiscoveryClientForConfig(g.config)
	if err != nil {
		return nil, err
	}
	return memory.NewMemCacheClient(dc), nil
}

func (g *clusterGetter) ToRESTMapper() (meta.RESTMapper, error) {
	dc, err := g.ToDiscoveryClient()
	if err != nil {
		return nil, err
	}
	return restmapper.NewDeferredDiscoveryRESTMapper(dc), nil
}
