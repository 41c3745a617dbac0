import { buildDocument, exportJson, formatPath, parseDocument, snapshotJson, type ProfileDocument } from '../../provider/profile';

const manifest = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\ndata:\n  mode: "production"\n';

function sample(): ProfileDocument {
  return buildDocument(
    { name: 'web', version: '1.4.0', revision: 3, description: 'Web tier: "ingress" and friends', labels: { 'app.kubernetes.io/part-of': 'web', tier: '' } },
    {
      layers: [
        { name: 'namespaces', manifest: { content: manifest } },
        {
          name: 'ingress',
          helm: {
            chart: 'ingress-nginx',
            repository: 'https://kubernetes.github.io/ingress-nginx',
            version: '>=4.11.0 <5.0.0',
            values: 'controller:\n  replicaCount: 2\n',
            release_name: 'ingress',
            namespace: 'ingress-nginx',
          },
        },
        { name: 'registry', zarf: { source: 'oci://ghcr.io/zarf-dev/packages/registry:1.0.0', components: ['registry', 'seed'], variables: { REGISTRY_PORT: '5000' } } },
        { name: 'monitoring', pack: { registry: 'https://packs.example.com', name: 'prometheus', version: '2.1.0-rc.1+build.5', values: 'retention: 15d\n' } },
      ],
    },
  );
}

function expectSingleIssue(text: string) {
  const result = parseDocument(text);
  expect(result.document).toBeUndefined();
  expect(result.issues).toHaveLength(1);
  return result.issues[0]!;
}

