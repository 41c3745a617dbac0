// Manifest layers: multi-document YAML to objects, and the errors that point at the document and line.
import { RenderError, renderLayer, type RenderTarget } from '../../provider/render';
import type { Layer } from '../../provider/profile/model';

const NAMESPACED: Record<string, boolean> = {
  'v1/ConfigMap': true,
  'v1/Service': true,
  'v1/Namespace': false,
  'apps/v1/Deployment': true,
  'apps/v1beta1/Deployment': true,
};
const target: RenderTarget = {
  kubeVersion: 'v1.35.4',
  apiVersions: ['v1', 'apps/v1'],
  isNamespaced: (apiVersion, kind) => NAMESPACED[`${apiVersion}/${kind}`],
};
// Manifest layers never run helm or touch the cache.
const options = { helmPath: '/nonexistent/helm', cacheDir: '/nonexistent/cache' };

const manifest = (content: string, name = 'apps'): Layer => ({ name, manifest: { content } });

async function renderError(content: string): Promise<RenderError> {
  try {
    await renderLayer(manifest(content), target, options);
  } catch (err) {
    expect(err).toBeInstanceOf(RenderError);
    return err as RenderError;
  }
  throw new Error('expected a RenderError');
}

describe('manifest layers', () => {
  test('parses documents in order, skipping empty ones', async () => {
    const rendered = await renderLayer(
      manifest(`---
# a comment-only document
---
apiVersion: v1
kind: ConfigMap
metadata: { name: b }
data: { x: "1" }
---
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
`),
      target,
      options,
    );
    expect(rendered.name).toBe('apps');
    expect(rendered.type).toBe('manifest');
    expect(rendered.objects.map((o) => o.metadata.name)).toEqual(['b', 'a']);
    expect(rendered.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('reads plain scalars as kubectl does (YAML 1.1 booleans and octals, dates stay strings)', async () => {
    const rendered = await renderLayer(
      manifest(`apiVersion: v1
kind: ConfigMap
metadata: { name: c, annotations: { at: 2024-01-01 } }
data:
  ratio: 1:20
binaryData: {}
x: { flag: yes, mode: 0644 }
`),
      target,
      options,
    );
    const [o] = rendered.objects;
    expect(o!.metadata.annotations).toEqual({ at: '2024-01-01' });
    expect(o!.data).toEqual({ ratio: '1:20' });
    expect(o!.x).toEqual({ flag: true, mode: 0o644 });
  });

  test('bad YAML names the layer, document and line', async () => {
    const err = await renderError(`apiVersion: v1
kind: ConfigMap
metadata: { name: ok }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken: here
`);
    expect(err.layer).toBe('apps');
    expect(err.documentIndex).toBe(2);
    expect(err.line).toBe(8);
    expect(err.message).toMatch(/^layer "apps", document 2, line 8: invalid YAML at column \d+: .+\. Fix the YAML there; separate documents with lines of "---"\.$/);
  });

  test('a document without kind is an error with its document index and line', async () => {
    const err = await renderError(`apiVersion: v1
kind: ConfigMap
metadata: { name: ok }
---

# the object below lacks its kind
apiVersion: v1
metadata:
  name: nokind
`);
    expect(err.documentIndex).toBe(2);
    expect(err.line).toBe(7);
    expect(err.message).toContain('layer "apps", document 2, line 7');
    expect(err.message).toContain('has no kind');
    expect(err.message).toContain('add it');
  });

  test('a document without metadata.name, or that is not a mapping, is an error', async () => {
    const noName = await renderError(`apiVersion: v1
kind: ConfigMap
metadata:
  labels: { a: b }
`);
    expect(noName.message).toContain('document 1, line 3');
    expect(noName.message).toContain('no metadata.name');

    const generated = await renderError(`apiVersion: v1
kind: ConfigMap
metadata:
  generateName: x-
`);
    expect(generated.message).toContain('generateName is not supported');

    const scalar = await renderError(`just a string\n`);
    expect(scalar.documentIndex).toBe(1);
    expect(scalar.message).toContain('not a mapping');

    const noApiVersion = await renderError(`kind: ConfigMap\nmetadata: { name: x }\n`);
    expect(noApiVersion.message).toContain('has no apiVersion');
    expect(noApiVersion.objectRef).toBe('(no apiVersion) ConfigMap x');
  });

  test('Lists are flattened, items are checked with their index', async () => {
    const rendered = await renderLayer(
      manifest(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: one }
  - apiVersion: v1
    kind: ConfigMapList
    items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: { name: two }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: three }
`),
      target,
      options,
    );
    expect(rendered.objects.map((o) => o.metadata.name)).toEqual(['one', 'two', 'three']);

    const err = await renderError(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: one }
  - apiVersion: v1
    metadata: { name: two }
`);
    expect(err.documentIndex).toBe(1);
    expect(err.line).toBe(7);
    expect(err.message).toContain('document 1, item 2, line 7');
    expect(err.message).toContain('the item has no kind');
  });

  test('the same object twice in a layer is an error naming both documents', async () => {
    const err = await renderError(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: web }
---
apiVersion: apps/v1beta1
kind: Deployment
metadata: { name: web, namespace: default }
`);
    expect(err.documentIndex).toBe(3);
    expect(err.line).toBe(9);
    expect(err.objectRef).toBe('apps/v1beta1 Deployment default/web');
    expect(err.message).toContain('layer "apps", document 3, line 9, object apps/v1beta1 Deployment default/web');
    expect(err.message).toContain('defined twice');
    expect(err.message).toContain('document 1, line 1 defines apps/v1 Deployment default/web already');
  });

  test('the profile\'s rules for names, namespaces and aliases hold when rendering (helm output meets them here)', async () => {
    const dots = await renderError(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ".."\n`);
    expect(dots.message).toBe('layer "apps", document 1, line 4, object v1 ConfigMap ..: metadata.name ".." cannot be part of an API path: a name may not be "." or "..", nor contain "/" or "%". Rename the object.');
    const namespace = await renderError(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: a/b\n`);
    expect(namespace.message).toMatch(/^layer "apps", document 1, line 5, object v1 ConfigMap a\/b\/web: metadata\.namespace "a\/b" is not a DNS label/);
    const alias = await renderError(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *web\n`);
    expect(alias.message).toMatch(/^layer "apps", document 1, line 4: the alias \*web refers to no anchor/);
  });

  test('status and creationTimestamp: null are stripped', async () => {
    const rendered = await renderLayer(
      manifest(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: null
spec:
  template:
    metadata:
      creationTimestamp: null
      labels: { app: web }
status:
  replicas: 0
`),
      target,
      options,
    );
    expect(rendered.objects).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { template: { metadata: { labels: { app: 'web' } } } },
      },
    ]);
  });

  test('oci:// Zarf packages are not supported yet, with a clear message', async () => {
    await expect(renderLayer({ name: 'z', zarf: { source: 'oci://x/y:1' } }, target, options)).rejects.toThrow(
      /^layer "z": Zarf package oci:\/\/x\/y:1: oci:\/\/ Zarf packages are not supported by this Strata version yet\. Pull the package to a file first/,
    );
    await expect(renderLayer({ name: 'none' }, target, options)).rejects.toThrow(/^layer "none": the layer must have exactly one source, found none/);
  });
});
