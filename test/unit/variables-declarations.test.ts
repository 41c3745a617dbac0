import {
  appliedDigest, buildDocument, contentDigest, exportJson, parseDocument, resolveVariables, snapshotJson, validateContent,
  type Layer, type ProfileIssue, type Variable,
} from '../../provider/profile';
import { DiagnosticError, Diagnostics } from '../../provider/protocol/diagnostics';
import { clusterContent, requireClusterContent } from '../../provider/resources/cluster-variables';
import { attributePath } from '../../provider/resources/profile-content';

const app: Layer = {
  name: 'app',
  manifest: { content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-{{ .strata.var.env }}\n  namespace: default\ndata:\n  replicas: "{{ .strata.var.replicas }}"\n' },
};
const chart: Layer = { name: 'chart', helm: { chart: './c', values: 'replicaCount: {{ .strata.var.replicas }}\n' } };
const declared: Variable[] = [
  { name: 'env', required: true, pattern: '[a-z]+', description: 'the environment' },
  { name: 'replicas', type: 'number', default: '2', allowed: ['1', '2', '3'] },
  { name: 'debug', type: 'bool', default: 'false' },
];

const summaries = (issues: ProfileIssue[]) => issues.map((issue) => [issue.path, issue.summary]);

describe('variable declarations', () => {
  it('accept a valid set and use placeholders in manifests and values', () => {
    expect(validateContent({ layers: [app, chart], variables: declared }, { name: 'web', version: '1.0.0' })).toEqual([]);
  });

  it('report every broken declaration at its field', () => {
    const variables = [
      { name: 'my-var' },
      { name: 'a', type: 'number' },
      { name: 'b', type: 'integer', default: 'x' },
      { name: 'c', type: 'bool', default: 'yes' },
      { name: 'd', pattern: '([a-z', required: true },
      { name: 'e', pattern: 'x', allowed: ['x'] },
      { name: 'f', type: 'number', allowed: ['1', 'two'], default: '1' },
      { name: 'g', required: true, default: 'x' },
      { name: 'h', default: 'PROD', pattern: '[a-z]+' },
      { name: 'a', default: '' },
    ] as unknown as Variable[];
    expect(summaries(validateContent({ layers: [], variables }))).toEqual([
      [['variables', 0, 'name'], 'Invalid variable name'],
      [['variables', 1], 'Variable without a value'],
      [['variables', 2, 'type'], 'Unsupported value'],
      [['variables', 3, 'default'], 'Invalid default'],
      [['variables', 4, 'pattern'], 'Invalid pattern'],
      [['variables', 5], 'Both pattern and allowed'],
      [['variables', 6, 'allowed', 1], 'Invalid allowed value'],
      [['variables', 7, 'default'], 'Default of a required variable'],
      [['variables', 8, 'default'], 'Invalid default'],
      [['variables', 9, 'name'], 'Duplicate variable name'],
    ]);
  });

  it('name the variable and say what to do', () => {
    const [name, noValue] = validateContent({ layers: [], variables: [{ name: 'my-var' }, { name: 'n', type: 'number' }] });
    expect(name!.detail).toBe('Variable "my-var": a name in {{ .strata.var.NAME }} has only letters, digits and "_", and does not start with a digit. Rename it, e.g. "my_var".');
    expect(noValue!.detail).toMatch(/^Variable "n" is a number that is neither required nor has a default.*Add default, or set required = true\.$/);
  });

  it('map to the variable blocks of the resource', () => {
    expect(attributePath({ path: ['variables', 3, 'default'], summary: '', detail: '' }, { name: 'name' })).toEqual(['variable', 3, 'default']);
  });
});

describe('placeholders', () => {
  it('that name an undeclared variable fail validation naming the layer and the variable', () => {
    const issues = validateContent({ layers: [app, chart], variables: [{ name: 'env', default: 'dev' }] });
    expect(summaries(issues)).toEqual([
      [['layers', 0, 'manifest', 'content'], 'Undeclared variable'],
      [['layers', 1, 'helm', 'values'], 'Undeclared variable'],
    ]);
    expect(issues[0]!.detail).toBe('Layer "app" uses {{ .strata.var.replicas }} in manifest.content, but the profile declares no variable "replicas" (it declares "env"). Add a variable block named "replicas", or correct the name.');
    expect(attributePath(issues[1]!, { name: 'name' })).toEqual(['layer', 1, 'helm', 0, 'values']);
  });

  it('fail in an imported document too', () => {
    const text = JSON.stringify({ apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'web' }, layers: [chart] });
    expect(summaries(parseDocument(text).issues)).toEqual([[['layers', 0, 'helm', 'values'], 'Undeclared variable']]);
  });

  it('that are misspelt are reported', () => {
    const layer: Layer = { name: 'z', zarf: { source: 's', variables: { A: '{{ .strata.var.env-name }}' } } };
    const [issue] = validateContent({ layers: [layer], variables: [{ name: 'env', default: 'x' }] });
    expect([issue!.path, issue!.summary]).toEqual([['layers', 0, 'zarf', 'variables'], 'Invalid placeholder']);
  });

  it('are checked as values of their type: an unquoted placeholder in a name is no YAML mapping', () => {
    const layer: Layer = { name: 'ns', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .strata.var.env }}\n' } };
    expect(validateContent({ layers: [layer], variables: [{ name: 'env', required: true }] })).toEqual([]);
  });
});

