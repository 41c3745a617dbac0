// The shapes the reconcile engine passes to and gets from the Kubernetes client.

/** Attribute names of HashiCorp's kubernetes provider, plus config_content. null = unset. */
export interface ConnectionConfig {
  host?: string | null;
  /** PEM */
  cluster_ca_certificate?: string | null;
  token?: string | null;
  /** PEM */
  client_certificate?: string | null;
  /** PEM */
  client_key?: string | null;
  insecure?: boolean | null;
  config_path?: string | null;
  /** kubeconfig YAML text */
  config_content?: string | null;
  config_context?: string | null;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: any };
  [k: string]: any;
};

export interface ResourceInfo {
  /** "" for the core group */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}
