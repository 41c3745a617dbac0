// Object keys and digests: stable for equal content, whatever the key order or formatting.
import { objectDigest, objectIdentity, objectKey, renderLayer, type KubeObject, type RenderTarget } from '../../provider/render';

const target: RenderTarget = {
  kubeVersion: 'v1.35.4',
  apiVersions: [],
  isNamespaced: (apiVersion, kind) => (({ 'v1/ConfigMap': true, 'v1/Namespace': false, 'apps/v1/Deployment': true }) as Record<string, boolean>)[`${apiVersion}/${kind}`],
};
const options = { helmPath: '/nonexistent/helm', cacheDir: '/nonexistent/cache' };

describe('keys and digests', () => {
  test('objectKey and objectIdentity', () => {
    const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web' } };
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } };
    expect(objectKey(deployment)).toBe('apps/v1/Deployment/web/api');
    expect(objectKey(namespace)).toBe('v1/Namespace//web');
    expect(objectIdentity(deployment)).toBe('apps/Deployment/web/api');
    expect(objectIdentity(namespace)).toBe('/Namespace//web');
  });

  test('objectDigest ignores key order and changes with content', () => {
    const a: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { x: '1', y: '2' } }, data: { k: 'v' } };
    const b: KubeObject = { data: { k: 'v' }, metadata: { labels: { y: '2', x: '1' }, name: 'c' }, kind: 'ConfigMap', apiVersion: 'v1' };
    expect(objectDigest(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(objectDigest(a)).toBe(objectDigest(b));
    expect(objectDigest({ ...a, data: { k: 'w' } })).not.toBe(objectDigest(a));
  });

  test('layer digests are equal for equal content, whatever the YAML formatting', async () => {
    const one = await renderLayer(
      { name: 'x', manifest: { content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {b: "2", a: "1"}}\ndata: {k: v}\n` } },
      target,
      options,
    );
    const two = await renderLayer(
      {
        name: 'y',
        manifest: {
          content: `# the same object, formatted differently\n---\nkind: ConfigMap\napiVersion: v1\ndata:\n  k: "v"\nmetadata:\n  labels:\n    a: "1"\n    b: "2"\n  name: c\n  namespace: default\n`,
        },
      },
      target,
      options,
    );
    expect(two.digest).toBe(one.digest);
    const three = await renderLayer({ name: 'x', manifest: { content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v2}\n` } }, target, options);
    expect(three.digest).not.toBe(one.digest);
    // The digest follows document order: the engine orders by kind, but the layer's content is its order.
    const ab = await renderLayer({ name: 'o', manifest: { content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n` } }, target, options);
    const ba = await renderLayer({ name: 'o', manifest: { content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n` } }, target, options);
    expect(ab.digest).not.toBe(ba.digest);
  });

  test('a value JSON cannot hold is an error naming the object', async () => {
    await expect(
      renderLayer({ name: 'inf', manifest: { content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nx: .inf\n` } }, target, options),
    ).rejects.toThrow(/^layer "inf", document 1, line 1, object v1 ConfigMap default\/c: the object cannot be written as JSON/);
  });
});
