// Zarf layers rendered from packages the real `zarf package create` wrote (test/fixtures/zarf, built
// and cached by harness/zarf.ts): components, variables and constants, charts through the real helm,
// kustomizations built by Zarf, warnings, the digest; what Zarf writes read as Zarf's JSON Schema
// says; and every refusal (checksums, signature, components, variables, sources) as the diagnostic
// the cluster plan shows.
import { execFile, execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse, stringify } from 'yaml';
import * as tar from 'tar';
import { renderLayer, RenderError, type RenderTarget, type RenderedLayer } from '../../provider/render';
import { readPackageArchive } from '../../provider/render/zarf/archive';
import type { ZarfSource } from '../../provider/profile/model';
import { asDiagnostic } from '../../provider/resources/cluster';
import { DiagnosticError } from '../../provider/protocol/diagnostics';
import { createPki } from '../harness/certs';
import { startImageRegistry } from '../harness/image-registry';
import { ensureTools } from '../harness/tools';
import { signingKey, zarfPackage } from '../harness/zarf';

jest.setTimeout(600_000);

const KINDS: Record<string, boolean> = { 'v1/ConfigMap': true, 'v1/Secret': true, 'apps/v1/Deployment': true, 'v1/Namespace': false };
const target: RenderTarget = { kubeVersion: 'v1.35.4', apiVersions: ['v1', 'apps/v1'], isNamespaced: (apiVersion, kind) => KINDS[`${apiVersion}/${kind}`] };
const PASSWORD = { DB_PASSWORD: 'db-secret-42' };

const find = (layer: RenderedLayer, kind: string, name: string) => layer.objects.find((o) => o.kind === kind && o.metadata.name === name);
const refs = (layer: RenderedLayer) => layer.objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);

