// Command strata-helm renders Helm charts for the Strata provider with Helm's Go SDK, so that a user
// who installs Strata needs no `helm` binary. The provider runs it once per operation with one
// JSON request on stdin (credentials and values travel only there: never on the command line, in
// the environment or in a file) and reads the result on stdout:
//
//	{"op":"pull", ...}      stdout: the path of the chart archive written into `destination`
//	{"op":"template", ...}  stdout: the rendered manifests, as `helm template --include-crds` prints them
//
// On failure it prints one message on stderr, with every credential of the request scrubbed, and
// exits 1. Helm's homes (repository index cache) come from HELM_CACHE_HOME, HELM_CONFIG_HOME and
// HELM_DATA_HOME, which the provider points into its own cache folder.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
)

func main() {
	// The SDK logs through slog; its warnings are not for Strata's users, and errors come back as values.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	req, err := readRequest(os.Stdin)
	if err != nil {
		fail(err, nil)
	}
	out, err := run(req)
	if err != nil {
		fail(err, req)
	}
	if _, err := io.WriteString(os.Stdout, out); err != nil {
		fail(fmt.Errorf("writing the result: %w", err), req)
	}
}

func run(req *request) (string, error) {
	switch req.Op {
	case "pull":
		return pull(req)
	case "template":
		return template(req)
	}
	return "", fmt.Errorf("unknown op %q (pull, template)", req.Op)
}

func readRequest(r io.Reader) (*request, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields() // a provider newer than this renderer must not be half understood
	var req request
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("reading the request on stdin: %w; the provider and its strata-helm renderer do not match, reinstall the provider", err)
	}
	if dec.More() {
		return nil, errors.New("reading the request on stdin: more than one JSON value; send exactly one request")
	}
	return &req, nil
}

func fail(err error, req *request) {
	msg := err.Error()
	if req != nil {
		msg = req.scrub(msg)
	}
	os.Stderr.WriteString(msg + "\n")
	os.Exit(1)
}
