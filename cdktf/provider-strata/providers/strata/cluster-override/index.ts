// https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ClusterOverrideConfig extends cdktf.TerraformMetaArguments {
  /**
  * The `id` of the `strata_cluster` (its name). The cluster must have been applied.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#cluster_id ClusterOverride#cluster_id}
  */
  readonly clusterId: string;
  /**
  * How to reach the cluster, when not through the provider block's `kubernetes` (the default). Set here, the connection is kept in state (marked sensitive), because refresh and destroy run without the resource's configuration; the provider block's connection is never stored, so prefer it, or `config_path`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#kubernetes ClusterOverride#kubernetes}
  */
  readonly kubernetes?: ClusterOverrideKubernetes;
  /**
  * Name of the override, a DNS label (at most 63 lowercase letters, digits and "-"), unique within its layer; overrides of one layer apply in the order of their names.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#name ClusterOverride#name}
  */
  readonly name: string;
  /**
  * Name of the layer of the cluster's profile that the override changes.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#layer ClusterOverride#layer}
  */
  readonly layer: string;
  /**
  * Why the override exists; kept in the in-cluster record.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#description ClusterOverride#description}
  */
  readonly description?: string;
  /**
  * YAML mapping merged over the values of a Helm or pack layer before it is rendered, as Helm merges values files: maps merge, a null removes a key, lists and scalars replace (a pack layer's result is then checked against the pack's values schema).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#values ClusterOverride#values}
  */
  readonly values?: string;
  /**
  * patch block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#patch ClusterOverride#patch}
  */
  readonly patch?: ClusterOverridePatch[] | cdktf.IResolvable;
}
export interface ClusterOverrideKubernetes {
  /**
  * API server URL, e.g. `https://10.0.0.1:6443`. Overrides the kubeconfig.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#host ClusterOverride#host}
  */
  readonly host?: string;
  /**
  * PEM CA certificate of the API server. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#cluster_ca_certificate ClusterOverride#cluster_ca_certificate}
  */
  readonly clusterCaCertificate?: string;
  /**
  * Bearer token. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#token ClusterOverride#token}
  */
  readonly token?: string;
  /**
  * PEM client certificate. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#client_certificate ClusterOverride#client_certificate}
  */
  readonly clientCertificate?: string;
  /**
  * PEM client key. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#client_key ClusterOverride#client_key}
  */
  readonly clientKey?: string;
  /**
  * Skip verification of the server certificate (test clusters only).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#insecure ClusterOverride#insecure}
  */
  readonly insecure?: boolean | cdktf.IResolvable;
  /**
  * Path to a kubeconfig. Only the path is kept in state; the file is read again on every run. When none of `host`, `config_path` and `config_content` is set, the kubeconfigs that `KUBECONFIG` lists are read and merged as kubectl does.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#config_path ClusterOverride#config_path}
  */
  readonly configPath?: string;
  /**
  * Context of the kubeconfig to use; its current context when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#config_context ClusterOverride#config_context}
  */
  readonly configContext?: string;
  /**
  * A kubeconfig as text. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#config_content ClusterOverride#config_content}
  */
  readonly configContent?: string;
}

