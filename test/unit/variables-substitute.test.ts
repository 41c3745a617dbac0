import { parseAllDocuments } from 'yaml';
import { diffFunction } from '../../provider/functions/diff';
import { buildDocument, snapshotJson, type Variable } from '../../provider/profile';
import { placeholdersAsWritten, scanPlaceholders, substituteLayers, substituteText, substituteYaml } from '../../provider/profile/substitute';

/** What Kubernetes tools read from YAML text (YAML 1.1 plain scalars). */
const read = (text: string) => parseAllDocuments(text, { version: '1.1' }).map((document) => document.toJS());

describe('scanPlaceholders', () => {
  it('finds every variable once, in order, with or without spaces', () => {
    expect(scanPlaceholders('a: {{ .strata.var.b }}\nc: "{{.strata.var.a}}-{{ .strata.var.b }}"\n')).toEqual({ names: ['b', 'a'], malformed: [] });
  });

  it('ignores other template text and escaped placeholders', () => {
    expect(scanPlaceholders('summary: "{{ $labels.instance }} down"\nlit: \\{{ .strata.var.x }}\n')).toEqual({ names: [], malformed: [] });
  });

  it('reports text that starts like a placeholder but is not one', () => {
    expect(scanPlaceholders('a: "{{ .strata.var.my-var }}"\nb: "{{ .strata.vars.x }}"\n').malformed).toEqual(['{{ .strata.var.my-var }}', '{{ .strata.vars.x }}']);
  });
});

describe('substituteYaml', () => {
  const values = { env: 'prod', replicas: 3, debug: true, text: 'plain' };

  it('gives a whole-value placeholder the variable\'s type, quoted or not', () => {
    const out = substituteYaml('a: {{ .strata.var.replicas }}\nb: "{{ .strata.var.replicas }}"\nc: {{.strata.var.debug}}\nd: [{{ .strata.var.replicas }}, x]\n', values);
    expect(read(out)).toEqual([{ a: 3, b: 3, c: true, d: [3, 'x'] }]);
  });

  it('replaces placeholders inside longer text with the value\'s text', () => {
    const out = substituteYaml('name: app-{{ .strata.var.env }}\nimage: "repo/app:{{ .strata.var.replicas }}-{{ .strata.var.debug }}"\n', values);
    expect(read(out)).toEqual([{ name: 'app-prod', image: 'repo/app:3-true' }]);
  });

  it.each([
    ['yes', 'a YAML 1.1 bool'],
    ['3', 'a number'],
    ['null', 'null'],
    ['a: b # c\n- d', 'a mapping, a comment and a list item'],
    ['"double" \'single\' \\ back', 'quotes and a backslash'],
    ['{{ .strata.var.env }}', 'a placeholder'],
    ['--- \n...', 'document markers'],
    ['  leading and trailing  ', 'edge spaces'],
  ])('keeps the string %j (%s) one string scalar', (text) => {
    const out = substituteYaml('whole: {{ .strata.var.text }}\nquoted: "{{ .strata.var.text }}"\ninside: x-{{ .strata.var.text }}-y\n', { text });
    expect(read(out)).toEqual([{ whole: text, quoted: text, inside: `x-${text}-y` }]);
  });

  it('writes an escaped placeholder literally, without its backslash', () => {
    expect(read(substituteYaml('a: \\{{ .strata.var.env }}\nb: "x \\\\{{ .strata.var.env }}"\n', values))).toEqual([{ a: '{{ .strata.var.env }}', b: 'x {{ .strata.var.env }}' }]);
  });

  it('keeps keys strings and substitutes every document', () => {
    const out = substituteYaml('metadata:\n  labels:\n    "{{ .strata.var.replicas }}": x\n---\nkind: {{ .strata.var.env }}\n', values);
    expect(read(out)).toEqual([{ metadata: { labels: { '3': 'x' } } }, { kind: 'prod' }]);
  });

  it('returns text without placeholders byte for byte', () => {
    const text = 'a:   1 # odd spacing\n---\nb: "{{ $other }}"\n';
    expect(substituteYaml(text, values)).toBe(text);
  });

  it('keeps other template text and comments', () => {
    const out = substituteYaml('# head\nsummary: "{{ $labels.x }} {{ .strata.var.env }}" # tail\n', values);
    expect(out).toContain('# head');
    expect(out).toContain('# tail');
    expect(read(out)).toEqual([{ summary: '{{ $labels.x }} prod' }]);
  });

  it('throws on a placeholder whose variable has no value', () => {
    expect(() => substituteYaml('a: {{ .strata.var.missing }}\n', values)).toThrow('no value for variable "missing"');
  });
});

describe('substituteText and substituteLayers', () => {
  it('substitutes plain text, such as zarf variables', () => {
    expect(substituteText('{{ .strata.var.a }}:{{ .strata.var.b }} \\{{ .strata.var.a }}', { a: 'x', b: 2 })).toBe('x:2 {{ .strata.var.a }}');
  });

  it('substitutes manifests, helm and pack values and zarf variables, and leaves the input alone', () => {
    const layers = [
      { name: 'm', manifest: { content: 'kind: {{ .strata.var.v }}\n' } },
      { name: 'h', helm: { chart: 'c', values: 'replicas: {{ .strata.var.n }}\n' } },
      { name: 'p', pack: { registry: 'r', name: 'n', version: '1.0.0', values: 'x: {{ .strata.var.v }}\n' } },
      { name: 'z', zarf: { source: 's', variables: { A: 'pre-{{ .strata.var.v }}' } } },
      { name: 'plain', manifest: { content: 'kind: Plain\n' } },
    ];
    const before = structuredClone(layers);
    const out = substituteLayers(layers, { v: 'val', n: 2 });
    expect(layers).toEqual(before);
    expect(read(out[0]!.manifest!.content)).toEqual([{ kind: 'val' }]);
    expect(read(out[1]!.helm!.values!)).toEqual([{ replicas: 2 }]);
    expect(read(out[2]!.pack!.values!)).toEqual([{ x: 'val' }]);
    expect(out[3]!.zarf!.variables).toEqual({ A: 'pre-val' });
    expect(out[4]).toBe(layers[4]);
  });
});

describe('placeholdersAsWritten', () => {
  it('keeps each placeholder as its text, so that readers without values see one string', () => {
    const [layer] = placeholdersAsWritten([{ name: 'm', manifest: { content: 'name: {{ .strata.var.team }}\ncount: {{ .strata.var.n }}\n' } }]);
    expect(read(layer!.manifest!.content)).toEqual([{ name: '{{ .strata.var.team }}', count: '{{ .strata.var.n }}' }]);
  });

  it('lets provider::strata::diff name objects whose names hold placeholders', () => {
    const variables: Variable[] = [{ name: 'team', required: true }];
    const ns = (name: string) => ({ name: 'base', manifest: { content: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n` } });
    const before = snapshotJson(buildDocument({ name: 'web', version: '1.0.0' }, { layers: [ns('{{ .strata.var.team }}')], variables }));
    const after = snapshotJson(buildDocument({ name: 'web', version: '2.0.0' }, { layers: [ns('team-{{ .strata.var.team }}')], variables }));
    expect(diffFunction.run([before, after])).toEqual(['base: + v1 Namespace team-{{ .strata.var.team }}', 'base: - v1 Namespace {{ .strata.var.team }}']);
  });
});
