# One profile version, two clusters with their own values for its variables.
#   tofu apply -var kubeconfig=~/.kube/config
# Both clusters use the same kubeconfig here, so that the example runs on one test cluster; each
# has its own namespace (shop-staging, shop-production) because the namespace is a variable too.
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

provider "strata" {
  kubernetes = { config_path = var.kubeconfig }
}

resource "strata_profile_version" "shop_1_0_0" {
  profile_id = "shop"
  version    = "1.0.0"

  variable {
    name        = "env"
    description = "The environment the cluster serves."
    required    = true
    allowed     = ["staging", "production"]
  }
  variable {
    name    = "workers"
    type    = "number"
    default = "1"
  }
  variable {
    name    = "debug"
    type    = "bool"
    default = "false"
  }
  variable {
    name    = "banner"
    default = "Welcome!"
  }

  # Placeholders are whole YAML values or parts of strings; a whole value takes the variable's type.
  layer {
    name = "base"
    manifest {
      content = <<-YAML
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop-{{ .strata.var.env }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop-{{ .strata.var.env }}
        data:
          environment: {{ .strata.var.env }}
          banner: {{ .strata.var.banner }}
      YAML
    }
  }

  layer {
    name = "app"
    helm {
      chart  = "${path.module}/charts/greeter"
      values = <<-YAML
        namespace: shop-{{ .strata.var.env }}
        message: "{{ .strata.var.banner }} ({{ .strata.var.env }})"
        workers: {{ .strata.var.workers }}
        debug: {{ .strata.var.debug }}
      YAML
    }
  }
}

resource "strata_cluster" "staging" {
  name      = "staging"
  profile   = strata_profile_version.shop_1_0_0.snapshot
  variables = { env = "staging", debug = true }
}

resource "strata_cluster" "production" {
  name      = "production"
  profile   = strata_profile_version.shop_1_0_0.snapshot
  variables = { env = "production", workers = 4, banner = "Sale: 20% off, today only!" }
}

output "applied" {
  value = { for c in [strata_cluster.staging, strata_cluster.production] : c.name => c.applied_digest }
}
