// Planning a move: render the profile for this cluster, compare it with the record, and ask the
// cluster about every object the move touches: whose each one is, whether the API server would
// take it (a server-side dry run), and whether what leaves is deleted or kept. The plan shows
// exactly what apply will do, and apply then uses this very rendering and these decisions.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeClient } from '../kube';
import type { Layer } from '../profile';
import { compileIgnoreRules, type IgnoreRule } from './ignore-fields';
import { hooksFor, layerDigest, renderLayers, type HookObject, type HookPhase, type RenderedLayer, type RenderTarget } from '../render';
import type { LayerHooks, MoveDecisions } from './engine';
import { planChanges, type ObjectChange } from './changes';
import { DiagnosticError } from '../protocol/diagnostics';
import { keyOf, labelOf, refOf } from './inventory';
import { readLive } from './live';
import { preflight, type PreflightItem, type PreflightProblem } from './preflight';
import { readRecord, type ClusterRecord, type InventoryObject } from './record';
import { recordedOverrides } from './record-definitions';
import type { OverrideContent, OverridePath } from './overrides';
import { renderWithOverrides, type OrphanedOverride } from './overrides-render';
import { judgeRemoval } from './removal';
import { CONCURRENCY, inParallel } from './parallel';

export interface PlannedMove {
  layers: RenderedLayer[];
  /** Keys of recorded objects that drifted; apply takes their fields back. */
  drifted: string[];
  changes: ObjectChange[];
  /** What the cluster refuses: the plan fails with these, before anything is written. */
  problems: PreflightProblem[];
  /** What the plan could not find out and the user should know. */
  warnings: string[];
  /** Layers that change: their install or upgrade hooks run. */
  hookLayers: string[];
  /** Delete hooks of the layers that leave the profile. */
  deleteHooks: LayerHooks[];
  record: ClusterRecord | null;
  generation: number;
  /** The cluster's overrides the rendering carries (docs/overrides.md), and those that no longer apply. */
  overrides: OverrideContent[];
  orphans: OrphanedOverride[];
}

export interface MoveOptions {
  prune: boolean;
  forceConflicts: boolean;
  adoptExisting: boolean;
  recreateOnImmutable: boolean;
  deleteCrdsWithResources: boolean;
}

export async function renderTarget(client: KubeClient): Promise<RenderTarget> {
  const [version, apiVersions, resources] = await Promise.all([client.serverVersion(), client.apiVersions(), client.resources()]);
  // Discovery answers for the kinds the cluster has; CRDs in the profile itself are the renderer's business.
  const known = new Map(resources.map((r) => [`${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`, r.namespaced]));
  return {
    kubeVersion: version.gitVersion,
    apiVersions,
    isNamespaced: (apiVersion, kind) => known.get(`${apiVersion}/${kind}`),
    cluster: client, // Helm's lookup reads through this client
  };
}