describe('variables in the digest and the export', () => {
  it('leave content without variables as it was', () => {
    expect(contentDigest({ layers: [app], variables: [] })).toBe(contentDigest({ layers: [app] }));
    expect(snapshotJson(buildDocument({ name: 'web' }, { layers: [app], variables: [] }))).not.toContain('variables');
  });

  it('change the digest when declarations change', () => {
    const base = contentDigest({ layers: [app, chart], variables: declared });
    expect(base).not.toBe(contentDigest({ layers: [app, chart] }));
    expect(base).not.toBe(contentDigest({ layers: [app, chart], variables: [{ ...declared[0]!, pattern: '[a-z0-9]+' }, ...declared.slice(1)] }));
  });

  it('round-trip through export_json', () => {
    const document = buildDocument({ name: 'web', version: '1.0.0' }, { layers: [app, chart], variables: declared });
    const parsed = parseDocument(exportJson(document));
    expect(parsed.issues).toEqual([]);
    expect(parsed.document!.variables).toEqual(declared);
    expect(exportJson(parsed.document!)).toBe(exportJson(document));
  });
});

describe('resolveVariables', () => {
  const content = { layers: [app, chart], variables: declared };

  it('reads values per type and fills in defaults', () => {
    expect(resolveVariables(content, { env: 'prod', debug: 'true' }, 'edge-1')).toEqual({ values: { env: 'prod', replicas: 2, debug: true }, problems: [] });
  });

  it('reports a missing required variable with the cluster and the layers that use it', () => {
    const { problems } = resolveVariables(content, {}, 'edge-1');
    expect(problems).toEqual([{
      summary: 'Missing required variable',
      detail: 'Cluster "edge-1" does not set variable "env", which its profile requires (used by layer "app"): the environment. Add it to the cluster\'s variables, e.g. variables = { env = "..." }.',
    }]);
  });

  it.each([
    [{ env: 'prod', replicas: 'three' }, 'replicas', '"three" is not a number'],
    [{ env: 'prod', replicas: '5' }, 'replicas', '"5" is not one of the allowed values "1", "2", "3"'],
    [{ env: 'Prod' }, 'env', '"Prod" does not match the pattern [a-z]+'],
    [{ env: 'prod', debug: 'yes' }, 'debug', '"yes" is not a bool'],
  ])('reports an invalid value %j', (set, name, problem) => {
    const { problems } = resolveVariables(content, set, 'edge-1');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ name, summary: 'Invalid variable value' });
    expect(problems[0]!.detail).toContain(`Variable "${name}" of cluster "edge-1" (`);
    expect(problems[0]!.detail).toContain(problem);
  });

  it('names the layers that use an invalid variable', () => {
    const { problems } = resolveVariables(content, { env: 'prod', replicas: 'x' }, 'edge-1');
    expect(problems[0]!.detail).toMatch(/^Variable "replicas" of cluster "edge-1" \(used by layers "app" and "chart"\): /);
  });

  it('reports a variable the profile does not declare', () => {
    const { problems } = resolveVariables(content, { env: 'prod', region: 'eu' }, 'edge-1');
    expect(problems).toEqual([{
      name: 'region', summary: 'Unknown variable',
      detail: 'Cluster "edge-1" sets variable "region", which its profile does not declare (it declares "env", "replicas" and "debug"). Remove it from variables, or correct the name.',
    }]);
  });

  it('gives different values different applied digests, and none without variables', () => {
    const one = appliedDigest(content, resolveVariables(content, { env: 'a' }, 'x').values);
    const two = appliedDigest(content, resolveVariables(content, { env: 'b' }, 'x').values);
    expect(one).not.toBe(two);
    expect(one).not.toBe(contentDigest(content));
    expect(appliedDigest({ layers: [] }, {})).toBe(contentDigest({ layers: [] }));
  });
});

describe('clusterContent', () => {
  const document = buildDocument({ name: 'web', version: '1.0.0' }, { layers: [app, chart], variables: declared });

  it('substitutes the values and keeps them for the record', () => {
    const content = clusterContent(document, { env: 'prod', replicas: '3' }, 'edge-1', new Diagnostics())!;
    expect(content.layers[0]!.manifest!.content).toContain('name: app-prod');
    expect(content.layers[1]!.helm!.values).toBe('replicaCount: 3\n');
    expect(content.variables).toEqual({ env: 'prod', replicas: '3', debug: 'false' });
  });

  it('reports every problem on variables, a value\'s at its key', () => {
    const diagnostics = new Diagnostics();
    expect(clusterContent(document, { replicas: 'x', zone: 'a' }, 'edge-1', diagnostics)).toBeUndefined();
    expect(diagnostics.items.map((d) => [d.severity, d.summary, d.path])).toEqual([
      ['error', 'Unknown variable', ['variables', { key: 'zone' }]],
      ['error', 'Missing required variable', ['variables']],
      ['error', 'Invalid variable value', ['variables', { key: 'replicas' }]],
    ]);
  });

  it('throws the first problem for apply', () => {
    let error: unknown;
    try {
      requireClusterContent(document, { env: 'prod', replicas: '9' }, 'edge-1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DiagnosticError);
    expect([(error as DiagnosticError).summary, (error as DiagnosticError).path]).toEqual(['Invalid variable value', ['variables', { key: 'replicas' }]]);
  });

  it('leaves a profile without variables as it is', () => {
    const plain = buildDocument({ name: 'web' }, { layers: [{ name: 'a', manifest: { content: 'kind: A\n' } }] });
    const content = clusterContent(plain, null, 'edge-1', new Diagnostics())!;
    expect(content).toEqual({ layers: plain.layers, digest: contentDigest(plain) });
  });
});
