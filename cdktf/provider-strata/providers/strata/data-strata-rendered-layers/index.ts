// https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataStrataRenderedLayersConfig extends cdktf.TerraformMetaArguments {
  /**
  * The `snapshot` of a `strata_profile_version` or of a `strata_profile`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#profile DataStrataRenderedLayers#profile}
  */
  readonly profile: string;
  /**
  * How to reach the cluster the profile is rendered for, when not through the provider block's `kubernetes` (the default; the same attributes as on `strata_cluster`). Set here, the connection is kept in state (marked sensitive), as with every data source argument; prefer the provider block, or `config_path`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#kubernetes DataStrataRenderedLayers#kubernetes}
  */
  readonly kubernetes?: DataStrataRenderedLayersKubernetes;
  /**
  * The name of a cluster Strata manages on that connection (the `name` of its `strata_cluster`): its in-cluster record must exist, and charts render as an upgrade of the layers it runs (`.Release.IsUpgrade`). Unset: the profile is rendered as for a new cluster.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#cluster DataStrataRenderedLayers#cluster}
  */
  readonly cluster?: string;
  /**
  * Values of the profile's variables, as `strata_cluster` takes them (see docs/variables.md); give the cluster's own values to review what it will run.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#variables DataStrataRenderedLayers#variables}
  */
  readonly variables?: { [key: string]: string };
}
export interface DataStrataRenderedLayersKubernetes {
  /**
  * API server URL, e.g. `https://10.0.0.1:6443`. Overrides the kubeconfig.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#host DataStrataRenderedLayers#host}
  */
  readonly host?: string;
  /**
  * PEM CA certificate of the API server. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#cluster_ca_certificate DataStrataRenderedLayers#cluster_ca_certificate}
  */
  readonly clusterCaCertificate?: string;
  /**
  * Bearer token. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#token DataStrataRenderedLayers#token}
  */
  readonly token?: string;
  /**
  * PEM client certificate. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#client_certificate DataStrataRenderedLayers#client_certificate}
  */
  readonly clientCertificate?: string;
  /**
  * PEM client key. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#client_key DataStrataRenderedLayers#client_key}
  */
  readonly clientKey?: string;
  /**
  * Skip verification of the server certificate (test clusters only).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#insecure DataStrataRenderedLayers#insecure}
  */
  readonly insecure?: boolean | cdktf.IResolvable;
  /**
  * Path to a kubeconfig. Only the path is kept in state; the file is read again on every run. When none of `host`, `config_path` and `config_content` is set, the kubeconfigs that `KUBECONFIG` lists are read and merged as kubectl does.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#config_path DataStrataRenderedLayers#config_path}
  */
  readonly configPath?: string;
  /**
  * Context of the kubeconfig to use; its current context when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#config_context DataStrataRenderedLayers#config_context}
  */
  readonly configContext?: string;
  /**
  * A kubeconfig as text. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#config_content DataStrataRenderedLayers#config_content}
  */
  readonly configContent?: string;
}