export async function planMove(client: KubeClient, input: {
  cluster: string; layers: Layer[]; driftLabels: string[]; options: MoveOptions; creating: boolean; helmPath: string; cacheDir: string; signal?: AbortSignal;
  /** The layers of the profile the cluster had in Terraform state: where the delete hooks of layers that leave come from. */
  priorLayers?: Layer[];
  /** Fields left to other controllers: removed from the rendering, so that neither plan nor apply touches them. */
  ignoreFields?: IgnoreRule[];
  /** The cluster's overrides; unset: those its record lists. */
  overrides?: OverrideContent[];
  /** Where a problem of an override points (default: the cluster's profile). */
  overridePath?: OverridePath;
}): Promise<PlannedMove> {
  const [target, stored] = await Promise.all([renderTarget(client), readRecord(client, input.cluster)]);
  // A new resource over the leftovers of a failed create (tofu replaces a tainted resource by
  // destroying it first) starts from nothing, so the plan lists everything it will add again.
  const inventory = input.creating && !stored?.record.applied ? [] : stored?.record.inventory ?? [];
  // Charts see .Release.IsUpgrade for layers the cluster already runs.
  const installedLayers = new Set(inventory.map((l) => l.name));
  const overrides = input.overrides ?? await recordedOverrides(client, stored?.record);
  const { layers: rendered, orphans } = await renderWithOverrides(input.layers, overrides,
    (layers) => renderLayers(layers, { ...target, installedLayers }, { helmPath: input.helmPath, cacheDir: input.cacheDir, signal: input.signal }), input.overridePath);
  const layers = withoutIgnoredLayerFields(rendered, input.ignoreFields ?? []);
  rejectSharedObjects(layers);
  // Drift lines are `<label>: <what>` (drift.ts describeDrift).
  const driftedLabels = new Set(input.driftLabels.map((line) => line.slice(0, line.indexOf(': '))));
  const drifted = new Set(inventory.flatMap((l) => l.objects).filter((o) => driftedLabels.has(labelOf(o))).map((o) => o.key));
  const changes = planChanges(layers, inventory, drifted, input.options.prune);
  const served = (apiVersion: string, kind: string) => target.isNamespaced(apiVersion, kind) !== undefined;
  const problems = await surveyChanges(client, input.cluster, layers, inventory.flatMap((l) => l.objects), changes, drifted, { ...input.options, served });
  const recordedLayers = new Map(inventory.map((l) => [l.name, l]));
  const changedLayers = new Set(changes.filter((c) => c.action !== 'keep' && c.action !== 'forget').map((c) => c.layer));
  const hookLayers = layers.filter((layer) => recordedLayers.get(layer.name)?.digest !== layer.digest || changedLayers.has(layer.name));
  for (const layer of hookLayers) {
    const installing = !recordedLayers.has(layer.name);
    changes.push(...hookChanges(layer, installing ? ['pre-install', 'post-install'] : ['pre-upgrade', 'post-upgrade']));
  }
  const warnings: string[] = [];
  const leaving = input.options.prune ? inventory.filter((l) => !layers.some((layer) => layer.name === l.name)).map((l) => l.name) : [];
  const deleteHooks = await renderDeleteHooks(input.priorLayers ?? [], leaving, target, input, warnings);
  for (const entry of deleteHooks) changes.push(...hookChanges({ name: entry.layer, hooks: entry.hooks }, ['pre-delete', 'post-delete']));
  return {
    layers, drifted: [...drifted], changes, problems, warnings, hookLayers: hookLayers.map((l) => l.name), deleteHooks,
    record: stored?.record ?? null, generation: stored?.record.generation ?? 0, overrides, orphans,
  };
}

function withoutIgnoredLayerFields(layers: RenderedLayer[], rules: IgnoreRule[]): RenderedLayer[] {
  if (rules.length === 0) return layers;
  const strip = compileIgnoreRules(rules);
  return layers.map((layer) => {
    const objects = layer.objects.map(strip);
    return objects.every((object, i) => object === layer.objects[i]) ? layer : { ...layer, objects, digest: layerDigest(objects, layer.hooks, layer.pack) };
  });
}

function hookChanges(layer: { name: string; hooks: HookObject[] }, phases: HookPhase[]): ObjectChange[] {
  return phases.flatMap((phase) => hooksFor(layer, phase).map((hook) => ({
    layer: layer.name, action: 'hook' as const, phase, key: keyOf(hook.object), label: labelOf(refOf(hook.object)),
  })));
}

/** Destroy: the delete hooks of every layer of the profile the cluster runs. */
export async function teardownHooks(client: KubeClient, layers: Layer[], input: { helmPath: string; cacheDir: string; signal?: AbortSignal }, warnings: string[]): Promise<LayerHooks[]> {
  return renderDeleteHooks(layers, layers.map((l) => l.name), await renderTarget(client), input, warnings);
}

/** The delete hooks of the layers that leave, rendered from the profile they came from; a layer that no longer renders runs none, with a warning. */
async function renderDeleteHooks(priorLayers: Layer[], leaving: string[], target: RenderTarget, input: { helmPath: string; cacheDir: string; signal?: AbortSignal }, warnings: string[]): Promise<LayerHooks[]> {
  const result: LayerHooks[] = [];
  for (const layer of priorLayers.filter((l) => leaving.includes(l.name))) {
    try {
      const [rendered] = await renderLayers([layer], target, { helmPath: input.helmPath, cacheDir: input.cacheDir, signal: input.signal });
      const hooks = rendered!.hooks.filter((hook) => hook.phases.includes('pre-delete') || hook.phases.includes('post-delete'));
      if (hooks.length > 0) result.push({ layer: layer.name, hooks });
    } catch (error) {
      warnings.push(`Layer "${layer.name}" leaves the profile, but its previous content no longer renders (${error instanceof Error ? error.message : String(error)}); its pre-delete and post-delete hooks, if any, will not run.`);
    }
  }
  return result;
}

/**
 * Refines `changes` in place with what the cluster says: adds that adopt, changes that replace,
 * removals that are kept or let go of. No request is made for objects that do not change.
 */