export function clusterOverrideKubernetesToTerraform(struct?: ClusterOverrideKubernetes | cdktf.IResolvable): any {
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


export function clusterOverrideKubernetesToHclTerraform(struct?: ClusterOverrideKubernetes | cdktf.IResolvable): any {
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

export class ClusterOverrideKubernetesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterOverrideKubernetes | cdktf.IResolvable | undefined {
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

  public set internalValue(value: ClusterOverrideKubernetes | cdktf.IResolvable | undefined) {
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
export interface ClusterOverridePatchTarget {
  /**
  * e.g. `apps/v1` (compared by API group).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#api_version ClusterOverride#api_version}
  */
  readonly apiVersion: string;
  /**
  * e.g. `Deployment`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#kind ClusterOverride#kind}
  */
  readonly kind: string;
  /**
  * Name of the object.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#name ClusterOverride#name}
  */
  readonly name: string;
  /**
  * Namespace of the object; unset for cluster-scoped objects.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#namespace ClusterOverride#namespace}
  */
  readonly namespace?: string;
}

export function clusterOverridePatchTargetToTerraform(struct?: ClusterOverridePatchTarget | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    api_version: cdktf.stringToTerraform(struct!.apiVersion),
    kind: cdktf.stringToTerraform(struct!.kind),
    name: cdktf.stringToTerraform(struct!.name),
    namespace: cdktf.stringToTerraform(struct!.namespace),
  }
}


export function clusterOverridePatchTargetToHclTerraform(struct?: ClusterOverridePatchTarget | cdktf.IResolvable): any {
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
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterOverridePatchTargetOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterOverridePatchTarget | cdktf.IResolvable | undefined {
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
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterOverridePatchTarget | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._apiVersion = undefined;
      this._kind = undefined;
      this._name = undefined;
      this._namespace = undefined;
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
    }
  }

  // api_version - computed: false, optional: false, required: true
  private _apiVersion?: string; 
  public get apiVersion() {
    return this.getStringAttribute('api_version');
  }
  public set apiVersion(value: string) {
    this._apiVersion = value;
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
}
export interface ClusterOverridePatch {
  /**
  * A strategic-merge-style patch as YAML: maps merge and a null removes a key; lists whose items all have a `name` (containers, env, ports, volumes) merge item by item by name, `$patch: delete` in an item removes it, new names are appended; other lists replace.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#merge_patch ClusterOverride#merge_patch}
  */
  readonly mergePatch?: string;
  /**
  * An RFC 6902 JSON patch as JSON or YAML: a list of operations (`add`, `remove`, `replace`, `move`, `copy`, `test`). A failing operation (a path that is gone, a `test` that fails) fails the plan, naming the override and the operation.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#json_patch ClusterOverride#json_patch}
  */
  readonly jsonPatch?: string;
  /**
  * target block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#target ClusterOverride#target}
  */
  readonly target?: ClusterOverridePatchTarget;
}

export function clusterOverridePatchToTerraform(struct?: ClusterOverridePatch | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    merge_patch: cdktf.stringToTerraform(struct!.mergePatch),
    json_patch: cdktf.stringToTerraform(struct!.jsonPatch),
    target: clusterOverridePatchTargetToTerraform(struct!.target),
  }
}


export function clusterOverridePatchToHclTerraform(struct?: ClusterOverridePatch | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    merge_patch: {
      value: cdktf.stringToHclTerraform(struct!.mergePatch),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    json_patch: {
      value: cdktf.stringToHclTerraform(struct!.jsonPatch),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    target: {
      value: clusterOverridePatchTargetToHclTerraform(struct!.target),
      isBlock: true,
      type: "struct",
      storageClassType: "ClusterOverridePatchTarget",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterOverridePatchOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterOverridePatch | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._mergePatch !== undefined) {
      hasAnyValues = true;
      internalValueResult.mergePatch = this._mergePatch;
    }
    if (this._jsonPatch !== undefined) {
      hasAnyValues = true;
      internalValueResult.jsonPatch = this._jsonPatch;
    }
    if (this._target?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.target = this._target?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterOverridePatch | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._mergePatch = undefined;
      this._jsonPatch = undefined;
      this._target.internalValue = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._mergePatch = value.mergePatch;
      this._jsonPatch = value.jsonPatch;
      this._target.internalValue = value.target;
    }
  }

  // merge_patch - computed: false, optional: true, required: false
  private _mergePatch?: string; 
  public get mergePatch() {
    return this.getStringAttribute('merge_patch');
  }
  public set mergePatch(value: string) {
    this._mergePatch = value;
  }
  public resetMergePatch() {
    this._mergePatch = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mergePatchInput() {
    return this._mergePatch;
  }

  // json_patch - computed: false, optional: true, required: false
  private _jsonPatch?: string; 
  public get jsonPatch() {
    return this.getStringAttribute('json_patch');
  }
  public set jsonPatch(value: string) {
    this._jsonPatch = value;
  }
  public resetJsonPatch() {
    this._jsonPatch = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get jsonPatchInput() {
    return this._jsonPatch;
  }

  // target - computed: false, optional: true, required: false
  private _target = new ClusterOverridePatchTargetOutputReference(this, "target");
  public get target() {
    return this._target;
  }
  public putTarget(value: ClusterOverridePatchTarget) {
    this._target.internalValue = value;
  }
  public resetTarget() {
    this._target.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get targetInput() {
    return this._target.internalValue;
  }
}

export class ClusterOverridePatchList extends cdktf.ComplexList {
  public internalValue? : ClusterOverridePatch[] | cdktf.IResolvable

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
  public get(index: number): ClusterOverridePatchOutputReference {
    return new ClusterOverridePatchOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override strata_cluster_override}
*/
export class ClusterOverride extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "strata_cluster_override";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ClusterOverride resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ClusterOverride to import
  * @param importFromId The id of the existing ClusterOverride that should be imported. Refer to the {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ClusterOverride to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "strata_cluster_override", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/cluster_override strata_cluster_override} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ClusterOverrideConfig
  */
  public constructor(scope: Construct, id: string, config: ClusterOverrideConfig) {
    super(scope, id, {
      terraformResourceType: 'strata_cluster_override',
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
    this._clusterId = config.clusterId;
    this._kubernetes.internalValue = config.kubernetes;
    this._name = config.name;
    this._layer = config.layer;
    this._description = config.description;
    this._values = config.values;
    this._patch.internalValue = config.patch;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // cluster_id - computed: false, optional: false, required: true
  private _clusterId?: string; 
  public get clusterId() {
    return this.getStringAttribute('cluster_id');
  }
  public set clusterId(value: string) {
    this._clusterId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get clusterIdInput() {
    return this._clusterId;
  }

  // kubernetes - computed: false, optional: true, required: false
  private _kubernetes = new ClusterOverrideKubernetesOutputReference(this, "kubernetes");
  public get kubernetes() {
    return this._kubernetes;
  }
  public putKubernetes(value: ClusterOverrideKubernetes) {
    this._kubernetes.internalValue = value;
  }
  public resetKubernetes() {
    this._kubernetes.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kubernetesInput() {
    return this._kubernetes.internalValue;
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

  // layer - computed: false, optional: false, required: true
  private _layer?: string; 
  public get layer() {
    return this.getStringAttribute('layer');
  }
  public set layer(value: string) {
    this._layer = value;
  }
  // Temporarily expose input value. Use with caution.
  public get layerInput() {
    return this._layer;
  }

  // description - computed: false, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // values - computed: false, optional: true, required: false
  private _values?: string; 
  public get values() {
    return this.getStringAttribute('values');
  }
  public set values(value: string) {
    this._values = value;
  }
  public resetValues() {
    this._values = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get valuesInput() {
    return this._values;
  }

  // digest - computed: true, optional: false, required: false
  public get digest() {
    return this.getStringAttribute('digest');
  }

  // orphaned - computed: true, optional: false, required: false
  public get orphaned() {
    return this.getBooleanAttribute('orphaned');
  }

  // orphan_reason - computed: true, optional: false, required: false
  public get orphanReason() {
    return this.getStringAttribute('orphan_reason');
  }

  // objects - computed: true, optional: false, required: false
  public get objects() {
    return this.getListAttribute('objects');
  }

  // changes - computed: true, optional: false, required: false
  public get changes() {
    return this.getListAttribute('changes');
  }

  // patch - computed: false, optional: true, required: false
  private _patch = new ClusterOverridePatchList(this, "patch", false);
  public get patch() {
    return this._patch;
  }
  public putPatch(value: ClusterOverridePatch[] | cdktf.IResolvable) {
    this._patch.internalValue = value;
  }
  public resetPatch() {
    this._patch.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get patchInput() {
    return this._patch.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      cluster_id: cdktf.stringToTerraform(this._clusterId),
      kubernetes: clusterOverrideKubernetesToTerraform(this._kubernetes.internalValue),
      name: cdktf.stringToTerraform(this._name),
      layer: cdktf.stringToTerraform(this._layer),
      description: cdktf.stringToTerraform(this._description),
      values: cdktf.stringToTerraform(this._values),
      patch: cdktf.listMapper(clusterOverridePatchToTerraform, true)(this._patch.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      cluster_id: {
        value: cdktf.stringToHclTerraform(this._clusterId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      kubernetes: {
        value: clusterOverrideKubernetesToHclTerraform(this._kubernetes.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ClusterOverrideKubernetes",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      layer: {
        value: cdktf.stringToHclTerraform(this._layer),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      description: {
        value: cdktf.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      values: {
        value: cdktf.stringToHclTerraform(this._values),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      patch: {
        value: cdktf.listMapperHcl(clusterOverridePatchToHclTerraform, true)(this._patch.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterOverridePatchList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
