// A Zarf layer to Kubernetes objects, as `zarf package deploy` would put them in the cluster: the
// package is verified (checksums, and the signature when the layer gives a public key) before
// anything is read from it; components are selected; each selected component's manifests
// (kustomizations were built into manifests by `zarf package create`) and charts (through the same
// Helm path as helm layers, with the package's values files) are rendered with the package's
// variables and constants filled in, and the namespaces they deploy to are created, as Zarf creates
// them. What Zarf does besides (pushing images and repositories, running actions, placing files) is
// not done: the layer carries warnings that say so.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isJsonObject } from '../../profile/canonical';
import { privateFolder } from '../../util/cache-dir';
import type { ZarfSource } from '../../profile/model';
import { parseObjects, type SourcedObject } from '../documents';
import { helmTemplate } from '../helm';
import { RenderError, renderError, type LayerWarning, type RenderOptions, type RenderTarget } from '../types';
import { readPackageArchive, readTarBuffer, type PackageArchive } from './archive';
import { IntegrityError, isSigned, publicKey, verifyChecksums, verifySignature } from './checksums';
import { packageArchitecture, parsePackage, type ZarfChart, type ZarfComponent, type ZarfManifest, type ZarfPackage } from './package';
import { selectComponents, SelectionError, zarfOs } from './select';
import { SourceError, forgetDownload, packageFile, sourceLabel } from './source';
import { leftPlaceholders, packageTemplates, substitute, VariableError, type Template } from './substitute';

/** Content of the package that Strata cannot render; the message says what to do. */
class PackageError extends Error {
  override name = 'PackageError';
}

export interface RenderedZarf {
  objects: SourcedObject[];
  warnings: LayerWarning[];
  /** `sha256:` of the package's aggregate checksum and zarf.yaml: what the package is, beyond its objects. */
  sourceDigest: string;
}

// What a chart's name and version may be, as they become file names inside the package.
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

// Kubernetes' own namespaces, which Zarf never creates or adopts.
const INITIAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export async function renderZarf(layer: string, source: ZarfSource, target: RenderTarget, options: RenderOptions): Promise<RenderedZarf> {
  const fail = (what: string, cause?: unknown): RenderError => renderError({ layer }, `Zarf package ${sourceLabel(source.source)}: ${what}`, cause);
  let file: string | undefined;
  let verified = false;
  try {
    file = await packageFile(source.source, options);
    let archive: PackageArchive;
    try {
      archive = await readPackageArchive(file);
    } catch (err) {
      throw fail(`cannot read the package archive ${file} (${(err as Error).message}). Give a package that \`zarf package create\` wrote (.tar.zst or .tar).`, err);
    }
    const pkg = openPackage(archive, source);
    verified = true;
    const architecture = source.architecture || packageArchitecture(pkg);
    const components = selectComponents(pkg, { os: zarfOs(), architecture }, source.components);
    const templates = packageTemplates(pkg, source.variables ?? {});
    const objects: SourcedObject[] = [];
    for (const component of components) objects.push(...(await renderComponent(layer, archive, component, templates, target, options)));
    return { objects: withNamespaces(layer, objects, components), warnings: warnings(pkg, components, objects, templates), sourceDigest: packageDigest(archive, pkg) };
  } catch (err) {
    // A download that is not the package it should be (cut short, or changed on the way) is not kept.
    if (file !== undefined && !verified) await forgetDownload(source.source, options.cacheDir);
    if (err instanceof IntegrityError || err instanceof PackageError || err instanceof SelectionError || err instanceof VariableError || err instanceof SourceError) throw fail(err.message, err);
    if (err instanceof RenderError) throw err;
    // Anything else (a tar or YAML library's error) still names the layer and the package.
    throw fail(`${(err as Error)?.message ?? String(err)}. Check that the package is one \`zarf package create\` wrote, and build it again.`, err);
  }
}

