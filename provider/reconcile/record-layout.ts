// How the in-cluster record is cut into ConfigMaps, which hold at most 1 MiB each. The head
// (`strata-record-<cluster>`) keeps the small parts (generation, applied version, intent, history
// summaries) and names, per layer, the shards holding its objects; every shard
// (`strata-record-<cluster>-<hash>`) is named by the SHA-256 of its JSON text. Equal content is one
// shard, so an inventory or a history layer that repeats costs nothing again, and a new record
// shares every shard whose content did not change with the record before it.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DiagnosticError } from '../protocol/diagnostics';
import type { ClusterRecord, HistoryEntry, InventoryLayer, InventoryObject } from './record';

export const RECORD_LIMITS = {
  /** JSON text of one shard. Gzip adds a few bytes per 16 KiB at worst, so a shard stays far under a ConfigMap's 1 MiB. */
  shardText: 512 * 1024,
  /** JSON text of the head. */
  headText: 4 * 1024 * 1024,
  /** The head gzipped: a ConfigMap holds at most 1 MiB of data, and its metadata needs room too. */
  headStored: 960 * 1024,
  /** JSON text of every shard together: what reading a record holds in memory. */
  totalText: 96 * 1024 * 1024,
  /** Shards one head names: reading the record takes a GET for each. */
  shards: 2000,
};
export type RecordLimits = typeof RECORD_LIMITS;

export function recordName(cluster: string): string {
  return `strata-record-${cluster}`;
}

export function shardName(cluster: string, sha256: string): string {
  return `${recordName(cluster)}-${sha256.slice(0, 20)}`;
}

/** A layer whose objects (inventory) or object keys (history) are in `shards`, in order. */
export interface LayerRef { name: string; type: string; digest: string; shards: string[] }

export interface RecordHead {
  format: 2;
  cluster: string;
  generation: number;
  applied: ClusterRecord['applied'];
  intent: ClusterRecord['intent'];
  inventory: LayerRef[];
  history: (Omit<HistoryEntry, 'layers'> & { layers: LayerRef[] })[];
  definitions?: ClusterRecord['definitions'];
  overrides?: ClusterRecord['overrides'];
  /** Every shard named above: the SHA-256 of its JSON text, and that text's size in bytes. */
  shards: Record<string, { sha256: string; bytes: number }>;
}

export type ShardContent =
  | { part: 'inventory'; objects: InventoryObject[]; hooks?: InventoryObject[] }
  | { part: 'history'; keys: string[] };

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A shard's JSON text, its SHA-256 (hex) and its size in bytes. */
export interface ShardText { text: string; sha256: string; bytes: number }

const shardText = (text: string): ShardText => ({ text, sha256: sha256(text), bytes: Buffer.byteLength(text) });

export interface RecordLayout {
  /** The record as stored: history may have lost its oldest entries to fit the limits. */
  record: ClusterRecord;
  head: RecordHead;
  headGz: Buffer;
  /** Every shard the head names, by ConfigMap name. */
  shards: Map<string, ShardText>;
}

// Fields in one order whatever order the caller built them in, so that equal objects hash equally.
const packed = (o: InventoryObject): InventoryObject =>
  ({ key: o.key, apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name, digest: o.digest, owned: o.owned, uid: o.uid });

/**
 * The shard texts of `items`: one when it fits within `limit` bytes (the usual case, a single
 * stringify), else halves, recursively.
 */
function split<T>(items: T[], shard: (run: T[]) => ShardContent, limit: number): string[] {
  const text = JSON.stringify(shard(items));
  if (items.length <= 1 || Buffer.byteLength(text) <= limit) return [text];
  const half = Math.ceil(items.length / 2);
  return [...split(items.slice(0, half), shard, limit), ...split(items.slice(half), shard, limit)];
}

/** A layer's inventory as shard texts, hooks after objects; every shard of a layer with hooks has `hooks`. */
function inventoryTexts(layer: InventoryLayer, limit: number): string[] {
  const entries = [...layer.objects.map((object) => ({ object: packed(object), hook: false })), ...(layer.hooks ?? []).map((object) => ({ object: packed(object), hook: true }))];
  return split(entries, (run) => ({
    part: 'inventory',
    objects: run.filter((entry) => !entry.hook).map((entry) => entry.object),
    ...(layer.hooks && { hooks: run.filter((entry) => entry.hook).map((entry) => entry.object) }),
  }), limit);
}

// History key lists read from a record are frozen and often shared by entries: their shards are
// computed once per process, not at every write of an apply.
const keyShards = new WeakMap<readonly string[], ShardText[]>();

function historyShards(keys: string[], limit: number): ShardText[] {
  const known = keyShards.get(keys);
  if (known) return known;
  const shards = keys.length === 0 ? [] : split(keys, (run) => ({ part: 'history', keys: run }), limit).map(shardText);
  if (Object.isFrozen(keys)) keyShards.set(keys, shards);
  return shards;
}

