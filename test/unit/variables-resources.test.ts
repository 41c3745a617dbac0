// The `variable` blocks of strata_profile and strata_profile_version, through the resources' own
// validate and plan (the protocol layer is faked: values are given as the framework decodes them).
import { buildDocument, exportJson, parseDocument } from '../../provider/profile';
import type { CtyValue } from '../../provider/protocol/cty';
import { Diagnostics } from '../../provider/protocol/diagnostics';
import { profileResource } from '../../provider/resources/profile';
import { profileVersionResource } from '../../provider/resources/profile-version';
import { emptyRecord, readRecord, writeRecord, type HistoryEntry } from '../../provider/reconcile/record';
import { fakeObjects } from './reconcile/fake-objects';

type Obj = Record<string, CtyValue>;

const variable = (fields: Obj): Obj => ({ name: null, type: null, description: null, default: null, required: null, pattern: null, allowed: null, ...fields });
const manifestLayer = (name: string, content: string): Obj => ({ name, manifest: [{ content }], helm: [], zarf: [], pack: [] });
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-{{ .strata.var.team }}\n';

const versionConfig = (fields: Obj): Obj => ({
  id: null, profile_id: 'web', version: '1.0.0', document: null, digest: null, snapshot: null, export_json: null,
  layer: [manifestLayer('base', NAMESPACE)], variable: [variable({ name: 'team', required: true })], ...fields,
});

function validate(config: Obj): [unknown, string][] {
  const diagnostics = new Diagnostics();
  profileVersionResource.validate!(config as never, diagnostics);
  return diagnostics.items.map((d) => [d.path, d.summary]);
}

function plan(resource: typeof profileResource | typeof profileVersionResource, config: Obj): { planned: Obj; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const planned = { ...config };
  void resource.plan!({ prior: null, planned, config, priorPrivate: Buffer.alloc(0), diagnostics, requiresReplace: [], signal: new AbortController().signal });
  return { planned, diagnostics };
}

describe('variable blocks of strata_profile_version', () => {
  it('are valid when every placeholder names a declared variable', () => {
    expect(validate(versionConfig({}))).toEqual([]);
  });

  it('report an undeclared placeholder at the layer, and a bad declaration at its block', () => {
    expect(validate(versionConfig({ variable: [variable({ name: 'tema', type: 'bool' })] }))).toEqual([
      [['layer', 0, 'manifest', 0, 'content'], 'Undeclared variable'],
      [['variable', 0], 'Variable without a value'],
    ]);
  });

  it('may not be set beside an imported document', () => {
    const document = exportJson(buildDocument({ name: 'web', version: '1.0.0' }, { layers: [{ name: 'base', manifest: { content: NAMESPACE } }], variables: [{ name: 'team' }] }));
    expect(validate(versionConfig({ layer: [], document }))).toEqual([[['variable'], 'Conflicting profile content']]);
    expect(validate(versionConfig({ layer: [], variable: [], document }))).toEqual([]);
  });

  it('are part of the digest, the snapshot and the export', () => {
    const { planned, diagnostics } = plan(profileVersionResource, versionConfig({}));
    expect(diagnostics.items).toEqual([]);
    const { planned: other } = plan(profileVersionResource, versionConfig({ variable: [variable({ name: 'team', default: 'blue' })] }));
    expect(planned.digest).not.toBe(other.digest);
    expect(parseDocument(planned.export_json as string).document!.variables).toEqual([{ name: 'team', required: true }]);
    expect(JSON.parse(planned.snapshot as string).variables).toEqual([{ name: 'team', required: true }]);
  });
});

describe('variable blocks of strata_profile', () => {
  it('are part of its content', () => {
    const config: Obj = {
      id: null, name: 'web', description: null, labels: null, revision: null, digest: null, snapshot: null,
      layer: [manifestLayer('base', NAMESPACE)], variable: [variable({ name: 'team', default: 'blue' })],
    };
    const { planned, diagnostics } = plan(profileResource, config);
    expect(diagnostics.items).toEqual([]);
    expect(JSON.parse(planned.snapshot as string).variables).toEqual([{ name: 'team', default: 'blue' }]);
    expect(plan(profileResource, { ...config, variable: [] }).diagnostics.items.map((d) => [d.path, d.summary]))
      .toEqual([[['layer', 0, 'manifest', 0, 'content'], 'Undeclared variable']]);
  });
});

describe('the in-cluster record', () => {
  it('keeps the values of each move in its history entry, and reads entries without them', async () => {
    const fake = fakeObjects();
    const entry = (version: string, variables?: Record<string, string>): HistoryEntry => ({
      version, digest: `sha256:${'0'.repeat(64)}`, time: '2026-01-01T00:00:00Z', outcome: 'applied', layers: [], ...(variables ? { variables } : {}),
    });
    const history = [entry('0.9.0'), entry('1.0.0', { team: 'blue', note: 'x'.repeat(5000) })];
    await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), history } });
    expect((await readRecord(fake.client, 'edge-1'))!.record.history).toEqual(history);
  });
});
