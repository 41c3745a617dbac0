// Packs without a cluster: registry index and pack.yaml parsing, semver resolution, values merged
// and checked, publishing (one folder, one digest), and pack layers rendered from a directory and
// an https registry, with the diagnostics of each error kind.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appliedDigestWithSources, RenderError, renderLayer, type RenderTarget } from '../../provider/render';
import { configurePackRegistries, pinPackVersions, resolveVersion } from '../../provider/render/pack';
import { parsePackIndex, parsePackMetadata } from '../../provider/render/pack/format';
import { publishPack } from '../../provider/render/pack/publish';
import { mergeValues, valuesProblems } from '../../provider/render/pack/values';
import { canonicalJson } from '../../provider/profile/canonical';
import { sha256 } from '../../provider/profile/digest';
import { DiagnosticError } from '../../provider/protocol/diagnostics';
import { asDiagnostic } from '../../provider/resources/cluster';
import { createPki } from '../harness/certs';
import { ensureTools } from '../harness/tools';

function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'tools.sh'))) return dir;
  }
  throw new Error(`no scripts/tools.sh above ${__dirname}`);
}
const fixtures = join(repoRoot(), 'test', 'fixtures', 'packs');
const target: RenderTarget = { kubeVersion: 'v1.35.4', apiVersions: ['v1', 'apps/v1'], isNamespaced: () => true };
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('pack registry index', () => {
  const index = (packs: unknown) => JSON.stringify({ apiVersion: 'strata.dev/v1alpha1', kind: 'PackIndex', packs });

  test('reads packs, versions, paths and digests', () => {
    const parsed = parsePackIndex(index({ web: { versions: { '1.0.0': { path: 'web/web-1.0.0.tgz', digest: DIGEST, type: 'helm', description: 'Web' } } } }));
    expect(parsed.packs.web!.versions['1.0.0']).toEqual({ path: 'web/web-1.0.0.tgz', digest: DIGEST, type: 'helm', description: 'Web' });
  });

  test.each([
    ['a digest that is not sha256', { web: { versions: { '1.0.0': { path: 'a.tgz', digest: 'md5:x', type: 'helm' } } } }, /\/packs\/web\/versions\/1\.0\.0\/digest must match pattern/],
    ['a path leaving the registry', { web: { versions: { '1.0.0': { path: '../etc/passwd', digest: DIGEST, type: 'helm' } } } }, /\/path must match pattern/],
    ['an escaped path leaving the registry', { web: { versions: { '1.0.0': { path: '%2e%2e/%2e%2e/etc/passwd', digest: DIGEST, type: 'helm' } } } }, /\/packs\/web\/versions\/1\.0\.0\/path must match pattern/],
    ['a path on another origin', { web: { versions: { '1.0.0': { path: 'https://evil.example/web.tgz', digest: DIGEST, type: 'helm' } } } }, /\/packs\/web\/versions\/1\.0\.0\/path must match pattern/],
    ['a path with backslashes', { web: { versions: { '1.0.0': { path: '..\\etc\\passwd', digest: DIGEST, type: 'helm' } } } }, /\/packs\/web\/versions\/1\.0\.0\/path must match pattern/],
    ['an unknown type', { web: { versions: { '1.0.0': { path: 'a.tgz', digest: DIGEST, type: 'zarf' } } } }, /\/type must be equal to one of the allowed values/],
    ['a version that is a range', { web: { versions: { '^1.0.0': { path: 'a.tgz', digest: DIGEST, type: 'helm' } } } }, /pack "web" lists version "\^1\.0\.0", which is not an exact semantic version/],
    ['a pack name that is not a DNS label', { Web_App: { versions: {} } }, /\/packs property name must be valid/],
  ])('refuses %s', (_what, packs, message) => {
    expect(() => parsePackIndex(index(packs))).toThrow(message);
  });

  test('refuses text that is not JSON, and another kind', () => {
    expect(() => parsePackIndex('{')).toThrow(/^index\.json is not valid JSON/);
    expect(() => parsePackIndex(JSON.stringify({ apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', packs: {} }))).toThrow(/\/kind must be equal to constant/);
  });

  test('pack.yaml: helm packs have values; manifest packs take none', () => {
    expect(parsePackMetadata('name: web\nversion: 1.0.0\ntype: helm\nvalues: { a: 1 }\n').values).toEqual({ a: 1 });
    expect(() => parsePackMetadata('name: web\nversion: "1.0"\ntype: helm\n')).toThrow(/\/version must match pattern/);
    expect(() => parsePackMetadata('name: web\nversion: 1.0.0\ntype: manifest\nvalues: { a: 1 }\n')).toThrow(/values, valuesSchema and namespace are for helm packs/);
  });
});

describe('pack version resolution', () => {
  const versions = ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0', '0.9.0', '2.1.0+build.7', 'v3.0.0', 'latest'];
  test.each([
    ['1.1.0', '1.1.0'],
    ['2.1.0+build.7', '2.1.0+build.7'],
    ['2.1.0', undefined],
    ['1.3.0', undefined],
    ['^1.0.0', '1.1.0'],
    ['~1.0', '1.0.0'],
    ['>=1.0.0, <2.0.0', '1.1.0'],
    ['>=1.2.0-rc.0 <2.0.0', '1.2.0-rc.1'],
    ['*', '2.1.0+build.7'],
    ['<2.1.0', '2.0.0'],
    ['^3', undefined],
  ])('%s picks %s', (wanted, picked) => {
    expect(resolveVersion(versions, wanted)).toBe(picked);
  });
});

describe('pack values', () => {
  test('merge maps key by key, replace lists and scalars, and remove keys set to null', () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] }, e: true })).toEqual({ a: { b: 1, c: [3] }, d: 'x', e: true });
    expect(mergeValues({ a: { b: 1, c: 2 }, d: 'x' }, { a: { b: null }, d: null })).toEqual({ a: { c: 2 } });
  });

  test('say which value breaks which rule', () => {
    const schema = { type: 'object', additionalProperties: false, properties: { replicas: { type: 'integer', maximum: 5 }, tier: { enum: ['web', 'api'] } } };
    expect(valuesProblems(schema, { replicas: 3 })).toEqual([]);
    expect(valuesProblems(schema, { replicas: 9, tier: 'db', extra: 1 })).toEqual([
      '(the values) must NOT have additional properties ("extra")',
      'replicas must be <= 5',
      'tier must be equal to one of the allowed values ("web", "api")',
    ]);
  });

  test('a schema with $id checks values again when read again (another render, another cluster)', () => {
    const schema = () => ({ $id: 'https://packs.example/greeter/values.json', type: 'object', properties: { replicas: { type: 'integer' } } });
    expect(valuesProblems(schema(), { replicas: 1 })).toEqual([]);
    expect(valuesProblems(schema(), { replicas: 'two' })).toEqual(['replicas must be integer']);
    expect(valuesProblems({ ...schema(), properties: { replicas: { type: 'string' } } }, { replicas: 'two' })).toEqual([]);
  });
});

