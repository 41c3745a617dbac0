// https://registry.opentofu.org/providers/strata/strata/latest/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface StrataProviderConfig {
  /**
  * A `helm` executable to render Helm layers with instead of the Helm renderer bundled with the provider (Helm's Go SDK). Defaults to `STRATA_HELM_PATH`; unset, the bundled renderer is used, and no `helm` is needed. The binary renders without the cluster (`lookup` finds nothing) and cannot use `helm_repository` credentials.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#helm_path StrataProvider#helm_path}
  */
  readonly helmPath?: string;
  /**
  * The default connection of every `strata_cluster` that sets no `kubernetes` of its own (the same attributes as HashiCorp's kubernetes provider). Terraform passes provider configuration to every plan, apply, refresh, import and destroy and never stores it, so a cluster that uses it keeps no credential in state.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#kubernetes StrataProvider#kubernetes}
  */
  readonly kubernetes?: StrataProviderKubernetes;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#alias StrataProvider#alias}
  */
  readonly alias?: string;
  /**
  * helm_repository block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#helm_repository StrataProvider#helm_repository}
  */
  readonly helmRepository?: StrataProviderHelmRepository[] | cdktf.IResolvable;
  /**
  * pack_registry block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#pack_registry StrataProvider#pack_registry}
  */
  readonly packRegistry?: StrataProviderPackRegistry[] | cdktf.IResolvable;
}
export interface StrataProviderKubernetes {
  /**
  * API server URL, e.g. `https://10.0.0.1:6443`. Overrides the kubeconfig.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#host StrataProvider#host}
  */
  readonly host?: string;
  /**
  * PEM CA certificate of the API server. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#cluster_ca_certificate StrataProvider#cluster_ca_certificate}
  */
  readonly clusterCaCertificate?: string;
  /**
  * Bearer token. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#token StrataProvider#token}
  */
  readonly token?: string;
  /**
  * PEM client certificate. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#client_certificate StrataProvider#client_certificate}
  */
  readonly clientCertificate?: string;
  /**
  * PEM client key. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#client_key StrataProvider#client_key}
  */
  readonly clientKey?: string;
  /**
  * Skip verification of the server certificate (test clusters only).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#insecure StrataProvider#insecure}
  */
  readonly insecure?: boolean | cdktf.IResolvable;
  /**
  * Path to a kubeconfig. Only the path is kept in state; the file is read again on every run. When none of `host`, `config_path` and `config_content` is set, the kubeconfigs that `KUBECONFIG` lists are read and merged as kubectl does.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#config_path StrataProvider#config_path}
  */
  readonly configPath?: string;
  /**
  * Context of the kubeconfig to use; its current context when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#config_context StrataProvider#config_context}
  */
  readonly configContext?: string;
  /**
  * A kubeconfig as text. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#config_content StrataProvider#config_content}
  */
  readonly configContent?: string;
}

