// strata_rendered_layers' view of a rendering: Secret values redacted, canonical YAML, install order;
// and its read when the provider block's connection is not known yet.
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { canonicalYaml } from '../../provider/data-sources/canonical-yaml';
import { redactedMarker, redactSecret } from '../../provider/data-sources/redact';
import { layerView, objectView } from '../../provider/data-sources/rendered-view';
import { renderedLayersDataSource } from '../../provider/data-sources/rendered-layers';
import { Unknown } from '../../provider/protocol/cty';
import { DiagnosticError, Diagnostics } from '../../provider/protocol/diagnostics';
import type { KubeObject, RenderedLayer } from '../../provider/render';
import { settings } from '../../provider/settings';

const secret = (fields: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'credentials', namespace: 'web', ...metadata }, type: 'Opaque', ...fields });

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Secret redaction', () => {
  test('every value of data and stringData becomes a marker; keys, type and metadata stay', () => {
    const redacted = redactSecret(secret({ data: { password: b64('hunter2'), user: b64('admin') }, stringData: { token: 'tok-123' } }, { labels: { app: 'web' } }));
    expect(Object.keys(redacted.data)).toEqual(['password', 'user']);
    expect(Object.keys(redacted.stringData)).toEqual(['token']);
    for (const value of [...Object.values(redacted.data), ...Object.values(redacted.stringData)]) expect(value).toMatch(/^\(redacted: sha256 [0-9a-f]{12}\)$/);
    expect(redacted).toMatchObject({ type: 'Opaque', metadata: { name: 'credentials', namespace: 'web', labels: { app: 'web' } } });
    const text = JSON.stringify(redacted);
    for (const value of ['hunter2', b64('hunter2'), 'admin', b64('admin'), 'tok-123']) expect(text).not.toContain(value);
  });

  test('a changed value changes the marker, an unchanged one keeps it', () => {
    const before = redactSecret(secret({ data: { password: b64('v1'), user: b64('admin') } }));
    const after = redactSecret(secret({ data: { password: b64('v2'), user: b64('admin') } }));
    expect(after.data.password).not.toBe(before.data.password);
    expect(after.data.user).toBe(before.data.user);
  });

  test('the same value reads the same in data and in stringData, and differently in another Secret or key', () => {
    const inData = redactSecret(secret({ data: { password: b64('same') } }));
    const inStringData = redactSecret(secret({ stringData: { password: 'same' } }));
    expect(inData.data.password).toBe(inStringData.stringData.password);
    expect(redactSecret(secret({ stringData: { other: 'same' } })).stringData.other).not.toBe(inStringData.stringData.password);
    expect(redactSecret(secret({ stringData: { password: 'same' } }, { name: 'other' })).stringData.password).not.toBe(inStringData.stringData.password);
  });

  test('the marker is salted: it is not the plain sha256 of the value', () => {
    const plain = createHash('sha256').update('hunter2').digest('hex').slice(0, 12);
    expect(redactedMarker(secret({}), 'password', Buffer.from('hunter2'))).not.toContain(plain);
  });

  test('values that are not strings, and the last-applied annotation, are redacted too', () => {
    const lastApplied = JSON.stringify(secret({ stringData: { pin: '4711' } }));
    const redacted = redactSecret(secret({ stringData: { pin: 4711 } }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, team: 'web' } }));
    expect(redacted.stringData.pin).toMatch(/^\(redacted: sha256 /);
    expect(redacted.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '(redacted)', team: 'web' });
    expect(JSON.stringify(redacted)).not.toContain('4711');
  });

  test('the input is not changed, and other kinds pass through as they are', () => {
    const original = secret({ data: { password: b64('hunter2') } });
    redactSecret(original);
    expect(original.data.password).toBe(b64('hunter2'));
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'web' }, data: { password: 'not a secret' } };
    expect(redactSecret(configMap)).toBe(configMap);
    const lookalike: KubeObject = { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: 'b' } };
    expect(redactSecret(lookalike)).toBe(lookalike);
  });
});

