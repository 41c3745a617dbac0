import { randomBytes } from 'node:crypto';
import type { KubeClient, KubeObject } from '../../../provider/kube';
import { DiagnosticError } from '../../../provider/protocol/diagnostics';
import { emptyRecord, readRecord, writeRecord, type InventoryLayer } from '../../../provider/reconcile/record';

/** Just enough of a client to hold ConfigMaps in memory. */
function fakeClient(): KubeClient & { stored: Map<string, KubeObject> } {
  const stored = new Map<string, KubeObject>();
  let version = 0;
  const keep = (object: KubeObject) => {
    const copy = structuredClone({ ...object, metadata: { ...object.metadata, resourceVersion: String(++version) } });
    stored.set(`${object.metadata.namespace}/${object.metadata.name}`, copy);
    return copy;
  };
  return {
    stored,
    get: async (ref: { namespace?: string; name: string }) => stored.get(`${ref.namespace}/${ref.name}`) ?? null,
    create: async (object: KubeObject) => keep(object),
    replace: async (object: KubeObject) => keep(object),
  } as unknown as KubeClient & { stored: Map<string, KubeObject> };
}

function inventory(objects: number): InventoryLayer[] {
  return [{
    name: 'big', type: 'manifest', digest: 'sha256:x',
    objects: Array.from({ length: objects }, (_, i) => ({
      apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name: `item-${i}`, key: `core/ConfigMap/app/item-${i}`,
      digest: `sha256:${randomBytes(32).toString('hex')}`, owned: `sha256:${randomBytes(32).toString('hex')}`,
    })),
  }];
}

describe('in-cluster record', () => {
  test('round trips through its ConfigMap, gzipped, with the generation counted and history capped', async () => {
    const client = fakeClient();
    const record = { ...emptyRecord('edge-1'), inventory: inventory(3), history: Array.from({ length: 25 }, (_, i) => ({ version: `1.0.${i}`, digest: 'd', time: 't', outcome: 'applied', layers: [] })) };
    const first = await writeRecord(client, { record });
    const back = await readRecord(client, 'edge-1');
    expect(back?.record.generation).toBe(1);
    expect(back?.record.inventory).toEqual(record.inventory);
    expect(back?.record.history.map((h) => h.version)).toEqual(record.history.slice(-20).map((h) => h.version));
    const object = client.stored.get('strata-system/strata-record-edge-1')!;
    expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'strata', 'strata.dev/cluster': 'edge-1' });
    expect(Object.keys(object.binaryData)).toEqual(['record.json.gz']);
    await writeRecord(client, first);
    expect((await readRecord(client, 'edge-1'))?.record.generation).toBe(2);
  });

  test('a record past the ConfigMap limit is refused with a diagnostic before it is sent', async () => {
    const client = fakeClient();
    const write = writeRecord(client, { record: { ...emptyRecord('huge'), inventory: inventory(12_000) } });
    await expect(write).rejects.toThrow(DiagnosticError);
    await expect(writeRecord(client, { record: { ...emptyRecord('huge'), inventory: inventory(12_000) } })).rejects.toThrow(/In-cluster record too large|1 MiB/);
    expect(client.stored.size).toBe(0);
  });
});