export function dataStrataRenderedLayersKubernetesToTerraform(struct?: DataStrataRenderedLayersKubernetes | cdktf.IResolvable): any {
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


export function dataStrataRenderedLayersKubernetesToHclTerraform(struct?: DataStrataRenderedLayersKubernetes | cdktf.IResolvable): any {
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

export class DataStrataRenderedLayersKubernetesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DataStrataRenderedLayersKubernetes | cdktf.IResolvable | undefined {
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

  public set internalValue(value: DataStrataRenderedLayersKubernetes | cdktf.IResolvable | undefined) {
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
export interface DataStrataRenderedLayersLayersObjects {
}

export function dataStrataRenderedLayersLayersObjectsToTerraform(struct?: DataStrataRenderedLayersLayersObjects): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataStrataRenderedLayersLayersObjectsToHclTerraform(struct?: DataStrataRenderedLayersLayersObjects): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataStrataRenderedLayersLayersObjectsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataStrataRenderedLayersLayersObjects | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataStrataRenderedLayersLayersObjects | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // api_version - computed: true, optional: false, required: false
  public get apiVersion() {
    return this.getStringAttribute('api_version');
  }

  // kind - computed: true, optional: false, required: false
  public get kind() {
    return this.getStringAttribute('kind');
  }

  // namespace - computed: true, optional: false, required: false
  public get namespace() {
    return this.getStringAttribute('namespace');
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // yaml - computed: true, optional: false, required: false
  public get yaml() {
    return this.getStringAttribute('yaml');
  }
}

export class DataStrataRenderedLayersLayersObjectsList extends cdktf.ComplexList {

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
  public get(index: number): DataStrataRenderedLayersLayersObjectsOutputReference {
    return new DataStrataRenderedLayersLayersObjectsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataStrataRenderedLayersLayers {
}

export function dataStrataRenderedLayersLayersToTerraform(struct?: DataStrataRenderedLayersLayers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataStrataRenderedLayersLayersToHclTerraform(struct?: DataStrataRenderedLayersLayers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataStrataRenderedLayersLayersOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataStrataRenderedLayersLayers | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataStrataRenderedLayersLayers | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }

  // digest - computed: true, optional: false, required: false
  public get digest() {
    return this.getStringAttribute('digest');
  }

  // objects - computed: true, optional: false, required: false
  private _objects = new DataStrataRenderedLayersLayersObjectsList(this, "objects", false);
  public get objects() {
    return this._objects;
  }
}

export class DataStrataRenderedLayersLayersList extends cdktf.ComplexList {

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
  public get(index: number): DataStrataRenderedLayersLayersOutputReference {
    return new DataStrataRenderedLayersLayersOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers strata_rendered_layers}
*/
export class DataStrataRenderedLayers extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "strata_rendered_layers";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataStrataRenderedLayers resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataStrataRenderedLayers to import
  * @param importFromId The id of the existing DataStrataRenderedLayers that should be imported. Refer to the {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataStrataRenderedLayers to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "strata_rendered_layers", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/data-sources/rendered_layers strata_rendered_layers} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataStrataRenderedLayersConfig
  */
  public constructor(scope: Construct, id: string, config: DataStrataRenderedLayersConfig) {
    super(scope, id, {
      terraformResourceType: 'strata_rendered_layers',
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
    this._profile = config.profile;
    this._kubernetes.internalValue = config.kubernetes;
    this._cluster = config.cluster;
    this._variables = config.variables;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // kubernetes - computed: false, optional: true, required: false
  private _kubernetes = new DataStrataRenderedLayersKubernetesOutputReference(this, "kubernetes");
  public get kubernetes() {
    return this._kubernetes;
  }
  public putKubernetes(value: DataStrataRenderedLayersKubernetes) {
    this._kubernetes.internalValue = value;
  }
  public resetKubernetes() {
    this._kubernetes.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kubernetesInput() {
    return this._kubernetes.internalValue;
  }

  // cluster - computed: false, optional: true, required: false
  private _cluster?: string; 
  public get cluster() {
    return this.getStringAttribute('cluster');
  }
  public set cluster(value: string) {
    this._cluster = value;
  }
  public resetCluster() {
    this._cluster = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clusterInput() {
    return this._cluster;
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

  // layers - computed: true, optional: false, required: false
  private _layers = new DataStrataRenderedLayersLayersList(this, "layers", false);
  public get layers() {
    return this._layers;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      profile: cdktf.stringToTerraform(this._profile),
      kubernetes: dataStrataRenderedLayersKubernetesToTerraform(this._kubernetes.internalValue),
      cluster: cdktf.stringToTerraform(this._cluster),
      variables: cdktf.hashMapper(cdktf.stringToTerraform)(this._variables),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      profile: {
        value: cdktf.stringToHclTerraform(this._profile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      kubernetes: {
        value: dataStrataRenderedLayersKubernetesToHclTerraform(this._kubernetes.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "DataStrataRenderedLayersKubernetes",
      },
      cluster: {
        value: cdktf.stringToHclTerraform(this._cluster),
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
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
