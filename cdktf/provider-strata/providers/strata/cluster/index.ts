// https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ClusterConfig extends cdktf.TerraformMetaArguments {
  /**
  * Name of the cluster; names its in-cluster record and lock.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name: string;
  /**
  * How to reach the cluster, when not through the provider block's `kubernetes` (the default). Set here, the connection is kept in state (marked sensitive), because refresh and destroy run without the resource's configuration; the provider block's connection is never stored, so prefer it, or `config_path`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#kubernetes Cluster#kubernetes}
  */
  readonly kubernetes?: ClusterKubernetes;
  /**
  * The `snapshot` of a `strata_profile_version` (pinned) or of a `strata_profile` (follows it in place). Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#profile Cluster#profile}
  */
  readonly profile: string;
  /**
  * Values of the profile's variables, by name, written as strings (`{ replicas = "3" }`; HCL converts numbers and bools); each is read per its declared type and checked. Unset ones take their default. Part of `applied_digest` and of the in-cluster record's history; not for secrets. See docs/variables.md.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#variables Cluster#variables}
  */
  readonly variables?: { [key: string]: string };
  /**
  * Wait for each layer's objects to be ready before the next layer.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#wait Cluster#wait}
  */
  readonly wait?: boolean | cdktf.IResolvable;
  /**
  * How long to wait for one layer to be ready, e.g. `90s`, `5m`, `1h`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#timeout Cluster#timeout}
  */
  readonly timeout?: string;
  /**
  * Remove objects that left the profile.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#prune Cluster#prune}
  */
  readonly prune?: boolean | cdktf.IResolvable;
  /**
  * Take over fields owned by other field managers instead of failing.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#force_conflicts Cluster#force_conflicts}
  */
  readonly forceConflicts?: boolean | cdktf.IResolvable;
  /**
  * Take over objects of the profile that already exist in the cluster and are not Strata's (created by another tool or team); the plan shows them as adopted, and from then on they are Strata's. Without it such an object fails the plan; the annotation `strata.dev/adopt: "true"` (on the live object or in the profile) allows it for one object.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#adopt_existing Cluster#adopt_existing}
  */
  readonly adoptExisting?: boolean | cdktf.IResolvable;
  /**
  * Delete and re-create an object whose change the API server refuses as immutable (a Deployment selector, a Job template); the plan shows it as replaced (`-/+`). StatefulSets are re-created without their pods and volumes being deleted. The annotation `strata.dev/recreate-on-immutable: "true"` in the profile allows it for one object.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#recreate_on_immutable Cluster#recreate_on_immutable}
  */
  readonly recreateOnImmutable?: boolean | cdktf.IResolvable;
  /**
  * Delete a CustomResourceDefinition that leaves the profile even while custom resources of its kind exist (which deletes them too, other teams' included). Without it such a CRD is kept, with a plan warning.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#delete_crds_with_resources Cluster#delete_crds_with_resources}
  */
  readonly deleteCrdsWithResources?: boolean | cdktf.IResolvable;
  /**
  * Fields Strata leaves to other controllers (the replicas an autoscaler sets, a CA bundle cert-manager injects): removed from what Strata applies, so the controller owns them and their changes are never drift. See docs/clusters.md, "Fields owned by other controllers".
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#ignore_fields Cluster#ignore_fields}
  */
  readonly ignoreFields?: ClusterIgnoreFields[] | cdktf.IResolvable;
}
export interface ClusterKubernetes {
  /**
  * API server URL, e.g. `https://10.0.0.1:6443`. Overrides the kubeconfig.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#host Cluster#host}
  */
  readonly host?: string;
  /**
  * PEM CA certificate of the API server. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#cluster_ca_certificate Cluster#cluster_ca_certificate}
  */
  readonly clusterCaCertificate?: string;
  /**
  * Bearer token. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#token Cluster#token}
  */
  readonly token?: string;
  /**
  * PEM client certificate. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#client_certificate Cluster#client_certificate}
  */
  readonly clientCertificate?: string;
  /**
  * PEM client key. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#client_key Cluster#client_key}
  */
  readonly clientKey?: string;
  /**
  * Skip verification of the server certificate (test clusters only).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#insecure Cluster#insecure}
  */
  readonly insecure?: boolean | cdktf.IResolvable;
  /**
  * Path to a kubeconfig. Only the path is kept in state; the file is read again on every run. When none of `host`, `config_path` and `config_content` is set, the kubeconfigs that `KUBECONFIG` lists are read and merged as kubectl does.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#config_path Cluster#config_path}
  */
  readonly configPath?: string;
  /**
  * Context of the kubeconfig to use; its current context when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#config_context Cluster#config_context}
  */
  readonly configContext?: string;
  /**
  * A kubeconfig as text. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#config_content Cluster#config_content}
  */
  readonly configContent?: string;
}

