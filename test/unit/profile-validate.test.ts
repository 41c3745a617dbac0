import { buildDocument, exportJson, layerType, parseDocument, validateContent, type Layer, type ProfileIssue } from '../../provider/profile';

const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n';

function issuesOf(layers: unknown[], metadata: Record<string, unknown> = { name: 'web' }): ProfileIssue[] {
  return parseDocument(JSON.stringify({ apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata, layers })).issues;
}

describe('layerType', () => {
  it('is the one source present', () => {
    expect(layerType({ name: 'a', manifest: { content: namespace } })).toBe('manifest');
    expect(layerType({ name: 'a', helm: { chart: 'c' }, zarf: undefined })).toBe('helm');
    expect(layerType({ name: 'a', pack: { registry: 'r', name: 'n', version: '1.0.0' } })).toBe('pack');
  });

  it('throws on a layer without exactly one source', () => {
    expect(() => layerType({ name: 'a' })).toThrow('layer "a" must have exactly one source, found none');
    expect(() => layerType({ name: 'a', helm: { chart: 'c' }, zarf: { source: 's' } })).toThrow('found helm, zarf');
  });
});

describe('semantic checks', () => {
  it('finds nothing wrong in a valid multi-layer profile', () => {
    const layers: Layer[] = [
      { name: 'namespaces', manifest: { content: `${namespace}---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n` } },
      { name: 'cert-manager', helm: { chart: 'oci://quay.io/jetstack/charts/cert-manager', version: 'v1.16.2', values: 'crds:\n  enabled: true\n' } },
      { name: 'ingress', helm: { chart: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx', version: '>= 4.10, < 5.0.0', values: '' } },
      { name: 'local', helm: { chart: './charts/local' } },
      { name: 'registry', zarf: { source: 'zarf-package-registry-amd64.tar.zst' } },
      { name: 'monitoring', pack: { registry: 'https://packs.example.com', name: 'prometheus', version: '2.1.0' } },
    ];
    expect(validateContent({ layers }, { name: 'web', version: '1.0.0-rc.1', revision: 1 })).toEqual([]);
    expect(parseDocument(exportJson(buildDocument({ name: 'web', version: '1.0.0' }, { layers }))).issues).toEqual([]);
  });

  it('accepts the chart versions and ranges Helm accepts', () => {
    for (const version of ['1.2.3', 'v1.2.3', '^1.2.0', '~1.2', '1.2.x', '*', '>=1.0.0 <2.0.0', '>= 1.2, < 3.0.0', '1.2.3 || 2.x', '1.0.0 - 1.5.0']) {
      expect([version, validateContent({ layers: [{ name: 'a', helm: { chart: 'c', version } }] })]).toEqual([version, []]);
    }
  });

  it('reports a duplicate layer name, naming the earlier layer', () => {
    const issues = issuesOf([
      { name: 'base', manifest: { content: namespace } },
      { name: 'apps', manifest: { content: namespace } },
      { name: 'base', helm: { chart: 'c' } },
    ]);
    expect(issues).toEqual([
      {
        path: ['layers', 2, 'name'],
        summary: 'Duplicate layer name',
        detail: 'Layer name "base" is already used by layers[0]. Give every layer a unique name.',
      },
    ]);
  });

  it('reports a layer name that is not a DNS label, with a suggestion', () => {
    const issues = issuesOf([
      { name: 'Web_App', manifest: { content: namespace } },
      { name: '-edge', manifest: { content: namespace } },
      { name: 'x'.repeat(64), manifest: { content: namespace } },
    ]);
    expect(issues).toEqual([
      {
        path: ['layers', 0, 'name'],
        summary: 'Invalid layer name',
        detail:
          'Layer name "Web_App" is not a DNS label (RFC 1123). Use only lowercase letters, digits and "-", starting and ending with a letter or digit, e.g. "web-app".',
      },
      {
        path: ['layers', 1, 'name'],
        summary: 'Invalid layer name',
        detail: 'Layer name "-edge" is not a DNS label (RFC 1123). Use only lowercase letters, digits and "-", starting and ending with a letter or digit, e.g. "edge".',
      },
      {
        path: ['layers', 2, 'name'],
        summary: 'Invalid layer name',
        detail: `Layer name "${'x'.repeat(64)}" has 64 characters; a DNS label (RFC 1123) has at most 63. Shorten it.`,
      },
    ]);
  });

  it('reports a layer with two sources, naming them', () => {
    const issues = issuesOf([{ name: 'mixed', helm: { chart: 'c' }, zarf: { source: 's' } }]);
    expect(issues).toEqual([
      {
        path: ['layers', 0],
        summary: 'Layer has more than one source',
        detail: 'Layer "mixed" has helm and zarf sources. Keep exactly one of them and move the others to layers of their own.',
      },
    ]);
  });

  it('reports a layer with no source, listing the choices', () => {
    const expected = [{ path: ['layers', 0], summary: 'Layer has no source', detail: 'Layer "empty" has no source. Add exactly one of: manifest, helm, zarf, pack.' }];
    expect(issuesOf([{ name: 'empty' }])).toEqual(expected);
    // From Terraform, unset source blocks arrive as null.
    expect(validateContent({ layers: [{ name: 'empty', manifest: null, helm: null } as unknown as Layer] })).toEqual(expected);
  });

  it('reports a version that is not an exact semantic version', () => {
    expect(issuesOf([], { name: 'web', version: '1.4' })).toEqual([
      {
        path: ['metadata', 'version'],
        summary: 'Invalid version',
        detail: '"1.4" is not an exact semantic version (MAJOR.MINOR.PATCH, optionally with -prerelease and +build). Write an exact version such as "1.4.0".',
      },
    ]);
    expect(issuesOf([], { name: 'web', version: 'v1.4.0' })[0]!.detail).toBe('Version "v1.4.0" has a leading "v". Write it as "1.4.0".');
    expect(validateContent({ layers: [] }, { name: 'web', version: 'latest' })[0]!.detail).toMatch(/^"latest" is not an exact semantic version .* such as "1\.4\.0"\.$/);
  });

  it('takes a pack version range, and reports a pack version that is neither a version nor a range and a bad chart version', () => {
    expect(issuesOf([{ name: 'p', pack: { registry: 'r', name: 'n', version: '^2.1' } }])).toEqual([]);
    const issues = issuesOf([
      { name: 'p', pack: { registry: 'r', name: 'n', version: 'newest' } },
      { name: 'h', helm: { chart: 'c', version: 'latest' } },
    ]);
    expect(issues).toEqual([
      {
        path: ['layers', 0, 'pack', 'version'],
        summary: 'Invalid pack version',
        detail: '"newest" is neither a pack version nor a version range. Use an exact version such as "1.2.3" or a range such as "^1.2.0", "~1.2" or ">=1.2.0 <2.0.0".',
      },
      {
        path: ['layers', 1, 'helm', 'version'],
        summary: 'Invalid chart version',
        detail:
          '"latest" is neither a chart version nor a version range Helm accepts. Use an exact version such as "1.2.3" or a range such as "^1.2.0", "~1.2" or ">=1.2.0 <2.0.0"; leave version out for the newest chart.',
      },
    ]);
  });

  it('reports create_namespace without a release namespace at the profile, before any cluster renders it', () => {
    expect(issuesOf([{ name: 'h', helm: { chart: 'c', create_namespace: true } }])).toEqual([{
      path: ['layers', 0, 'helm', 'create_namespace'],
      summary: 'Release namespace not set',
      detail: 'create_namespace creates the release namespace, and helm.namespace is not set (the "default" namespace always exists): set helm.namespace, or remove create_namespace.',
    }]);
    expect(issuesOf([{ name: 'h', helm: { chart: 'c', namespace: 'apps', create_namespace: true } }])).toEqual([]);
  });

  it('reports bad YAML in a manifest with the layer, document, line and column', () => {
    const content = `${namespace}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: 1\n  a: 2\n---\nitems: [1, 2\n`;
    const issues = issuesOf([{ name: 'm', manifest: { content } }]);
    expect(issues).toEqual([
      {
        path: ['layers', 0, 'manifest', 'content'],
        summary: 'Invalid YAML in manifest',
        detail: 'Layer "m", document 2, line 10: invalid YAML at column 3: Map keys must be unique. Fix the YAML there; separate documents with lines of "---".',
      },
      {
        path: ['layers', 0, 'manifest', 'content'],
        summary: 'Invalid YAML in manifest',
        detail: expect.stringMatching(/^Layer "m", document 3, line 13: invalid YAML at column 1: Flow sequence in block collection must be sufficiently indented and end with a \]\. Fix the YAML there/),
      },
    ]);
  });

  it('reports manifest documents that are not Kubernetes objects', () => {
    const issues = issuesOf([{ name: 'm', manifest: { content: '- a\n- b\n---\nmetadata:\n  name: x\n' } }]);
    expect(issues.map((issue) => [issue.summary, issue.detail])).toEqual([
      ['Manifest document is not an object', 'Layer "m", document 1, line 1: the document is a sequence, not a mapping: write each document as one Kubernetes object with apiVersion, kind and metadata.name.'],
      ['Manifest document is not a Kubernetes object', 'Layer "m", document 2, line 4, object (no apiVersion) (no kind) x: the document has no apiVersion and kind: every Kubernetes object needs them; add them, e.g. "apiVersion: apps/v1" and "kind: Deployment".'],
    ]);
  });

  it('reports credentials in a zarf source or pack registry URL, and says where they go instead', () => {
    expect(issuesOf([
      { name: 'z', zarf: { source: 'https://deploy:s3cret@packages.example/app.tar.zst' } },
      { name: 'p', pack: { registry: 'oci://robot:token@ghcr.io/org/packs', name: 'n', version: '1.0.0' } },
      { name: 'q', pack: { registry: 'https://packs.example/team@2024/index', name: 'n', version: '1.0.0' } },
    ])).toEqual([
      {
        path: ['layers', 0, 'zarf', 'source'],
        summary: 'Credentials in a URL',
        detail: 'zarf.source has a user or password in its URL, which would show in plans, state and messages. Remove it: Strata downloads packages without credentials; ' +
          'download a package that needs them yourself and give its path.',
      },
      {
        path: ['layers', 1, 'pack', 'registry'],
        summary: 'Credentials in a URL',
        detail: 'pack.registry has a user or password in its URL, which would show in plans, state and messages. Remove it, and give the credentials in a pack_registry block ' +
          'of the provider for this URL (username and password).',
      },
    ]);
  });

  it('reports helm and pack values that are not one YAML mapping', () => {
    const issues = issuesOf([
      { name: 'a', helm: { chart: 'c', values: 'replicas: [1\n' } },
      { name: 'b', helm: { chart: 'c', values: '- 1\n- 2\n' } },
      { name: 'c', pack: { registry: 'r', name: 'n', version: '1.0.0', values: 'a: 1\n---\nb: 2\n' } },
    ]);
    expect(issues.map((issue) => [issue.path.join('.'), issue.summary])).toEqual([
      ['layers.0.helm.values', 'Invalid YAML in values'],
      ['layers.1.helm.values', 'Values are not a mapping'],
      ['layers.2.pack.values', 'Values are more than one YAML document'],
    ]);
    expect(issues[0]!.detail).toMatch(/^Line 2, column 1: .+\. Fix the YAML there\.$/);
    expect(issues[1]!.detail).toBe('Values must be a YAML mapping, found a list. Write them as key: value pairs, e.g. "replicaCount: 2".');
    expect(issues[2]!.detail).toBe('Found 2 documents separated by "---". Merge them into one mapping.');
  });

  it('reports a revision that is not a positive integer', () => {
    expect(validateContent({ layers: [] }, { name: 'web', revision: 0 })).toEqual([
      { path: ['metadata', 'revision'], summary: 'Invalid revision', detail: 'Revision 0 is not a positive integer. Use a whole number of 1 or more.' },
    ]);
    expect(issuesOf([], { name: 'web', revision: 1.5 })[0]!.path).toEqual(['metadata', 'revision']);
  });

  it('applies the schema rules to content from Terraform, nulls meaning unset', () => {
    const layers = [{ name: 'a', helm: { chart: '', repository: null, release_name: 'Bad_Name' }, manifest: null }] as unknown as Layer[];
    expect(validateContent({ layers })).toEqual([
      { path: ['layers', 0, 'helm', 'chart'], summary: 'Empty value', detail: 'The value is empty. Give a non-empty string.' },
      { path: ['layers', 0, 'helm', 'release_name'], summary: 'Invalid value', detail: expect.stringMatching(/^The string "Bad_Name" is not valid\. Expected: The Helm release name/) },
    ]);
  });

  it('reports every issue of a document at once, in document order, without repeating schema issues', () => {
    const issues = issuesOf([
      { name: 'Bad', helm: { chart: 'c', version: 'nope' }, zarf: { source: 's' } },
      { name: 'ok', manifest: { content: namespace }, extra: true },
    ]);
    expect(issues.map((issue) => [issue.path.join('.'), issue.summary])).toEqual([
      ['layers.0', 'Layer has more than one source'],
      ['layers.0.helm.version', 'Invalid chart version'],
      ['layers.0.name', 'Invalid layer name'],
      ['layers.1.extra', 'Unknown field'],
    ]);
  });
});
