// provider::strata::diff: the per-layer change summary of two profile snapshots, without a cluster.
import { callFunction, FunctionArgumentError } from '../../provider/framework/function';
import { diffFunction } from '../../provider/functions/diff';
import { buildDocument, snapshotJson, type Layer } from '../../provider/profile';
import { decodeMsgpack, encodeMsgpack } from '../../provider/protocol/cty';

const snapshot = (version: string, layers: Layer[]) => snapshotJson(buildDocument({ name: 'web', version }, { layers }));
const diff = (before: Layer[], after: Layer[]) => diffFunction.run([snapshot('1.0.0', before), snapshot('2.0.0', after)]);

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: web\ndata:\n  greeting: ${value}\n`;
const manifest = (name: string, ...documents: string[]): Layer => ({ name, manifest: { content: documents.join('---\n') } });
const helm = (name: string, source: Partial<NonNullable<Layer['helm']>> = {}): Layer => ({ name, helm: { chart: 'web-app', version: '1.0.0', repository: 'https://charts.example.com', ...source } });

describe('provider::strata::diff', () => {
  test('the same layers give an empty list, whatever the versions', () => {
    const layers = [manifest('base', namespace('web')), helm('app')];
    expect(diff(layers, layers)).toEqual([]);
  });

  test('manifest layers compare object by object, in the lines of a cluster plan', () => {
    const before = [manifest('base', namespace('web'), configMap('settings', 'hello'), configMap('old', 'x'))];
    const after = [manifest('base', namespace('web'), configMap('settings', 'bonjour'), namespace('extra'))];
    expect(diff(before, after)).toEqual([
      'base: ~ v1 ConfigMap web/settings',
      'base: + v1 Namespace extra',
      'base: - v1 ConfigMap web/old',
    ]);
  });

  test('an object that changes layer is a move, not a removal and an addition', () => {
    const before = [manifest('base', namespace('web'), configMap('settings', 'hello')), manifest('app', namespace('app'))];
    const after = [manifest('base', namespace('web')), manifest('app', namespace('app'), configMap('settings', 'hello'))];
    expect(diff(before, after)).toEqual(['app: ~ v1 ConfigMap web/settings (moved from layer base)']);
  });

  test('helm layers compare their source: chart and version, repository, values as digests', () => {
    const before = [helm('app', { values: 'password: hunter2\n' })];
    const after = [helm('app', { version: '2.0.0', values: 'password: hunter3\n', repository: 'https://bot:s3cret@charts.example.com' })];
    const lines = diff(before, after) as string[];
    expect(lines[0]).toBe('app: ~ helm chart web-app 1.0.0 -> 2.0.0');
    expect(lines[1]).toBe('app: ~ helm repository https://charts.example.com -> https://***@charts.example.com');
    expect(lines[2]).toMatch(/^app: ~ helm values sha256:[0-9a-f]{12} -> sha256:[0-9a-f]{12}$/);
    expect(lines.join('\n')).not.toMatch(/hunter|s3cret/);
    expect(diff([helm('app')], [helm('app', { chart: 'other-app', version: '3.1.0' })])).toEqual(['app: ~ helm chart web-app 1.0.0 -> other-app 3.1.0']);
  });

  test('zarf layers compare their source: package, components, variables and key as digests, architecture', () => {
    const zarf = (source: NonNullable<Layer['zarf']>): Layer => ({ name: 'pkg', zarf: source });
    const lines = diff(
      [zarf({ source: 'pkg.tar.zst', variables: { DB_PASSWORD: 'hunter2' } })],
      [zarf({ source: 'pkg-2.tar.zst', components: ['extra', '-web'], variables: { DB_PASSWORD: 'hunter3' }, public_key: 'PEM', architecture: 'arm64' })],
    ) as string[];
    expect(lines.map((line) => line.replace(/sha256:[0-9a-f]{12}/g, 'sha256:…'))).toEqual([
      'pkg: ~ zarf package pkg.tar.zst -> pkg-2.tar.zst',
      'pkg: ~ zarf components (unset) -> extra, -web',
      'pkg: ~ zarf variables sha256:… -> sha256:…',
      'pkg: ~ zarf public_key (unset) -> sha256:…',
      'pkg: ~ zarf architecture (unset) -> arm64',
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter/);
  });

  test('layers added, removed, given another source type, or reordered', () => {
    const before = [manifest('base', namespace('web')), manifest('tools', namespace('tools')), helm('app'), manifest('extra', namespace('extra'))];
    const after = [helm('app'), manifest('base', namespace('web')), helm('tools', { chart: 'toolbox' }), helm('monitoring', { chart: 'prometheus', version: undefined, repository: undefined })];
    expect(diff(before, after)).toEqual([
      'app: ~ layer position 3 -> 1',
      'tools: -/+ layer (manifest -> helm)',
      'tools: - v1 Namespace tools',
      'tools: + helm chart toolbox 1.0.0 from https://charts.example.com',
      'monitoring: + layer (helm)',
      'monitoring: + helm chart prometheus (latest)',
      'extra: - layer (manifest)',
      'extra: - v1 Namespace extra',
    ]);
  });

  test('an argument that is not a snapshot is a FunctionError naming it', () => {
    const good = snapshot('1.0.0', [manifest('base', namespace('web'))]);
    const thrown = (() => {
      try {
        diffFunction.run([good, '{"layers": 1}']);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(FunctionArgumentError);
    expect(thrown).toMatchObject({ index: 1 });
    expect((thrown as Error).message).toMatch(/^new_snapshot \(argument 2\) is not a Strata profile snapshot: .+ Pass the `snapshot` attribute of a strata_profile_version or strata_profile\.$/);

    const response: any = callFunction('strata', diffFunction, [{ msgpack: encodeMsgpack('not json', 'string') }, { msgpack: encodeMsgpack(good, 'string') }]);
    expect(response.error.function_argument).toBe(0);
    expect(response.error.text).toMatch(/^old_snapshot \(argument 1\) is not a Strata profile snapshot: Invalid JSON/);
  });

  test('answers CallFunction with a list of strings', () => {
    const layers = [manifest('base', namespace('web'))];
    const response: any = callFunction('strata', diffFunction, [
      { msgpack: encodeMsgpack(snapshot('1.0.0', layers), 'string') },
      { msgpack: encodeMsgpack(snapshot('1.1.0', [...layers, helm('app')]), 'string') },
    ]);
    expect(decodeMsgpack(response.result.msgpack, ['list', 'string'])).toEqual([
      'app: + layer (helm)',
      'app: + helm chart web-app 1.0.0 from https://charts.example.com',
    ]);
  });
});