async function surveyChanges(
  client: KubeClient, cluster: string, layers: RenderedLayer[], recorded: InventoryObject[], changes: ObjectChange[], drifted: Set<string>,
  options: MoveOptions & { served: (apiVersion: string, kind: string) => boolean },
): Promise<PreflightProblem[]> {
  if (changes.length === 0) return [];
  const rendered = new Map(layers.flatMap((layer) => layer.objects.map((object) => [keyOf(object), object] as const)));
  const entries = new Map(recorded.map((o) => [o.key, o]));
  const refs = changes.map((c) => (rendered.has(c.key) ? refOf(rendered.get(c.key)!) : refOf(entries.get(c.key)!)));
  // Objects of kinds the server does not serve (yet) cannot exist.
  const live = await readLive(client, refs.filter((ref) => options.served(ref.apiVersion, ref.kind)));

  const items: PreflightItem[] = changes.filter((c) => c.action !== 'remove').map((c) => ({
    layer: c.layer, key: c.key, object: rendered.get(c.key)!, recorded: entries.has(c.key), repair: drifted.has(c.key),
  }));
  const { verdicts, problems } = await preflight(client, items, live, { cluster, ...options });
  const leaving = new Set(changes.filter((c) => c.action === 'remove').map((c) => c.key));
  const context = { client, cluster, leaving, deleteCrdsWithResources: options.deleteCrdsWithResources };
  const judge = async (change: ObjectChange) => {
    const decision = await judgeRemoval(context, entries.get(change.key)!, live.get(change.key) ?? null);
    if (decision.action === 'keep' || decision.action === 'forget') {
      Object.assign(change, { action: decision.action, reason: decision.reason });
      leaving.delete(change.key);
    }
    if (decision.action === 'gone') change.reason = 'already gone';
  };
  // What a Namespace or CRD holds is judged first: what stays keeps them too.
  const holds = (change: ObjectChange) => /^core\/Namespace\/|^apiextensions\.k8s\.io\/CustomResourceDefinition\//.test(change.key);
  const removals = changes.filter((c) => c.action === 'remove');
  await inParallel(removals.filter((c) => !holds(c)), CONCURRENCY, judge);
  await inParallel(removals.filter(holds), CONCURRENCY, judge);
  for (const change of changes) {
    const verdict = verdicts.get(change.key);
    if (change.action !== 'remove' && change.action !== 'keep' && change.action !== 'forget' && verdict && verdict.action !== 'apply') {
      Object.assign(change, { action: verdict.action, reason: verdict.reason });
    }
    if (verdict?.fields && (verdict.fields.fields.length > 0 || verdict.fields.more > 0)) change.fields = verdict.fields;
  }
  return problems;
}

/** One object, one layer: two layers applying it would overwrite each other's fields, and prune could not tell whose it is. */
export function rejectSharedObjects(layers: RenderedLayer[]): void {
  const owner = new Map<string, string>();
  for (const layer of layers) {
    for (const object of layer.objects) {
      const key = keyOf(object);
      const first = owner.get(key);
      if (first !== undefined && first !== layer.name) {
        throw new DiagnosticError('Object in two layers',
          `${labelOf(refOf(object))} is rendered by layer "${first}" and by layer "${layer.name}". Keep it in one layer (for a shared Namespace, the earlier one).`, ['profile']);
      }
      owner.set(key, layer.name);
    }
  }
}

/**
 * What plan hands to apply in planned private data: the rendering, the record it was compared
 * with, and the plan's decisions by object key.
 */
export interface PlanPayload extends MoveDecisions {
  generation: number;
  layers: RenderedLayer[];
  /** The overrides the rendering carries: apply keeps their content with the record's definitions. */
  overrides: OverrideContent[];
}

export function payloadOf(move: PlannedMove): PlanPayload {
  const keys = (...actions: ObjectChange['action'][]) => move.changes.filter((c) => actions.includes(c.action)).map((c) => c.key);
  return {
    // overriddenBy is for the plan's view only (and a Map, which JSON would not carry).
    generation: move.generation, layers: move.layers.map(({ overriddenBy: _, ...layer }) => layer), overrides: move.overrides, repair: move.drifted, adopt: keys('adopt'), replace: keys('replace'), letGo: keys('keep', 'forget'),
    hookLayers: move.hookLayers, deleteHooks: move.deleteHooks,
  };
}

export function packPayload(payload: PlanPayload): Buffer {
  return gzipSync(JSON.stringify(payload));
}

export function unpackPayload(bytes: Buffer | undefined): PlanPayload | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}
