// The in-cluster record: what Strata applied to a cluster, kept in the cluster itself so that it can
// say what it runs (and what Strata must prune) without Terraform state. ConfigMaps in
// `strata-system`: a head and content-addressed shards (record-layout.ts). Shards are written before
// the head that names them and removed only after a head that no longer names them was written, so a
// crash between two writes never leaves a head naming a missing shard. It holds object identities
// and digests, never object content, so Secret data never lands here.
import { gunzipSync, gzipSync } from 'node:zlib';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { DiagnosticError } from '../protocol/diagnostics';
import { log } from '../util/log';
import { CONCURRENCY, inParallel } from './parallel';
import { assembleRecord, layoutRecord, RECORD_LIMITS, recordName, sha256, shardName, type RecordHead, type RecordLayout, type ShardContent, type ShardText } from './record-layout';
import { recordSchemaProblem, type RecordPart } from './record-schema';
import type { OverrideEntry } from './overrides';

export { recordName } from './record-layout';

export const SYSTEM_NAMESPACE = 'strata-system';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'strata' };
const HISTORY_LIMIT = 50;
/** Names the cluster on its record's parts, as on every object it applies (ownership.ts). */
export const CLUSTER_LABEL = 'strata.dev/cluster';
/** `head` or `shard`: with the cluster label, selects a record's ConfigMaps and nothing a profile applies. */
const PART_LABEL = 'strata.dev/record-part';
/** A shard's hash, so that a label selector can leave out the shards a head names. */
const SHARD_LABEL = 'strata.dev/record-shard';
const SHA_ANNOTATION = 'strata.dev/record-sha256';
const HEAD_KEY = 'head.json.gz';
const SHARD_KEY = 'shard.json.gz';
/** Records of releases before shards: one ConfigMap, read and then replaced by a head. */
const LEGACY_KEY = 'record.json.gz';

export interface InventoryObject {
  key: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Digest of the object Strata applied (as rendered). */
  digest: string;
  /** Digest of the live fields Strata owns, right after apply; a different value later is drift. */
  owned: string;
  /** The UID the API server gave the object Strata applied: deletes are conditional on it. */
  uid?: string;
}

export interface InventoryLayer {
  name: string;
  type: string;
  digest: string;
  objects: InventoryObject[];
  /** The layer's Helm hook objects still in the cluster: not pruned as objects, deleted with the layer. */
  hooks?: InventoryObject[];
}

/** A layer as history remembers it: object keys without digests, which keeps the record small. */
export interface HistoryLayer { name: string; type: string; digest: string; objects: string[] }

export interface HistoryEntry {
  version: string;
  digest: string;
  time: string;
  outcome: string;
  /** The values of the profile's variables in this move; absent without variables (and in older records). */
  variables?: Record<string, string>;
  /** Per pack layer, the pack version and archive the move applied (`web@1.2.0 (sha256:…)`); absent without pack layers. */
  packs?: Record<string, string>;
  /** What was in the cluster after this move, so the cluster itself can say what it ran. */
  layers: HistoryLayer[];
}

export interface ClusterRecord {
  cluster: string;
  /** Grows with every write; a plan remembers it so apply can refuse a stale plan. */
  generation: number;
  applied: { version: string; digest: string; time: string } | null;
  /** Every object Strata may have created and not yet removed, grouped by layer. */
  inventory: InventoryLayer[];
  /** Set before any object is touched, cleared when the move ends. */
  intent: { version: string; digest: string; startedAt: string; holder: string } | null;
  history: HistoryEntry[];
  /**
   * The Secret holding what applying an override needs: the layers of the profile the cluster runs,
   * the overrides' content, the cluster's options (record-definitions.ts). Absent in records of
   * earlier releases, null when it could not be stored.
   */
  definitions?: DefinitionsRef | null;
  /** The cluster's overrides (strata_cluster_override): who set each, when, the digest of its content. */
  overrides?: OverrideEntry[];
}

/** A definitions Secret in strata-system and the SHA-256 (hex) of the JSON text it holds. */
export interface DefinitionsRef { secret: string; sha256: string }

export function emptyRecord(cluster: string): ClusterRecord {
  return { cluster, generation: 0, applied: null, inventory: [], intent: null, history: [] };
}

