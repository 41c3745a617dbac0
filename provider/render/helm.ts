// Helm layers, rendered the way Argo CD renders them: `helm template` with the cluster's version and
// API versions, CRDs included. By default with the bundled renderer (helm-bundled.ts: Helm's Go SDK,
// which also answers `lookup` from the cluster and uses the provider's repository credentials); with
// the `helm` binary when the provider names one (`helm_path`). Nothing touches the user's helm
// configuration: helm's homes point into the render cache folder and every other HELM_* variable is dropped.
// helm's output goes through the same steps as a manifest layer's objects, hooks included: hooks.ts
// splits out the hooks (and drops test and rollback hooks) for every kind of layer.
import { createHash } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import semver from 'semver';
import { isJsonObject } from '../profile/canonical';
import type { HelmSource } from '../profile/model';
import { parseKubernetesYaml } from '../profile/kube-yaml';
import { CacheDirError, privateFolder } from '../util/cache-dir';
import { defaultRendererPath, pullRequest, runRenderer, templateRequest, type RendererRequest } from './helm-bundled';
import { helmRepositories, repositoriesFor, repositorySecrets } from './helm-repositories';
import { startLookupProxy } from './lookup-proxy';
import { runProcess } from './process';
import { scrub } from './scrub';
import { RenderError, renderError, type RenderOptions, type RenderTarget } from './types';

/** The namespace of a helm layer: `helm.namespace`, else "default". */
export function helmNamespace(source: HelmSource): string {
  return source.namespace || 'default';
}

/** For messages: `chart "web-app" version 1.0.0 from https://charts.example.com`. */
export function chartLabel(source: HelmSource): string {
  const version = source.version ? ` version ${source.version}` : '';
  const from = source.repository ? ` from ${source.repository}` : '';
  return `chart ${JSON.stringify(source.chart)}${version}${from}`;
}

