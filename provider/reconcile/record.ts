// The in-cluster record: what Strata applied to a cluster, kept in the cluster itself so that it can
// say what it runs (and what Strata must prune) without Terraform state. One ConfigMap per cluster
// in `strata-system`; the JSON is gzipped because inventories of large profiles repeat themselves.
// It holds object identities and digests, never object content, so Secret data never lands here.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeClient, KubeObject } from '../kube';
import { DiagnosticError } from '../protocol/diagnostics';

export const SYSTEM_NAMESPACE = 'strata-system';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'strata' };
const HISTORY_LIMIT = 20;
// A ConfigMap is at most 1 MiB in etcd; keep room for metadata.
const RECORD_LIMIT_BYTES = 1_000_000;

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
}

export function recordName(cluster: string): string {
  return `strata-record-${cluster}`;
}

export function emptyRecord(cluster: string): ClusterRecord {
  return { cluster, generation: 0, applied: null, inventory: [], intent: null, history: [] };
}

export interface StoredRecord { record: ClusterRecord; resourceVersion?: string }

export async function readRecord(client: KubeClient, cluster: string): Promise<StoredRecord | null> {
  const object = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: recordName(cluster) });
  if (!object) return null;
  const packed = object.binaryData?.['record.json.gz'];
  if (typeof packed !== 'string') {
    throw new Error(`the record ConfigMap ${SYSTEM_NAMESPACE}/${recordName(cluster)} has no record.json.gz; it was not written by Strata. Remove it, or import the cluster from a healthy record.`);
  }
  return { record: JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')), resourceVersion: object.metadata.resourceVersion };
}

export async function ensureSystemNamespace(client: KubeClient): Promise<void> {
  if (await client.get({ apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE })) return;
  await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE, labels: MANAGED_BY } }, { fieldManager: 'strata' });
}

/** Writes the record; `stored.resourceVersion` guards against a concurrent writer. Returns the new resourceVersion. */
export async function writeRecord(client: KubeClient, stored: StoredRecord): Promise<StoredRecord> {
  const record = { ...stored.record, generation: stored.record.generation + 1, history: stored.record.history.slice(-HISTORY_LIMIT) };
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(record.cluster),
      namespace: SYSTEM_NAMESPACE,
      labels: { ...MANAGED_BY, 'strata.dev/cluster': record.cluster },
      annotations: {
        'strata.dev/applied-version': record.applied?.version ?? '',
        'strata.dev/applied-digest': record.applied?.digest ?? '',
      },
      ...(stored.resourceVersion ? { resourceVersion: stored.resourceVersion } : {}),
    },
    binaryData: { 'record.json.gz': gzipSync(JSON.stringify(record)).toString('base64') },
  };
  const size = object.binaryData['record.json.gz'].length;
  if (size > RECORD_LIMIT_BYTES) {
    throw new DiagnosticError('In-cluster record too large',
      `The record of cluster "${record.cluster}" would take ${Math.round(size / 1024)} KiB; a ConfigMap holds at most 1 MiB. ` +
      'This happens with profiles of several thousand objects. Split the cluster\'s objects across fewer layers with fewer objects, and report it: the record needs sharding for such profiles.');
  }
  const written = stored.resourceVersion ? await client.replace(object) : await client.create(object);
  return { record, resourceVersion: written.metadata.resourceVersion };
}

export async function deleteRecord(client: KubeClient, cluster: string): Promise<void> {
  await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: recordName(cluster) });
}
