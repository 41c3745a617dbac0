// The in-cluster record of a large cluster against a real API server (etcd + kube-apiserver on
// loopback): 20,000 objects with 50 history entries written through writeRecord, read back, and
// every ConfigMap measured with kubectl, the independent witness. Then the lock, whose renewals and
// preconditioned release the real server judges.
import { randomBytes, randomUUID } from 'node:crypto';
import { KubeClient } from '../../provider/kube';
import { acquireLock } from '../../provider/reconcile/lock';
import { deleteRecord, emptyRecord, ensureSystemNamespace, readRecord, writeRecord, type ClusterRecord, type HistoryEntry, type InventoryLayer, type StoredRecord } from '../../provider/reconcile/record';
import { ControlPlane, startControlPlane } from '../harness/controlplane';

const CLUSTER = 'big';
/** A ConfigMap's data and binaryData together (the API server's limit). */
const CONFIGMAP_LIMIT = 1024 * 1024;
/** etcd's default --max-request-bytes: the whole stored object must fit. */
const ETCD_REQUEST_LIMIT = 1.5 * 1024 * 1024;

const digest = () => `sha256:${randomBytes(32).toString('hex')}`;

function inventory(layers: number, perLayer: number): InventoryLayer[] {
  return Array.from({ length: layers }, (_, l) => ({
    name: `layer-${l}`, type: 'manifest', digest: digest(),
    objects: Array.from({ length: perLayer }, (_, i) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', namespace: `team-${l}`, name: `service-${i}`, key: `apps/Deployment/team-${l}/service-${i}`,
      digest: digest(), owned: digest(), uid: randomUUID(),
    })),
  }));
}

/** Entry `e`: the layers as they are, except that each changes its objects when `changed(e, layer)`. */
function history(layers: InventoryLayer[], changed: (entry: number, layer: number) => boolean): HistoryEntry[] {
  return Array.from({ length: 50 }, (_, e) => ({
    version: `1.${e}.0`, digest: digest(), time: new Date(Date.UTC(2025, 0, 1, 0, e)).toISOString(), outcome: 'applied',
    layers: layers.map((layer, l) => ({
      name: layer.name, type: layer.type, digest: layer.digest,
      objects: [...layer.objects.map((o) => o.key), ...(changed(e, l) ? [`v1/ConfigMap/team-${l}/extra-${e}`] : [])],
    })),
  }));
}

interface Measured { configMaps: number; largestStored: number; largestObject: number; storedBytes: number }

