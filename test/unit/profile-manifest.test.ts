// Manifest documents that can never be applied fail the profile's own validation, with the layer,
// the document and the line; no cluster involved.
import { validateContent, type Layer, type ProfileIssue } from '../../provider/profile';
import { MAX_ALIAS_COUNT } from '../../provider/profile/manifest-objects';

const CONTENT = ['layers', 0, 'manifest', 'content'];

function manifestIssues(content: string): [string, string][] {
  const issues: ProfileIssue[] = validateContent({ layers: [{ name: 'base', manifest: { content } }] });
  for (const issue of issues) expect(issue.path).toEqual(CONTENT);
  return issues.map((issue) => [issue.summary, issue.detail]);
}

const configMap = (metadata: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${metadata}`;

describe('manifest layers at the profile\'s plan', () => {
  test('an object without metadata.name, or with a name that is not a string', () => {
    expect(manifestIssues(`${configMap('  name: ok\n')}---\n${configMap('  labels: { a: b }\n')}`)).toEqual([
      ['Manifest object has no name', 'Layer "base", document 2, line 8, object v1 ConfigMap (no name): the document has no metadata.name: every object Strata applies needs a name; add one.'],
    ]);
    expect(manifestIssues(configMap('  generateName: web-\n'))).toEqual([
      ['Manifest object has no name', expect.stringMatching(/^Layer "base", document 1, line 3, object v1 ConfigMap \(no name\): metadata\.name is missing: .*metadata\.generateName is not supported/)],
    ]);
    expect(manifestIssues('apiVersion: v1\nkind: ConfigMap\n')).toEqual([
      ['Manifest object has no name', expect.stringMatching(/^Layer "base", document 1, line 1, object v1 ConfigMap \(no name\): the document has no metadata: add metadata\.name/)],
    ]);
    expect(manifestIssues(configMap('  name: 12\n'))).toEqual([
      ['Invalid object name', 'Layer "base", document 1, line 4, object v1 ConfigMap (no name): metadata.name must be a string, not a number (12); quote it.'],
    ]);
  });

  test('a name that cannot be a path segment of the API', () => {
    for (const name of ['"."', '".."', 'a/b', '50%off']) {
      expect(manifestIssues(configMap(`  name: ${name}\n`))).toEqual([
        ['Invalid object name', expect.stringMatching(/^Layer "base", document 1, line 4, object v1 ConfigMap .+: metadata\.name ".+" cannot be part of an API path: a name may not be "\." or "\.\.", nor contain "\/" or "%"\. Rename the object\.$/)],
      ]);
    }
    expect(manifestIssues(configMap('  name: web.v1..x\n'))).toEqual([]);
  });

  test('a namespace that is not a DNS label', () => {
    expect(manifestIssues(configMap('  name: web\n  namespace: Team_A\n'))).toEqual([
      ['Invalid object namespace', 'Layer "base", document 1, line 5, object v1 ConfigMap Team_A/web: metadata.namespace "Team_A" is not a DNS label (RFC 1123). Use only lowercase letters, digits and "-", starting and ending with a letter or digit, e.g. "team-a".'],
    ]);
    for (const namespace of ['..', 'a/b', 'a%2f', 'web.prod', '-web']) {
      expect(manifestIssues(configMap(`  name: web\n  namespace: "${namespace}"\n`)).map(([summary]) => summary)).toEqual(['Invalid object namespace']);
    }
    expect(manifestIssues(configMap(`  name: web\n  namespace: ${'n'.repeat(64)}\n`))[0]![1]).toContain('has 64 characters; a DNS label (RFC 1123) has at most 63. Shorten it.');
    expect(manifestIssues(configMap('  name: web\n  namespace: 7\n'))[0]).toEqual(['Invalid object namespace', expect.stringContaining('metadata.namespace must be a string, not a number (7); quote it.')]);
    expect(manifestIssues(configMap(`  name: web\n  namespace: ${'n'.repeat(63)}\n`))).toEqual([]);
    expect(manifestIssues(configMap('  name: web\n  namespace: ""\n'))).toEqual([]);
  });

  test('a YAML alias without an anchor before it', () => {
    expect(manifestIssues(`${configMap('  name: web\n')}data:\n  a: *missing\n  b: &late x\n`)).toEqual([
      ['YAML alias without an anchor', 'Layer "base", document 1, line 6: the alias *missing refers to no anchor &missing earlier in this document. Define the anchor before the alias, or write the value out.'],
    ]);
    // Anchors do not carry over from one document to the next.
    expect(manifestIssues(`${configMap('  name: a\n')}data: { x: &v "1" }\n---\n${configMap('  name: b\n')}data: { x: *v }\n`)[0]![1]).toMatch(/^Layer "base", document 2, line 11: the alias \*v refers/);
  });

  test(`aliases that expand past ${MAX_ALIAS_COUNT} (billion laughs)`, () => {
    const level = (name: string, of: string) => `  ${name}: &${name} [${Array(10).fill(of).join(', ')}]\n`;
    const laughs = `${configMap('  name: lol\n')}data:\n${level('a', '"lol"')}${level('b', '*a')}${level('c', '*b')}${level('d', '*c')}`;
    expect(manifestIssues(laughs)).toEqual([
      ['Too many YAML alias expansions', `Layer "base", document 1, line 1: the document's aliases expand past Strata's limit of ${MAX_ALIAS_COUNT} alias expansions, a guard against "billion laughs" YAML. Write the repeated values out, or nest fewer aliases.`],
    ]);
    const merged = `${configMap('  name: web\n')}spec:\n  defaults: &defaults { replicas: 2 }\n  a: { <<: *defaults }\n  b: { <<: *defaults }\n`;
    expect(manifestIssues(merged)).toEqual([]);
  });

  test('the same object twice in one layer: same group, kind, namespace and name', () => {
    const deployment = (version: string, metadata: string) => `apiVersion: apps/${version}\nkind: Deployment\nmetadata: ${metadata}\n`;
    expect(manifestIssues([deployment('v1', '{ name: web }'), deployment('v1beta1', '{ name: web, namespace: default }')].join('---\n'))).toEqual([
      ['Object defined twice in a layer', 'Layer "base", document 2, line 5, object apps/v1beta1 Deployment default/web: the object is defined twice in this layer: document 1, line 1 defines apps/v1 Deployment web already. Remove one of the two documents (or give them different names or namespaces).'],
    ]);
    // Another namespace, kind or group is another object (whether the kind is namespaced is the cluster's to say).
    expect(manifestIssues([
      deployment('v1', '{ name: web, namespace: a }'), deployment('v1', '{ name: web, namespace: b }'),
      'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: a }\n', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: web, namespace: a }\n',
    ].join('---\n'))).toEqual([]);
  });

  test('items of a List that are not objects', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: one }\n  - just a string\n  - [1, 2]\n`;
    expect(manifestIssues(list)).toEqual([
      ['List item is not an object', 'Layer "base", document 1, item 2, line 7: the item is a string ("just a string"), not a mapping: write each item as one Kubernetes object with apiVersion, kind and metadata.name.'],
      ['List item is not an object', 'Layer "base", document 1, item 3, line 8: the item is a sequence, not a mapping: write each item as one Kubernetes object with apiVersion, kind and metadata.name.'],
    ]);
    expect(manifestIssues('apiVersion: v1\nkind: List\nitems: { a: 1 }\n')).toEqual([
      ['List items are not a sequence', 'Layer "base", document 1, line 3, object v1 List (no name): items of a List must be a sequence of objects, not a mapping.'],
    ]);
    expect(manifestIssues('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: { name: two }\n')).toEqual([
      ['List item is not a Kubernetes object', 'Layer "base", document 1, item 1, line 4, object v1 (no kind) two: the item has no kind: every Kubernetes object needs it; add it, e.g. "kind: Deployment".'],
    ]);
  });

  test('a layer without a name is named by its place', () => {
    const issues = validateContent({ layers: [{ manifest: { content: 'just text\n' } } as unknown as Layer] });
    expect(issues.find((issue) => issue.summary === 'Manifest document is not an object')?.detail).toMatch(/^The layer at layers\[0\], document 1, line 1: /);
  });
});

