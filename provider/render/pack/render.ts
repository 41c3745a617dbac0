// A pack layer: the version it names resolved in its registry, the archive fetched (checked
// against its digest) and unpacked into the render cache, the values merged and checked, then
// rendered as the pack's type says: a helm pack through the Helm path, a manifest pack as a
// manifest layer.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { PackSource } from '../../profile/model';
import { CacheDirError, privateFolder } from '../../util/cache-dir';
import { DEFAULT_NAMESPACE } from '../../profile/manifest-objects';
import { parseObjects, type SourcedObject } from '../documents';
import { helmTemplate } from '../helm';
import { RenderError, renderError, type RenderOptions, type RenderTarget } from '../types';
import { unpackCached } from './archive';
import { PACK_FILE, parsePackMetadata, type PackMetadata, type PackType } from './format';
import { openRegistry } from './open';
import { PackError, PROBLEM_SUMMARIES } from './registry';
import { isExactVersion, newestFirst, packRange, resolveVersion } from './resolve';
import { mergeValues, parseValues, valuesProblems } from './values';

/** What a pack layer resolved to: recorded with the layer, part of its digest and of the applied digest. */
export interface ResolvedPack {
  registry: string;
  name: string;
  version: string;
  /** `sha256:<hex>` of the pack archive. */
  digest: string;
  type: PackType;
}

export interface RenderedPack {
  objects: SourcedObject[];
  namespace: string;
  pack: ResolvedPack;
}

export async function renderPack(layer: string, source: PackSource, target: RenderTarget, options: RenderOptions): Promise<RenderedPack> {
  try {
    return await render(layer, source, target, options);
  } catch (err) {
    if (err instanceof PackError) throw packRenderError(layer, err);
    if (err instanceof CacheDirError) throw renderError({ layer }, err.message, err);
    if (err instanceof RenderError) throw err;
    // Anything else (unpacking, reading the unpacked files) still names the layer and the pack.
    throw renderError({ layer }, `pack ${JSON.stringify(source.name)} from ${source.registry}: ${(err as Error)?.message ?? String(err)}. Check the pack, and publish it again with \`npm run pack:publish\`.`, err);
  }
}

/** A RenderError whose summary names the kind of problem. */
export function packRenderError(layer: string, err: PackError): RenderError {
  const error = renderError({ layer }, err.message, err);
  error.summary = PROBLEM_SUMMARIES[err.problem];
  return error;
}

async function render(layer: string, source: PackSource, target: RenderTarget, options: RenderOptions): Promise<RenderedPack> {
  const label = `pack ${JSON.stringify(source.name)}`;
  const registry = openRegistry(source.registry, options.workDir ?? process.cwd(), options.signal);
  if (!isExactVersion(source.version) && packRange(source.version) === null) {
    throw new PackError('no-matching-version', `${JSON.stringify(source.version)} is neither an exact version nor a semver range: write "1.2.3", "^1.2.0", "~1.2" or ">=1.2.0 <2.0.0" in pack.version.`);
  }
  const versions = await registry.versions(source.name);
  if (versions === undefined) {
    const known = await registry.packs().catch(() => undefined);
    throw new PackError('unknown-pack', `pack registry ${source.registry} has no ${label}` +
      `${known ? ` (it has ${known.length === 0 ? 'no packs' : known.map((n) => JSON.stringify(n)).join(', ')})` : ''}. Fix pack.name, or publish the pack into the registry.`);
  }
  const version = resolveVersion(versions, source.version);
  if (version === undefined) {
    const listed = newestFirst(versions);
    throw new PackError('no-matching-version', `no version of ${label} in ${source.registry} matches ${JSON.stringify(source.version)}` +
      ` (it has ${listed.length === 0 ? 'none' : listed.slice(0, 10).join(', ')}${listed.length > 10 ? ', …' : ''}). Change pack.version, or publish a matching version.`);
  }
  const entry = await registry.entry(source.name, version);
  const folder = await fetchPack(registry.download.bind(registry, source.name, entry), entry.digest, options.cacheDir);
  const metadata = await readMetadata(folder, `${label} ${version} from ${source.registry}`);
  if (metadata.name !== source.name || metadata.version !== version || metadata.type !== entry.type) {
    throw new PackError('invalid-pack', `the archive of ${label} ${version} in ${source.registry} holds ${metadata.type} pack ${JSON.stringify(metadata.name)} ${metadata.version}, not what the registry lists (${entry.type} ${version}). Publish the version again.`);
  }
  const pack: ResolvedPack = { registry: source.registry, name: source.name, version, digest: entry.digest, type: metadata.type };
  const values = packValues(source, metadata, version);
  if (metadata.type === 'manifest') {
    return { objects: parseObjects(await manifests(folder, `${label} ${version}`), { layer }), namespace: DEFAULT_NAMESPACE, pack };
  }
  const namespace = metadata.namespace ?? 'default';
  const output = await helmTemplate(layer, { chart: join(folder, 'chart'), values: stringify(values), namespace }, target, options);
  return { objects: parseObjects(output, { layer, helmOutput: true }), namespace, pack };
}

