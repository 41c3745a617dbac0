# Quickstart: a profile with two versions and a cluster pinned to one of them.
#   tofu apply                      pins the cluster to 1.0.0
#   tofu apply -var pinned=2.0.0    upgrades it
#   tofu apply -var pinned=1.0.0    rolls it back: one value changes, the cluster follows
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

variable "pinned" {
  description = "The profile version the cluster runs."
  type        = string
  default     = "1.0.0"
}

locals {
  base = <<-YAML
    apiVersion: v1
    kind: Namespace
    metadata:
      name: quickstart
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: quickstart
    data:
      environment: demo
    ---
    apiVersion: v1
    kind: Secret
    metadata:
      name: database
      namespace: quickstart
    stringData:
      password: quickstart-not-a-real-password
  YAML
}

resource "strata_profile_version" "web_1_0_0" {
  profile_id = "web"
  version    = "1.0.0"

  layer {
    name = "base"
    manifest {
      content = local.base
    }
  }

  layer {
    name = "app"
    helm {
      chart     = "${path.module}/charts/hello"
      namespace = "quickstart"
      values    = yamlencode({ replicaCount = 1, message = "hello from 1.0.0" })
    }
  }
}

resource "strata_profile_version" "web_2_0_0" {
  profile_id = "web"
  version    = "2.0.0"

  layer {
    name = "base"
    manifest {
      content = local.base
    }
  }

  layer {
    name = "app"
    helm {
      chart     = "${path.module}/charts/hello"
      namespace = "quickstart"
      values    = yamlencode({ replicaCount = 2, message = "hello from 2.0.0" })
    }
  }

  layer {
    name = "monitoring"
    manifest {
      content = <<-YAML
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: dashboards
          namespace: quickstart
        data:
          web.json: '{"title": "web"}'
      YAML
    }
  }
}

locals {
  versions = {
    "1.0.0" = strata_profile_version.web_1_0_0.snapshot
    "2.0.0" = strata_profile_version.web_2_0_0.snapshot
  }
}

resource "strata_cluster" "local" {
  name       = "local"
  kubernetes = { config_path = var.kubeconfig }
  profile    = local.versions[var.pinned]
}

output "applied_version" {
  value = strata_cluster.local.applied_version
}

output "history" {
  value = [for h in strata_cluster.local.history : "${h.time}  ${h.version}  ${h.outcome}"]
}