export function strataProviderKubernetesToTerraform(struct?: StrataProviderKubernetes | cdktf.IResolvable): any {
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


export function strataProviderKubernetesToHclTerraform(struct?: StrataProviderKubernetes | cdktf.IResolvable): any {
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

export interface StrataProviderHelmRepository {
  /**
  * `https://` or `http://` chart repository, or `oci://` registry, e.g. `https://charts.example.com` or `oci://registry.example.com`. Of several blocks for one host, the one whose path is the longest prefix of a request's path is used.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#url StrataProvider#url}
  */
  readonly url: string;
  /**
  * Basic authentication (HTTP repositories) or registry login (OCI), with `password`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#username StrataProvider#username}
  */
  readonly username?: string;
  /**
  * The password or token for `username`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#password StrataProvider#password}
  */
  readonly password?: string;
  /**
  * PEM CA certificate trusted for this host, in addition to the system's.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#ca_certificate StrataProvider#ca_certificate}
  */
  readonly caCertificate?: string;
  /**
  * PEM client certificate for TLS client authentication, with `client_key`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#client_certificate StrataProvider#client_certificate}
  */
  readonly clientCertificate?: string;
  /**
  * PEM private key of `client_certificate`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#client_key StrataProvider#client_key}
  */
  readonly clientKey?: string;
}

export function strataProviderHelmRepositoryToTerraform(struct?: StrataProviderHelmRepository | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    url: cdktf.stringToTerraform(struct!.url),
    username: cdktf.stringToTerraform(struct!.username),
    password: cdktf.stringToTerraform(struct!.password),
    ca_certificate: cdktf.stringToTerraform(struct!.caCertificate),
    client_certificate: cdktf.stringToTerraform(struct!.clientCertificate),
    client_key: cdktf.stringToTerraform(struct!.clientKey),
  }
}


export function strataProviderHelmRepositoryToHclTerraform(struct?: StrataProviderHelmRepository | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    url: {
      value: cdktf.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    username: {
      value: cdktf.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password: {
      value: cdktf.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_certificate: {
      value: cdktf.stringToHclTerraform(struct!.caCertificate),
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
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface StrataProviderPackRegistry {
  /**
  * The registry as pack layers name it, e.g. `oci://registry.example.com/packs` or `https://packs.example.com`. Of several blocks for one host, the one whose path is the longest prefix of the registry's path is used.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#url StrataProvider#url}
  */
  readonly url: string;
  /**
  * Registry login (OCI: answers a basic or token challenge) or basic authentication (https), with `password`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#username StrataProvider#username}
  */
  readonly username?: string;
  /**
  * The password or token for `username`. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#password StrataProvider#password}
  */
  readonly password?: string;
  /**
  * PEM CA certificate trusted for this host, in addition to Node.js's trusted roots.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#ca_certificate StrataProvider#ca_certificate}
  */
  readonly caCertificate?: string;
}

export function strataProviderPackRegistryToTerraform(struct?: StrataProviderPackRegistry | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    url: cdktf.stringToTerraform(struct!.url),
    username: cdktf.stringToTerraform(struct!.username),
    password: cdktf.stringToTerraform(struct!.password),
    ca_certificate: cdktf.stringToTerraform(struct!.caCertificate),
  }
}


export function strataProviderPackRegistryToHclTerraform(struct?: StrataProviderPackRegistry | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    url: {
      value: cdktf.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    username: {
      value: cdktf.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password: {
      value: cdktf.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_certificate: {
      value: cdktf.stringToHclTerraform(struct!.caCertificate),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.opentofu.org/providers/strata/strata/latest/docs strata}
*/
export class StrataProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "strata";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a StrataProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the StrataProvider to import
  * @param importFromId The id of the existing StrataProvider that should be imported. Refer to the {@link https://registry.opentofu.org/providers/strata/strata/latest/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the StrataProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "strata", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.opentofu.org/providers/strata/strata/latest/docs strata} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options StrataProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: StrataProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'strata',
      terraformGeneratorMetadata: {
        providerName: 'strata'
      },
      terraformProviderSource: 'registry.opentofu.org/strata/strata'
    });
    this._helmPath = config.helmPath;
    this._kubernetes = config.kubernetes;
    this._alias = config.alias;
    this._helmRepository = config.helmRepository;
    this._packRegistry = config.packRegistry;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // helm_path - computed: false, optional: true, required: false
  private _helmPath?: string; 
  public get helmPath() {
    return this._helmPath;
  }
  public set helmPath(value: string | undefined) {
    this._helmPath = value;
  }
  public resetHelmPath() {
    this._helmPath = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get helmPathInput() {
    return this._helmPath;
  }

  // kubernetes - computed: false, optional: true, required: false
  private _kubernetes?: StrataProviderKubernetes; 
  public get kubernetes() {
    return this._kubernetes;
  }
  public set kubernetes(value: StrataProviderKubernetes | undefined) {
    this._kubernetes = value;
  }
  public resetKubernetes() {
    this._kubernetes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kubernetesInput() {
    return this._kubernetes;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // helm_repository - computed: false, optional: true, required: false
  private _helmRepository?: StrataProviderHelmRepository[] | cdktf.IResolvable; 
  public get helmRepository() {
    return this._helmRepository;
  }
  public set helmRepository(value: StrataProviderHelmRepository[] | cdktf.IResolvable | undefined) {
    this._helmRepository = value;
  }
  public resetHelmRepository() {
    this._helmRepository = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get helmRepositoryInput() {
    return this._helmRepository;
  }

  // pack_registry - computed: false, optional: true, required: false
  private _packRegistry?: StrataProviderPackRegistry[] | cdktf.IResolvable; 
  public get packRegistry() {
    return this._packRegistry;
  }
  public set packRegistry(value: StrataProviderPackRegistry[] | cdktf.IResolvable | undefined) {
    this._packRegistry = value;
  }
  public resetPackRegistry() {
    this._packRegistry = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get packRegistryInput() {
    return this._packRegistry;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      helm_path: cdktf.stringToTerraform(this._helmPath),
      kubernetes: strataProviderKubernetesToTerraform(this._kubernetes),
      alias: cdktf.stringToTerraform(this._alias),
      helm_repository: cdktf.listMapper(strataProviderHelmRepositoryToTerraform, true)(this._helmRepository),
      pack_registry: cdktf.listMapper(strataProviderPackRegistryToTerraform, true)(this._packRegistry),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      helm_path: {
        value: cdktf.stringToHclTerraform(this._helmPath),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      kubernetes: {
        value: strataProviderKubernetesToHclTerraform(this._kubernetes),
        isBlock: true,
        type: "struct",
        storageClassType: "StrataProviderKubernetes",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      helm_repository: {
        value: cdktf.listMapperHcl(strataProviderHelmRepositoryToHclTerraform, true)(this._helmRepository),
        isBlock: true,
        type: "list",
        storageClassType: "StrataProviderHelmRepositoryList",
      },
      pack_registry: {
        value: cdktf.listMapperHcl(strataProviderPackRegistryToHclTerraform, true)(this._packRegistry),
        isBlock: true,
        type: "list",
        storageClassType: "StrataProviderPackRegistryList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