// helm's own rule for release names (a DNS subdomain of at most 53 characters).
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Runs `helm template` for the layer and returns helm's standard output (multi-document YAML). */
export async function helmTemplate(layer: string, source: HelmSource, target: RenderTarget, options: RenderOptions): Promise<string> {
  const chart = chartLabel(source);
  const where = { layer, chart };
  const values = checkValues(layer, source);
  const release = source.release_name || layer;
  if (!RELEASE_NAME.test(release) || release.length > 53) {
    throw renderError(
      where,
      `${JSON.stringify(release)} is not a valid helm release name (lowercase letters, digits, "-" and ".", at most 53 characters)` +
        `${source.release_name ? '' : '; it defaults to the layer name'}: set helm.release_name to a valid name.`,
    );
  }
  checkCacheFolders(where, options.cacheDir);
  // For charts pulled on every render; removed as soon as helm is done.
  const work = await mkdtemp(join(options.cacheDir, 'tmp', 'render-'));
  try {
    const chartPath = await locateChart(layer, source, options, work);
    const isUpgrade = target.installedLayers?.has(layer) ?? false;
    if (!options.helmPath) {
      try {
        return await templateBundled({ chartPath, work, values, release, namespace: helmNamespace(source), target, isUpgrade }, options);
      } catch (err) {
        throw helmFailure(where, `helm could not render ${chart}`, 'Check the chart, its version and the layer\'s values.', err, options);
      }
    }
    const args = [
      'template',
      release,
      chartPath,
      `--namespace=${helmNamespace(source)}`,
      '--include-crds',
      ...(target.kubeVersion ? [`--kube-version=${target.kubeVersion}`] : []),
      ...target.apiVersions.map((apiVersion) => `--api-versions=${apiVersion}`),
      ...(isUpgrade ? ['--is-upgrade'] : []),
    ];
    // Values may hold secrets: they reach helm on its standard input, never a file, so that even a
    // kill leaves nothing of them behind.
    if (values !== undefined) args.push('--values=-');
    try {
      return (await runHelm(args, options, values)).stdout;
    } catch (err) {
      throw helmFailure(where, `helm could not render ${chart}`, 'Check the chart, its version and the layer\'s values.', err, options);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The render cache folder and the folders kept in it, created private, or a RenderError when another
 * user can write them: pulled charts are used as found there.
 */
function checkCacheFolders(where: { layer: string; chart: string }, cacheDir: string): void {
  try {
    for (const folder of [cacheDir, ...['tmp', 'charts', 'helm'].map((name) => join(cacheDir, name))]) privateFolder(folder);
  } catch (err) {
    if (err instanceof CacheDirError) throw renderError(where, err.message, err);
    throw err;
  }
}

/** The layer's values text when it has any; a RenderError unless it is one YAML mapping. */
function checkValues(layer: string, source: HelmSource): string | undefined {
  const text = source.values;
  if (text === undefined || text === null || text.trim() === '') return undefined;
  const where = { layer, chart: chartLabel(source) };
  const { documents } = parseKubernetesYaml(text);
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const what = error.message.split(/ at line \d+, column \d+/)[0]!.trim();
      const position = error.linePos?.[0];
      throw renderError(
        where, // no `line`: it would read as a line of the layer; the message names the values line
        `the helm values are not valid YAML: ${what}${position ? ` (values line ${position.line}, column ${position.col})` : ''}. Fix the values.`,
      );
    }
  }
  const nonEmpty = documents.filter((document) => document.contents !== null && document.toJS() != null);
  if (nonEmpty.length > 1) throw renderError(where, 'the helm values hold several YAML documents; give one mapping (merge the documents).');
  if (nonEmpty.length === 1 && !isJsonObject(nonEmpty[0]!.toJS())) {
    throw renderError(where, 'the helm values must be a YAML mapping (e.g. "replicaCount: 2"), not a list or a scalar.');
  }
  return nonEmpty.length === 1 ? text : undefined;
}

/**
 * A path helm can template: a local chart (directory or .tgz), or a pulled chart. Pulled charts
 * whose version is pinned (an exact semantic version, or an OCI digest) are cached under
 * `<cacheDir>/charts`, keyed by repository, chart and version, and never pulled again; a version
 * range or no version is pulled on every render (into `work`), since what it means changes as
 * charts are published.
 */
async function locateChart(layer: string, source: HelmSource, options: RenderOptions, work: string): Promise<string> {
  const { chart, repository, version } = source;
  let pullArgs: string[];
  if (repository) {
    pullArgs = repository.startsWith('oci://') ? [`${repository.replace(/\/+$/, '')}/${chart}`] : [chart, `--repo=${repository}`];
  } else if (/^(oci|https?):\/\//.test(chart)) {
    pullArgs = [chart];
  } else {
    const path = isAbsolute(chart) ? chart : resolve(options.workDir ?? process.cwd(), chart);
    try {
      await stat(path);
    } catch {
      throw renderError(
        { layer, chart: chartLabel(source) },
        `the chart is not a local path that exists (${path}) and the layer has no repository. ` +
          'Set helm.repository to the chart repository URL, use an oci:// chart reference, or fix the path.',
      );
    }
    return path;
  }
  if (version) pullArgs.push(`--version=${version}`);
  const pinned = (version !== undefined && version !== '' && semver.valid(version) !== null) || /@sha256:[0-9a-f]{64}$/.test(pullArgs[0]!);
  if (!pinned) return pull(layer, source, pullArgs, options, work);
  const key = createHash('sha256').update(JSON.stringify([repository ?? '', chart, version ?? ''])).digest('hex');
  const name = `${chart.replace(/^.*\//, '').replace(/[^A-Za-z0-9._-]/g, '_')}-${(version ?? 'digest').replace(/[^A-Za-z0-9._-]/g, '_')}-${key.slice(0, 16)}.tgz`;
  const cached = join(options.cacheDir, 'charts', name);
  try {
    await access(cached);
    return cached;
  } catch {
    // not cached yet
  }
  // One pull per chart at a time in this process; other processes may pull the same chart too,
  // which is harmless: each pulls into a folder of its own and renames the file into place.
  let pending = pulling.get(cached);
  if (!pending) {
    pending = (async () => {
      const tmpRoot = join(options.cacheDir, 'tmp');
      const folder = await mkdtemp(join(tmpRoot, 'pull-'));
      try {
        const file = await pull(layer, source, pullArgs, options, folder);
        await mkdir(join(options.cacheDir, 'charts'), { recursive: true });
        await rename(file, cached); // atomic: readers see no file or the whole file
        return cached;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    })().finally(() => pulling.delete(cached));
    pulling.set(cached, pending);
  }
  try {
    return await pending;
  } catch (err) {
    // Another layer's render may have started the shared pull: name this layer in what it sees.
    if (err instanceof RenderError && err.layer !== layer) {
      const prefix = `layer ${JSON.stringify(err.layer)}: `;
      throw renderError({ layer, chart: chartLabel(source) }, err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message, err);
    }
    throw err;
  }
}

const pulling = new Map<string, Promise<string>>();

/** `helm pull` into `<folder>/chart/`; returns the path of the one .tgz it wrote. */
async function pull(layer: string, source: HelmSource, pullArgs: string[], options: RenderOptions, folder: string): Promise<string> {
  const where = { layer, chart: chartLabel(source) };
  const destination = join(folder, 'chart');
  await mkdir(destination, { recursive: true });
  try {
    if (!options.helmPath) await runBundled(pullRequest(source, destination, helmRepositories()), options);
    else {
      refuseCredentials(layer, source);
      await runHelm(['pull', ...pullArgs, `--destination=${destination}`], options);
    }
  } catch (err) {
    if (err instanceof RenderError) throw err;
    throw helmFailure(
      where,
      `helm could not pull ${chartLabel(source)}`,
      'Check that the repository is reachable and has this chart and version.',
      err,
      options,
    );
  }
  const files = (await readdir(destination)).filter((file) => file.endsWith('.tgz'));
  if (files.length !== 1) {
    throw renderError(where, `helm pull of ${chartLabel(source)} wrote ${files.length} chart archives instead of one; check the chart reference.`);
  }
  return join(destination, files[0]!);
}

class HelmExit extends Error {
  constructor(
    readonly stderr: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(stderr || `helm exited with ${signal ?? `code ${code}`}`);
  }
}

function helmFailure(where: { layer: string; chart: string }, what: string, todo: string, err: unknown, options: RenderOptions) {
  if (options.signal?.aborted || (err as Error)?.name === 'AbortError') {
    return renderError(where, `${what}: rendering was cancelled.`, err);
  }
  if ((err as NodeJS.ErrnoException)?.code === 'ENOENT' || (err as NodeJS.ErrnoException)?.code === 'EACCES') {
    if (!options.helmPath) {
      const path = options.rendererPath ?? defaultRendererPath();
      return renderError(where, `${what}: cannot run the bundled Helm renderer at ${path} (${(err as Error).message}). Reinstall the provider (the renderer ships beside it), or set helm_path to a helm binary.`, err);
    }
    return renderError(where, `${what}: cannot run helm at ${options.helmPath} (${(err as Error).message}). Install helm or fix the path to it.`, err);
  }
  let detail = scrub(err instanceof HelmExit ? helmMessage(err.stderr) : (err as Error)?.message ?? String(err), repositorySecrets(helmRepositories()));
  if (detail.length > 4000) detail = `${detail.slice(0, 4000)} …(truncated)`;
  if (!detail) detail = err instanceof HelmExit ? `helm exited with ${err.signal ?? `code ${err.code}`} and no message` : 'unknown error';
  return renderError(where, `${what}: ${detail}${/[.!]$/.test(detail) ? '' : '.'} ${todo}`, err);
}

/**
 * helm's stderr, trimmed. Helm 4 logs an error twice, as a structured `level=ERROR msg=...` line and
 * as the `Error: ...` line users know; the structured copy is dropped when the plain one is there,
 * and so is advice about flags of a helm command line the user never typed.
 */
function helmMessage(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const plain = lines.some((line) => line.startsWith('Error: '));
  return lines
    .filter((line) => !(plain && /^level=ERROR /.test(line)))
    .filter((line) => !/^Use --debug flag to render out invalid YAML\.?$/.test(line.trim())) // not the user's command line
    .join('\n')
    .trim();
}

/** The environment helm runs in: the caller's, without HELM_* settings, with homes in the cache folder. */
function helmEnv(options: RenderOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(options.env ?? process.env)) {
    if (!name.startsWith('HELM_')) env[name] = value;
  }
  const home = join(options.cacheDir, 'helm');
  env.HELM_CACHE_HOME = join(home, 'cache');
  env.HELM_CONFIG_HOME = join(home, 'config');
  env.HELM_DATA_HOME = join(home, 'data');
  return env;
}

/** Runs helm; `input`, when given, is its standard input. */
async function runHelm(args: string[], options: RenderOptions, input?: string): Promise<{ stdout: string; stderr: string }> {
  const result = await runProcess(options.helmPath, args, input ?? '', helmEnv(options), options.signal);
  if (result.code !== 0) throw new HelmExit(result.stderr, result.code, result.signal);
  return result;
}

/**
 * The bundled renderer's `helm template`; with a cluster in the target, the charts' `lookup` calls
 * go to a loopback endpoint that lives for this render and reads through the provider's client.
 */
async function templateBundled(
  input: { chartPath: string; work: string; values: string | undefined; release: string; namespace: string; target: RenderTarget; isUpgrade: boolean },
  options: RenderOptions,
): Promise<string> {
  const { target } = input;
  const proxy = target.cluster ? await startLookupProxy(target.cluster) : undefined;
  try {
    const request = templateRequest({
      chartPath: input.chartPath, workDir: input.work, values: input.values, releaseName: input.release, namespace: input.namespace,
      kubeVersion: target.kubeVersion, apiVersions: target.apiVersions, isUpgrade: input.isUpgrade,
      ...(proxy ? { cluster: { server: proxy.server, token: proxy.token } } : {}),
      repositories: helmRepositories(),
    });
    return await runBundled(request, options);
  } finally {
    await proxy?.close();
  }
}

async function runBundled(request: RendererRequest, options: RenderOptions): Promise<string> {
  const result = await runRenderer(options.rendererPath ?? defaultRendererPath(), request, helmEnv(options), options.signal);
  if (result.code !== 0) throw new HelmExit(result.stderr, result.code, result.signal);
  return result.stdout;
}

/**
 * The helm binary takes credentials only on its command line or in files, where other processes
 * and backups see them: repositories with credentials are for the bundled renderer only.
 */
function refuseCredentials(layer: string, source: HelmSource): void {
  const [entry] = repositoriesFor(source.repository || source.chart, helmRepositories());
  if (entry) {
    throw renderError(
      { layer, chart: chartLabel(source) },
      `the provider has a helm_repository block for ${entry.url} (credentials or certificates), but helm_path is set: the helm binary would need them on a command line or in a file. ` +
        'Unset helm_path (and STRATA_HELM_PATH) to render with the bundled renderer, which uses them.',
    );
  }
}