function tooLarge(record: ClusterRecord, shards: number, text: number, limits: RecordLimits): DiagnosticError {
  const objects = record.inventory.reduce((sum, layer) => sum + layer.objects.length + (layer.hooks?.length ?? 0), 0);
  return new DiagnosticError('In-cluster record too large',
    `The inventory of cluster "${record.cluster}" (${objects} objects) alone takes ${shards} shards and ${Math.ceil(text / 1024)} KiB of JSON; ` +
    `a record holds at most ${limits.shards} shards and ${limits.totalText / 1024 / 1024} MiB. Nothing was written. ` +
    'Strata cannot record that many objects for one cluster: apply fewer objects to it, and report the case.');
}

/**
 * The head and shards of `record`. The oldest history entries are left out while the record would
 * pass a limit; a DiagnosticError when the inventory alone does.
 */
export function layoutRecord(record: ClusterRecord, limits: RecordLimits = RECORD_LIMITS): RecordLayout {
  const pool = new Map<string, ShardText>();
  const add = (shard: ShardText): string => {
    const name = shardName(record.cluster, shard.sha256);
    pool.set(name, shard);
    return name;
  };
  const inventory = record.inventory.map((layer): LayerRef => ({
    name: layer.name, type: layer.type, digest: layer.digest,
    shards: inventoryTexts(layer, limits.shardText).map((text) => add(shardText(text))),
  }));
  const history = record.history.map(({ layers, ...entry }) => ({
    ...entry,
    layers: layers.map((layer): LayerRef => ({ name: layer.name, type: layer.type, digest: layer.digest, shards: historyShards(layer.objects, limits.shardText).map(add) })),
  }));
  let total = { shards: 0, text: 0 };
  for (let first = 0; first <= history.length; first++) {
    const kept = history.slice(first);
    const names = new Set([...inventory, ...kept.flatMap((entry) => entry.layers)].flatMap((layer) => layer.shards));
    const shards = new Map([...names].map((name) => [name, pool.get(name)!]));
    total = { shards: shards.size, text: [...shards.values()].reduce((sum, shard) => sum + shard.bytes, 0) };
    if (total.shards > limits.shards || total.text > limits.totalText) continue;
    const head: RecordHead = {
      format: 2, cluster: record.cluster, generation: record.generation, applied: record.applied, intent: record.intent, inventory, history: kept,
      ...(record.definitions !== undefined && { definitions: record.definitions }),
      ...(record.overrides !== undefined && { overrides: record.overrides }),
      shards: Object.fromEntries([...shards].map(([name, shard]) => [name, { sha256: shard.sha256, bytes: shard.bytes }])),
    };
    const headText = JSON.stringify(head);
    if (Buffer.byteLength(headText) > limits.headText) continue;
    const headGz = gzipSync(headText);
    if (headGz.length > limits.headStored) continue;
    return { record: { ...record, history: record.history.slice(first) }, head, headGz, shards };
  }
  throw tooLarge(record, total.shards, total.text, limits);
}

/**
 * The record a head and its shards (read and checked one by one) hold. An Error naming the shard
 * when a layer names a shard of the wrong part.
 */
export function assembleRecord(head: RecordHead, shards: Map<string, ShardContent>): ClusterRecord {
  const read = <P extends ShardContent['part']>(name: string, part: P, owner: string) => {
    const shard = shards.get(name)!;
    if (shard.part !== part) throw new Error(`shard ${name} holds ${shard.part} data where ${owner} names ${part} data`);
    return shard as Extract<ShardContent, { part: P }>;
  };
  const inventory = head.inventory.map(({ shards: names, ...layer }): InventoryLayer => {
    const parts = names.map((name) => read(name, 'inventory', `inventory layer ${JSON.stringify(layer.name)}`));
    const hooks = parts.some((part) => part.hooks) ? parts.flatMap((part) => part.hooks ?? []) : undefined;
    return { ...layer, objects: parts.flatMap((part) => part.objects), ...(hooks && { hooks }) };
  });
  const history = head.history.map(({ layers, ...entry }): HistoryEntry => ({
    ...entry,
    layers: layers.map(({ shards: names, ...layer }) => {
      const parts = names.map((name) => read(name, 'history', `history entry ${entry.version} (${entry.time})`));
      // Frozen, since entries that share a shard share its array (and layoutRecord remembers it).
      return { ...layer, objects: Object.freeze(parts.length === 1 ? parts[0]!.keys : parts.flatMap((part) => part.keys)) as string[] };
    }),
  }));
  return {
    cluster: head.cluster, generation: head.generation, applied: head.applied, intent: head.intent, inventory, history,
    ...(head.definitions !== undefined && { definitions: head.definitions }),
    ...(head.overrides !== undefined && { overrides: head.overrides }),
  };
}