/** zarf.yaml, once the package's checksums (and signature) hold. */
function openPackage(archive: PackageArchive, source: ZarfSource): ZarfPackage {
  const text = archive.files.get('zarf.yaml');
  if (!text) throw new IntegrityError('the archive has no zarf.yaml, so it is not a Zarf package. Give a package that `zarf package create` wrote.');
  let pkg: ZarfPackage;
  try {
    pkg = parsePackage(text.toString('utf8'));
  } catch (err) {
    throw new PackageError(`${(err as Error).message}. Give a package that \`zarf package create\` wrote.`);
  }
  // The signature covers zarf.yaml, which holds the checksum of everything else: check it first.
  if (source.public_key) verifySignature(archive, publicKey(source.public_key));
  else if (isSigned(archive, pkg)) {
    throw new IntegrityError('the package is signed, and the layer has no public_key to verify the signature with (`zarf package deploy` refuses it too). Set zarf.public_key to the signer\'s public key (for example file("cosign.pub")).');
  }
  verifyChecksums(archive, pkg);
  if (pkg.kind === 'ZarfInitConfig') {
    throw new PackageError('this is a Zarf init package (kind ZarfInitConfig), which sets up Zarf itself in a cluster; Strata deploys application packages only. Run `zarf init` for it, or give a ZarfPackageConfig package.');
  }
  return pkg;
}

async function renderComponent(layer: string, archive: PackageArchive, component: ZarfComponent, templates: Map<string, Template>, target: RenderTarget, options: RenderOptions): Promise<SourcedObject[]> {
  const manifests = component.manifests ?? [];
  const charts = component.charts ?? [];
  if (manifests.length === 0 && charts.length === 0) return [];
  const tarball = archive.files.get(`components/${component.name}.tar`);
  if (!tarball) throw new IntegrityError(`component ${component.name} has manifests or charts but the package has no components/${component.name}.tar. Build the package again.`);
  const files = await readTarBuffer(tarball);
  const objects: SourcedObject[] = [];
  for (const manifest of manifests) objects.push(...renderManifest(layer, component, manifest, files, templates));
  for (const chart of charts) objects.push(...(await renderChart(layer, component, chart, files, templates, target, options)));
  return objects;
}

/** A component's file, found where `zarf package create` puts it (`<component>/<kind>/<name>`). */
function componentFile(files: Map<string, Buffer>, component: ZarfComponent, kind: 'manifests' | 'charts' | 'values', name: string): Buffer | undefined {
  return files.get(`${component.name}/${kind}/${name}`);
}

/** Names `where` in a RenderError from a file of the package, whose message starts with the layer. */
function locate(err: unknown, layer: string, where: string): unknown {
  if (err instanceof RenderError) {
    const prefix = `layer ${JSON.stringify(layer)}`;
    if (err.message.startsWith(prefix)) err.message = `${prefix} (${where})${err.message.slice(prefix.length)}`;
  }
  return err;
}

function renderManifest(layer: string, component: ZarfComponent, manifest: ZarfManifest, files: Map<string, Buffer>, templates: Map<string, Template>): SourcedObject[] {
  if (manifest.template) {
    throw new PackageError(`manifest ${manifest.name} of component ${component.name} uses Zarf's Go templating (template: true), which Strata does not do. Deploy this component with Zarf, or deselect it in zarf.components.`);
  }
  // As in Zarf's deploy: a manifest file is stored under its own path, or as <manifest>-<n>.yaml;
  // kustomizations were built into kustomization-<manifest>-<n>.yaml.
  const names = [
    ...(manifest.files ?? []).map((file, index) => (componentFile(files, component, 'manifests', file) ? file : `${manifest.name}-${index}.yaml`)),
    ...(manifest.kustomizations ?? []).map((_, index) => `kustomization-${manifest.name}-${index}.yaml`),
  ];
  const namespace = manifest.namespace || 'default';
  return names.flatMap((name) => {
    const data = componentFile(files, component, 'manifests', name);
    if (!data) throw new IntegrityError(`component ${component.name} has no manifests/${name} for manifest ${manifest.name}. Build the package again.`);
    const where = `Zarf component ${component.name}, manifests/${name}`;
    try {
      return parseObjects(substitute(data.toString('utf8'), templates), { layer }).map((sourced) => ({ ...sourced, namespace }));
    } catch (err) {
      throw locate(err, layer, where);
    }
  });
}