/** A record and the resourceVersion of its head, which guards the next write against a concurrent writer. */
export interface StoredRecord { record: ClusterRecord; resourceVersion?: string }

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name });

function damaged(cluster: string, name: string, what: string): DiagnosticError {
  return new DiagnosticError('In-cluster record is damaged',
    `The record of cluster "${cluster}" cannot be read: ConfigMap ${SYSTEM_NAMESPACE}/${name} ${what}. Strata does not guess at a damaged record. ` +
    'If it was edited by hand, restore it (for example from a backup of the namespace). To start over instead, delete the record with ' +
    `\`kubectl -n ${SYSTEM_NAMESPACE} delete configmap -l ${CLUSTER_LABEL}=${cluster},${PART_LABEL}\`; the next plan then says what to do about the missing record.`);
}

/** The JSON text a ConfigMap of the record holds under `key`, refused past `limit` bytes. */
function unpack(cluster: string, object: KubeObject, key: string, limit: number): string {
  const name = object.metadata.name;
  const packed = object.binaryData?.[key];
  if (typeof packed !== 'string') throw damaged(cluster, name, `has no binaryData ${key}`);
  try {
    return gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: limit }).toString('utf8');
  } catch (error) {
    throw damaged(cluster, name, (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? `holds more than ${limit} bytes of JSON in ${key}, more than Strata ever writes there`
      : `holds no gzip data in ${key}`);
  }
}

function parse<T>(cluster: string, name: string, text: string, part: RecordPart): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(cluster, name, 'holds data that is not JSON');
  }
  const problem = recordSchemaProblem(part, value);
  if (problem) throw damaged(cluster, name, `does not hold a valid record ${part}: ${problem}`);
  return value as T;
}

/** The head a ConfigMap holds, checked: this cluster's, within the limits, naming only shards it lists with their digests. */
function readHead(cluster: string, object: KubeObject): RecordHead {
  const name = object.metadata.name;
  const head = parse<RecordHead>(cluster, name, unpack(cluster, object, HEAD_KEY, RECORD_LIMITS.headText), 'head');
  if (head.cluster !== cluster) throw damaged(cluster, name, `holds the record of cluster "${head.cluster}"`);
  const shards = Object.entries(head.shards);
  const text = shards.reduce((sum, [, shard]) => sum + shard.bytes, 0);
  if (shards.length > RECORD_LIMITS.shards || text > RECORD_LIMITS.totalText) {
    throw damaged(cluster, name, `names ${shards.length} shards of ${text} bytes, more than Strata ever writes (${RECORD_LIMITS.shards} shards, ${RECORD_LIMITS.totalText} bytes)`);
  }
  const misnamed = shards.find(([shard, { sha256: hash }]) => shard !== shardName(cluster, hash));
  if (misnamed) throw damaged(cluster, name, `names shard ${misnamed[0]}, whose name does not match its digest and cluster`);
  for (const layer of [...head.inventory, ...head.history.flatMap((entry) => entry.layers)]) {
    const unlisted = layer.shards.find((shard) => !head.shards[shard]);
    if (unlisted) throw damaged(cluster, name, `names shard ${unlisted} for layer ${JSON.stringify(layer.name)} without its digest`);
  }
  return head;
}

/** The shards the head names, each checked against its digest, or the first one found missing. */
async function readShards(client: KubeClient, cluster: string, head: RecordHead): Promise<Map<string, ShardContent> | { missing: string }> {
  const contents = new Map<string, ShardContent>();
  let missing: string | undefined;
  await inParallel(Object.entries(head.shards), CONCURRENCY, async ([name, expected]) => {
    const object = await client.get(configMap(name));
    if (!object) {
      missing ??= name;
      return;
    }
    if (object.metadata.labels?.[CLUSTER_LABEL] !== cluster || object.metadata.labels?.[PART_LABEL] !== 'shard') {
      throw damaged(cluster, name, `is not labelled as a shard of this record (${CLUSTER_LABEL}=${cluster}, ${PART_LABEL}=shard)`);
    }
    const text = unpack(cluster, object, SHARD_KEY, RECORD_LIMITS.shardText);
    if (Buffer.byteLength(text) !== expected.bytes || sha256(text) !== expected.sha256) {
      throw damaged(cluster, name, 'does not hold what its head says it holds (size or SHA-256 differ): it was changed after Strata wrote it');
    }
    contents.set(name, parse<ShardContent>(cluster, name, text, 'shard'));
  });
  return missing ? { missing } : contents;
}

