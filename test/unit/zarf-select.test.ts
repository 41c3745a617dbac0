// Zarf's component selection (`zarf package deploy --components`, non-interactive), read from
// Zarf's filters: required and default components, named and globbed requests, `-name` to deselect,
// groups, and the `only` filters for OS and architecture.
import { forPlatform, selectComponents, SelectionError, zarfOs } from '../../provider/render/zarf/select';
import type { ZarfComponent, ZarfPackage } from '../../provider/render/zarf/package';

const pkg = (components: ZarfComponent[]): ZarfPackage => ({ kind: 'ZarfPackageConfig', metadata: { name: 'p' }, components });
const linux = { os: 'linux', architecture: 'amd64' };
const names = (components: ZarfComponent[]) => components.map((c) => c.name);

const PACKAGE = pkg([
  { name: 'base', required: true },
  { name: 'web', default: true },
  { name: 'extra' },
  { name: 'extra-tools' },
  { name: 'arm-driver', only: { cluster: { architecture: 'arm64' } } },
  { name: 'mac-helper', default: true, only: { localOS: 'darwin' } },
]);

describe('component selection', () => {
  test('without a request: the required and default components, in package order', () => {
    expect(names(selectComponents(PACKAGE, linux))).toEqual(['base', 'web']);
    expect(names(selectComponents(PACKAGE, linux, []))).toEqual(['base', 'web']);
  });

  test('a named optional component joins the defaults; required ones always deploy', () => {
    expect(names(selectComponents(PACKAGE, linux, ['extra']))).toEqual(['base', 'web', 'extra']);
  });

  test('-name deselects a default component, and never a required one', () => {
    expect(names(selectComponents(PACKAGE, linux, ['-web']))).toEqual(['base']);
    expect(names(selectComponents(PACKAGE, linux, ['-web', 'extra']))).toEqual(['base', 'extra']);
    expect(names(selectComponents(PACKAGE, linux, ['-base']))).toEqual(['base', 'web']);
  });

  test('globs as Go\'s path.Match reads them; an exclusion wins over an inclusion', () => {
    expect(names(selectComponents(PACKAGE, linux, ['extra*']))).toEqual(['base', 'web', 'extra', 'extra-tools']);
    expect(names(selectComponents(PACKAGE, linux, ['extra*', '-extra-t?ols']))).toEqual(['base', 'web', 'extra']);
    expect(names(selectComponents(PACKAGE, linux, ['[e]xtra']))).toEqual(['base', 'web', 'extra']);
  });

  test('only.cluster.architecture and only.localOS leave components out', () => {
    expect(names(forPlatform(PACKAGE, { os: 'linux', architecture: 'arm64' }))).toContain('arm-driver');
    expect(names(selectComponents(PACKAGE, { os: 'linux', architecture: 'arm64' }, ['arm-driver']))).toEqual(['base', 'web', 'arm-driver']);
    expect(names(selectComponents(PACKAGE, { os: 'darwin', architecture: 'amd64' }))).toEqual(['base', 'web', 'mac-helper']);
    expect(zarfOs('win32')).toBe('windows');
    expect(zarfOs('linux')).toBe('linux');
  });

  test('a request that matches no component names it, the choices, and what the only filters left out', () => {
    expect(() => selectComponents(PACKAGE, linux, ['extar'])).toThrow(SelectionError);
    expect(() => selectComponents(PACKAGE, linux, ['extar'])).toThrow(
      'zarf.components names "extar", which matches no component of the package for linux/amd64 (left out by their `only` filters: arm-driver, mac-helper). Choose from: base, web, extra, extra-tools.',
    );
    expect(() => selectComponents(PACKAGE, linux, ['arm-driver'])).toThrow(/names "arm-driver", which matches no component/);
  });

  test('a group deploys its default or the one named; two of one group is an error', () => {
    const grouped = pkg([
      { name: 'db-small', group: 'db', default: true },
      { name: 'db-large', group: 'db' },
      { name: 'cache-a', group: 'cache' },
      { name: 'cache-b', group: 'cache' },
    ]);
    expect(() => selectComponents(grouped, linux)).toThrow('the components cache-a, cache-b form a group without a default; name one of them in zarf.components.');
    expect(names(selectComponents(grouped, linux, ['cache-b']))).toEqual(['db-small', 'cache-b']);
    expect(names(selectComponents(grouped, linux, ['cache-a', 'db-large']))).toEqual(['db-large', 'cache-a']);
    expect(() => selectComponents(grouped, linux, ['cache-*'])).toThrow('zarf.components selects both cache-a and cache-b of group "cache", which deploys one; keep one of them.');
  });
});
