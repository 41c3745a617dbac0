# A profile with working layers, and an immutable version cut from the same stack.
#   tofu apply                          creates both
#   tofu apply -var app_tag=6.7.2       changes the working profile in place (revision 2)
#   tofu apply -var release=1.1.0       cuts a new version (the old snapshot is replaced)
terraform {
  required_providers {
    strata = {
      source = "strata/strata"
    }
  }
}

variable "app_tag" {
  description = "Image tag of the app in the working profile."
  type        = string
  default     = "6.7.1"
}

variable "release" {
  description = "Semantic version of the snapshot."
  type        = string
  default     = "1.0.0"
}

locals {
  base_manifests = <<-YAML
    apiVersion: v1
    kind: Namespace
    metadata:
      name: web
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: web-settings
      namespace: web
    data:
      greeting: hello
  YAML
}

resource "strata_profile" "web" {
  name        = "web"
  description = "Web tier: namespace, settings and the app chart"
  labels      = { team = "platform" }

  layer {
    name = "base"
    manifest {
      content = local.base_manifests
    }
  }

  layer {
    name = "app"
    helm {
      chart      = "podinfo"
      repository = "https://charts.example.com/podinfo"
      version    = "6.7.1"
      namespace  = "web"
      values     = yamlencode({ image = { tag = var.app_tag } })
    }
  }
}

resource "strata_profile_version" "web" {
  profile_id = strata_profile.web.name
  version    = var.release

  layer {
    name = "base"
    manifest {
      content = local.base_manifests
    }
  }

  layer {
    name = "app"
    helm {
      chart      = "podinfo"
      repository = "https://charts.example.com/podinfo"
      version    = "6.7.1"
      namespace  = "web"
      values     = yamlencode({ image = { tag = "6.7.1" } })
    }
  }
}

output "profile_revision" {
  value = strata_profile.web.revision
}

output "version_digest" {
  value = strata_profile_version.web.digest
}

output "version_export" {
  value     = strata_profile_version.web.export_json
  sensitive = true
}