/** Zarf's module folder in the Go module cache (the tools build downloaded it). */
function zarfModule(): string {
  const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = join(cache, 'github.com', 'zarf-dev', 'zarf@v0.66.0');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run scripts/tools.sh zarf`);
  return dir;
}

describe('zarf layers', () => {
  let work: string;
  let helm: string;
  let app: string;
  let plain: string;
  const render = (zarf: ZarfSource) => renderLayer({ name: 'app', zarf }, target, { helmPath: helm, cacheDir: join(work, 'cache') });
  /** The diagnostic the cluster plan shows for a render that fails. */
  const diagnostic = async (zarf: ZarfSource) => {
    const error = await render(zarf).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(RenderError);
    const shown = asDiagnostic(error) as DiagnosticError;
    expect(shown).toBeInstanceOf(DiagnosticError);
    expect([shown.summary, shown.path]).toEqual(['Cannot render the profile', ['profile']]);
    return shown.detail;
  };

  /** A copy of the uncompressed package, changed by `change` in its unpacked folder. */
  const tampered = async (name: string, source: string, change: (dir: string) => Promise<void>) => {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    await tar.x({ file: source, cwd: dir });
    await change(dir);
    const file = join(work, `${name}.tar`);
    await tar.c({ file, cwd: dir }, execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).trim().split('\n'));
    return file;
  };

  beforeAll(async () => {
    ({ helm } = await ensureTools(['helm', 'zarf']));
    work = await mkdtemp(join(tmpdir(), 'strata-zarf-render-'));
    app = await zarfPackage('app');
    plain = await zarfPackage('app', { uncompressed: true });
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the default components: manifests with variables and constants, the chart through helm, the namespace', async () => {
    const layer = await render({ source: app, variables: PASSWORD });
    expect(refs(layer)).toEqual(['Namespace strata-zarf', 'ConfigMap strata-zarf/settings', 'Secret strata-zarf/db', 'Deployment strata-zarf/web']);
    expect(find(layer, 'ConfigMap', 'settings')!.data).toEqual({ greeting: 'hello', team: 'platform', motd: 'line one\nline two\n' });
    expect(find(layer, 'Secret', 'db')!.stringData).toEqual({ password: 'db-secret-42' });
    const web = find(layer, 'Deployment', 'web')!;
    expect(web.spec.replicas).toBe(1);
    expect(web.spec.template.metadata.annotations.message).toBe('hello');
    expect(layer.type).toBe('zarf');
  });

  test('the layer\'s values reach manifests, values files and chart variables', async () => {
    const layer = await render({ source: app, variables: { ...PASSWORD, greeting: 'hi there', REPLICAS: '3' } });
    expect(find(layer, 'ConfigMap', 'settings')!.data.greeting).toBe('hi there');
    const web = find(layer, 'Deployment', 'web')!;
    expect(web.spec.replicas).toBe(3);
    expect(web.spec.template.metadata.annotations.message).toBe('hi there');
  });

  test('another component set: a named optional component (a kustomization Zarf built), a default one deselected', async () => {
    const layer = await render({ source: app, components: ['extra', '-web'], variables: PASSWORD });
    expect(refs(layer)).toEqual(['Namespace strata-zarf', 'ConfigMap strata-zarf/settings', 'Secret strata-zarf/db', 'ConfigMap strata-zarf/extra']);
    expect(find(layer, 'ConfigMap', 'extra')!.metadata.labels).toEqual({ 'built-by': 'kustomize' });
    expect(find(layer, 'ConfigMap', 'extra')!.data.team).toBe('platform');
  });

  test('warnings name the actions not run', async () => {
    const layer = await render({ source: app, variables: PASSWORD });
    expect(layer.warnings?.map((w) => w.summary)).toEqual(['Zarf actions are not run']);
    expect(layer.warnings![0]!.detail).toBe('Strata does not run the onDeploy actions of Zarf package strata-app: base: Wait for the web deployment. Run what they do yourself where it matters.');
  });

  test('images: the warning lists those the selected components need; the reader hashes them and keeps none', async () => {
    const registry = await startImageRegistry('strata/tiny', '1.0.0');
    try {
      const file = await zarfPackage('images', { templates: { REGISTRY: registry.host } });
      const image = `${registry.host}/strata/tiny:1.0.0`;
      const archive = await readPackageArchive(file);
      expect([...archive.digests.keys()].filter((path) => path.startsWith('images/'))).toEqual(expect.arrayContaining(['images/index.json', 'images/oci-layout']));
      expect([...archive.files.keys()].some((path) => path.startsWith('images/'))).toBe(false);
      const layer = await render({ source: file });
      expect(refs(layer)).toEqual(['Namespace strata-images', 'ConfigMap strata-images/app']);
      expect(layer.warnings).toEqual([{
        summary: 'Zarf images are not pushed',
        detail: `The selected components of Zarf package strata-images need these images, which Strata does not push to a registry and whose references it does not rewrite: ${image}. ` +
          'Make them pullable by the cluster first (for example `zarf package mirror-resources` into your registry, with the cluster pulling from it); see docs/zarf.md.',
      }]);
    } finally {
      await registry.stop();
    }
  });

  test('an uncompressed .tar package renders the same objects; the digest covers the package', async () => {
    const [zst, tarred] = await Promise.all([render({ source: app, variables: PASSWORD }), render({ source: plain, variables: PASSWORD })]);
    expect(tarred.objects).toEqual(zst.objects);
    expect(tarred.sourceDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Same objects, another package (its zarf.yaml differs): another layer digest.
    expect(tarred.digest).not.toBe(zst.digest);
  });

  test('what Zarf writes: the package layout, and zarf.yaml valid against Zarf\'s own JSON Schema with every field the reader uses', async () => {
    const archive = await readPackageArchive(app);
    expect([...archive.digests.keys()].sort()).toEqual(['checksums.txt', 'components/base.tar', 'components/extra.tar', 'components/web.tar', 'zarf.yaml']);
    const schema = JSON.parse(readFileSync(join(zarfModule(), 'zarf.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const written = parse(archive.files.get('zarf.yaml')!.toString('utf8'));
    expect(validate(written) ? [] : validate.errors).toEqual([]);
    expect(written.metadata.aggregateChecksum).toMatch(/^[0-9a-f]{64}$/);
    const used: Record<string, string[]> = {
      ZarfMetadata: ['name', 'version', 'architecture', 'aggregateChecksum'],
      ZarfBuildData: ['architecture', 'version', 'signed'],
      ZarfComponent: ['name', 'description', 'default', 'required', 'only', 'group', 'manifests', 'charts', 'images', 'repos', 'files', 'dataInjections', 'actions', 'scripts'],
      ZarfComponentOnlyTarget: ['localOS', 'cluster', 'flavor'],
      ZarfComponentOnlyCluster: ['architecture', 'distros'],
      ZarfManifest: ['name', 'namespace', 'files', 'kustomizations', 'template'],
      ZarfChart: ['name', 'version', 'namespace', 'releaseName', 'valuesFiles', 'variables', 'values'],
      ZarfChartVariable: ['name', 'path'],
      ZarfChartValue: ['sourcePath', 'targetPath'],
      InteractiveVariable: ['name', 'description', 'default', 'prompt', 'sensitive', 'autoIndent', 'pattern', 'type'],
      Constant: ['name', 'value', 'autoIndent', 'pattern'],
      ZarfComponentActions: ['onDeploy', 'onCreate', 'onRemove'],
      ZarfComponentActionSet: ['before', 'after', 'onSuccess', 'onFailure'],
      ZarfComponentAction: ['cmd', 'description'],
      DeprecatedZarfComponentScripts: ['before', 'after'],
      ZarfFile: ['source', 'target'],
    };
    const missing = Object.entries(used).flatMap(([def, fields]) => fields.filter((f) => !schema.$defs[def]?.properties?.[f]).map((f) => `${def}.${f}`));
    expect(missing).toEqual([]);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['kind', 'metadata', 'build', 'components', 'constants', 'variables']));
  });

  test('a component file changed after the build fails its checksum', async () => {
    const file = await tampered('changed-component', plain, async (dir) => {
      await appendFile(join(dir, 'components', 'web.tar'), Buffer.alloc(1024));
    });
    expect(await diagnostic({ source: file, variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*changed-component\.tar: components\/web\.tar does not match its checksum in checksums\.txt \(expected [0-9a-f]{64}, got [0-9a-f]{64}\): the package was changed after it was built\. Use the package as `zarf package create` wrote it, or build it again\.$/,
    );
  });

  test('a changed checksums.txt fails the aggregate checksum; a file it does not list fails too', async () => {
    const listing = await tampered('changed-listing', plain, async (dir) => {
      await appendFile(join(dir, 'checksums.txt'), '\n');
    });
    expect(await diagnostic({ source: listing, variables: PASSWORD })).toContain('checksums.txt does not match metadata.aggregateChecksum of zarf.yaml');
    const extra = await tampered('extra-file', plain, async (dir) => {
      await writeFile(join(dir, 'components', 'evil.tar'), 'x');
    });
    expect(await diagnostic({ source: extra, variables: PASSWORD })).toContain('the package contains files that checksums.txt does not list (components/evil.tar)');
  });

  test('a chart name or version that is not a file name is refused before anything is written', async () => {
    const renamed = (name: string, version: string) => tampered(`chart-${name.replace(/\W/g, '_')}`, plain, async (dir) => {
      const yaml = parse(await readFile(join(dir, 'zarf.yaml'), 'utf8'));
      const chart = yaml.components.find((c: { name: string }) => c.name === 'web').charts[0];
      Object.assign(chart, { name, version });
      await writeFile(join(dir, 'zarf.yaml'), stringify(yaml));
    });
    expect(await diagnostic({ source: await renamed('../../charts/x', '0.1.0'), variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*: chart "\.\.\/\.\.\/charts\/x" of component web has the name "\.\.\/\.\.\/charts\/x", which is not a file name \(letters, digits, "\.", "_" and "-" only, without "\.\."\)\. Fix the chart in the package, or deselect the component in zarf\.components\.$/,
    );
    expect(await diagnostic({ source: await renamed('web', '..'), variables: PASSWORD })).toContain('chart "web" of component web has the version "..", which is not a file name');
  });

  /** A copy of the uncompressed package changed by `change`, with checksums.txt and the aggregate checksum made to match again. */
  const rebuilt = (name: string, change: (dir: string, yaml: Record<string, any>) => Promise<void>) => tampered(name, plain, async (dir) => {
    const yaml = parse(await readFile(join(dir, 'zarf.yaml'), 'utf8'));
    await change(dir, yaml);
    const listed = (await readFile(join(dir, 'checksums.txt'), 'utf8')).split('\n').filter((line) => line !== '').map((line) => line.split(' ')[1]!);
    const checksums = (await Promise.all(listed.map(async (path) => `${createHash('sha256').update(await readFile(join(dir, path))).digest('hex')} ${path}`))).join('\n') + '\n';
    await writeFile(join(dir, 'checksums.txt'), checksums);
    yaml.metadata.aggregateChecksum = createHash('sha256').update(checksums).digest('hex');
    await writeFile(join(dir, 'zarf.yaml'), stringify(yaml));
  });

  test('a pattern that is no regular expression, and a component tarball that is no tarball, name the layer and the package', async () => {
    const pattern = await rebuilt('bad-pattern', async (_dir, yaml) => {
      yaml.variables.find((v: { name: string }) => v.name === 'DB_PASSWORD').pattern = '(';
    });
    expect(await diagnostic({ source: pattern, variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*bad-pattern\.tar: the package variable DB_PASSWORD has the pattern \(, which is not a regular expression \(Invalid regular expression: .*\)\. Fix the pattern in the package\.$/,
    );
    expect(await diagnostic({ source: plain, components: ['[z-a]'], variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*: the component pattern "\[z-a\]" is not a valid pattern \(Invalid regular expression: .*\); fix it in zarf\.components\.$/,
    );
    const garbage = await rebuilt('bad-component', async (dir) => {
      await writeFile(join(dir, 'components', 'web.tar'), Buffer.alloc(1024, 'x'));
    });
    expect(await diagnostic({ source: garbage, variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*bad-component\.tar: .+\. Check that the package is one `zarf package create` wrote, and build it again\.$/,
    );
  });

  describe('signed packages', () => {
    let signed: string;
    let pub: string;
    beforeAll(async () => {
      signed = await zarfPackage('app', { sign: true, uncompressed: true });
      pub = await readFile((await signingKey()).pub, 'utf8');
    });

    test('verify with the signer\'s public key', async () => {
      const layer = await render({ source: signed, public_key: pub, variables: PASSWORD });
      expect(refs(layer)).toContain('Deployment strata-zarf/web');
    });

    test('a signed package without public_key is refused, as zarf package deploy refuses it', async () => {
      expect(await diagnostic({ source: signed, variables: PASSWORD })).toContain('the package is signed, and the layer has no public_key to verify the signature with');
    });

    test('another key, or a zarf.yaml changed after signing, fails the signature', async () => {
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const mismatch = 'the signature zarf.yaml.sig does not match zarf.yaml with public_key: the package was changed after it was signed, or signed with another key.';
      expect(await diagnostic({ source: signed, public_key: other, variables: PASSWORD })).toContain(mismatch);
      const file = await tampered('changed-signed', signed, async (dir) => {
        const yaml = await readFile(join(dir, 'zarf.yaml'), 'utf8');
        await writeFile(join(dir, 'zarf.yaml'), yaml.replace('default: hello', 'default: hijacked'));
      });
      expect(await diagnostic({ source: file, public_key: pub, variables: PASSWORD })).toContain(mismatch);
    });

    test('a public key on an unsigned package, or one that is no key, is an error', async () => {
      expect(await diagnostic({ source: app, public_key: pub, variables: PASSWORD })).toContain('public_key is set but the package is not signed');
      expect(await diagnostic({ source: signed, public_key: 'not a key', variables: PASSWORD })).toContain('public_key is not a PEM public key');
    });
  });

  test('a component the package does not have, and a missing required variable, name the layer and what to set', async () => {
    expect(await diagnostic({ source: app, components: ['extar'], variables: PASSWORD })).toMatch(
      /^layer "app": Zarf package .*: zarf\.components names "extar", which matches no component of the package\. Choose from: base, web, extra\.$/,
    );
    expect(await diagnostic({ source: app })).toMatch(
      /^layer "app": Zarf package .*: the package variable DB_PASSWORD is required \(it prompts in `zarf package deploy`\): Password of the app's database\. Set it in zarf\.variables/,
    );
  });

  test('https: concurrent renders of one URL share one download; a download that fails verification is not kept', async () => {
    const pki = await createPki();
    const good = await readFile(plain);
    const corrupt = Buffer.from(good);
    corrupt[Math.floor(corrupt.length / 2)]! ^= 0xff;
    const requests: string[] = [];
    let version = '"v1"';
    let corruptNext = false;
    const server: Server = createHttpsServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
      const tag = req.headers['if-none-match'];
      requests.push(tag ?? '-');
      if (tag === version) return void res.writeHead(304).end();
      // A corrupt body under the version's ETag: the corruption happened on the way, not at the server.
      const body = corruptNext ? corrupt : good;
      corruptNext = false;
      res.writeHead(200, { etag: version });
      // Half now, half later: a second render starts while the first is downloading.
      res.write(body.subarray(0, body.length / 2));
      setTimeout(() => res.end(body.subarray(body.length / 2)), 300);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}/pkg.tar`;
      await writeFile(join(work, 'ca.pem'), pki.caCertPem);
      const dist = join(__dirname, '..', '..', 'provider', 'render');
      // Node reads NODE_EXTRA_CA_CERTS at start: a process of its own.
      const run = (script: string) => new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script, url, join(work, 'cache-shared'), helm, JSON.stringify(PASSWORD)], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(work, 'ca.pem') } }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
      const output = await run(`const { packageFile } = require(${JSON.stringify(join(dist, 'zarf', 'source.js'))});
        const [url, cacheDir] = process.argv.slice(1);
        Promise.all([packageFile(url, { cacheDir }), packageFile(url, { cacheDir })]).then((files) => console.log(JSON.stringify(files)));`);
      const [first, second] = JSON.parse(output) as string[];
      expect(second).toBe(first);
      expect((await readFile(first!)).equals(good)).toBe(true);
      expect(requests).toEqual(['-']);
      requests.length = 0;
      version = '"v2"';
      corruptNext = true;
      const renders = await run(`const { renderLayer } = require(${JSON.stringify(join(dist, 'index.js'))});
        const [url, cacheDir, helmPath, variables] = process.argv.slice(1);
        const target = { kubeVersion: 'v1.35.4', apiVersions: ['v1', 'apps/v1'], isNamespaced: (apiVersion, kind) => kind !== 'Namespace' };
        const render = () => renderLayer({ name: 'app', zarf: { source: url, variables: JSON.parse(variables) } }, target, { helmPath, cacheDir }).then((layer) => layer.objects.length, (err) => err.message);
        (async () => console.log(JSON.stringify([await render(), await render()])))();`);
      const [broken, fixed] = JSON.parse(renders) as [string, number];
      expect(broken).toMatch(/^layer "app": Zarf package https:\/\/127\.0\.0\.1:\d+\/pkg\.tar: /);
      expect(fixed).toBe(4);
      // The corrupt download was dropped with its ETag: the second render asked for the whole package again.
      expect(requests).toEqual(['"v1"', '-']);
    } finally {
      server.close();
    }
  });

  test('sources: a missing file, oci:// (not yet) and https:// (downloaded, revalidated with its ETag)', async () => {
    expect(await diagnostic({ source: join(work, 'nope.tar.zst') })).toContain('the package file');
    expect(await diagnostic({ source: 'oci://ghcr.io/example/pkg:1.0.0' })).toContain('oci:// Zarf packages are not supported by this Strata version yet');
    expect(await diagnostic({ source: 'http://127.0.0.1:1/pkg.tar.zst' })).toContain('http:// is not a supported package source');
    // https: a server whose CA only NODE_EXTRA_CA_CERTS names, which Node reads at start, so a
    // process of its own downloads twice into one cache folder.
    const pki = await createPki();
    const requests: string[] = [];
    const server: Server = createHttpsServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
      requests.push(`${req.method} ${req.url} ${req.headers['if-none-match'] ?? '-'}`);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"' });
      createReadStream(app).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}/pkg.tar.zst`;
      await writeFile(join(work, 'ca.pem'), pki.caCertPem);
      const script = `const { packageFile } = require(${JSON.stringify(join(__dirname, '..', '..', 'provider', 'render', 'zarf', 'source.js'))});
        (async () => { const a = await packageFile(process.argv[1], { cacheDir: process.argv[2] }); const b = await packageFile(process.argv[1], { cacheDir: process.argv[2] }); console.log(JSON.stringify([a, b])); })();`;
      const output = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script, url, join(work, 'cache')], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(work, 'ca.pem') } }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
      const [first, second] = JSON.parse(output) as string[];
      expect(second).toBe(first);
      expect((await readFile(first!)).equals(await readFile(app))).toBe(true);
      expect(requests).toEqual(['GET /pkg.tar.zst -', 'GET /pkg.tar.zst "v1"']);
      expect(refs(await render({ source: first!, variables: PASSWORD }))).toContain('Deployment strata-zarf/web');
    } finally {
      server.close();
    }
  });
});
