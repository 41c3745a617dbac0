// Planning a move: render the profile for this cluster and compare it with the record, so that the
// plan shows exactly what apply will do (and apply then uses this very rendering).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeClient } from '../kube';
import type { Layer } from '../profile';
import { renderLayers, type RenderedLayer, type RenderTarget } from '../render';
import { planChanges, type ObjectChange } from './changes';
import { DiagnosticError } from '../protocol/diagnostics';
import { keyOf, labelOf, refOf } from './inventory';
import { readRecord, type ClusterRecord } from './record';

export interface PlannedMove {
  layers: RenderedLayer[];
  /** Keys of recorded objects that drifted; apply takes their fields back. */
  drifted: string[];
  changes: ObjectChange[];
  record: ClusterRecord | null;
  generation: number;
}

export async function renderTarget(client: KubeClient): Promise<RenderTarget> {
  const [version, apiVersions, resources] = await Promise.all([client.serverVersion(), client.apiVersions(), client.resources()]);
  // Discovery answers for the kinds the cluster has; CRDs in the profile itself are the renderer's business.
  const known = new Map(resources.map((r) => [`${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`, r.namespaced]));
  return {
    kubeVersion: version.gitVersion,
    apiVersions,
    isNamespaced: (apiVersion, kind) => known.get(`${apiVersion}/${kind}`),
  };
}

export async function planMove(client: KubeClient, input: {
  cluster: string; layers: Layer[]; driftLabels: string[]; prune: boolean; creating: boolean; helmPath: string; cacheDir: string; signal?: AbortSignal;
}): Promise<PlannedMove> {
  const [target, stored] = await Promise.all([renderTarget(client), readRecord(client, input.cluster)]);
  const layers = await renderLayers(input.layers, target, { helmPath: input.helmPath, cacheDir: input.cacheDir, signal: input.signal });
  rejectSharedObjects(layers);
  // A new resource over the leftovers of a failed create (tofu replaces a tainted resource by
  // destroying it first) starts from nothing, so the plan lists everything it will add again.
  const inventory = input.creating && !stored?.record.applied ? [] : stored?.record.inventory ?? [];
  const drifted = new Set(inventory.flatMap((l) => l.objects)
    .filter((o) => input.driftLabels.some((d) => d.startsWith(`${labelOf(o)}:`)))
    .map((o) => o.key));
  return { layers, drifted: [...drifted], changes: planChanges(layers, inventory, drifted, input.prune), record: stored?.record ?? null, generation: stored?.record.generation ?? 0 };
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

/** What plan hands to apply in planned private data: the rendering, and the record it was compared with. */
export interface PlanPayload { generation: number; layers: RenderedLayer[]; repair: string[] }

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