describe('canonical YAML', () => {
  test('keys are sorted at every depth, whatever the order they came in', () => {
    const a = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { namespace: 'web', name: 'c', labels: { z: '1', a: '2' } }, data: { b: 'x', a: 'y' } };
    const b = { data: { a: 'y', b: 'x' }, metadata: { labels: { a: '2', z: '1' }, name: 'c', namespace: 'web' }, apiVersion: 'v1', kind: 'ConfigMap' };
    const text = canonicalYaml(a);
    expect(canonicalYaml(b)).toBe(text);
    expect(text).toBe('apiVersion: v1\ndata:\n  a: "y"\n  b: x\nkind: ConfigMap\nmetadata:\n  labels:\n    a: "2"\n    z: "1"\n  name: c\n  namespace: web\n');
  });

  test('long lines are not folded, multi-line text is a block, and the text parses back to the same data', () => {
    const long = 'x'.repeat(200);
    const value = { a: long, b: 'line 1\nline 2\n', c: ['1', 2, true, 'true', ''], d: { nested: [{ k: 'v' }] } };
    const text = canonicalYaml(value);
    expect(text.split('\n').find((line) => line.includes('xxx'))).toBe(`a: ${long}`);
    expect(text).toContain('b: |\n  line 1\n  line 2\n');
    expect(parse(text)).toEqual(value);
  });

  test('unset members are left out and a value used twice is written twice, never as an alias', () => {
    const shared = { k: 'v' };
    const text = canonicalYaml({ a: shared, b: shared, gone: null });
    expect(text).toBe('a:\n  k: v\nb:\n  k: v\n');
  });
});

describe('the layer view', () => {
  const layer: RenderedLayer = {
    name: 'base', type: 'manifest', digest: 'sha256:abc', hooks: [],
    objects: [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web' } },
      secret({ stringData: { password: 'hunter2' } }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'web' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'web' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } },
    ],
  };

  test('objects come in install order: Namespaces first, then by kind, then by namespace and name', () => {
    const view = layerView(layer);
    expect(view).toMatchObject({ name: 'base', type: 'manifest', digest: 'sha256:abc' });
    expect(view.objects.map((o) => `${o.kind} ${o.namespace ?? '-'}/${o.name}`)).toEqual([
      'Namespace -/web', 'Secret web/credentials', 'ConfigMap web/a', 'ConfigMap web/b', 'Deployment web/api',
    ]);
  });

  test('each object carries its identity and its redacted canonical YAML', () => {
    const view = objectView(secret({ stringData: { password: 'hunter2' } }));
    expect(view).toMatchObject({ api_version: 'v1', kind: 'Secret', namespace: 'web', name: 'credentials' });
    expect(view.yaml).toMatch(/^apiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\n  namespace: web\nstringData:\n  password: "\(redacted: sha256 [0-9a-f]{12}\)"\ntype: Opaque\n$/);
    expect(JSON.stringify(layerView(layer))).not.toContain('hunter2');
  });
});

describe('reading without a known connection', () => {
  const saved = settings.kubernetes;
  afterEach(() => { settings.kubernetes = saved; });

  test('a provider block whose connection is known only after apply fails the read at `kubernetes`, saying what to do', async () => {
    settings.kubernetes = { host: new Unknown(), token: null };
    const snapshot = JSON.stringify({ apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'web', version: '1.0.0' }, layers: [{ name: 'base', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n' } }] });
    const error = await renderedLayersDataSource.read({ config: { profile: snapshot, kubernetes: null, cluster: null, variables: null, layers: null }, diagnostics: new Diagnostics(), signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect(error).toMatchObject({ summary: 'Cluster connection not known yet', path: ['kubernetes'] });
    expect((error as DiagnosticError).detail).toContain('depends_on');
  });
});

describe('reading with variables', () => {
  const profile = (variables: unknown[]) => JSON.stringify({
    apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'web', version: '1.0.0' }, variables,
    layers: [{ name: 'base', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "{{ .strata.var.team }}"\n' } }],
  });

  test('a missing required variable fails the read at `variables`, naming the variable and the layer', async () => {
    const error = await renderedLayersDataSource.read({
      config: { profile: profile([{ name: 'team', required: true }]), kubernetes: null, cluster: null, variables: null, layers: null },
      diagnostics: new Diagnostics(), signal: new AbortController().signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect(error).toMatchObject({ summary: 'Missing required variable', path: ['variables'] });
    expect((error as DiagnosticError).detail).toContain('team');
    expect((error as DiagnosticError).detail).toContain('base');
  });
});

