// What moving from one profile to another changes, layer by layer, without a cluster: manifest
// layers object by object, other layers by their source (chart and version, digests of values).
// Every line has the form of the cluster plan's lines (reconcile/changes.ts describeChange).
import { createHash } from 'node:crypto';
import { canonicalJson, layerType, type Layer, type LayerType } from '../profile';
import { objectDigest } from '../render';
import { withoutUserinfo } from '../render/scrub';
import { parseObjects } from '../render/documents';
import { describeChange, type ChangeAction } from '../reconcile/changes';
import { keyOf, labelOf, refOf } from '../reconcile/inventory';

interface ObjectEntry {
  key: string;
  label: string;
  digest: string;
}

/** A layer with its manifest's objects read (none for other layers). */
export interface ReadLayer {
  layer: Layer;
  type: LayerType;
  objects: ObjectEntry[];
}

/**
 * Reads the objects of manifest layers as written: no cluster is asked, so a namespace the
 * cluster would fill in stays unset. Throws a RenderError for a manifest that cannot be read.
 */
export function readLayers(layers: Layer[]): ReadLayer[] {
  return layers.map((layer) => {
    const type = layerType(layer);
    const objects = type !== 'manifest' ? [] : parseObjects(layer.manifest!.content, { layer: layer.name }).map(({ object }) => ({
      key: keyOf(object), label: labelOf(refOf(object)), digest: objectDigest(object),
    }));
    return { layer, type, objects };
  });
}

const line = (layer: string, action: ChangeAction, label: string, reason?: string) =>
  describeChange({ layer, action, key: label, label, ...(reason ? { reason } : {}) });

/** One line per change, in the new profile's layer order, then the layers that leave. Empty when nothing changes. */
export function diffLayers(before: ReadLayer[], after: ReadLayer[]): string[] {
  const oldByName = new Map(before.map((l) => [l.layer.name, l]));
  const newNames = new Set(after.map((l) => l.layer.name));
  // Keyed across layers, as the cluster plan keys them: an object that changes layer is not re-created.
  const oldObjects = new Map(before.flatMap((l) => l.objects.map((o) => [o.key, { ...o, layer: l.layer.name }] as const)));
  const newKeys = new Set(after.flatMap((l) => l.objects.map((o) => o.key)));
  const moved = reordered(before, after);
  const lines: string[] = [];

  for (const current of after) {
    const name = current.layer.name;
    const previous = oldByName.get(name);
    if (!previous) lines.push(line(name, 'add', 'layer', current.type));
    else if (previous.type !== current.type) lines.push(line(name, 'replace', 'layer', `${previous.type} -> ${current.type}`));
    const position = moved.get(name);
    if (position) lines.push(line(name, 'change', `layer position ${position}`));

    for (const object of current.objects) {
      const prior = oldObjects.get(object.key);
      const from = prior && prior.layer !== name ? `moved from layer ${prior.layer}` : undefined;
      if (!prior) lines.push(line(name, 'add', object.label));
      else if (prior.digest !== object.digest || from) lines.push(line(name, 'change', object.label, from));
    }
    if (previous) {
      for (const object of previous.objects) if (!newKeys.has(object.key)) lines.push(line(name, 'remove', object.label));
    }
    const typeChanged = previous !== undefined && previous.type !== current.type;
    if (typeChanged && previous.type !== 'manifest') lines.push(line(name, 'remove', sourceLabel(previous.layer)));
    if (current.type !== 'manifest') {
      if (previous && !typeChanged) lines.push(...sourceChanges(previous.layer, current.layer).map((change) => line(name, 'change', change)));
      else lines.push(line(name, 'add', sourceLabel(current.layer)));
    }
  }

  for (const leaving of before.filter((l) => !newNames.has(l.layer.name))) {
    const name = leaving.layer.name;
    lines.push(line(name, 'remove', 'layer', leaving.type));
    if (leaving.type !== 'manifest') lines.push(line(name, 'remove', sourceLabel(leaving.layer)));
    for (const object of leaving.objects) if (!newKeys.has(object.key)) lines.push(line(name, 'remove', object.label));
  }
  return lines;
}

