# A profile built from packs: named, versioned layers from pack registries (docs/packs.md).
# Publish the example pack into a directory registry first, then apply:
#   npm run pack:publish -- examples/packs/greeter examples/packs/registry
#   tofu apply -var kubeconfig=~/.kube/config
# An OCI registry works the same way (`npm run pack:publish -- examples/packs/greeter oci://registry.example.com/packs
# --username ci --password-stdin`); its credentials go in a pack_registry block, never in a layer.
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

variable "registry_username" {
  description = "Login of the OCI pack registry, if it wants one."
  type        = string
  default     = null
}

variable "registry_password" {
  description = "Password of the OCI pack registry, with registry_username."
  type        = string
  sensitive   = true
  default     = null
}

provider "strata" {
  kubernetes = { config_path = var.kubeconfig }

  pack_registry {
    url      = "oci://registry.example.com/packs"
    username = var.registry_username
    password = var.registry_password
  }
}

resource "strata_profile_version" "greeters_1_0_0" {
  profile_id = "greeters"
  version    = "1.0.0"

  layer {
    name = "namespace"
    manifest {
      content = <<-YAML
        apiVersion: v1
        kind: Namespace
        metadata:
          name: greeters
      YAML
    }
  }

  layer {
    name = "greeter"
    pack {
      registry = "${path.module}/registry"
      name     = "greeter"
      version  = "^1.0.0" # the newest 1.x when a cluster plans; the version applied is in its history
      values   = yamlencode({ greeting = "hello from a pack", replicas = 2 })
    }
  }
}

resource "strata_cluster" "edge" {
  name    = "edge-1"
  profile = strata_profile_version.greeters_1_0_0.snapshot
}

# What the registry offers: each pack's versions (oldest first) and latest.
data "strata_packs" "local" {
  registry = "${path.module}/registry"
}

output "greeter_versions" {
  value = [for p in data.strata_packs.local.packs : p.versions if p.name == "greeter"]
}
