// Namespace defaulting and kind scopes: discovery, CRDs in the same or an earlier layer, unknown kinds.
import { RenderError, renderLayer, renderLayers, type RenderTarget } from '../../provider/render';
import type { Layer } from '../../provider/profile/model';

const NAMESPACED: Record<string, boolean> = {
  'v1/ConfigMap': true,
  'v1/Namespace': false,
  'rbac.authorization.k8s.io/v1/ClusterRole': false,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': false,
};
const target: RenderTarget = {
  kubeVersion: 'v1.35.4',
  apiVersions: [],
  isNamespaced: (apiVersion, kind) => NAMESPACED[`${apiVersion}/${kind}`],
};
const options = { helmPath: '/nonexistent/helm', cacheDir: '/nonexistent/cache' };
const manifest = (name: string, content: string): Layer => ({ name, manifest: { content } });

const crd = (kind: string, scope: 'Namespaced' | 'Cluster', versions = ['v1']) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.example.com
spec:
  group: example.com
  scope: ${scope}
  names: { kind: ${kind}, plural: ${kind.toLowerCase()}s }
  versions:
${versions.map((v) => `    - { name: ${v}, served: true, storage: ${v === versions[0]} }`).join('\n')}
status:
  acceptedNames: { kind: "", plural: "" }
  storedVersions: []
`;

describe('namespaces', () => {
  test('namespaced objects get the default namespace, set ones are kept, cluster-scoped ones lose theirs', async () => {
    const rendered = await renderLayer(
      manifest(
        'base',
        `apiVersion: v1
kind: ConfigMap
metadata: { name: a }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: b, namespace: other }
---
apiVersion: v1
kind: Namespace
metadata: { name: other, namespace: default }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader, namespace: "" }
`,
      ),
      target,
      options,
    );
    expect(rendered.objects.map((o) => o.metadata)).toEqual([
      { name: 'a', namespace: 'default' },
      { name: 'b', namespace: 'other' },
      { name: 'other' },
      { name: 'reader' },
    ]);
  });

  test('a CRD in the same layer makes its kind known, per its scope, even after the custom resource', async () => {
    const rendered = await renderLayer(
      manifest(
        'widgets',
        `apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
---
apiVersion: example.com/v1
kind: Gadget
metadata: { name: g, namespace: nope }
---
${crd('Widget', 'Namespaced')}---
${crd('Gadget', 'Cluster')}`,
      ),
      target,
      options,
    );
    expect(rendered.objects.map((o) => [o.kind, o.metadata.namespace])).toEqual([
      ['Widget', 'default'],
      ['Gadget', undefined],
      ['CustomResourceDefinition', undefined],
      ['CustomResourceDefinition', undefined],
    ]);
    expect(rendered.objects[2]!.status).toBeUndefined();
  });

  test('CRDs of earlier layers count in renderLayers, not in a lone renderLayer', async () => {
    const layers = [
      manifest('crds', crd('Widget', 'Namespaced', ['v1', 'v2'])),
      manifest('widgets', `apiVersion: example.com/v2\nkind: Widget\nmetadata: { name: w }\n`),
    ];
    const rendered = await renderLayers(layers, target, options);
    expect(rendered.map((l) => l.name)).toEqual(['crds', 'widgets']);
    expect(rendered[1]!.objects[0]!.metadata.namespace).toBe('default');
    await expect(renderLayer(layers[1]!, target, options)).rejects.toThrow(RenderError);
  });

  test('an unknown kind names the object and says to install the CRD first', async () => {
    const layers = [
      manifest('first', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n`),
      manifest('second', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\n`),
      // A later layer's CRD does not help an earlier layer.
      manifest('third', crd('Widget', 'Namespaced')),
    ];
    let error: unknown;
    try {
      await renderLayers(layers, target, options);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RenderError);
    const err = error as RenderError;
    expect(err.layer).toBe('second');
    expect(err.documentIndex).toBe(2);
    expect(err.line).toBe(5);
    expect(err.objectRef).toBe('example.com/v1 Widget apps/w');
    expect(err.message).toContain('layer "second", document 2, line 5, object example.com/v1 Widget apps/w');
    expect(err.message).toContain('Install the CRD in the cluster first, or add it to an earlier layer');
  });

  test('a version the CRD does not serve is unknown', async () => {
    const content = `${crd('Widget', 'Namespaced')}---\napiVersion: example.com/v2\nkind: Widget\nmetadata: { name: w }\n`;
    await expect(renderLayer(manifest('w', content), target, options)).rejects.toThrow(/does not know the kind Widget in example\.com\/v2/);
  });

  test('the layer errors stop at the first failing layer in order', async () => {
    const layers = [manifest('ok', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n`), manifest('bad', `: :\n`), { name: 'z', zarf: { source: 'x' } }];
    await expect(renderLayers(layers, target, options)).rejects.toThrow(/^layer "bad"/);
  });
});