/**
 * `3 -> 1` (1-based positions) for the layers that moved relative to the others: those outside the
 * longest run of common layers that kept their order, so moving one layer names that one only.
 */
function reordered(before: ReadLayer[], after: ReadLayer[]): Map<string, string> {
  const oldNames = before.map((l) => l.layer.name);
  const newNames = after.map((l) => l.layer.name);
  const oldOrder = oldNames.filter((n) => newNames.includes(n));
  const newOrder = newNames.filter((n) => oldNames.includes(n));
  // Longest common subsequence, by dynamic programming over suffixes (profiles have few layers).
  const lengths = Array.from({ length: oldOrder.length + 1 }, () => new Array<number>(newOrder.length + 1).fill(0));
  for (let i = oldOrder.length - 1; i >= 0; i--) {
    for (let j = newOrder.length - 1; j >= 0; j--) {
      lengths[i]![j] = oldOrder[i] === newOrder[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < oldOrder.length && j < newOrder.length;) {
    if (oldOrder[i] === newOrder[j]) {
      kept.add(oldOrder[i]!);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return new Map(newOrder.filter((name) => !kept.has(name)).map((name) => [name, `${oldNames.indexOf(name) + 1} -> ${newNames.indexOf(name) + 1}`]));
}

/** How the source of a helm, zarf or pack layer reads in a line: `helm chart web-app 1.0.0 from https://charts.example.com`. */
function sourceLabel({ helm, zarf, pack }: Layer): string {
  if (helm) return `helm chart ${helm.chart} ${versionText(helm.version)}${helm.repository ? ` from ${withoutUserinfo(helm.repository)}` : ''}`;
  if (zarf) return `zarf package ${withoutUserinfo(zarf.source)}`;
  return `pack ${pack!.name} ${pack!.version} from ${withoutUserinfo(pack!.registry)}`;
}

/** Field by field, for two layers of the same non-manifest type. Values and variables show as digests only. */
function sourceChanges(before: Layer, after: Layer): string[] {
  const changes: string[] = [];
  const field = (label: string, a: string, b: string) => {
    if (a !== b) changes.push(`${label} ${a} -> ${b}`);
  };
  if (before.helm && after.helm) {
    const [a, b] = [before.helm, after.helm];
    if (a.chart !== b.chart || a.version !== b.version) {
      changes.push(`helm chart ${a.chart} ${versionText(a.version)} -> ${b.chart === a.chart ? '' : `${b.chart} `}${versionText(b.version)}`);
    }
    field('helm repository', withoutUserinfo(a.repository ?? UNSET), withoutUserinfo(b.repository ?? UNSET));
    field('helm values', digestText(a.values), digestText(b.values));
    field('helm release_name', a.release_name ?? UNSET, b.release_name ?? UNSET);
    field('helm namespace', a.namespace ?? UNSET, b.namespace ?? UNSET);
  } else if (before.zarf && after.zarf) {
    const [a, b] = [before.zarf, after.zarf];
    field('zarf package', withoutUserinfo(a.source), withoutUserinfo(b.source));
    field('zarf components', a.components?.join(', ') ?? UNSET, b.components?.join(', ') ?? UNSET);
    field('zarf variables', digestText(a.variables && canonicalJson(a.variables)), digestText(b.variables && canonicalJson(b.variables)));
    field('zarf public_key', digestText(a.public_key), digestText(b.public_key));
    field('zarf architecture', a.architecture ?? UNSET, b.architecture ?? UNSET);
  } else if (before.pack && after.pack) {
    const [a, b] = [before.pack, after.pack];
    if (a.name !== b.name || a.version !== b.version) {
      changes.push(`pack ${a.name} ${a.version} -> ${b.name === a.name ? '' : `${b.name} `}${b.version}`);
    }
    field('pack registry', withoutUserinfo(a.registry), withoutUserinfo(b.registry));
    field('pack values', digestText(a.values), digestText(b.values));
  }
  return changes;
}

const UNSET = '(unset)';

function versionText(version: string | undefined): string {
  return version ?? '(latest)';
}

/** Values can hold passwords: only a short digest of them is shown. */
function digestText(text: string | undefined): string {
  return text === undefined ? UNSET : `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