async function renderChart(layer: string, component: ZarfComponent, chart: ZarfChart, files: Map<string, Buffer>, templates: Map<string, Template>, target: RenderTarget, options: RenderOptions): Promise<SourcedObject[]> {
  if (chart.values && chart.values.length > 0) {
    throw new PackageError(`chart ${chart.name} of component ${component.name} maps package values into chart values (charts[].values), which Strata does not do. Deploy this component with Zarf, or deselect it in zarf.components.`);
  }
  for (const [field, value] of [['name', chart.name], ['version', chart.version]] as const) {
    if (value !== undefined && (!SAFE_NAME.test(value) || value.includes('..'))) {
      throw new PackageError(`chart ${JSON.stringify(chart.name)} of component ${component.name} has the ${field} ${JSON.stringify(value)}, which is not a file name (letters, digits, ".", "_" and "-" only, without ".."). Fix the chart in the package, or deselect the component in zarf.components.`);
    }
  }
  const base = chart.version ? `${chart.name}-${chart.version}` : chart.name;
  const archive = componentFile(files, component, 'charts', `${base}.tgz`);
  if (!archive) throw new IntegrityError(`component ${component.name} has no charts/${base}.tgz for chart ${chart.name}. Build the package again.`);
  let values: Record<string, unknown> = {};
  for (let index = 0; index < (chart.valuesFiles ?? []).length; index++) {
    const data = componentFile(files, component, 'values', `${base}-${index}`);
    if (!data) throw new IntegrityError(`component ${component.name} has no values/${base}-${index} for chart ${chart.name}. Build the package again.`);
    let parsed: unknown;
    try {
      parsed = parse(substitute(data.toString('utf8'), templates));
    } catch (err) {
      throw new PackageError(`values file ${index + 1} of chart ${chart.name} (component ${component.name}) is not valid YAML (${(err as Error).message.split('\n')[0]}). Fix it in the package.`);
    }
    if (parsed != null && !isJsonObject(parsed)) throw new PackageError(`values file ${index + 1} of chart ${chart.name} (component ${component.name}) is not a YAML mapping. Fix it in the package.`);
    values = mergeValues(values, parsed ?? {});
  }
  for (const variable of chart.variables ?? []) {
    const template = templates.get(`###ZARF_VAR_${variable.name.toUpperCase()}###`);
    if (template) values = setPath(values, variable.path, template.value);
  }
  const folder = await mkdtemp(join(privateFolder(join(options.cacheDir, 'tmp')), 'zarf-'));
  const where = `Zarf component ${component.name}, chart ${chart.name}`;
  try {
    // A fixed name: nothing from the package decides where the chart is written.
    const chartPath = join(folder, 'chart.tgz');
    await writeFile(chartPath, archive, { mode: 0o600 });
    const namespace = chart.namespace || 'default';
    const output = await helmTemplate(layer, { chart: chartPath, namespace, release_name: chart.releaseName || chart.name, values: stringify(values) }, target, options);
    return parseObjects(substitute(output, templates), { layer, helmOutput: true }).map((sourced) => ({ ...sourced, namespace }));
  } catch (err) {
    throw locate(err, layer, where);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Helm's merge of values files: mappings merge key by key, anything else is replaced. */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = result[key];
    result[key] = isJsonObject(prior) && isJsonObject(value) ? mergeValues(prior, value) : value;
  }
  return result;
}

