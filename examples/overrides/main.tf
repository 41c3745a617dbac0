# Overrides of the quickstart's cluster "local", kept in a root module (and state) of their own:
# the on-site team changes what the platform team's profile runs on this one cluster, and the
# change stays when the cluster moves to another profile version.
#   (cd ../quickstart && tofu apply)   the cluster, pinned to 1.0.0
#   tofu apply                         the overrides, reconciled at once
#   (cd ../quickstart && tofu apply -var pinned=2.0.0)   the overrides still apply
#   tofu destroy                       the layers as the profile defines them
terraform {
  required_providers {
    strata = {
      source = "strata/strata"
    }
  }
}

variable "kubeconfig" {
  description = "Path to the kubeconfig of the cluster to change."
  type        = string
}

# The provider block's connection is the default of every override (and is never stored in state).
provider "strata" {
  kubernetes = { config_path = var.kubeconfig }
}

# Values merged over the Helm layer's own values before it is rendered.
resource "strata_cluster_override" "message" {
  cluster_id  = "local"
  name        = "site-message"
  layer       = "app"
  description = "This site greets in its own words"
  values      = yamlencode({ message = "hello from the edge site" })
}

# Patches of rendered objects: an RFC 6902 JSON patch and a strategic-merge-style patch.
resource "strata_cluster_override" "settings" {
  cluster_id = "local"
  name       = "site-settings"
  layer      = "base"

  patch {
    target {
      api_version = "v1"
      kind        = "ConfigMap"
      name        = "settings"
      namespace   = "quickstart"
    }
    json_patch = jsonencode([
      { op = "replace", path = "/data/environment", value = "edge" },
      { op = "add", path = "/data/site", value = "eu-west-1" },
    ])
  }
}

resource "strata_cluster_override" "resources" {
  cluster_id = "local"
  name       = "web-resources"
  layer      = "app"

  patch {
    target {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = "app"
      namespace   = "quickstart"
    }
    # Containers merge by name: only the container "web" gets the limits.
    merge_patch = yamlencode({
      spec = { template = { spec = { containers = [
        { name = "web", resources = { limits = { memory = "128Mi" } } },
      ] } } }
    })
  }
}

output "orphaned" {
  description = "Overrides that the profile the cluster runs no longer has a place for."
  value       = { for k, o in { message = strata_cluster_override.message, settings = strata_cluster_override.settings, resources = strata_cluster_override.resources } : k => o.orphan_reason if o.orphaned }
}