describe('helm repositories at the profile\'s plan', () => {
  const repositoryIssues = (repository: string) =>
    validateContent({ layers: [{ name: 'app', helm: { chart: 'web', repository } }] }).map((issue) => [issue.path.join('.'), issue.summary]);

  test('https, http and oci repositories are accepted', () => {
    for (const repository of ['https://charts.jetstack.io', 'http://127.0.0.1:8080/charts', 'oci://ghcr.io/org/charts']) {
      expect(repositoryIssues(repository)).toEqual([]);
    }
  });

  test('a scheme helm has no getter for is an error at helm.repository', () => {
    for (const repository of ['file:///srv/charts', 's3://bucket/charts', 'ftp://example.com/charts', 'HTTPS://charts.example.com', 'https://', 'charts.example.com']) {
      expect([repository, repositoryIssues(repository)]).toEqual([repository, [['layers.0.helm.repository', 'Invalid chart repository']]]);
    }
    const [issue] = validateContent({ layers: [{ name: 'app', helm: { chart: 'web', repository: 'file:///srv/charts' } }] });
    expect(issue!.detail).toBe(
      '"file:///srv/charts" is not a chart repository URL helm can use: write https://, http:// or oci:// and a host, e.g. "https://charts.jetstack.io" or "oci://ghcr.io/org/charts". ' +
        'For a chart on disk, leave repository out and set chart to its path.',
    );
  });

  test('a local chart path needs no repository', () => {
    for (const chart of ['./charts/web', '/srv/charts/web-1.0.0.tgz', 'charts/web']) {
      expect(validateContent({ layers: [{ name: 'app', helm: { chart } }] })).toEqual([]);
    }
  });
});