export function clusterKubernetesToTerraform(struct?: ClusterKubernetes | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    host: cdktf.stringToTerraform(struct!.host),
    cluster_ca_certificate: cdktf.stringToTerraform(struct!.clusterCaCertificate),
    token: cdktf.stringToTerraform(struct!.token),
    client_certificate: cdktf.stringToTerraform(struct!.clientCertificate),
    client_key: cdktf.stringToTerraform(struct!.clientKey),
    insecure: cdktf.booleanToTerraform(struct!.insecure),
    config_path: cdktf.stringToTerraform(struct!.configPath),
    config_context: cdktf.stringToTerraform(struct!.configContext),
    config_content: cdktf.stringToTerraform(struct!.configContent),
  }
}


export function clusterKubernetesToHclTerraform(struct?: ClusterKubernetes | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    host: {
      value: cdktf.stringToHclTerraform(struct!.host),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    cluster_ca_certificate: {
      value: cdktf.stringToHclTerraform(struct!.clusterCaCertificate),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    token: {
      value: cdktf.stringToHclTerraform(struct!.token),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    client_certificate: {
      value: cdktf.stringToHclTerraform(struct!.clientCertificate),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    client_key: {
      value: cdktf.stringToHclTerraform(struct!.clientKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    insecure: {
      value: cdktf.booleanToHclTerraform(struct!.insecure),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    config_path: {
      value: cdktf.stringToHclTerraform(struct!.configPath),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    config_context: {
      value: cdktf.stringToHclTerraform(struct!.configContext),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    config_content: {
      value: cdktf.stringToHclTerraform(struct!.configContent),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterKubernetesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterKubernetes | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._host !== undefined) {
      hasAnyValues = true;
      internalValueResult.host = this._host;
    }
    if (this._clusterCaCertificate !== undefined) {
      hasAnyValues = true;
      internalValueResult.clusterCaCertificate = this._clusterCaCertificate;
    }
    if (this._token !== undefined) {
      hasAnyValues = true;
      internalValueResult.token = this._token;
    }
    if (this._clientCertificate !== undefined) {
      hasAnyValues = true;
      internalValueResult.clientCertificate = this._clientCertificate;
    }
    if (this._clientKey !== undefined) {
      hasAnyValues = true;
      internalValueResult.clientKey = this._clientKey;
    }
    if (this._insecure !== undefined) {
      hasAnyValues = true;
      internalValueResult.insecure = this._insecure;
    }
    if (this._configPath !== undefined) {
      hasAnyValues = true;
      internalValueResult.configPath = this._configPath;
    }
    if (this._configContext !== undefined) {
      hasAnyValues = true;
      internalValueResult.configContext = this._configContext;
    }
    if (this._configContent !== undefined) {
      hasAnyValues = true;
      internalValueResult.configContent = this._configContent;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterKubernetes | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._host = undefined;
      this._clusterCaCertificate = undefined;
      this._token = undefined;
      this._clientCertificate = undefined;
      this._clientKey = undefined;
      this._insecure = undefined;
      this._configPath = undefined;
      this._configContext = undefined;
      this._configContent = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._host = value.host;
      this._clusterCaCertificate = value.clusterCaCertificate;
      this._token = value.token;
      this._clientCertificate = value.clientCertificate;
      this._clientKey = value.clientKey;
      this._insecure = value.insecure;
      this._configPath = value.configPath;
      this._configContext = value.configContext;
      this._configContent = value.configContent;
    }
  }

  // host - computed: false, optional: true, required: false
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  public resetHost() {
    this._host = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // cluster_ca_certificate - computed: false, optional: true, required: false
  private _clusterCaCertificate?: string; 
  public get clusterCaCertificate() {
    return this.getStringAttribute('cluster_ca_certificate');
  }
  public set clusterCaCertificate(value: string) {
    this._clusterCaCertificate = value;
  }
  public resetClusterCaCertificate() {
    this._clusterCaCertificate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clusterCaCertificateInput() {
    return this._clusterCaCertificate;
  }

  // token - computed: false, optional: true, required: false
  private _token?: string; 
  public get token() {
    return this.getStringAttribute('token');
  }
  public set token(value: string) {
    this._token = value;
  }
  public resetToken() {
    this._token = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tokenInput() {
    return this._token;
  }

  // client_certificate - computed: false, optional: true, required: false
  private _clientCertificate?: string; 
  public get clientCertificate() {
    return this.getStringAttribute('client_certificate');
  }
  public set clientCertificate(value: string) {
    this._clientCertificate = value;
  }
  public resetClientCertificate() {
    this._clientCertificate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientCertificateInput() {
    return this._clientCertificate;
  }

  // client_key - computed: false, optional: true, required: false
  private _clientKey?: string; 
  public get clientKey() {
    return this.getStringAttribute('client_key');
  }
  public set clientKey(value: string) {
    this._clientKey = value;
  }
  public resetClientKey() {
    this._clientKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientKeyInput() {
    return this._clientKey;
  }

  // insecure - computed: false, optional: true, required: false
  private _insecure?: boolean | cdktf.IResolvable; 
  public get insecure() {
    return this.getBooleanAttribute('insecure');
  }
  public set insecure(value: boolean | cdktf.IResolvable) {
    this._insecure = value;
  }
  public resetInsecure() {
    this._insecure = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get insecureInput() {
    return this._insecure;
  }

  // config_path - computed: false, optional: true, required: false
  private _configPath?: string; 
  public get configPath() {
    return this.getStringAttribute('config_path');
  }
  public set configPath(value: string) {
    this._configPath = value;
  }
  public resetConfigPath() {
    this._configPath = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get configPathInput() {
    return this._configPath;
  }

  // config_context - computed: false, optional: true, required: false
  private _configContext?: string; 
  public get configContext() {
    return this.getStringAttribute('config_context');
  }
  public set configContext(value: string) {
    this._configContext = value;
  }
  public resetConfigContext() {
    this._configContext = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get configContextInput() {
    return this._configContext;
  }

  // config_content - computed: false, optional: true, required: false
  private _configContent?: string; 
  public get configContent() {
    return this.getStringAttribute('config_content');
  }
  public set configContent(value: string) {
    this._configContent = value;
  }
  public resetConfigContent() {
    this._configContent = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get configContentInput() {
    return this._configContent;
  }
}
export interface ClusterIgnoreFields {
  /**
  * API group (`apps`) or group/version (`apps/v1`) of the objects; compared by group. Unset: any group. `v1` is the core group.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#api_version Cluster#api_version}
  */
  readonly apiVersion?: string;
  /**
  * Kind of the objects, e.g. `Deployment`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#kind Cluster#kind}
  */
  readonly kind: string;
  /**
  * Name of the object; unset: every object of the kind.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Namespace of the objects; unset: any.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#namespace Cluster#namespace}
  */
  readonly namespace?: string;
  /**
  * Field paths: `spec.replicas`, `webhooks[*].clientConfig.caBundle`, `spec.containers[0].resources`, `metadata.annotations["example.com/x"]`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#paths Cluster#paths}
  */
  readonly paths: string[];
}

export function clusterIgnoreFieldsToTerraform(struct?: ClusterIgnoreFields | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    api_version: cdktf.stringToTerraform(struct!.apiVersion),
    kind: cdktf.stringToTerraform(struct!.kind),
    name: cdktf.stringToTerraform(struct!.name),
    namespace: cdktf.stringToTerraform(struct!.namespace),
    paths: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.paths),
  }
}


export function clusterIgnoreFieldsToHclTerraform(struct?: ClusterIgnoreFields | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    api_version: {
      value: cdktf.stringToHclTerraform(struct!.apiVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    kind: {
      value: cdktf.stringToHclTerraform(struct!.kind),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    namespace: {
      value: cdktf.stringToHclTerraform(struct!.namespace),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    paths: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.paths),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterIgnoreFieldsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ClusterIgnoreFields | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._apiVersion !== undefined) {
      hasAnyValues = true;
      internalValueResult.apiVersion = this._apiVersion;
    }
    if (this._kind !== undefined) {
      hasAnyValues = true;
      internalValueResult.kind = this._kind;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._namespace !== undefined) {
      hasAnyValues = true;
      internalValueResult.namespace = this._namespace;
    }
    if (this._paths !== undefined) {
      hasAnyValues = true;
      internalValueResult.paths = this._paths;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterIgnoreFields | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._apiVersion = undefined;
      this._kind = undefined;
      this._name = undefined;
      this._namespace = undefined;
      this._paths = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._apiVersion = value.apiVersion;
      this._kind = value.kind;
      this._name = value.name;
      this._namespace = value.namespace;
      this._paths = value.paths;
    }
  }

  // api_version - computed: false, optional: true, required: false
  private _apiVersion?: string; 
  public get apiVersion() {
    return this.getStringAttribute('api_version');
  }
  public set apiVersion(value: string) {
    this._apiVersion = value;
  }
  public resetApiVersion() {
    this._apiVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiVersionInput() {
    return this._apiVersion;
  }

  // kind - computed: false, optional: false, required: true
  private _kind?: string; 
  public get kind() {
    return this.getStringAttribute('kind');
  }
  public set kind(value: string) {
    this._kind = value;
  }
  // Temporarily expose input value. Use with caution.
  public get kindInput() {
    return this._kind;
  }

  // name - computed: false, optional: true, required: false
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  public resetName() {
    this._name = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // namespace - computed: false, optional: true, required: false
  private _namespace?: string; 
  public get namespace() {
    return this.getStringAttribute('namespace');
  }
  public set namespace(value: string) {
    this._namespace = value;
  }
  public resetNamespace() {
    this._namespace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get namespaceInput() {
    return this._namespace;
  }

  // paths - computed: false, optional: false, required: true
  private _paths?: string[]; 
  public get paths() {
    return this.getListAttribute('paths');
  }
  public set paths(value: string[]) {
    this._paths = value;
  }
  // Temporarily expose input value. Use with caution.
  public get pathsInput() {
    return this._paths;
  }
}

export class ClusterIgnoreFieldsList extends cdktf.ComplexList {
  public internalValue? : ClusterIgnoreFields[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): ClusterIgnoreFieldsOutputReference {
    return new ClusterIgnoreFieldsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterLayers {
}

export function clusterLayersToTerraform(struct?: ClusterLayers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function clusterLayersToHclTerraform(struct?: ClusterLayers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class ClusterLayersOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ClusterLayers | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterLayers | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // digest - computed: true, optional: false, required: false
  public get digest() {
    return this.getStringAttribute('digest');
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // object_count - computed: true, optional: false, required: false
  public get objectCount() {
    return this.getNumberAttribute('object_count');
  }

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }
}

export class ClusterLayersList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): ClusterLayersOutputReference {
    return new ClusterLayersOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterHistory {
}

export function clusterHistoryToTerraform(struct?: ClusterHistory): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function clusterHistoryToHclTerraform(struct?: ClusterHistory): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class ClusterHistoryOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ClusterHistory | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterHistory | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // digest - computed: true, optional: false, required: false
  public get digest() {
    return this.getStringAttribute('digest');
  }

  // outcome - computed: true, optional: false, required: false
  public get outcome() {
    return this.getStringAttribute('outcome');
  }

  // time - computed: true, optional: false, required: false
  public get time() {
    return this.getStringAttribute('time');
  }

  // version - computed: true, optional: false, required: false
  public get version() {
    return this.getStringAttribute('version');
  }
}

export class ClusterHistoryList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): ClusterHistoryOutputReference {
    return new ClusterHistoryOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster strata_cluster}
*/
export class Cluster extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "strata_cluster";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Cluster resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Cluster to import
  * @param importFromId The id of the existing Cluster that should be imported. Refer to the {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Cluster to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "strata_cluster", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster strata_cluster} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ClusterConfig
  */
  public constructor(scope: Construct, id: string, config: ClusterConfig) {
    super(scope, id, {
      terraformResourceType: 'strata_cluster',
      terraformGeneratorMetadata: {
        providerName: 'strata'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._name = config.name;
    this._kubernetes.internalValue = config.kubernetes;
    this._profile = config.profile;
    this._variables = config.variables;
    this._wait = config.wait;
    this._timeout = config.timeout;
    this._prune = config.prune;
    this._forceConflicts = config.forceConflicts;
    this._adoptExisting = config.adoptExisting;
    this._recreateOnImmutable = config.recreateOnImmutable;
    this._deleteCrdsWithResources = config.deleteCrdsWithResources;
    this._ignoreFields.internalValue = config.ignoreFields;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // kubernetes - computed: false, optional: true, required: false
  private _kubernetes = new ClusterKubernetesOutputReference(this, "kubernetes");
  public get kubernetes() {
    return this._kubernetes;
  }
  public putKubernetes(value: ClusterKubernetes) {
    this._kubernetes.internalValue = value;
  }
  public resetKubernetes() {
    this._kubernetes.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kubernetesInput() {
    return this._kubernetes.internalValue;
  }

  // profile - computed: false, optional: false, required: true
  private _profile?: string; 
  public get profile() {
    return this.getStringAttribute('profile');
  }
  public set profile(value: string) {
    this._profile = value;
  }
  // Temporarily expose input value. Use with caution.
  public get profileInput() {
    return this._profile;
  }

  // variables - computed: false, optional: true, required: false
  private _variables?: { [key: string]: string }; 
  public get variables() {
    return this.getStringMapAttribute('variables');
  }
  public set variables(value: { [key: string]: string }) {
    this._variables = value;
  }
  public resetVariables() {
    this._variables = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get variablesInput() {
    return this._variables;
  }

  // wait - computed: true, optional: true, required: false
  private _wait?: boolean | cdktf.IResolvable; 
  public get wait() {
    return this.getBooleanAttribute('wait');
  }
  public set wait(value: boolean | cdktf.IResolvable) {
    this._wait = value;
  }
  public resetWait() {
    this._wait = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitInput() {
    return this._wait;
  }

  // timeout - computed: true, optional: true, required: false
  private _timeout?: string; 
  public get timeout() {
    return this.getStringAttribute('timeout');
  }
  public set timeout(value: string) {
    this._timeout = value;
  }
  public resetTimeout() {
    this._timeout = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutInput() {
    return this._timeout;
  }

  // prune - computed: true, optional: true, required: false
  private _prune?: boolean | cdktf.IResolvable; 
  public get prune() {
    return this.getBooleanAttribute('prune');
  }
  public set prune(value: boolean | cdktf.IResolvable) {
    this._prune = value;
  }
  public resetPrune() {
    this._prune = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pruneInput() {
    return this._prune;
  }

  // force_conflicts - computed: true, optional: true, required: false
  private _forceConflicts?: boolean | cdktf.IResolvable; 
  public get forceConflicts() {
    return this.getBooleanAttribute('force_conflicts');
  }
  public set forceConflicts(value: boolean | cdktf.IResolvable) {
    this._forceConflicts = value;
  }
  public resetForceConflicts() {
    this._forceConflicts = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceConflictsInput() {
    return this._forceConflicts;
  }

  // adopt_existing - computed: true, optional: true, required: false
  private _adoptExisting?: boolean | cdktf.IResolvable; 
  public get adoptExisting() {
    return this.getBooleanAttribute('adopt_existing');
  }
  public set adoptExisting(value: boolean | cdktf.IResolvable) {
    this._adoptExisting = value;
  }
  public resetAdoptExisting() {
    this._adoptExisting = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adoptExistingInput() {
    return this._adoptExisting;
  }

  // recreate_on_immutable - computed: true, optional: true, required: false
  private _recreateOnImmutable?: boolean | cdktf.IResolvable; 
  public get recreateOnImmutable() {
    return this.getBooleanAttribute('recreate_on_immutable');
  }
  public set recreateOnImmutable(value: boolean | cdktf.IResolvable) {
    this._recreateOnImmutable = value;
  }
  public resetRecreateOnImmutable() {
    this._recreateOnImmutable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get recreateOnImmutableInput() {
    return this._recreateOnImmutable;
  }

  // delete_crds_with_resources - computed: true, optional: true, required: false
  private _deleteCrdsWithResources?: boolean | cdktf.IResolvable; 
  public get deleteCrdsWithResources() {
    return this.getBooleanAttribute('delete_crds_with_resources');
  }
  public set deleteCrdsWithResources(value: boolean | cdktf.IResolvable) {
    this._deleteCrdsWithResources = value;
  }
  public resetDeleteCrdsWithResources() {
    this._deleteCrdsWithResources = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteCrdsWithResourcesInput() {
    return this._deleteCrdsWithResources;
  }

  // ignore_fields - computed: false, optional: true, required: false
  private _ignoreFields = new ClusterIgnoreFieldsList(this, "ignore_fields", false);
  public get ignoreFields() {
    return this._ignoreFields;
  }
  public putIgnoreFields(value: ClusterIgnoreFields[] | cdktf.IResolvable) {
    this._ignoreFields.internalValue = value;
  }
  public resetIgnoreFields() {
    this._ignoreFields.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ignoreFieldsInput() {
    return this._ignoreFields.internalValue;
  }

  // applied_version - computed: true, optional: false, required: false
  public get appliedVersion() {
    return this.getStringAttribute('applied_version');
  }

  // applied_digest - computed: true, optional: false, required: false
  public get appliedDigest() {
    return this.getStringAttribute('applied_digest');
  }

  // layers - computed: true, optional: false, required: false
  private _layers = new ClusterLayersList(this, "layers", false);
  public get layers() {
    return this._layers;
  }

  // history - computed: true, optional: false, required: false
  private _history = new ClusterHistoryList(this, "history", false);
  public get history() {
    return this._history;
  }

  // changes - computed: true, optional: false, required: false
  public get changes() {
    return this.getListAttribute('changes');
  }

  // drift - computed: true, optional: false, required: false
  public get drift() {
    return this.getListAttribute('drift');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      name: cdktf.stringToTerraform(this._name),
      kubernetes: clusterKubernetesToTerraform(this._kubernetes.internalValue),
      profile: cdktf.stringToTerraform(this._profile),
      variables: cdktf.hashMapper(cdktf.stringToTerraform)(this._variables),
      wait: cdktf.booleanToTerraform(this._wait),
      timeout: cdktf.stringToTerraform(this._timeout),
      prune: cdktf.booleanToTerraform(this._prune),
      force_conflicts: cdktf.booleanToTerraform(this._forceConflicts),
      adopt_existing: cdktf.booleanToTerraform(this._adoptExisting),
      recreate_on_immutable: cdktf.booleanToTerraform(this._recreateOnImmutable),
      delete_crds_with_resources: cdktf.booleanToTerraform(this._deleteCrdsWithResources),
      ignore_fields: cdktf.listMapper(clusterIgnoreFieldsToTerraform, false)(this._ignoreFields.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      kubernetes: {
        value: clusterKubernetesToHclTerraform(this._kubernetes.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ClusterKubernetes",
      },
      profile: {
        value: cdktf.stringToHclTerraform(this._profile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      variables: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._variables),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      wait: {
        value: cdktf.booleanToHclTerraform(this._wait),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      timeout: {
        value: cdktf.stringToHclTerraform(this._timeout),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      prune: {
        value: cdktf.booleanToHclTerraform(this._prune),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      force_conflicts: {
        value: cdktf.booleanToHclTerraform(this._forceConflicts),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      adopt_existing: {
        value: cdktf.booleanToHclTerraform(this._adoptExisting),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      recreate_on_immutable: {
        value: cdktf.booleanToHclTerraform(this._recreateOnImmutable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      delete_crds_with_resources: {
        value: cdktf.booleanToHclTerraform(this._deleteCrdsWithResources),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      ignore_fields: {
        value: cdktf.listMapperHcl(clusterIgnoreFieldsToHclTerraform, false)(this._ignoreFields.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterIgnoreFieldsList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