/** The unpacked pack of this digest, downloaded only when the cache does not have it. */
async function fetchPack(download: () => Promise<Buffer>, digest: string, cacheDir: string): Promise<string> {
  for (const folder of [cacheDir, join(cacheDir, 'tmp'), join(cacheDir, 'packs')]) privateFolder(folder);
  const cached = join(cacheDir, 'packs', digest.slice('sha256:'.length));
  try {
    await stat(join(cached, PACK_FILE));
    return cached;
  } catch {
    return unpackCached(await download(), cacheDir);
  }
}

async function readMetadata(folder: string, what: string): Promise<PackMetadata> {
  try {
    return parsePackMetadata(await readFile(join(folder, PACK_FILE), 'utf8'));
  } catch (err) {
    throw new PackError('invalid-pack', `${what} is not a valid pack: ${(err as Error).message}. Fix the pack and publish a new version.`, { cause: err });
  }
}

/** The layer's values over the pack's defaults, checked against the pack's values schema. */
function packValues(source: PackSource, metadata: PackMetadata, version: string): Record<string, unknown> {
  let given: Record<string, unknown>;
  try {
    given = parseValues(source.values);
  } catch (err) {
    throw new PackError('invalid-values', `pack.values: ${(err as Error).message}. Fix the values.`);
  }
  if (metadata.type === 'manifest') {
    if (Object.keys(given).length > 0) throw new PackError('invalid-values', `pack ${JSON.stringify(source.name)} ${version} is a manifest pack, which takes no values: remove pack.values.`);
    return {};
  }
  // Both sides are mappings (parseValues, the pack schema), so the merge is one too.
  const merged = mergeValues(metadata.values ?? {}, given) as Record<string, unknown>;
  if (!metadata.valuesSchema) return merged;
  let problems: string[];
  try {
    problems = valuesProblems(metadata.valuesSchema, merged);
  } catch (err) {
    throw new PackError('invalid-pack', `the valuesSchema of pack ${JSON.stringify(source.name)} ${version} is not a JSON Schema ajv can compile: ${(err as Error).message}. Fix the pack and publish a new version.`);
  }
  if (problems.length > 0) {
    throw new PackError('invalid-values', `the values of pack ${JSON.stringify(source.name)} ${version} (pack.values over the pack's defaults) do not match its schema: ${problems.slice(0, 5).join('; ')}. Fix pack.values.`);
  }
  return merged;
}

/** manifests/*.yaml (and .yml) in name order, as one multi-document text. */
async function manifests(folder: string, what: string): Promise<string> {
  const dir = join(folder, 'manifests');
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw new PackError('invalid-pack', `${what} is a manifest pack without a manifests/ folder. Fix the pack and publish a new version.`);
  }
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return texts.join('\n---\n');
}