function readLegacy(cluster: string, object: KubeObject): ClusterRecord {
  const name = object.metadata.name;
  const record = parse<ClusterRecord>(cluster, name, unpack(cluster, object, LEGACY_KEY, RECORD_LIMITS.totalText), 'legacy');
  if (record.cluster !== cluster) throw damaged(cluster, name, `holds the record of cluster "${record.cluster}"`);
  return record;
}

export async function readRecord(client: KubeClient, cluster: string): Promise<StoredRecord | null> {
  const name = recordName(cluster);
  for (let attempt = 1; ; attempt++) {
    const object = await client.get(configMap(name));
    if (!object) return null;
    const resourceVersion = object.metadata.resourceVersion;
    if (object.binaryData?.[LEGACY_KEY] !== undefined) return { record: readLegacy(cluster, object), resourceVersion };
    const head = readHead(cluster, object);
    const shards = await readShards(client, cluster, head);
    if (shards instanceof Map) {
      try {
        return { record: assembleRecord(head, shards), resourceVersion };
      } catch (error) {
        throw damaged(cluster, name, (error as Error).message);
      }
    }
    // A writer may have replaced the head and removed its old shards while this read: read again.
    const now = await client.get(configMap(name));
    if (attempt === 3 || !now || now.metadata.resourceVersion === resourceVersion) {
      throw damaged(cluster, name, `names shard ${shards.missing}, which does not exist`);
    }
  }
}

export async function ensureSystemNamespace(client: KubeClient): Promise<void> {
  if (await client.get({ apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE })) return;
  await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE, labels: MANAGED_BY } }, { fieldManager: 'strata' });
}

/** The shards and the definitions Secret the head ConfigMap names; none for a legacy record. */
function partsOf(cluster: string, object: KubeObject): { shards: string[]; definitions?: string } {
  if (object.binaryData?.[HEAD_KEY] === undefined) return { shards: [] };
  const head = readHead(cluster, object);
  return { shards: Object.keys(head.shards), ...(head.definitions && { definitions: head.definitions.secret }) };
}

/** Removes a definitions Secret no head names any more. Best effort, like collectGarbage. */
async function dropDefinitions(client: KubeClient, cluster: string, secret: string | undefined): Promise<void> {
  if (!secret) return;
  try {
    await client.delete({ apiVersion: 'v1', kind: 'Secret', namespace: SYSTEM_NAMESPACE, name: secret });
  } catch (error) {
    log.warn('could not remove a definitions Secret that is no longer used', { cluster, secret, error: error instanceof Error ? error.message : String(error) });
  }
}

async function createShard(client: KubeClient, cluster: string, name: string, shard: ShardText): Promise<void> {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: SYSTEM_NAMESPACE,
      labels: { ...MANAGED_BY, [CLUSTER_LABEL]: cluster, [PART_LABEL]: 'shard', [SHARD_LABEL]: name.slice(-20) },
      annotations: { [SHA_ANNOTATION]: shard.sha256 },
    },
    // Named by its content, a shard never changes; the API server then refuses edits too.
    immutable: true,
    binaryData: { [SHARD_KEY]: gzipSync(shard.text).toString('base64') },
  };
  try {
    await client.create(object);
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 409)) throw error;
    // Left by a write that stopped before its head: the same content under the same name.
    const found = await client.get(configMap(name));
    if (found?.metadata.labels?.[CLUSTER_LABEL] !== cluster || found.metadata.annotations?.[SHA_ANNOTATION] !== shard.sha256) {
      throw new DiagnosticError('In-cluster record cannot be written',
        `ConfigMap ${SYSTEM_NAMESPACE}/${name} exists and is not the shard of the record of cluster "${cluster}" that Strata writes under that name; ` +
        'Strata does not overwrite it. Remove or rename it, then apply again.');
    }
  }
}

/**
 * Removes the cluster's shards that `keep` does not name: `known` ones by name, then any other
 * (left by a write that stopped before its head) by label. Best effort: a shard left behind costs
 * room until the next write, never correctness.
 */