/** `values` with `path` (dotted, as in a chart variable's `path`) set to `value`. */
export function setPath(values: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.replace(/^\./, '').split('.');
  if (!head) return values;
  const inner = isJsonObject(values[head]) ? (values[head] as Record<string, unknown>) : {};
  return { ...values, [head]: rest.length === 0 ? value : setPath(inner, rest.join('.'), value) };
}

/** The namespaces the components deploy to, as Namespace objects first, unless rendered already (Zarf creates them). */
function withNamespaces(layer: string, objects: SourcedObject[], components: ZarfComponent[]): SourcedObject[] {
  const wanted = new Set<string>();
  for (const component of components) {
    for (const { namespace } of [...(component.manifests ?? []), ...(component.charts ?? [])]) if (namespace && !INITIAL_NAMESPACES.has(namespace)) wanted.add(namespace);
  }
  const rendered = new Set(objects.filter(({ object }) => object.apiVersion === 'v1' && object.kind === 'Namespace').map(({ object }) => object.metadata.name));
  const added = [...wanted].filter((name) => !rendered.has(name)).map((name) => ({ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, location: { layer } }));
  return [...added, ...objects];
}

function warnings(pkg: ZarfPackage, components: ZarfComponent[], objects: SourcedObject[], templates: Map<string, Template>): LayerWarning[] {
  const result: LayerWarning[] = [];
  const images = [...new Set(components.flatMap((c) => c.images ?? []))];
  if (images.length > 0) {
    result.push({
      summary: 'Zarf images are not pushed',
      detail: `The selected components of Zarf package ${pkg.metadata.name} need these images, which Strata does not push to a registry and whose references it does not rewrite: ${images.join(', ')}. ` +
        'Make them pullable by the cluster first (for example `zarf package mirror-resources` into your registry, with the cluster pulling from it); see docs/zarf.md.',
    });
  }
  const actions = components.flatMap((c) => {
    const set = c.actions?.onDeploy;
    const listed = [...(set?.before ?? []), ...(set?.after ?? []), ...(set?.onSuccess ?? []), ...(set?.onFailure ?? [])].map((a) => a.description || a.cmd || 'a wait');
    const scripts = [...(c.scripts?.before ?? []), ...(c.scripts?.after ?? [])];
    return [...listed, ...scripts].map((what) => `${c.name}: ${what}`);
  });
  if (actions.length > 0) {
    result.push({ summary: 'Zarf actions are not run', detail: `Strata does not run the onDeploy actions of Zarf package ${pkg.metadata.name}: ${actions.join('; ')}. Run what they do yourself where it matters.` });
  }
  const other = components.flatMap((c) => [
    ...(c.files?.length ? [`${c.name}: files (${c.files.map((f) => f.target).join(', ')})`] : []),
    ...(c.repos?.length ? [`${c.name}: git repositories (${c.repos.join(', ')})`] : []),
    ...(c.dataInjections?.length ? [`${c.name}: data injections`] : []),
  ]);
  if (other.length > 0) result.push({ summary: 'Zarf package content is not deployed', detail: `Strata deploys manifests and charts only; it leaves out ${other.join('; ')} of Zarf package ${pkg.metadata.name}.` });
  const left = leftPlaceholders(objects.map(({ object }) => JSON.stringify(object)).join('\n')).filter((p) => !templates.has(p));
  if (left.length > 0) {
    result.push({ summary: 'Zarf placeholders left in place', detail: `The objects of Zarf package ${pkg.metadata.name} keep ${left.join(', ')}: Strata fills package variables and constants only, not what Zarf takes from its own state (registry, git server, storage class). Set them as variables if the package declares them, or deploy the package with Zarf.` });
  }
  return result;
}

function packageDigest(archive: PackageArchive, pkg: ZarfPackage): string {
  const hash = createHash('sha256').update(`${pkg.metadata.aggregateChecksum ?? ''}\n`).update(archive.files.get('zarf.yaml')!);
  return `sha256:${hash.digest('hex')}`;
}