describe('buildDocument and its serialisations', () => {
  it('builds a ClusterProfile document, leaving unset optional fields out', () => {
    const doc = buildDocument({ name: 'web', version: undefined }, { layers: [{ name: 'a', helm: { chart: 'c', values: undefined }, pack: undefined }] });
    expect(doc).toEqual({ apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'web' }, layers: [{ name: 'a', helm: { chart: 'c' } }] });
    expect(Object.keys(doc.metadata)).toEqual(['name']);
  });

  it('copies its input, so later changes to the input do not reach the snapshot', () => {
    const layers = [{ name: 'a', manifest: { content: 'apiVersion: v1\nkind: Namespace\n' } }];
    const doc = buildDocument({ name: 'web' }, { layers });
    layers[0]!.name = 'changed';
    expect(doc.layers[0]!.name).toBe('a');
  });

  it('snapshotJson is compact canonical JSON', () => {
    const doc = buildDocument({ name: 'web', version: '1.0.0' }, { layers: [{ name: 'a', helm: { chart: 'c', version: '1.2.3' } }] });
    expect(snapshotJson(doc)).toBe(
      '{"apiVersion":"strata.dev/v1alpha1","kind":"ClusterProfile","layers":[{"helm":{"chart":"c","version":"1.2.3"},"name":"a"}],"metadata":{"name":"web","version":"1.0.0"}}',
    );
  });

  it('exportJson is canonical, indented by two spaces, with a trailing newline', () => {
    const doc = buildDocument({ name: 'web' }, { layers: [{ name: 'a', zarf: { source: 'pkg.tar.zst', components: [] } }] });
    expect(exportJson(doc)).toBe(
      [
        '{',
        '  "apiVersion": "strata.dev/v1alpha1",',
        '  "kind": "ClusterProfile",',
        '  "layers": [',
        '    {',
        '      "name": "a",',
        '      "zarf": {',
        '        "components": [],',
        '        "source": "pkg.tar.zst"',
        '      }',
        '    }',
        '  ],',
        '  "metadata": {',
        '    "name": "web"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(exportJson(doc))).toEqual(JSON.parse(snapshotJson(doc)));
  });
});

describe('parseDocument', () => {
  it('accepts a valid multi-layer document with every kind of layer', () => {
    const result = parseDocument(exportJson(sample()));
    expect(result.issues).toEqual([]);
    expect(result.document).toEqual(sample());
    expect(result.document!.layers.map((layer) => layer.name)).toEqual(['namespaces', 'ingress', 'registry', 'monitoring']);
  });

  it('round-trips an export byte for byte', () => {
    const exported = exportJson(sample());
    const { document } = parseDocument(exported);
    expect(exportJson(document!)).toBe(exported);
    expect(snapshotJson(document!)).toBe(snapshotJson(sample()));
  });

  it('accepts compact, reordered JSON and gives the same export', () => {
    const reordered = JSON.stringify({ layers: sample().layers, metadata: sample().metadata, kind: 'ClusterProfile', apiVersion: 'strata.dev/v1alpha1' });
    expect(exportJson(parseDocument(reordered).document!)).toBe(exportJson(sample()));
  });

  it('ignores a byte order mark and a "$schema" editor hint', () => {
    const withHint = { $schema: 'https://strata.dev/schemas/profile.schema.json', ...sample() };
    const result = parseDocument(`\uFEFF${JSON.stringify(withHint)}`);
    expect(result.issues).toEqual([]);
    expect(result.document).not.toHaveProperty('$schema');
    expect(exportJson(result.document!)).toBe(exportJson(sample()));
  });

  describe('malformed JSON', () => {
    it('gives the line and column of a trailing comma', () => {
      const issue = expectSingleIssue('{\n  "apiVersion": "strata.dev/v1alpha1",\n  "kind": "ClusterProfile",\n}\n');
      expect(issue).toEqual({
        path: [],
        summary: 'Invalid JSON',
        detail: 'Line 4, column 1: expected a property name in double quotes, found "}". Correct the JSON there; JSON allows neither comments nor trailing commas.',
      });
    });

    it('gives the position of a bad literal, a bad escape, an unterminated string and the end of input', () => {
      expect(expectSingleIssue('{"a": tru}').detail).toMatch(/^Line 1, column 7: expected a value, found "t"\./);
      expect(expectSingleIssue('{\n  "a": "x\\qy"\n}').detail).toMatch(/^Line 2, column 10: invalid escape "\\\\q" in a string\./);
      expect(expectSingleIssue('{\n  "a": "open\n}').detail).toMatch(/^Line 2, column 13: control character in a string/);
      expect(expectSingleIssue('{"a": "open').detail).toMatch(/^Line 1, column 7: unterminated string\./);
      expect(expectSingleIssue('{"a": 1').detail).toMatch(/^Line 1, column 8: expected "," or "}", found the end of the text\./);
      expect(expectSingleIssue('').detail).toMatch(/^Line 1, column 1: expected a value, found the end of the text\./);
      expect(expectSingleIssue('{} // note').detail).toMatch(/^Line 1, column 4: expected the end of the text, found "\/"\./);
    });

    it('reports a repeated property name instead of silently keeping the last', () => {
      const issue = expectSingleIssue('{\n  "layers": [],\n  "layers": []\n}');
      expect(issue.summary).toBe('Invalid JSON');
      expect(issue.detail).toMatch(/^Line 3, column 3: duplicate property name "layers"\./);
    });
  });

  describe('schema issues', () => {
    it('names an unknown field, where it is, and the likely intended field', () => {
      const doc = JSON.parse(exportJson(sample()));
      doc.layers[1].helm.relase_name = 'x';
      const issue = expectSingleIssue(JSON.stringify(doc));
      expect(issue.path).toEqual(['layers', 1, 'helm', 'relase_name']);
      expect(formatPath(issue.path)).toBe('layers[1].helm.relase_name');
      expect(issue.summary).toBe('Unknown field');
      expect(issue.detail).toBe(
        'There is no field "relase_name" in layers[1].helm. Did you mean "release_name"? ' +
          'Allowed fields: chart, repository, version, values, release_name, namespace, create_namespace. Remove or rename it.',
      );
    });

    it('names an unknown top-level field without a guess when none is close', () => {
      const issue = expectSingleIssue(JSON.stringify({ ...sample(), spec: {} }));
      expect(issue.path).toEqual(['spec']);
      expect(issue.detail).toBe('There is no field "spec" in the document. Allowed fields: $schema, apiVersion, kind, metadata, variables, layers. Remove or rename it.');
    });

    it('names a missing required field', () => {
      const doc = JSON.parse(exportJson(sample()));
      delete doc.layers[3].pack.registry;
      const issue = expectSingleIssue(JSON.stringify(doc));
      expect(issue).toEqual({
        path: ['layers', 3, 'pack', 'registry'],
        summary: 'Missing required field',
        detail: 'The required field "registry" is missing from layers[3].pack. Add it.',
      });
    });

    it('says which value a constant must have and what the wrong type was', () => {
      const doc = JSON.parse(exportJson(sample()));
      doc.apiVersion = 'strata.dev/v1';
      doc.metadata.labels.tier = 3;
      const { issues } = parseDocument(JSON.stringify(doc));
      expect(issues).toEqual([
        {
          path: ['apiVersion'],
          summary: 'Unsupported value',
          detail: 'Expected "strata.dev/v1alpha1", found the string "strata.dev/v1". Set it to "strata.dev/v1alpha1".',
        },
        { path: ['metadata', 'labels', 'tier'], summary: 'Wrong type', detail: 'Expected a string, found the number 3. Change it to a string.' },
      ]);
      expect(formatPath(issues[1]!.path)).toBe('metadata.labels.tier');
    });

    it('explains pattern and format failures with the schema description', () => {
      const doc = JSON.parse(exportJson(sample()));
      doc.layers[1].helm.namespace = 'Ingress';
      doc.layers[1].helm.repository = 'https://charts example.com';
      const { issues } = parseDocument(JSON.stringify(doc));
      expect(issues.map((issue) => [formatPath(issue.path), issue.summary])).toEqual([
        ['layers[1].helm.namespace', 'Invalid value'],
        ['layers[1].helm.repository', 'Invalid value'],
      ]);
      expect(issues[0]!.detail).toBe(
        `The string "Ingress" is not valid. Expected: A DNS label (RFC 1123): at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit. Correct the value.`,
      );
      expect(issues[1]!.detail).toMatch(/^The string "https:\/\/charts example\.com" is not a valid URI\. Expected: The chart repository URL/);
    });

    it('reports a repeated zarf component once, at the repeat', () => {
      const doc = JSON.parse(exportJson(sample()));
      doc.layers[2].zarf.components = ['registry', 'seed', 'registry'];
      expect(expectSingleIssue(JSON.stringify(doc))).toEqual({
        path: ['layers', 2, 'zarf', 'components', 2],
        summary: 'Duplicate item',
        detail: 'Item 2 repeats item 0 ("registry"). Remove the duplicate.',
      });
    });

    it('rejects a null source, which a document must leave out instead', () => {
      const doc = JSON.parse(exportJson(sample()));
      doc.layers[0].helm = null;
      expect(parseDocument(JSON.stringify(doc)).issues).toEqual([
        { path: ['layers', 0], summary: 'Exactly one source required', detail: 'Exactly one of manifest, helm, zarf or pack must be set. Keep one and remove the others.' },
        { path: ['layers', 0, 'helm'], summary: 'Wrong type', detail: 'Expected an object, found null. Change it to an object.' },
      ]);
    });

    it('rejects a document that is not an object', () => {
      expect(expectSingleIssue('[]')).toEqual({ path: [], summary: 'Wrong type', detail: 'Expected an object, found an array. Change it to an object.' });
    });
  });
});
