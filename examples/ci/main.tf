# A cluster checked for drift from a CI pipeline: `./drift-check.sh` (see README.md) plans with
# -detailed-exitcode and turns the exit code into a pass, a drift report or an error.
terraform {
  required_providers {
    strata = {
      source = "strata/strata"
    }
  }
}

variable "kubeconfig" {
  description = "Path to the kubeconfig of the cluster to check; CI passes it as TF_VAR_kubeconfig."
  type        = string
}

provider "strata" {
  kubernetes = { config_path = var.kubeconfig }
}

resource "strata_profile_version" "edge_1_0_0" {
  profile_id = "edge"
  version    = "1.0.0"

  layer {
    name = "base"
    manifest {
      content = <<-YAML
        apiVersion: v1
        kind: Namespace
        metadata:
          name: edge
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: feature-flags
          namespace: edge
        data:
          checkout: "on"
      YAML
    }
  }
}

resource "strata_cluster" "edge" {
  name    = "edge-ci"
  profile = strata_profile_version.edge_1_0_0.snapshot
}

# The objects the cluster runs, per layer, Secret values redacted: `tofu output -raw rendering` in a
# CI job, diffed against the last run's, shows a reviewer what a version change does.
data "strata_rendered_layers" "edge" {
  profile = strata_profile_version.edge_1_0_0.snapshot
  cluster = strata_cluster.edge.id # known once the cluster exists: read after its first apply
}

output "rendering" {
  value = join("\n", flatten([for layer in data.strata_rendered_layers.edge.layers : [for o in layer.objects : "# ${layer.name}: ${o.kind} ${o.name}\n${o.yaml}"]]))
}

output "drift" {
  description = "Objects changed or deleted behind Strata's back, as the last refresh found them."
  value       = strata_cluster.edge.drift
}
