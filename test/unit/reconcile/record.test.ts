import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from '../../../provider/kube';
import { DiagnosticError } from '../../../provider/protocol/diagnostics';
import { deleteRecord, emptyRecord, readRecord, writeRecord, type ClusterRecord, type HistoryEntry, type InventoryLayer } from '../../../provider/reconcile/record';
import { layoutRecord, RECORD_LIMITS } from '../../../provider/reconcile/record-layout';
import { fakeObjects, type FakeObjects } from './fake-objects';

const NS = 'strata-system';
const digest = () => `sha256:${randomBytes(32).toString('hex')}`;

function layer(name: string, objects: number, from = 0): InventoryLayer {
  return {
    name, type: 'manifest', digest: digest(),
    objects: Array.from({ length: objects }, (_, i) => ({
      apiVersion: 'v1', kind: 'ConfigMap', namespace: name, name: `item-${from + i}`, key: `core/ConfigMap/${name}/item-${from + i}`,
      digest: digest(), owned: digest(), uid: `uid-${name}-${from + i}`,
    })),
  };
}

const entry = (version: string, inventory: InventoryLayer[]): HistoryEntry => ({
  version, digest: digest(), time: `2025-01-01T00:00:${version.padStart(2, '0')}Z`, outcome: 'applied',
  layers: inventory.map((l) => ({ name: l.name, type: l.type, digest: l.digest, objects: l.objects.map((o) => o.key) })),
});

const configMaps = (fake: FakeObjects) => [...fake.objects.values()].filter((o) => o.kind === 'ConfigMap');
const shards = (fake: FakeObjects) => configMaps(fake).filter((o) => o.metadata.labels?.['strata.dev/record-part'] === 'shard').map((o) => o.metadata.name).sort();
const head = (fake: FakeObjects, cluster: string) => fake.objects.get(`ConfigMap/${NS}/strata-record-${cluster}`)!;
const headJson = (fake: FakeObjects, cluster: string) => JSON.parse(gunzipSync(Buffer.from(head(fake, cluster).binaryData['head.json.gz'], 'base64')).toString());

/** Puts `object` in the fake as the API server would store it. */
async function put(fake: FakeObjects, object: KubeObject): Promise<void> {
  await fake.client.create(object);
}

async function failing(promise: Promise<unknown>): Promise<DiagnosticError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DiagnosticError);
  return error as DiagnosticError;
}