describe('pack layers', () => {
  const previous = process.env.STRATA_CACHE_DIR;
  let work: string;
  let registry: string;
  let options: { helmPath: string; cacheDir: string };

  beforeAll(async () => {
    const helmPath = (await ensureTools(['helm'])).helm; // before the cache moves: the tools stay where they are
    work = await mkdtemp(join(tmpdir(), 'strata-packs-'));
    process.env.STRATA_CACHE_DIR = join(work, 'cache');
    options = { helmPath, cacheDir: join(work, 'cache', 'render') };
    registry = join(work, 'registry');
    for (const folder of ['base/1.0.0', 'greeter/1.0.0', 'greeter/1.1.0', 'greeter/2.0.0']) await publishPack(join(fixtures, folder), registry);
  }, 120_000);

  afterAll(async () => {
    if (previous === undefined) delete process.env.STRATA_CACHE_DIR;
    else process.env.STRATA_CACHE_DIR = previous;
    configurePackRegistries([]);
    await rm(work, { recursive: true, force: true });
  });

  const failure = async (layer: Parameters<typeof renderLayer>[0], cacheDir = options.cacheDir): Promise<RenderError> => {
    const error = await renderLayer(layer, target, { ...options, cacheDir }).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(RenderError);
    return error as RenderError;
  };

  test('publishing a folder again gives the same archive, and other content under a published version is refused', async () => {
    const index = JSON.parse(await readFile(join(registry, 'index.json'), 'utf8'));
    const again = await publishPack(join(fixtures, 'greeter/1.0.0'), registry);
    expect(again.digest).toBe(index.packs.greeter.versions['1.0.0'].digest);
    await expect(publishPack(join(fixtures, 'greeter/1.1.0'), join(work, 'other'))).resolves.toBeDefined();
    const forged = await mkdtemp(join(work, 'forged-'));
    await writeFile(join(forged, 'pack.yaml'), 'name: greeter\nversion: 1.0.0\ntype: manifest\n');
    await expect(publishPack(forged, registry)).rejects.toThrow(/greeter 1\.0\.0 is already published with other content/);
  });

  test('a manifest pack renders its manifests in file order', async () => {
    const layer = await renderLayer({ name: 'base', pack: { registry, name: 'base', version: '1.0.0' } }, target, options);
    expect(layer.type).toBe('pack');
    expect(layer.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/greeters', 'ConfigMap/settings']);
    expect(layer.pack).toMatchObject({ registry, name: 'base', version: '1.0.0', type: 'manifest' });
  });

  test('a helm pack resolves its range, merges the values over its defaults and renders its chart into its namespace', async () => {
    const layer = await renderLayer({ name: 'hello', pack: { registry, name: 'greeter', version: '^1.0.0', values: 'greeting: hi\n' } }, target, options);
    expect(layer.pack!.version).toBe('1.1.0');
    expect(layer.objects).toEqual([{
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeter', namespace: 'greeters' },
      data: { greeting: 'hi', replicas: '1', packVersion: '1.1.0' },
    }]);
  });

  test('the layer digest and the applied digest carry the resolved version; a profile without packs keeps its digest', async () => {
    const older = await renderLayer({ name: 'hello', pack: { registry, name: 'greeter', version: '~1.0.0' } }, target, options);
    const newer = await renderLayer({ name: 'hello', pack: { registry, name: 'greeter', version: '~1.1.0' } }, target, options);
    const again = await renderLayer({ name: 'hello', pack: { registry, name: 'greeter', version: '~1.1.0' } }, target, options);
    expect(older.digest).not.toBe(newer.digest);
    expect(again.digest).toBe(newer.digest);
    expect(appliedDigestWithSources(DIGEST, [older])).not.toBe(appliedDigestWithSources(DIGEST, [newer]));
    expect(appliedDigestWithSources(DIGEST, [newer])).toBe(appliedDigestWithSources(DIGEST, [again]));
    expect(appliedDigestWithSources(DIGEST, [{ name: 'plain' }])).toBe(DIGEST);
    // What clusters with pack layers recorded before Zarf sources joined the digest.
    expect(appliedDigestWithSources(DIGEST, [{ name: 'plain' }, newer])).toBe(sha256(canonicalJson({ content: DIGEST, packs: [{ layer: 'hello', ...newer.pack! }] })));
  });

  test('the applied digest carries each Zarf layer\'s package: another package at the same source is another digest', () => {
    const zarf = (sourceDigest: string) => ({ name: 'app', sourceDigest });
    const one = `sha256:${'1'.repeat(64)}`;
    const two = `sha256:${'2'.repeat(64)}`;
    expect(appliedDigestWithSources(DIGEST, [zarf(one)])).not.toBe(DIGEST);
    expect(appliedDigestWithSources(DIGEST, [zarf(one)])).not.toBe(appliedDigestWithSources(DIGEST, [zarf(two)]));
    expect(appliedDigestWithSources(DIGEST, [{ name: 'plain' }, zarf(one)])).toBe(appliedDigestWithSources(DIGEST, [zarf(one)]));
  });

  test('the definitions an override renders from pin each range to the version the cluster runs', async () => {
    const layers = [{ name: 'hello', pack: { registry, name: 'greeter', version: '^1.0.0', values: 'greeting: hi' } }, { name: 'plain', manifest: { content: '' } }];
    const rendered = [await renderLayer(layers[0]!, target, options), { name: 'plain' }];
    expect(pinPackVersions(layers, rendered)).toEqual([{ ...layers[0], pack: { ...layers[0]!.pack, version: '1.1.0' } }, layers[1]]);
  });

  test('an unknown pack names the layer and the packs the registry has', async () => {
    const error = await failure({ name: 'hello', pack: { registry, name: 'greeterz', version: '1.0.0' } });
    expect(error.summary).toBe('Unknown pack');
    expect(error.message).toBe(`layer "hello": pack registry ${registry} has no pack "greeterz" (it has "base", "greeter"). Fix pack.name, or publish the pack into the registry.`);
  });

  test('a range no version matches lists the versions there are', async () => {
    const error = await failure({ name: 'hello', pack: { registry, name: 'greeter', version: '^3.0.0' } });
    expect(error.summary).toBe('No pack version matches');
    expect(error.message).toBe(`layer "hello": no version of pack "greeter" in ${registry} matches "^3.0.0" (it has 2.0.0, 1.1.0, 1.0.0). Change pack.version, or publish a matching version.`);
  });

  test('values that fail the pack\'s schema say which and why', async () => {
    const error = await failure({ name: 'hello', pack: { registry, name: 'greeter', version: '1.0.0', values: 'replicas: 9\ncolour: red\n' } });
    expect(error.summary).toBe('Pack values do not match the pack\'s schema');
    expect(error.message).toBe('layer "hello": the values of pack "greeter" 1.0.0 (pack.values over the pack\'s defaults) do not match its schema: ' +
      '(the values) must NOT have additional properties ("colour"); replicas must be <= 5. Fix pack.values.');
  });

  test('values for a manifest pack are refused', async () => {
    const error = await failure({ name: 'base', pack: { registry, name: 'base', version: '1.0.0', values: 'a: 1' } });
    expect(error.summary).toBe('Pack values do not match the pack\'s schema');
    expect(error.message).toMatch(/is a manifest pack, which takes no values: remove pack\.values\.$/);
  });

  test('a registry that is not there is unreachable, a directory and an https server alike', async () => {
    const missing = join(work, 'nowhere');
    const error = await failure({ name: 'hello', pack: { registry: missing, name: 'greeter', version: '1.0.0' } });
    expect(error.summary).toBe('Pack registry unreachable');
    expect(error.message).toMatch(new RegExp(`^layer "hello": cannot read index\\.json of pack registry ${missing} \\(.*ENOENT\\)\\. Check the registry path`));
    const https = await failure({ name: 'hello', pack: { registry: 'https://127.0.0.1:9/packs', name: 'greeter', version: '1.0.0' } });
    expect(https.summary).toBe('Pack registry unreachable');
    expect(https.message).toMatch(/^layer "hello": cannot reach pack registry https:\/\/127\.0\.0\.1:9\/packs: https:\/\/127\.0\.0\.1:9: connect ECONNREFUSED/);
  });

  test('an archive changed after publishing is refused by its digest', async () => {
    const tampered = join(work, 'tampered');
    await publishPack(join(fixtures, 'base/1.0.0'), tampered);
    const archive = join(tampered, 'base', 'base-1.0.0.tgz');
    const bytes = await readFile(archive);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(archive, bytes);
    // A cache of its own: the cache holds what was checked once, by digest, and is not downloaded again.
    const error = await failure({ name: 'base', pack: { registry: tampered, name: 'base', version: '1.0.0' } }, join(work, 'cache', 'tampered'));
    expect(error.summary).toBe('Invalid pack');
    expect(error.message).toMatch(/the archive base\/base-1\.0\.0\.tgz of pack "base" in .* has digest sha256:[0-9a-f]{64}, but the registry lists sha256:[0-9a-f]{64}/);
  });

  test('an archive that is no tarball, with its digest right, names the layer and the pack', async () => {
    const junk = join(work, 'junk');
    const bytes = Buffer.from('not a gzipped tarball');
    await mkdir(join(junk, 'junk'), { recursive: true });
    await writeFile(join(junk, 'junk', 'junk-1.0.0.tgz'), bytes);
    await writeFile(join(junk, 'index.json'), JSON.stringify({
      apiVersion: 'strata.dev/v1alpha1', kind: 'PackIndex',
      packs: { junk: { versions: { '1.0.0': { path: 'junk/junk-1.0.0.tgz', digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, type: 'manifest' } } } },
    }));
    const error = await failure({ name: 'junk', pack: { registry: junk, name: 'junk', version: '1.0.0' } });
    const shown = asDiagnostic(error) as DiagnosticError;
    expect([shown.summary, shown.path]).toEqual(['Cannot render the profile', ['profile']]);
    expect(shown.detail).toMatch(new RegExp(`^layer "junk": pack "junk" from ${junk}: .+\\. Check the pack, and publish it again with \`npm run pack:publish\`\\.$`));
  });

  describe('over https', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      const pki = await createPki();
      server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
        if (req.headers.authorization !== `Basic ${Buffer.from('packs:s3cret').toString('base64')}`) return void res.writeHead(401).end();
        readFile(join(registry, decodeURIComponent(new URL(req.url!, 'https://x').pathname.replace(/^\/packs\//, ''))))
          .then((body) => res.writeHead(200).end(body), () => res.writeHead(404).end());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(server.address() as { port: number }).port}/packs`;
      configurePackRegistries([{ url, username: 'packs', password: 's3cret', ca_certificate: pki.caCertPem }]);
    });

    afterAll(async () => {
      configurePackRegistries([]);
      await new Promise((resolve) => server.close(resolve));
    });

    test('the directory layout served statically, with basic auth and a CA of its own', async () => {
      const layer = await renderLayer({ name: 'base', pack: { registry: url, name: 'base', version: '^1' } }, target, options);
      expect(layer.pack).toMatchObject({ registry: url, version: '1.0.0' });
      expect(layer.objects).toHaveLength(2);
    });

    test('without the credentials the registry says what it wants', async () => {
      configurePackRegistries([{ url, ca_certificate: (await createPki()).caCertPem }]);
      const untrusted = await failure({ name: 'base', pack: { registry: url, name: 'base', version: '1.0.0' } });
      expect(untrusted.summary).toBe('Pack registry unreachable');
      expect(untrusted.message).toMatch(/self-signed|unable to verify|certificate/);
    });
  });
});