describe('the record of 20,000 objects with 50 history entries, on a real API server', () => {
  let plane: ControlPlane;
  let client: KubeClient;

  beforeAll(async () => {
    plane = await startControlPlane({ withKwok: false });
    client = KubeClient.connect({ host: plane.host, cluster_ca_certificate: plane.caCertPem, token: plane.adminToken });
    await ensureSystemNamespace(client);
  }, 10 * 60_000);

  afterAll(async () => {
    client?.close();
    await plane?.stop();
  });

  /** The record's ConfigMaps as kubectl lists them: how many, and their sizes. */
  async function measure(): Promise<Measured> {
    const result = await plane.kubectl(['-n', 'strata-system', 'get', 'configmaps', '-l', `strata.dev/cluster=${CLUSTER},strata.dev/record-part`, '-o', 'json']);
    expect(result.code).toBe(0);
    const items: { binaryData?: Record<string, string> }[] = JSON.parse(result.stdout).items;
    const stored = items.map((item) => Object.values(item.binaryData ?? {}).reduce((sum, b64) => sum + Buffer.from(b64, 'base64').length, 0));
    return {
      configMaps: items.length,
      largestStored: Math.max(...stored),
      largestObject: Math.max(...items.map((item) => JSON.stringify(item).length)),
      storedBytes: stored.reduce((sum, size) => sum + size, 0),
    };
  }

  async function roundTrip(stored: StoredRecord, record: ClusterRecord, label: string): Promise<StoredRecord> {
    const started = Date.now();
    const written = await writeRecord(client, { ...stored, record });
    const wrote = Date.now() - started;
    const read = Date.now();
    const back = await readRecord(client, CLUSTER);
    const took = Date.now() - read;
    expect(written.record).toEqual({ ...record, generation: record.generation + 1, history: record.history.slice(-50) });
    expect(back?.record).toEqual(written.record);
    expect(back?.resourceVersion).toBe(written.resourceVersion);
    const size = await measure();
    expect(size.largestStored).toBeLessThan(CONFIGMAP_LIMIT);
    expect(size.largestObject).toBeLessThan(ETCD_REQUEST_LIMIT);
    // Measurements for the record: sizes in bytes as stored (gzip), times in ms.
    console.log(`record ${label}: ${JSON.stringify({ ...size, writeMs: wrote, readMs: took })}`);
    return back!;
  }

  test('written, read back and measured; shards no head names are removed; deleting removes all', async () => {
    const layers = inventory(20, 1000);
    // Upgrades that change a layer's objects now and then (one layer per move), as real moves do.
    const usual = { ...emptyRecord(CLUSTER), applied: { version: '1.49.0', digest: digest(), time: new Date().toISOString() }, inventory: layers, history: history(layers, (e, l) => l === e % 20) };
    let stored = await roundTrip({ record: usual }, usual, 'usual history');
    expect((await measure()).configMaps).toBe(1 + 20 + 20 + 50);

    // One more move, as an apply writes it: one layer's objects changed, a 51st entry (the oldest,
    // whose own shard goes with it, leaves).
    const [changed] = inventory(1, 1000);
    const moved = { ...stored.record, inventory: [changed!, ...layers.slice(1)] };
    moved.history = [...moved.history, { ...history(moved.inventory, () => false)[0]!, version: '2.0.0' }];
    stored = await roundTrip(stored, moved, 'one more move');
    expect(stored.record.history.map((h) => h.version)).toEqual([...usual.history.slice(1).map((h) => h.version), '2.0.0']);
    expect((await measure()).configMaps).toBe(1 + 20 + 20 + 49);

    // A shard left by a write that stopped before its head: the next write finds it by label (with
    // a selector that leaves out the 1,020 shards its head names) and removes it.
    const stray = `strata-record-${CLUSTER}-${'0'.repeat(20)}`;
    const labels = `strata.dev/cluster=${CLUSTER} strata.dev/record-part=shard strata.dev/record-shard=${'0'.repeat(20)}`;
    expect((await plane.kubectl(['-n', 'strata-system', 'create', 'configmap', stray])).code).toBe(0);
    expect((await plane.kubectl(['-n', 'strata-system', 'label', 'configmap', stray, ...labels.split(' ')])).code).toBe(0);

    // The worst case: every layer's objects differ in every entry (no history shard is shared).
    const worst = { ...stored.record, inventory: inventory(20, 1000), history: history(layers, () => true) };
    stored = await roundTrip(stored, worst, 'every entry distinct');
    expect((await measure()).configMaps).toBe(1 + 20 + 50 * 20);

    // Back to a small record: the shards of the large one go.
    const small = { ...stored.record, inventory: inventory(2, 10), history: [] };
    stored = await roundTrip(stored, small, 'small');
    expect((await measure()).configMaps).toBe(1 + 2);

    await deleteRecord(client, CLUSTER);
    expect(await readRecord(client, CLUSTER)).toBeNull();
    const left = await plane.kubectl(['-n', 'strata-system', 'get', 'configmaps', '-l', `strata.dev/cluster=${CLUSTER}`, '-o', 'name']);
    expect(left.stdout.trim()).toBe('');
  }, 10 * 60_000);

  test('the lock: renewed on the server, released only while it is still ours', async () => {
    const lock = await acquireLock(client, CLUSTER);
    const lease = () => plane.kubectl(['-n', 'strata-system', 'get', 'lease', `strata-lock-${CLUSTER}`, '-o', 'jsonpath={.spec.holderIdentity} {.metadata.resourceVersion}']);
    expect((await lease()).stdout).toContain(lock.holder);
    // Someone takes it over (kubectl, as an operator would): the release must leave their lease.
    expect((await plane.kubectl(['-n', 'strata-system', 'patch', 'lease', `strata-lock-${CLUSTER}`, '--type=merge', '-p', '{"spec":{"holderIdentity":"operator"}}'])).code).toBe(0);
    await lock.release();
    expect((await lease()).stdout).toMatch(/^operator /);
    await plane.kubectl(['-n', 'strata-system', 'delete', 'lease', `strata-lock-${CLUSTER}`]);

    const mine = await acquireLock(client, CLUSTER);
    await mine.release();
    expect((await plane.kubectl(['-n', 'strata-system', 'get', 'lease', `strata-lock-${CLUSTER}`])).code).not.toBe(0);
  });
});
