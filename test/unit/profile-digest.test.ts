import { createHash } from 'node:crypto';
import { buildDocument, canonicalJson, contentDigest, type Layer } from '../../provider/profile';

const layers = (): Layer[] => [
  { name: 'namespaces', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n' } },
  { name: 'ingress', helm: { chart: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx', version: '4.11.3' } },
];

describe('contentDigest', () => {
  it('is sha256 of the canonical JSON of the layers', () => {
    const expected = createHash('sha256').update(canonicalJson(layers())).digest('hex');
    expect(contentDigest({ layers: layers() })).toBe(`sha256:${expected}`);
    expect(contentDigest({ layers: [] })).toBe(`sha256:${createHash('sha256').update('[]').digest('hex')}`);
  });

  it('is stable across key order and unset optional fields', () => {
    const reordered: Layer[] = [
      { manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n' }, name: 'namespaces' },
      { helm: { version: '4.11.3', repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', values: undefined }, name: 'ingress' },
    ];
    expect(contentDigest({ layers: reordered })).toBe(contentDigest({ layers: layers() }));
  });

  it('changes when the content changes', () => {
    const base = contentDigest({ layers: layers() });
    const bumped = layers();
    bumped[1]!.helm!.version = '4.11.4';
    const swapped = layers().reverse();
    const withValues = layers();
    withValues[1]!.helm!.values = '';
    const digests = [base, contentDigest({ layers: bumped }), contentDigest({ layers: swapped }), contentDigest({ layers: withValues })];
    expect(new Set(digests).size).toBe(4);
  });

  it('leaves metadata out, so a profile and its version share a digest', () => {
    const profile = buildDocument({ name: 'web', revision: 7 }, { layers: layers() });
    const version = buildDocument({ name: 'web', version: '1.4.0', description: 'release' }, { layers: layers() });
    expect(contentDigest(profile)).toBe(contentDigest(version));
    expect(contentDigest(profile)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
