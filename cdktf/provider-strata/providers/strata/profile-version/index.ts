// https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ProfileVersionConfig extends cdktf.TerraformMetaArguments {
  /**
  * The profile this is a version of (a `strata_profile` id).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#profile_id ProfileVersion#profile_id}
  */
  readonly profileId: string;
  /**
  * Semantic version of this snapshot, e.g. `1.4.0`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#version ProfileVersion#version}
  */
  readonly version: string;
  /**
  * A profile document to import, as `export_json` writes it (`file("web-1.4.0.json")`). Set this or `layer` blocks, not both. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#document ProfileVersion#document}
  */
  readonly document?: string;
  /**
  * layer block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#layer ProfileVersion#layer}
  */
  readonly layer?: ProfileVersionLayer[] | cdktf.IResolvable;
  /**
  * variable block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#variable ProfileVersion#variable}
  */
  readonly variable?: ProfileVersionVariable[] | cdktf.IResolvable;
}
export interface ProfileVersionLayerManifest {
  /**
  * Multi-document YAML of Kubernetes objects; the plan of the profile checks what every object needs (docs/manifests.md). Sensitive, since manifests may hold Secrets: plans show the cluster's object-level changes instead. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#content ProfileVersion#content}
  */
  readonly content: string;
}

export function profileVersionLayerManifestToTerraform(struct?: ProfileVersionLayerManifestOutputReference | ProfileVersionLayerManifest): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    content: cdktf.stringToTerraform(struct!.content),
  }
}


export function profileVersionLayerManifestToHclTerraform(struct?: ProfileVersionLayerManifestOutputReference | ProfileVersionLayerManifest): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    content: {
      value: cdktf.stringToHclTerraform(struct!.content),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionLayerManifestOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): ProfileVersionLayerManifest | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._content !== undefined) {
      hasAnyValues = true;
      internalValueResult.content = this._content;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionLayerManifest | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._content = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._content = value.content;
    }
  }

  // content - computed: false, optional: false, required: true
  private _content?: string; 
  public get content() {
    return this.getStringAttribute('content');
  }
  public set content(value: string) {
    this._content = value;
  }
  // Temporarily expose input value. Use with caution.
  public get contentInput() {
    return this._content;
  }
}
export interface ProfileVersionLayerHelm {
  /**
  * Chart name in `repository`, an `oci://` reference, or a local path.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#chart ProfileVersion#chart}
  */
  readonly chart: string;
  /**
  * URL of the chart repository that holds `chart`: `https://`, `http://` or `oci://` (helm reads no `file://` repository; for a chart on disk, leave this out and give its path as `chart`). Credentials and certificates for it go in the provider's `helm_repository` blocks, never here.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#repository ProfileVersion#repository}
  */
  readonly repository?: string;
  /**
  * Chart version: exact, or a semver range as `helm --version` accepts.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#version ProfileVersion#version}
  */
  readonly version?: string;
  /**
  * Values for the chart as a YAML mapping (for example `yamlencode({...})`). Sensitive, since values often hold passwords. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#values ProfileVersion#values}
  */
  readonly values?: string;
  /**
  * Release name; defaults to the layer name.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#release_name ProfileVersion#release_name}
  */
  readonly releaseName?: string;
  /**
  * Namespace the chart is installed into.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#namespace ProfileVersion#namespace}
  */
  readonly namespace?: string;
  /**
  * Add the `namespace` to the layer's objects, as `helm install --create-namespace` creates it (unless the chart renders it itself). Strata then owns it: it is removed with the layer, and an existing namespace is adopted only as any other object is (`adopt_existing`).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#create_namespace ProfileVersion#create_namespace}
  */
  readonly createNamespace?: boolean | cdktf.IResolvable;
}

export function profileVersionLayerHelmToTerraform(struct?: ProfileVersionLayerHelmOutputReference | ProfileVersionLayerHelm): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    chart: cdktf.stringToTerraform(struct!.chart),
    repository: cdktf.stringToTerraform(struct!.repository),
    version: cdktf.stringToTerraform(struct!.version),
    values: cdktf.stringToTerraform(struct!.values),
    release_name: cdktf.stringToTerraform(struct!.releaseName),
    namespace: cdktf.stringToTerraform(struct!.namespace),
    create_namespace: cdktf.booleanToTerraform(struct!.createNamespace),
  }
}


