// What the end-to-end cluster stories share: HCL for manifest layers and for the cluster `edge-1`,
// the objects of the `web` profile, and checks of the cluster with the admin's kubectl.
import { KubeClient } from '../../provider/kube';
import { readRecord } from '../../provider/reconcile/record';
import { isFieldLine } from '../../provider/reconcile/changes';
import type { ControlPlane } from './controlplane';
import type { TofuWorkspace } from './tofu';

const indent = (text: string, spaces: number) => text.trim().split('\n').join(`\n${' '.repeat(spaces)}`);

/** A manifest layer in HCL, `yaml` its content. */
export const manifestLayer = (name: string, yaml: string) => `
  layer {
    name = "${name}"
    manifest {
      content = <<-YAML
        ${indent(yaml, 8)}
      YAML
    }
  }`;

/** The base of the `web` profile: Namespace web, ConfigMap web/settings and Secret web/credentials. */
export const webBase = (password: string) => `
apiVersion: v1
kind: Namespace
metadata:
  name: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: web
data:
  mode: production
---
apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: web
stringData:
  password: ${password}`;

/** The CRD gadgets.example.com: kind Gadget, namespaced, with an integer spec.size. */
export const GADGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { plural: gadgets, singular: gadget, kind: Gadget }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer }`;

/** The Gadget `main` of size 3 in `namespace`. */
export const gadget = (namespace: string) => `
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: main
  namespace: ${namespace}
spec:
  size: 3`;

/** ConfigMap web/feature-flags, what version 2.0.0 of the stories adds. */
export const FEATURE_FLAGS = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: feature-flags
  namespace: web
data:
  new-ui: "true"`;

/** The terraform block, and the provider with `helm_path` from the variable of that name. */
/** Variables host, ca and token, and `local.control_plane` made of them: a connection to the test control plane (their values: connectionEnv). */
export const CONNECTION_TF = `
variable "host" { type = string }
variable "ca" { type = string }
variable "token" {
  type      = string
  sensitive = true
}

locals {
  control_plane = { host = var.host, cluster_ca_certificate = var.ca, token = var.token }
}
`;

/** The values of CONNECTION_TF's variables for `plane`, as TF_VAR_ environment variables. */
export const connectionEnv = (plane: ControlPlane) => ({ TF_VAR_host: plane.host, TF_VAR_ca: plane.caCertPem, TF_VAR_token: plane.adminToken });

/** The terraform block and a provider block whose connection is the test control plane (CONNECTION_TF). */
export const PROVIDER_CONNECTION_TF = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
${CONNECTION_TF}
provider "strata" {
  kubernetes = local.control_plane
}
`;

export const PROVIDER_TF = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

variable "helm_path" { type = string }

provider "strata" {
  helm_path = var.helm_path
}
`;

/** strata_cluster.edge, the cluster edge-1 pinned to `profile`, and the versions of its history as an output. */
export const edgeCluster = (kubernetes: string, profile: string) => `resource "strata_cluster" "edge" {
  name       = "edge-1"
  kubernetes = ${kubernetes}
  profile    = ${profile}
  timeout    = "2m"
}

output "history" {
  value = [for h in strata_cluster.edge.history : h.version]
}
`;

/** kubectl as the admin; its stdout, or an error with its stderr. */
export async function kubectlOk(plane: ControlPlane, args: string[]): Promise<string> {
  const result = await plane.kubectl(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Whether `kubectl get <args>` finds the object. */
export async function objectExists(plane: ControlPlane, args: string[]): Promise<boolean> {
  return (await plane.kubectl(['get', ...args])).code === 0;
}

/** The in-cluster record of `cluster` (its head and shards, read and checked as Strata reads them), as JSON text. */
export async function recordText(plane: ControlPlane, cluster: string): Promise<string> {
  const client = KubeClient.connect({ host: plane.host, cluster_ca_certificate: plane.caCertPem, token: plane.adminToken });
  try {
    const stored = await readRecord(client, cluster);
    if (!stored) throw new Error(`cluster ${cluster} has no record`);
    return JSON.stringify(stored.record);
  } finally {
    client.close();
  }
}

/** Plans into `move.plan` and returns the object lines of the `changes` that saved plan carries for the resource at `address`. */
export async function savedPlanChanges(ws: TofuWorkspace, address: string): Promise<string[]> {
  await ws.expect(['plan', '-input=false', '-out', 'move.plan'], 0);
  const plan = JSON.parse((await ws.expect(['show', '-json', 'move.plan'])).stdout);
  // Object lines only: the field lines under them are the business of plan-view.test.ts.
  const changes: string[] = plan.resource_changes.find((c: { address: string }) => c.address === address).change.after.changes;
  return changes.filter((line) => !isFieldLine(line));
}
