// The record's definitions: what applying an override on its own needs and Terraform state of the
// override does not have: the layers of the profile the cluster runs, the content of every override
// of the cluster, and the cluster's options. Layers and values may hold Secret data and credentials,
// so they are kept in a Secret (`strata-system/strata-definitions-<cluster>-<hash>`), never in the
// record's ConfigMaps; named by the SHA-256 of its content, immutable, written before the head that
// names it and removed once a head no longer names it (record.ts).
import { gunzipSync, gzipSync } from 'node:zlib';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import type { Layer } from '../profile';
import { DiagnosticError, type AttributePath } from '../protocol/diagnostics';
import { log } from '../util/log';
import type { ReconcileOptions } from './apply';
import type { IgnoreRule } from './ignore-fields';
import type { OverrideContent } from './overrides';
import type { MoveOptions } from './plan';
import { CLUSTER_LABEL, MANAGED_BY, SYSTEM_NAMESPACE, type ClusterRecord, type DefinitionsRef } from './record';
import { sha256 } from './record-layout';

export interface ClusterSettings { options: ReconcileOptions & MoveOptions; ignoreFields: IgnoreRule[] }

export interface Definitions { layers: Layer[]; overrides: OverrideContent[]; settings: ClusterSettings }

const KEY = 'definitions.json.gz';
/** A Secret holds at most 1 MiB; what does not fit is not stored (overrides then cannot be applied on their own). */
const STORED_LIMIT = 900 * 1024;

const secretRef = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', namespace: SYSTEM_NAMESPACE, name });

export const definitionsName = (cluster: string, hash: string) => `strata-definitions-${cluster}-${hash.slice(0, 20)}`;

/**
 * Writes the definitions Secret (or finds it already there) and returns what the record names.
 * null when the definitions are too large for a Secret or Strata may not write Secrets in
 * strata-system: the apply goes on, and an override plan then says what is missing. The caller
 * (reconcile) has made sure strata-system exists.
 */
export async function storeDefinitions(client: KubeClient, cluster: string, definitions: Definitions): Promise<DefinitionsRef | null> {
  const text = JSON.stringify(definitions);
  const hash = sha256(text);
  const packed = gzipSync(text);
  if (packed.length > STORED_LIMIT) {
    log.warn('definitions too large for a Secret: overrides of this cluster cannot be applied on their own', { cluster, bytes: packed.length });
    return null;
  }
  const name = definitionsName(cluster, hash);
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: SYSTEM_NAMESPACE, labels: { ...MANAGED_BY, [CLUSTER_LABEL]: cluster, 'strata.dev/record-part': 'definitions' } },
    type: 'Opaque',
    immutable: true,
    data: { [KEY]: packed.toString('base64') },
  };
  try {
    await client.create(object);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 409) return { secret: name, sha256: hash };
    if (error instanceof KubeApiError && error.status === 403) {
      log.warn('may not write Secrets in strata-system: overrides of this cluster cannot be applied on their own (see docs/rbac.md)', { cluster });
      return null;
    }
    throw error;
  }
  return { secret: name, sha256: hash };
}

function missing(cluster: string, what: string, path: AttributePath): DiagnosticError {
  return new DiagnosticError('Cluster definitions are not available',
    `The record of cluster "${cluster}" ${what}. Applying an override needs the layers of the profile the cluster runs, which Strata keeps in a Secret in ${SYSTEM_NAMESPACE}: ` +
    'apply the strata_cluster once more with this version of Strata (with `secrets` allowed in that namespace, see docs/rbac.md), then plan the override again.', path);
}

/**
 * The definitions the record names, checked against their digest; a DiagnosticError on `path` (the
 * attribute that names the cluster) when they are not there.
 */
export async function readDefinitions(client: KubeClient, record: ClusterRecord, path: AttributePath = ['cluster_id']): Promise<Definitions> {
  const ref = record.definitions;
  if (!ref) throw missing(record.cluster, 'names no definitions Secret', path);
  const object = await client.get(secretRef(ref.secret));
  const packed = object?.data?.[KEY];
  if (typeof packed !== 'string' || object?.metadata.labels?.[CLUSTER_LABEL] !== record.cluster) throw missing(record.cluster, `names Secret ${SYSTEM_NAMESPACE}/${ref.secret}, which is missing or not this cluster's`, path);
  let text: string;
  try {
    text = gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: 64 * 1024 * 1024 }).toString('utf8');
  } catch {
    throw missing(record.cluster, `names Secret ${SYSTEM_NAMESPACE}/${ref.secret}, which holds no gzip data`, path);
  }
  if (sha256(text) !== ref.sha256) throw missing(record.cluster, `names Secret ${SYSTEM_NAMESPACE}/${ref.secret}, whose content was changed after Strata wrote it`, path);
  return JSON.parse(text) as Definitions;
}

/** The overrides' content of a record (none to read when it lists none); problems point at `path`, which names the cluster. */
export async function recordedOverrides(client: KubeClient, record: ClusterRecord | undefined, path: AttributePath = ['name']): Promise<OverrideContent[]> {
  if (!record?.overrides?.length) return [];
  return (await readDefinitions(client, record, path)).overrides;
}