export function profileVersionLayerHelmToHclTerraform(struct?: ProfileVersionLayerHelmOutputReference | ProfileVersionLayerHelm): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    chart: {
      value: cdktf.stringToHclTerraform(struct!.chart),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    repository: {
      value: cdktf.stringToHclTerraform(struct!.repository),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    version: {
      value: cdktf.stringToHclTerraform(struct!.version),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    values: {
      value: cdktf.stringToHclTerraform(struct!.values),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    release_name: {
      value: cdktf.stringToHclTerraform(struct!.releaseName),
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
    create_namespace: {
      value: cdktf.booleanToHclTerraform(struct!.createNamespace),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionLayerHelmOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): ProfileVersionLayerHelm | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._chart !== undefined) {
      hasAnyValues = true;
      internalValueResult.chart = this._chart;
    }
    if (this._repository !== undefined) {
      hasAnyValues = true;
      internalValueResult.repository = this._repository;
    }
    if (this._version !== undefined) {
      hasAnyValues = true;
      internalValueResult.version = this._version;
    }
    if (this._values !== undefined) {
      hasAnyValues = true;
      internalValueResult.values = this._values;
    }
    if (this._releaseName !== undefined) {
      hasAnyValues = true;
      internalValueResult.releaseName = this._releaseName;
    }
    if (this._namespace !== undefined) {
      hasAnyValues = true;
      internalValueResult.namespace = this._namespace;
    }
    if (this._createNamespace !== undefined) {
      hasAnyValues = true;
      internalValueResult.createNamespace = this._createNamespace;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionLayerHelm | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._chart = undefined;
      this._repository = undefined;
      this._version = undefined;
      this._values = undefined;
      this._releaseName = undefined;
      this._namespace = undefined;
      this._createNamespace = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._chart = value.chart;
      this._repository = value.repository;
      this._version = value.version;
      this._values = value.values;
      this._releaseName = value.releaseName;
      this._namespace = value.namespace;
      this._createNamespace = value.createNamespace;
    }
  }

  // chart - computed: false, optional: false, required: true
  private _chart?: string; 
  public get chart() {
    return this.getStringAttribute('chart');
  }
  public set chart(value: string) {
    this._chart = value;
  }
  // Temporarily expose input value. Use with caution.
  public get chartInput() {
    return this._chart;
  }

  // repository - computed: false, optional: true, required: false
  private _repository?: string; 
  public get repository() {
    return this.getStringAttribute('repository');
  }
  public set repository(value: string) {
    this._repository = value;
  }
  public resetRepository() {
    this._repository = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get repositoryInput() {
    return this._repository;
  }

  // version - computed: false, optional: true, required: false
  private _version?: string; 
  public get version() {
    return this.getStringAttribute('version');
  }
  public set version(value: string) {
    this._version = value;
  }
  public resetVersion() {
    this._version = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get versionInput() {
    return this._version;
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

  // release_name - computed: false, optional: true, required: false
  private _releaseName?: string; 
  public get releaseName() {
    return this.getStringAttribute('release_name');
  }
  public set releaseName(value: string) {
    this._releaseName = value;
  }
  public resetReleaseName() {
    this._releaseName = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get releaseNameInput() {
    return this._releaseName;
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

  // create_namespace - computed: false, optional: true, required: false
  private _createNamespace?: boolean | cdktf.IResolvable; 
  public get createNamespace() {
    return this.getBooleanAttribute('create_namespace');
  }
  public set createNamespace(value: boolean | cdktf.IResolvable) {
    this._createNamespace = value;
  }
  public resetCreateNamespace() {
    this._createNamespace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createNamespaceInput() {
    return this._createNamespace;
  }
}
export interface ProfileVersionLayerZarf {
  /**
  * The package archive that `zarf package create` wrote (`.tar.zst` or `.tar`): a local path (relative to the directory tofu runs in) or an `https://` URL. `oci://` references are not supported yet.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#source ProfileVersion#source}
  */
  readonly source: string;
  /**
  * Components to deploy, as `zarf package deploy --components` takes them: names or globs of optional components; `-name` deselects a default one. Required components always deploy; unset: the required and default ones.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#components ProfileVersion#components}
  */
  readonly components?: string[];
  /**
  * Values of the package variables (`###ZARF_VAR_NAME###`), by name. A variable the package marks `prompt` must be set here; the others default to the package's default. Sensitive, since they often hold passwords. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#variables ProfileVersion#variables}
  */
  readonly variables?: { [key: string]: string };
  /**
  * PEM public key (cosign.pub from `zarf tools gen-key`) that the package signature must verify with. Required for a signed package, as in `zarf package deploy --key`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#public_key ProfileVersion#public_key}
  */
  readonly publicKey?: string;
  /**
  * Cluster architecture for components limited by `only.cluster.architecture` (`amd64`, `arm64`); default: the package's architecture.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#architecture ProfileVersion#architecture}
  */
  readonly architecture?: string;
}

export function profileVersionLayerZarfToTerraform(struct?: ProfileVersionLayerZarfOutputReference | ProfileVersionLayerZarf): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    source: cdktf.stringToTerraform(struct!.source),
    components: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.components),
    variables: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.variables),
    public_key: cdktf.stringToTerraform(struct!.publicKey),
    architecture: cdktf.stringToTerraform(struct!.architecture),
  }
}


export function profileVersionLayerZarfToHclTerraform(struct?: ProfileVersionLayerZarfOutputReference | ProfileVersionLayerZarf): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    source: {
      value: cdktf.stringToHclTerraform(struct!.source),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    components: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.components),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    variables: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.variables),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    public_key: {
      value: cdktf.stringToHclTerraform(struct!.publicKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    architecture: {
      value: cdktf.stringToHclTerraform(struct!.architecture),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionLayerZarfOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): ProfileVersionLayerZarf | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._source !== undefined) {
      hasAnyValues = true;
      internalValueResult.source = this._source;
    }
    if (this._components !== undefined) {
      hasAnyValues = true;
      internalValueResult.components = this._components;
    }
    if (this._variables !== undefined) {
      hasAnyValues = true;
      internalValueResult.variables = this._variables;
    }
    if (this._publicKey !== undefined) {
      hasAnyValues = true;
      internalValueResult.publicKey = this._publicKey;
    }
    if (this._architecture !== undefined) {
      hasAnyValues = true;
      internalValueResult.architecture = this._architecture;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionLayerZarf | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._source = undefined;
      this._components = undefined;
      this._variables = undefined;
      this._publicKey = undefined;
      this._architecture = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._source = value.source;
      this._components = value.components;
      this._variables = value.variables;
      this._publicKey = value.publicKey;
      this._architecture = value.architecture;
    }
  }

  // source - computed: false, optional: false, required: true
  private _source?: string; 
  public get source() {
    return this.getStringAttribute('source');
  }
  public set source(value: string) {
    this._source = value;
  }
  // Temporarily expose input value. Use with caution.
  public get sourceInput() {
    return this._source;
  }

  // components - computed: false, optional: true, required: false
  private _components?: string[]; 
  public get components() {
    return this.getListAttribute('components');
  }
  public set components(value: string[]) {
    this._components = value;
  }
  public resetComponents() {
    this._components = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get componentsInput() {
    return this._components;
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

  // public_key - computed: false, optional: true, required: false
  private _publicKey?: string; 
  public get publicKey() {
    return this.getStringAttribute('public_key');
  }
  public set publicKey(value: string) {
    this._publicKey = value;
  }
  public resetPublicKey() {
    this._publicKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get publicKeyInput() {
    return this._publicKey;
  }

  // architecture - computed: false, optional: true, required: false
  private _architecture?: string; 
  public get architecture() {
    return this.getStringAttribute('architecture');
  }
  public set architecture(value: string) {
    this._architecture = value;
  }
  public resetArchitecture() {
    this._architecture = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get architectureInput() {
    return this._architecture;
  }
}
export interface ProfileVersionLayerPack {
  /**
  * The pack registry: `oci://host/path` (each pack a repository, each version a tag), an `https://` base URL serving `index.json`, or a directory holding `index.json` (absolute, `file://`, or relative to where tofu runs). Credentials and CA certificates for it go in the provider's `pack_registry` blocks, never here.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#registry ProfileVersion#registry}
  */
  readonly registry: string;
  /**
  * Name of the pack in the registry.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#name ProfileVersion#name}
  */
  readonly name: string;
  /**
  * The pack version: exact (`1.2.3`) or a semver range (`^1.2.0`, `~1.2`, `>=1.2.0 <2.0.0`). A range is resolved to the newest matching version when a cluster plans; the version it resolved to is part of the cluster's `applied_digest` and of its history.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#version ProfileVersion#version}
  */
  readonly version: string;
  /**
  * Values for the pack as a YAML mapping, merged over the pack's default values and checked against its values schema when a cluster plans. Sensitive, like Helm values. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true` (docs/cdktf.md).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#values ProfileVersion#values}
  */
  readonly values?: string;
}

export function profileVersionLayerPackToTerraform(struct?: ProfileVersionLayerPackOutputReference | ProfileVersionLayerPack): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    registry: cdktf.stringToTerraform(struct!.registry),
    name: cdktf.stringToTerraform(struct!.name),
    version: cdktf.stringToTerraform(struct!.version),
    values: cdktf.stringToTerraform(struct!.values),
  }
}


export function profileVersionLayerPackToHclTerraform(struct?: ProfileVersionLayerPackOutputReference | ProfileVersionLayerPack): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    registry: {
      value: cdktf.stringToHclTerraform(struct!.registry),
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
    version: {
      value: cdktf.stringToHclTerraform(struct!.version),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    values: {
      value: cdktf.stringToHclTerraform(struct!.values),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionLayerPackOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): ProfileVersionLayerPack | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._registry !== undefined) {
      hasAnyValues = true;
      internalValueResult.registry = this._registry;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._version !== undefined) {
      hasAnyValues = true;
      internalValueResult.version = this._version;
    }
    if (this._values !== undefined) {
      hasAnyValues = true;
      internalValueResult.values = this._values;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionLayerPack | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._registry = undefined;
      this._name = undefined;
      this._version = undefined;
      this._values = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._registry = value.registry;
      this._name = value.name;
      this._version = value.version;
      this._values = value.values;
    }
  }

  // registry - computed: false, optional: false, required: true
  private _registry?: string; 
  public get registry() {
    return this.getStringAttribute('registry');
  }
  public set registry(value: string) {
    this._registry = value;
  }
  // Temporarily expose input value. Use with caution.
  public get registryInput() {
    return this._registry;
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

  // version - computed: false, optional: false, required: true
  private _version?: string; 
  public get version() {
    return this.getStringAttribute('version');
  }
  public set version(value: string) {
    this._version = value;
  }
  // Temporarily expose input value. Use with caution.
  public get versionInput() {
    return this._version;
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
}
export interface ProfileVersionLayer {
  /**
  * Name of the layer, unique within the profile; a DNS label (lower-case letters, digits and `-`, at most 63 characters).
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#name ProfileVersion#name}
  */
  readonly name: string;
  /**
  * manifest block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#manifest ProfileVersion#manifest}
  */
  readonly manifest?: ProfileVersionLayerManifest;
  /**
  * helm block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#helm ProfileVersion#helm}
  */
  readonly helm?: ProfileVersionLayerHelm;
  /**
  * zarf block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#zarf ProfileVersion#zarf}
  */
  readonly zarf?: ProfileVersionLayerZarf;
  /**
  * pack block
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#pack ProfileVersion#pack}
  */
  readonly pack?: ProfileVersionLayerPack;
}

export function profileVersionLayerToTerraform(struct?: ProfileVersionLayer | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    name: cdktf.stringToTerraform(struct!.name),
    manifest: profileVersionLayerManifestToTerraform(struct!.manifest),
    helm: profileVersionLayerHelmToTerraform(struct!.helm),
    zarf: profileVersionLayerZarfToTerraform(struct!.zarf),
    pack: profileVersionLayerPackToTerraform(struct!.pack),
  }
}


export function profileVersionLayerToHclTerraform(struct?: ProfileVersionLayer | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    manifest: {
      value: profileVersionLayerManifestToHclTerraform(struct!.manifest),
      isBlock: true,
      type: "list",
      storageClassType: "ProfileVersionLayerManifestList",
    },
    helm: {
      value: profileVersionLayerHelmToHclTerraform(struct!.helm),
      isBlock: true,
      type: "list",
      storageClassType: "ProfileVersionLayerHelmList",
    },
    zarf: {
      value: profileVersionLayerZarfToHclTerraform(struct!.zarf),
      isBlock: true,
      type: "list",
      storageClassType: "ProfileVersionLayerZarfList",
    },
    pack: {
      value: profileVersionLayerPackToHclTerraform(struct!.pack),
      isBlock: true,
      type: "list",
      storageClassType: "ProfileVersionLayerPackList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionLayerOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ProfileVersionLayer | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._manifest?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.manifest = this._manifest?.internalValue;
    }
    if (this._helm?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.helm = this._helm?.internalValue;
    }
    if (this._zarf?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.zarf = this._zarf?.internalValue;
    }
    if (this._pack?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.pack = this._pack?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionLayer | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._name = undefined;
      this._manifest.internalValue = undefined;
      this._helm.internalValue = undefined;
      this._zarf.internalValue = undefined;
      this._pack.internalValue = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._name = value.name;
      this._manifest.internalValue = value.manifest;
      this._helm.internalValue = value.helm;
      this._zarf.internalValue = value.zarf;
      this._pack.internalValue = value.pack;
    }
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

  // manifest - computed: false, optional: true, required: false
  private _manifest = new ProfileVersionLayerManifestOutputReference(this, "manifest");
  public get manifest() {
    return this._manifest;
  }
  public putManifest(value: ProfileVersionLayerManifest) {
    this._manifest.internalValue = value;
  }
  public resetManifest() {
    this._manifest.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get manifestInput() {
    return this._manifest.internalValue;
  }

  // helm - computed: false, optional: true, required: false
  private _helm = new ProfileVersionLayerHelmOutputReference(this, "helm");
  public get helm() {
    return this._helm;
  }
  public putHelm(value: ProfileVersionLayerHelm) {
    this._helm.internalValue = value;
  }
  public resetHelm() {
    this._helm.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get helmInput() {
    return this._helm.internalValue;
  }

  // zarf - computed: false, optional: true, required: false
  private _zarf = new ProfileVersionLayerZarfOutputReference(this, "zarf");
  public get zarf() {
    return this._zarf;
  }
  public putZarf(value: ProfileVersionLayerZarf) {
    this._zarf.internalValue = value;
  }
  public resetZarf() {
    this._zarf.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get zarfInput() {
    return this._zarf.internalValue;
  }

  // pack - computed: false, optional: true, required: false
  private _pack = new ProfileVersionLayerPackOutputReference(this, "pack");
  public get pack() {
    return this._pack;
  }
  public putPack(value: ProfileVersionLayerPack) {
    this._pack.internalValue = value;
  }
  public resetPack() {
    this._pack.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get packInput() {
    return this._pack.internalValue;
  }
}

export class ProfileVersionLayerList extends cdktf.ComplexList {
  public internalValue? : ProfileVersionLayer[] | cdktf.IResolvable

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
  public get(index: number): ProfileVersionLayerOutputReference {
    return new ProfileVersionLayerOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ProfileVersionVariable {
  /**
  * Name of the variable: letters, digits and `_`, not starting with a digit; unique within the profile.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#name ProfileVersion#name}
  */
  readonly name: string;
  /**
  * How the value is read: `string` (when unset), `number` or `bool`. A placeholder that is a whole YAML value takes this type.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#type ProfileVersion#type}
  */
  readonly type?: string;
  /**
  * What the variable is for; shown when a cluster misses or misspells it.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#description ProfileVersion#description}
  */
  readonly description?: string;
  /**
  * The value when a cluster sets none, written as a string (`"3"`, `"true"`). An optional `number` or `bool` variable needs one; an optional `string` one without it is empty.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#default ProfileVersion#default}
  */
  readonly default?: string;
  /**
  * Every cluster must set it. A required variable has no `default`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#required ProfileVersion#required}
  */
  readonly required?: boolean | cdktf.IResolvable;
  /**
  * A JavaScript regular expression the whole value must match, e.g. `[a-z]{2}-[a-z]+-[0-9]`.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#pattern ProfileVersion#pattern}
  */
  readonly pattern?: string;
  /**
  * The only values accepted, written as strings. Set `pattern` or `allowed`, not both.
  *
  * Docs at Terraform Registry: {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#allowed ProfileVersion#allowed}
  */
  readonly allowed?: string[];
}

export function profileVersionVariableToTerraform(struct?: ProfileVersionVariable | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    name: cdktf.stringToTerraform(struct!.name),
    type: cdktf.stringToTerraform(struct!.type),
    description: cdktf.stringToTerraform(struct!.description),
    default: cdktf.stringToTerraform(struct!.default),
    required: cdktf.booleanToTerraform(struct!.required),
    pattern: cdktf.stringToTerraform(struct!.pattern),
    allowed: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.allowed),
  }
}


export function profileVersionVariableToHclTerraform(struct?: ProfileVersionVariable | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    type: {
      value: cdktf.stringToHclTerraform(struct!.type),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    description: {
      value: cdktf.stringToHclTerraform(struct!.description),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    default: {
      value: cdktf.stringToHclTerraform(struct!.default),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    required: {
      value: cdktf.booleanToHclTerraform(struct!.required),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    pattern: {
      value: cdktf.stringToHclTerraform(struct!.pattern),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    allowed: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.allowed),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProfileVersionVariableOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ProfileVersionVariable | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._type !== undefined) {
      hasAnyValues = true;
      internalValueResult.type = this._type;
    }
    if (this._description !== undefined) {
      hasAnyValues = true;
      internalValueResult.description = this._description;
    }
    if (this._default !== undefined) {
      hasAnyValues = true;
      internalValueResult.default = this._default;
    }
    if (this._required !== undefined) {
      hasAnyValues = true;
      internalValueResult.required = this._required;
    }
    if (this._pattern !== undefined) {
      hasAnyValues = true;
      internalValueResult.pattern = this._pattern;
    }
    if (this._allowed !== undefined) {
      hasAnyValues = true;
      internalValueResult.allowed = this._allowed;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProfileVersionVariable | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._name = undefined;
      this._type = undefined;
      this._description = undefined;
      this._default = undefined;
      this._required = undefined;
      this._pattern = undefined;
      this._allowed = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._name = value.name;
      this._type = value.type;
      this._description = value.description;
      this._default = value.default;
      this._required = value.required;
      this._pattern = value.pattern;
      this._allowed = value.allowed;
    }
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

  // type - computed: false, optional: true, required: false
  private _type?: string; 
  public get type() {
    return this.getStringAttribute('type');
  }
  public set type(value: string) {
    this._type = value;
  }
  public resetType() {
    this._type = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get typeInput() {
    return this._type;
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

  // default - computed: false, optional: true, required: false
  private _default?: string; 
  public get default() {
    return this.getStringAttribute('default');
  }
  public set default(value: string) {
    this._default = value;
  }
  public resetDefault() {
    this._default = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultInput() {
    return this._default;
  }

  // required - computed: false, optional: true, required: false
  private _required?: boolean | cdktf.IResolvable; 
  public get required() {
    return this.getBooleanAttribute('required');
  }
  public set required(value: boolean | cdktf.IResolvable) {
    this._required = value;
  }
  public resetRequired() {
    this._required = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requiredInput() {
    return this._required;
  }

  // pattern - computed: false, optional: true, required: false
  private _pattern?: string; 
  public get pattern() {
    return this.getStringAttribute('pattern');
  }
  public set pattern(value: string) {
    this._pattern = value;
  }
  public resetPattern() {
    this._pattern = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get patternInput() {
    return this._pattern;
  }

  // allowed - computed: false, optional: true, required: false
  private _allowed?: string[]; 
  public get allowed() {
    return this.getListAttribute('allowed');
  }
  public set allowed(value: string[]) {
    this._allowed = value;
  }
  public resetAllowed() {
    this._allowed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowedInput() {
    return this._allowed;
  }
}

export class ProfileVersionVariableList extends cdktf.ComplexList {
  public internalValue? : ProfileVersionVariable[] | cdktf.IResolvable

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
  public get(index: number): ProfileVersionVariableOutputReference {
    return new ProfileVersionVariableOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version strata_profile_version}
*/
export class ProfileVersion extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "strata_profile_version";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ProfileVersion resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ProfileVersion to import
  * @param importFromId The id of the existing ProfileVersion that should be imported. Refer to the {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ProfileVersion to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "strata_profile_version", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.opentofu.org/providers/strata/strata/latest/docs/resources/profile_version strata_profile_version} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ProfileVersionConfig
  */
  public constructor(scope: Construct, id: string, config: ProfileVersionConfig) {
    super(scope, id, {
      terraformResourceType: 'strata_profile_version',
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
    this._profileId = config.profileId;
    this._version = config.version;
    this._document = config.document;
    this._layer.internalValue = config.layer;
    this._variable.internalValue = config.variable;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // profile_id - computed: false, optional: false, required: true
  private _profileId?: string; 
  public get profileId() {
    return this.getStringAttribute('profile_id');
  }
  public set profileId(value: string) {
    this._profileId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get profileIdInput() {
    return this._profileId;
  }

  // version - computed: false, optional: false, required: true
  private _version?: string; 
  public get version() {
    return this.getStringAttribute('version');
  }
  public set version(value: string) {
    this._version = value;
  }
  // Temporarily expose input value. Use with caution.
  public get versionInput() {
    return this._version;
  }

  // document - computed: false, optional: true, required: false
  private _document?: string; 
  public get document() {
    return this.getStringAttribute('document');
  }
  public set document(value: string) {
    this._document = value;
  }
  public resetDocument() {
    this._document = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get documentInput() {
    return this._document;
  }

  // digest - computed: true, optional: false, required: false
  public get digest() {
    return this.getStringAttribute('digest');
  }

  // snapshot - computed: true, optional: false, required: false
  public get snapshot() {
    return this.getStringAttribute('snapshot');
  }

  // export_json - computed: true, optional: false, required: false
  public get exportJson() {
    return this.getStringAttribute('export_json');
  }

  // layer - computed: false, optional: true, required: false
  private _layer = new ProfileVersionLayerList(this, "layer", false);
  public get layer() {
    return this._layer;
  }
  public putLayer(value: ProfileVersionLayer[] | cdktf.IResolvable) {
    this._layer.internalValue = value;
  }
  public resetLayer() {
    this._layer.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get layerInput() {
    return this._layer.internalValue;
  }

  // variable - computed: false, optional: true, required: false
  private _variable = new ProfileVersionVariableList(this, "variable", false);
  public get variable() {
    return this._variable;
  }
  public putVariable(value: ProfileVersionVariable[] | cdktf.IResolvable) {
    this._variable.internalValue = value;
  }
  public resetVariable() {
    this._variable.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get variableInput() {
    return this._variable.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      profile_id: cdktf.stringToTerraform(this._profileId),
      version: cdktf.stringToTerraform(this._version),
      document: cdktf.stringToTerraform(this._document),
      layer: cdktf.listMapper(profileVersionLayerToTerraform, true)(this._layer.internalValue),
      variable: cdktf.listMapper(profileVersionVariableToTerraform, true)(this._variable.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      profile_id: {
        value: cdktf.stringToHclTerraform(this._profileId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      version: {
        value: cdktf.stringToHclTerraform(this._version),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      document: {
        value: cdktf.stringToHclTerraform(this._document),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      layer: {
        value: cdktf.listMapperHcl(profileVersionLayerToHclTerraform, true)(this._layer.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ProfileVersionLayerList",
      },
      variable: {
        value: cdktf.listMapperHcl(profileVersionVariableToHclTerraform, true)(this._variable.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ProfileVersionVariableList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
