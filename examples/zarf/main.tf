# A cluster profile whose layer is a Zarf package: Strata verifies the package and deploys the
# manifests and charts of the components it selects, as `zarf package deploy` would, without Zarf's
# registry, agent or actions (docs/zarf.md).
#   zarf package create package --confirm --skip-sbom -o .          # writes zarf-package-hello-amd64-1.0.0.tar.zst
#   tofu apply -var kubeconfig=~/.kube/config -var greeting_password=...
# Images are not pushed: make ghcr.io/stefanprodan/podinfo:6.7.1 pullable by the cluster first.
terraform {
  required_providers {
    strata = {
      source = "strata/strata"
    }
  }
}

variable "kubeconfig" {
  description = "Path to the kubeconfig of the cluster to manage."
  type        = string
}

variable "greeting_password" {
  description = "The package's prompt variable API_TOKEN: Strata has no prompt, so the layer sets it."
  type        = string
  sensitive   = true
}

provider "strata" {
  kubernetes = { config_path = var.kubeconfig }
}

resource "strata_profile_version" "hello_1_0_0" {
  profile_id = "hello"
  version    = "1.0.0"

  layer {
    name = "hello"
    zarf {
      source = "${path.module}/zarf-package-hello-amd64-1.0.0.tar.zst"
      # Required components always deploy; unset, the default ones deploy too.
      variables = {
        API_TOKEN = var.greeting_password
      }
    }
  }
}

# The same package with another component set: the optional "debug" component, without the
# default "web" one (Zarf's `--components debug,-web`).
resource "strata_profile_version" "hello_1_1_0" {
  profile_id = "hello"
  version    = "1.1.0"

  layer {
    name = "hello"
    zarf {
      source     = "${path.module}/zarf-package-hello-amd64-1.0.0.tar.zst"
      components = ["debug", "-web"]
      variables = {
        API_TOKEN = var.greeting_password
        GREETING  = "hello from 1.1.0"
      }
      # For a package signed with `zarf package create --signing-key cosign.key`:
      # public_key = file("${path.module}/cosign.pub")
    }
  }
}

resource "strata_cluster" "edge" {
  name    = "edge-1"
  profile = strata_profile_version.hello_1_0_0.snapshot # hello_1_1_0 to move; back to roll back
}
