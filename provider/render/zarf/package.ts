// The parts of a Zarf package definition (zarf.yaml, API zarf.dev/v1alpha1) that Strata reads. Field
// names are Zarf's; zarf.schema.json in Zarf's Go module is the reference, and the tests check these
// readings against packages the real `zarf package create` writes.
import { parse } from 'yaml';
import { isJsonObject } from '../../profile/canonical';

export interface ZarfAction {
  cmd?: string;
  description?: string;
}

export interface ZarfActionSet {
  before?: ZarfAction[];
  after?: ZarfAction[];
  onSuccess?: ZarfAction[];
  onFailure?: ZarfAction[];
}

export interface ZarfManifest {
  name: string;
  namespace?: string;
  files?: string[];
  kustomizations?: string[];
  /** Go templating with package values (a Zarf feature flag), which Strata does not do. */
  template?: boolean;
}

export interface ZarfChart {
  name: string;
  version?: string;
  namespace?: string;
  releaseName?: string;
  valuesFiles?: string[];
  /** Zarf variables set at a values path (`path` without the leading dot). */
  variables?: { name: string; path: string }[];
  /** Package values mapped into chart values (a Zarf feature flag), which Strata does not do. */
  values?: { sourcePath: string; targetPath: string }[];
}

export interface ZarfComponent {
  name: string;
  description?: string;
  default?: boolean;
  required?: boolean;
  only?: { localOS?: string; cluster?: { architecture?: string; distros?: string[] }; flavor?: string };
  /** Deprecated: one component of each group is deployed. */
  group?: string;
  manifests?: ZarfManifest[];
  charts?: ZarfChart[];
  images?: string[];
  repos?: string[];
  files?: { source: string; target: string }[];
  dataInjections?: unknown[];
  actions?: { onDeploy?: ZarfActionSet; onCreate?: ZarfActionSet; onRemove?: ZarfActionSet };
  scripts?: { before?: string[]; after?: string[] };
}

export interface ZarfVariable {
  name: string;
  description?: string;
  default?: string;
  prompt?: boolean;
  sensitive?: boolean;
  autoIndent?: boolean;
  pattern?: string;
  type?: 'raw' | 'file';
}

export interface ZarfConstant {
  name: string;
  value: string;
  autoIndent?: boolean;
  pattern?: string;
}

export interface ZarfPackage {
  apiVersion?: string;
  kind: 'ZarfPackageConfig' | 'ZarfInitConfig';
  metadata: { name: string; version?: string; architecture?: string; aggregateChecksum?: string };
  build?: { architecture?: string; version?: string; signed?: boolean };
  components: ZarfComponent[];
  constants?: ZarfConstant[];
  variables?: ZarfVariable[];
}

/** Parses zarf.yaml; throws an Error saying what is missing when it is not a package definition. */
export function parsePackage(text: string): ZarfPackage {
  const value: unknown = parse(text);
  if (!isJsonObject(value)) throw new Error('zarf.yaml is not a YAML mapping');
  if (value.kind !== 'ZarfPackageConfig' && value.kind !== 'ZarfInitConfig') throw new Error(`zarf.yaml has kind ${JSON.stringify(value.kind)}, not ZarfPackageConfig`);
  if (!isJsonObject(value.metadata) || typeof value.metadata.name !== 'string') throw new Error('zarf.yaml has no metadata.name');
  if (!Array.isArray(value.components) || !value.components.every((c) => isJsonObject(c) && typeof c.name === 'string')) {
    throw new Error('zarf.yaml has no list of named components');
  }
  return value as unknown as ZarfPackage;
}

/** The architecture the package was built for: `metadata.architecture`, else `build.architecture`, else amd64. */
export function packageArchitecture(pkg: ZarfPackage): string {
  return pkg.metadata.architecture || pkg.build?.architecture || 'amd64';
}