describe('in-cluster record', () => {
  test('round trips through a head and shards, with the generation counted and history capped at 50', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 3), { ...layer('app', 2), hooks: [] }, { ...layer('jobs', 1), hooks: layer('hooks', 1).objects }];
    const record: ClusterRecord = { ...emptyRecord('edge-1'), inventory, history: Array.from({ length: 60 }, (_, i) => entry(String(i), inventory)) };
    const first = await writeRecord(fake.client, { record });
    const back = await readRecord(fake.client, 'edge-1');
    expect(back?.record.generation).toBe(1);
    expect(back?.record.inventory).toEqual(inventory);
    expect(back?.record.inventory[0]).not.toHaveProperty('hooks');
    expect(back?.record.history).toEqual(record.history.slice(-50));
    expect(back?.resourceVersion).toBe(first.resourceVersion);
    expect(first.record.history).toHaveLength(50);

    const object = head(fake, 'edge-1');
    expect(object.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'strata', 'strata.dev/cluster': 'edge-1', 'strata.dev/record-part': 'head' });
    expect(Object.keys(object.binaryData)).toEqual(['head.json.gz']);
    // One shard per inventory layer, and one per history layer: 50 equal entries share them.
    expect(shards(fake)).toHaveLength(3 + 3);
    for (const name of shards(fake)) {
      const shard = fake.objects.get(`ConfigMap/${NS}/${name}`)!;
      expect(name).toMatch(/^strata-record-edge-1-[0-9a-f]{20}$/);
      expect(shard.immutable).toBe(true);
      expect(shard.metadata.labels).toMatchObject({ 'strata.dev/cluster': 'edge-1', 'strata.dev/record-part': 'shard', 'strata.dev/record-shard': name.slice(-20) });
    }

    await writeRecord(fake.client, first);
    expect((await readRecord(fake.client, 'edge-1'))?.record.generation).toBe(2);
  });

  test('shards are written before the head that names them; what did not change is not written again', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 3), layer('app', 3)];
    let stored = await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory, history: [entry('1', inventory)] } });
    const headWrite = fake.calls.indexOf('create strata-record-edge-1');
    expect(fake.calls.slice(0, headWrite).every((call) => call.startsWith('create strata-record-edge-1-'))).toBe(true);
    expect(headWrite).toBe(4);

    // A move that changes one layer: one new inventory shard and one new history shard; the old one goes.
    fake.calls.length = 0;
    const before = shards(fake);
    const moved = [inventory[0]!, layer('app', 4)];
    stored = (await readRecord(fake.client, 'edge-1'))!;
    stored = await writeRecord(fake.client, { ...stored, record: { ...stored.record, inventory: moved, history: [...stored.record.history, entry('2', moved)] } });
    const created = fake.calls.filter((call) => call.startsWith('create'));
    expect(created).toHaveLength(2);
    expect(fake.calls.indexOf('replace strata-record-edge-1')).toBe(2);
    const after = shards(fake);
    expect(before.filter((name) => !after.includes(name))).toHaveLength(1);
    expect((await readRecord(fake.client, 'edge-1'))?.record.inventory).toEqual(moved);
    expect(stored.record.generation).toBe(2);
  });

  test('a crash between the shards and the head leaves the earlier record whole; the next write removes the strays', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 2)];
    const stored = await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory } });
    const written = shards(fake);
    fake.before = (verb, ref) => {
      if (verb === 'replace' && ref.name === 'strata-record-edge-1') throw new Error('killed');
    };
    await expect(writeRecord(fake.client, { ...stored, record: { ...stored.record, inventory: [layer('base', 5)] } })).rejects.toThrow('killed');
    expect(shards(fake).length).toBeGreaterThan(written.length);
    expect((await readRecord(fake.client, 'edge-1'))?.record.inventory).toEqual(inventory);

    // Shards of another cluster and ConfigMaps without the record's labels are never touched.
    await put(fake, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strata-record-edge-2-0123456789abcdef0123', namespace: NS, labels: { 'strata.dev/cluster': 'edge-2', 'strata.dev/record-part': 'shard' } } });
    await put(fake, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strata-record-edge-1-notes', namespace: NS, labels: { 'strata.dev/cluster': 'edge-1' } } });
    fake.before = () => undefined;
    const again = (await readRecord(fake.client, 'edge-1'))!;
    await writeRecord(fake.client, { ...again, record: { ...again.record, inventory: [layer('base', 1)] } });
    expect(shards(fake).filter((name) => name.startsWith('strata-record-edge-1-'))).toEqual(Object.keys(headJson(fake, 'edge-1').shards).sort());
    expect(fake.objects.has(`ConfigMap/${NS}/strata-record-edge-2-0123456789abcdef0123`)).toBe(true);
    expect(fake.objects.has(`ConfigMap/${NS}/strata-record-edge-1-notes`)).toBe(true);
  });

  test('a shard left by an interrupted write is taken as it is when the same content is written again', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 2)];
    fake.before = (verb, ref) => {
      if (verb === 'create' && ref.name === 'strata-record-edge-1') throw new Error('killed');
    };
    await expect(writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory } })).rejects.toThrow('killed');
    fake.before = () => undefined;
    await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory } });
    expect((await readRecord(fake.client, 'edge-1'))?.record.inventory).toEqual(inventory);
  });

  test('a ConfigMap that holds a shard name but is not that shard is never overwritten', async () => {
    const fake = fakeObjects();
    const record = { ...emptyRecord('edge-1'), inventory: [layer('base', 1)] };
    const [name] = layoutRecord({ ...record, generation: 1 }).shards.keys();
    await put(fake, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name!, namespace: NS }, data: { mine: 'yes' } });
    const error = await failing(writeRecord(fake.client, { record }));
    expect(error.detail).toContain(`ConfigMap ${NS}/${name} exists and is not the shard`);
    expect(fake.objects.has(`ConfigMap/${NS}/strata-record-edge-1`)).toBe(false);
  });

  test('a write against a record that changed since it was read is refused before anything is written', async () => {
    const fake = fakeObjects();
    const stored = await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory: [layer('base', 1)] } });
    await writeRecord(fake.client, stored);
    fake.calls.length = 0;
    const error = await failing(writeRecord(fake.client, { ...stored, record: { ...stored.record, inventory: [layer('base', 2)] } }));
    expect(error.summary).toBe('In-cluster record changed');
    expect(fake.calls).toEqual([]);
  });

  test('reads and replaces a record in the single ConfigMap of the current release', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 2)];
    const legacy: ClusterRecord = { ...emptyRecord('edge-1'), generation: 7, applied: { version: '1.0.0', digest: 'sha256:x', time: 't' }, inventory, history: [entry('1', inventory)] };
    await put(fake, {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'strata-record-edge-1', namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'strata', 'strata.dev/cluster': 'edge-1' } },
      binaryData: { 'record.json.gz': gzipSync(JSON.stringify(legacy)).toString('base64') },
    });
    const stored = (await readRecord(fake.client, 'edge-1'))!;
    expect(stored.record).toEqual(legacy);
    await writeRecord(fake.client, stored);
    expect(Object.keys(head(fake, 'edge-1').binaryData)).toEqual(['head.json.gz']);
    expect((await readRecord(fake.client, 'edge-1'))?.record).toEqual({ ...legacy, generation: 8 });
  });

  describe('a damaged record is refused, naming the ConfigMap and what to do', () => {
    let fake: FakeObjects;
    beforeEach(async () => {
      fake = fakeObjects();
      const inventory = [layer('base', 2), layer('app', 1)];
      await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory, history: [entry('1', inventory)] } });
    });
    const rewrite = (name: string, key: string, text: string) => {
      const object = fake.objects.get(`ConfigMap/${NS}/${name}`)!;
      object.binaryData[key] = gzipSync(text).toString('base64');
    };
    const refusal = async (what: RegExp, name = 'strata-record-edge-1') => {
      const error = await failing(readRecord(fake.client, 'edge-1'));
      expect(error.summary).toBe('In-cluster record is damaged');
      expect(error.detail).toContain(`ConfigMap ${NS}/${name} `);
      expect(error.detail).toMatch(what);
      expect(error.detail).toContain('kubectl -n strata-system delete configmap -l strata.dev/cluster=edge-1,strata.dev/record-part');
    };

    test('a head that is not JSON, or not a valid head', async () => {
      const json = headJson(fake, 'edge-1');
      rewrite('strata-record-edge-1', 'head.json.gz', '{"format": 2');
      await refusal(/holds data that is not JSON/);
      rewrite('strata-record-edge-1', 'head.json.gz', JSON.stringify({ ...json, generation: -1 }));
      await refusal(/does not hold a valid record head: \/generation must be >= 0/);
    });

    test('a head that names a shard without its digest, or too many bytes', async () => {
      const json = headJson(fake, 'edge-1');
      json.inventory[0].shards.push('strata-record-edge-1-00000000000000000000');
      rewrite('strata-record-edge-1', 'head.json.gz', JSON.stringify(json));
      await refusal(/names shard strata-record-edge-1-00000000000000000000 for layer "base" without its digest/);
      const big = headJson(fake, 'edge-1');
      const [name] = Object.keys(big.shards);
      big.shards[name!].bytes = RECORD_LIMITS.totalText + 1;
      rewrite('strata-record-edge-1', 'head.json.gz', JSON.stringify(big));
      await refusal(/more than Strata ever writes/);
    });

    test('a shard edited after it was written, too large, or gone', async () => {
      const [name] = shards(fake);
      rewrite(name!, 'shard.json.gz', '{"part":"history","keys":[]}');
      await refusal(/does not hold what its head says it holds/, name);
      rewrite(name!, 'shard.json.gz', ' '.repeat(RECORD_LIMITS.shardText + 1));
      await refusal(/holds more than 524288 bytes of JSON in shard.json.gz/, name);
      fake.objects.delete(`ConfigMap/${NS}/${name}`);
      await refusal(new RegExp(`names shard ${name}, which does not exist`));
    });

    test('the record of another cluster', async () => {
      rewrite('strata-record-edge-1', 'head.json.gz', JSON.stringify({ ...headJson(fake, 'edge-1'), cluster: 'edge-2' }));
      await refusal(/holds the record of cluster "edge-2"/);
    });
  });

  test('a reader that finds a shard gone because a writer just moved the head on reads the new head', async () => {
    const fake = fakeObjects();
    const stored = await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory: [layer('base', 2)] } });
    const next = { ...stored, record: { ...stored.record, inventory: [layer('base', 3)] } };
    let moved = false;
    fake.before = async (verb, ref) => {
      // The reader has the old head; a write goes through before it reads the shards.
      if (verb === 'get' && ref.name !== 'strata-record-edge-1' && !moved) {
        moved = true;
        fake.before = () => undefined;
        await writeRecord(fake.client, next);
      }
    };
    expect((await readRecord(fake.client, 'edge-1'))?.record.inventory).toEqual(next.record.inventory);
  });

  test('deleteRecord removes the head and every shard of the cluster, strays included', async () => {
    const fake = fakeObjects();
    const inventory = [layer('base', 2)];
    await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory, history: [entry('1', inventory)] } });
    await writeRecord(fake.client, { record: { ...emptyRecord('edge-2'), inventory } });
    await put(fake, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strata-record-edge-1-0123456789abcdef0123', namespace: NS, labels: { 'strata.dev/cluster': 'edge-1', 'strata.dev/record-part': 'shard' } } });
    await deleteRecord(fake.client, 'edge-1');
    expect(fake.calls.indexOf('delete strata-record-edge-1')).toBeLessThan(fake.calls.findIndex((call) => call.startsWith('delete strata-record-edge-1-')));
    expect(configMaps(fake).map((o) => o.metadata.name).every((name) => name.startsWith('strata-record-edge-2'))).toBe(true);
    expect(await readRecord(fake.client, 'edge-2')).not.toBeNull();
  });

  describe('limits', () => {
    const record = (objects: number, entries: number, distinct: boolean): ClusterRecord => {
      const inventory = Array.from({ length: 20 }, (_, i) => layer(`layer-${i}`, objects / 20));
      return {
        ...emptyRecord('edge-1'), inventory,
        history: Array.from({ length: entries }, (_, e) => {
          const moved = distinct ? inventory.map((l) => ({ ...l, objects: [...l.objects, ...layer(l.name, 1, 100_000 + e).objects] })) : inventory;
          return entry(String(e), moved);
        }),
      };
    };

    test('20,000 objects with 50 history entries fit, each ConfigMap under its limit', () => {
      for (const distinct of [false, true]) {
        const layout = layoutRecord(record(20_000, 50, distinct));
        expect(layout.record.history).toHaveLength(50);
        expect(layout.headGz.length).toBeLessThan(RECORD_LIMITS.headStored);
        for (const shard of layout.shards.values()) expect(gzipSync(shard.text).length).toBeLessThan(RECORD_LIMITS.shardText);
        expect(layout.shards.size).toBe(distinct ? 20 + 50 * 20 : 20 + 20);
      }
    });

    test('a layer too large for one shard spans several, in order', async () => {
      const fake = fakeObjects();
      const inventory = [layer('big', 6000)];
      await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), inventory } });
      expect(headJson(fake, 'edge-1').inventory[0].shards.length).toBeGreaterThan(1);
      expect((await readRecord(fake.client, 'edge-1'))?.record.inventory).toEqual(inventory);
    });

    test('history gives up its oldest entries to fit; an inventory that cannot fit is refused', () => {
      const limits = { ...RECORD_LIMITS, shards: 20 + 5 * 20 };
      const layout = layoutRecord(record(2_000, 10, true), limits);
      expect(layout.record.history.map((h) => h.version)).toEqual(['5', '6', '7', '8', '9']);
      let error: unknown;
      try {
        layoutRecord(record(2_000, 0, false), { ...RECORD_LIMITS, shards: 10 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DiagnosticError);
      expect((error as DiagnosticError).summary).toBe('In-cluster record too large');
      expect((error as DiagnosticError).detail).toContain('cluster "edge-1" (2000 objects) alone takes 20 shards');
    });
  });
});