async function collectGarbage(client: KubeClient, cluster: string, keep: Set<string>, known: string[]): Promise<void> {
  try {
    await inParallel(known.filter((name) => !keep.has(name)), CONCURRENCY, async (name) => {
      await client.delete(configMap(name));
    });
    const hashes = [...keep].map((name) => name.slice(-20));
    const labelSelector = `${CLUSTER_LABEL}=${cluster},${PART_LABEL}=shard${hashes.length > 0 ? `,${SHARD_LABEL} notin (${hashes.join(',')})` : ''}`;
    const orphans = (await client.list('v1', 'ConfigMap', { namespace: SYSTEM_NAMESPACE, labelSelector }))
      .filter((object) => !keep.has(object.metadata.name) && object.metadata.name.startsWith(`${recordName(cluster)}-`));
    await inParallel(orphans, CONCURRENCY, async (object) => {
      await client.delete(configMap(object.metadata.name), { preconditions: { uid: object.metadata.uid } });
    });
  } catch (error) {
    log.warn('could not remove record shards that are no longer used', { cluster, error: error instanceof Error ? error.message : String(error) });
  }
}

function headObject(layout: RecordLayout, resourceVersion: string | undefined): KubeObject {
  const { record } = layout;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(record.cluster),
      namespace: SYSTEM_NAMESPACE,
      labels: { ...MANAGED_BY, [CLUSTER_LABEL]: record.cluster, [PART_LABEL]: 'head' },
      annotations: {
        'strata.dev/applied-version': record.applied?.version ?? '',
        'strata.dev/applied-digest': record.applied?.digest ?? '',
      },
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    binaryData: { [HEAD_KEY]: layout.headGz.toString('base64') },
  };
}

/**
 * Writes the record: its new shards, then its head, then removes the shards no head names any more.
 * `stored.resourceVersion` guards against a concurrent writer (checked before anything is written).
 * Returns the record as stored (history keeps the last 50 entries, fewer if the limits demand) and
 * the head's new resourceVersion.
 */
export async function writeRecord(client: KubeClient, stored: StoredRecord): Promise<StoredRecord> {
  const layout = layoutRecord({ ...stored.record, generation: stored.record.generation + 1, history: stored.record.history.slice(-HISTORY_LIMIT) });
  const { cluster } = layout.record;
  const where = `The record of cluster "${cluster}" (ConfigMap ${SYSTEM_NAMESPACE}/${recordName(cluster)})`;
  let known: string[] = [];
  let definitions: string | undefined;
  if (stored.resourceVersion) {
    const current = await client.get(configMap(recordName(cluster)));
    if (!current) throw new DiagnosticError('In-cluster record is missing', `${where} was deleted while Strata was using it; nothing was written. Find out who removed it, then run plan again.`);
    if (current.metadata.resourceVersion !== stored.resourceVersion) {
      throw new DiagnosticError('In-cluster record changed', `${where} was changed by someone else since Strata read it (another apply?); nothing was written. Run plan and apply again.`);
    }
    ({ shards: known, definitions } = partsOf(cluster, current));
  }
  const existing = new Set(known);
  await inParallel([...layout.shards].filter(([name]) => !existing.has(name)), CONCURRENCY, ([name, shard]) => createShard(client, cluster, name, shard));
  const object = headObject(layout, stored.resourceVersion);
  const written = stored.resourceVersion ? await client.replace(object) : await client.create(object);
  if (layout.record.history.length < Math.min(stored.record.history.length, HISTORY_LIMIT)) {
    log.info('record history trimmed to fit the record\'s limits', { cluster, kept: layout.record.history.length });
  }
  await collectGarbage(client, cluster, new Set(layout.shards.keys()), known);
  if (definitions !== layout.record.definitions?.secret) await dropDefinitions(client, cluster, definitions);
  return { record: layout.record, resourceVersion: written.metadata.resourceVersion };
}

/** Removes the record: its head first, so that no reader finds a head whose shards are going. */
export async function deleteRecord(client: KubeClient, cluster: string): Promise<void> {
  const head = await client.get(configMap(recordName(cluster)));
  let known: string[] = [];
  let definitions: string | undefined;
  try {
    ({ shards: known, definitions } = head ? partsOf(cluster, head) : { shards: [] });
  } catch {
    // A damaged head names nothing to trust: the label selector below finds its shards.
  }
  await client.delete(configMap(recordName(cluster)));
  await collectGarbage(client, cluster, new Set(), known);
  await dropDefinitions(client, cluster, definitions);
}
