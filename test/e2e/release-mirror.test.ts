// The release (scripts/release.mjs) as users consume it: its folder served by an HTTPS server as a
// provider network mirror, the server's CA given to tofu through SSL_CERT_FILE (docs/install.md),
// and the real `tofu init` installing Strata from it, verifying the checksums, and writing a lock
// file with the hashes of all six platforms.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serveFolderHttps, type StaticHttpsServer } from '../harness/static-https';
import { TofuWorkspace } from '../harness/tofu';
import { ensureTools } from '../harness/tools';

jest.setTimeout(900_000);

const root = join(__dirname, '..', '..', '..');
const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const TARGETS = ['darwin_amd64', 'darwin_arm64', 'linux_amd64', 'linux_arm64', 'windows_amd64', 'windows_arm64'];
const zipName = (target: string) => `terraform-provider-strata_${version}_${target}.zip`;
const host = `${process.platform === 'win32' ? 'windows' : process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const indexDir = 'registry.opentofu.org/strata/strata';

const MAIN_TF = `terraform {
  required_providers {
    strata = {
      source  = "strata/strata"
      version = "${version}"
    }
  }
}
`;

function networkMirrorConfig(url: string, trustAllHashes: boolean): string {
  return `provider_installation {
  network_mirror {
    url = ${JSON.stringify(url)}${trustAllHashes ? '\n    trust_all_hashes = true' : ''}
  }
}
`;
}

/** The hashes of strata/strata in a lock file, by scheme. */
function lockedHashes(ws: TofuWorkspace): { h1: string[]; zh: string[] } {
  const lock = readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8');
  const block = /provider "registry\.opentofu\.org\/strata\/strata" \{([\s\S]*?)\n\}/.exec(lock);
  if (!block) throw new Error(`no strata/strata in the lock file:\n${lock}`);
  const hashes = [...block[1]!.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((m) => m[1]!);
  return { h1: hashes.filter((h) => h.startsWith('h1:')).sort(), zh: hashes.filter((h) => h.startsWith('zh:')).sort() };
}

// tofu wraps its diagnostics at about 78 columns.
const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the release as a network mirror', () => {
  let release: string;
  let caFile: string;
  let server: StaticHttpsServer;
  let sums: Map<string, string>;
  let versionIndex: { archives: Record<string, { url: string; hashes: string[] }> };

  beforeAll(async () => {
    await ensureTools(['tofu']);
    const work = mkdtempSync(join(tmpdir(), 'strata-release-'));
    release = join(work, 'release');
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'scripts', 'release.mjs'), '--out', release], { cwd: root, maxBuffer: 1 << 20 });
    expect(stdout.trim().split('\n').pop()).toBe(release);
    sums = new Map(readFileSync(join(release, `terraform-provider-strata_${version}_SHA256SUMS`), 'utf8').trim().split('\n').map((line) => {
      const [hash, file] = line.split('  ');
      return [file!, hash!];
    }));
    versionIndex = JSON.parse(readFileSync(join(release, indexDir, `${version}.json`), 'utf8'));
    server = await serveFolderHttps(release);
    caFile = join(work, 'mirror-ca.pem');
    writeFileSync(caFile, server.caCertPem);
  });

  afterAll(async () => {
    await server?.stop();
    if (release) rmSync(join(release, '..'), { recursive: true, force: true });
  });

  test('six archives named as the registry protocol expects, their SHA256SUMS and the registry manifest', () => {
    const manifest = `terraform-provider-strata_${version}_manifest.json`;
    expect(readdirSync(release).filter((name) => name !== 'registry.opentofu.org').sort()).toEqual(
      [...TARGETS.map(zipName), `terraform-provider-strata_${version}_SHA256SUMS`, manifest].sort(),
    );
    expect([...sums.keys()].sort()).toEqual([...TARGETS.map(zipName), manifest].sort());
    for (const [file, hash] of sums) expect(sha256(readFileSync(join(release, file)))).toBe(hash);
    expect(JSON.parse(readFileSync(join(release, manifest), 'utf8'))).toEqual({ version: 1, metadata: { protocol_versions: ['6.0'] } });
    expect(JSON.parse(readFileSync(join(release, indexDir, 'index.json'), 'utf8'))).toEqual({ versions: { [version]: {} } });
    expect(Object.keys(versionIndex.archives).sort()).toEqual(TARGETS);
    for (const target of TARGETS) {
      const { url, hashes } = versionIndex.archives[target]!;
      expect(new URL(url, `https://mirror.example/${indexDir}/${version}.json`).pathname).toBe(`/${zipName(target)}`);
      expect(hashes).toContain(`zh:${sums.get(zipName(target))}`);
    }
  });

  test('tofu init installs Strata from it over HTTPS, and with trust_all_hashes locks the hashes of all six platforms', async () => {
    const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
    ws.write('.tofurc', networkMirrorConfig(server.url, true));
    const env = { SSL_CERT_FILE: caFile };
    const init = await ws.expect(['init', '-input=false'], 0, { env });
    expect(init.stdout).toContain(`- Installed strata/strata v${version}`);
    expect(server.requests).toEqual(expect.arrayContaining([`/${indexDir}/index.json`, `/${indexDir}/${version}.json`, `/${zipName(host)}`]));

    // zh: for every platform, as SHA256SUMS lists them. tofu computed this platform's h1 itself from
    // what it unpacked: the six h1 are exactly the mirror's only if that one equals ours.
    const locked = lockedHashes(ws);
    expect(locked.zh).toEqual(TARGETS.map((target) => `zh:${sums.get(zipName(target))}`).sort());
    expect(locked.h1).toEqual(TARGETS.map((target) => versionIndex.archives[target]!.hashes.find((h) => h.startsWith('h1:'))!).sort());

    // Unpacked with its executables' modes, and it runs.
    const installed = join(ws.dir, '.terraform', 'providers', indexDir, version, host);
    for (const exe of [`terraform-provider-strata_v${version}`, 'strata-helm']) expect(statSync(join(installed, exe)).mode & 0o111).toBe(0o111);
    const schema = await ws.expect(['providers', 'schema', '-json'], 0, { env });
    expect(Object.keys(JSON.parse(schema.stdout).provider_schemas)).toEqual([indexDir]);
  });

  test('without trust_all_hashes, tofu init locks this platform and tofu providers lock all six, each h1 computed by tofu', async () => {
    const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
    ws.write('.tofurc', networkMirrorConfig(server.url, false));
    const env = { SSL_CERT_FILE: caFile };
    const init = await ws.expect(['init', '-input=false'], 0, { env });
    expect(init.stdout).toContain(`- Installed strata/strata v${version} (verified checksum)`);
    const own = versionIndex.archives[host]!.hashes;
    expect(lockedHashes(ws)).toEqual({ h1: own.filter((h) => h.startsWith('h1:')), zh: own.filter((h) => h.startsWith('zh:')) });

    await ws.expect(['providers', 'lock', `-net-mirror=${server.url}`, ...TARGETS.map((target) => `-platform=${target}`)], 0, { env });
    const locked = lockedHashes(ws);
    expect(locked.zh).toEqual(TARGETS.map((target) => `zh:${sums.get(zipName(target))}`).sort());
    expect(locked.h1).toEqual(TARGETS.map((target) => versionIndex.archives[target]!.hashes.find((h) => h.startsWith('h1:'))!).sort());
  });

  test('from the archives as a packed filesystem mirror, tofu init locks the same h1 as the network mirror lists', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'strata-packed-'));
    try {
      mkdirSync(join(mirror, indexDir), { recursive: true });
      copyFileSync(join(release, zipName(host)), join(mirror, indexDir, zipName(host)));
      const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
      ws.write('.tofurc', `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
      await ws.expect(['init', '-input=false']);
      expect(lockedHashes(ws)).toEqual({ h1: versionIndex.archives[host]!.hashes.filter((h) => h.startsWith('h1:')), zh: [] });
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  });

  test('a second release, in another time zone, has the same bytes', async () => {
    const again = mkdtempSync(join(tmpdir(), 'strata-release-again-'));
    try {
      await promisify(execFile)(process.execPath, [join(root, 'scripts', 'release.mjs'), '--out', again], { cwd: root, env: { ...process.env, TZ: 'Pacific/Chatham' } });
      const list = (dir: string) => readFileSync(join(dir, `terraform-provider-strata_${version}_SHA256SUMS`), 'utf8');
      expect(list(again)).toBe(list(release));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  describe('checksum failures', () => {
    afterEach(() => server.replace.clear());

    test('an archive that is not the one the index lists fails tofu init with a checksum error', async () => {
      const other = TARGETS.find((target) => target !== host)!;
      server.replace.set(zipName(host), readFileSync(join(release, zipName(other))));
      const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
      ws.write('.tofurc', networkMirrorConfig(server.url, false));
      const init = await ws.expect(['init', '-input=false'], 1, { env: { SSL_CERT_FILE: caFile } });
      expect(oneLine(init.stderr)).toContain('Error: Failed to install provider');
      expect(oneLine(init.stderr)).toContain("doesn't match the any of the expected checksums");
      expect(existsSync(join(ws.dir, '.terraform', 'providers', indexDir, version, host))).toBe(false);
    });

    test('an index that lists a wrong hash fails tofu init with a checksum error', async () => {
      const other = TARGETS.find((target) => target !== host)!;
      const wrong = `zh:${sums.get(zipName(other))}`;
      const tampered = structuredClone(versionIndex);
      tampered.archives[host]!.hashes = [wrong];
      server.replace.set(`${indexDir}/${version}.json`, Buffer.from(JSON.stringify(tampered)));
      const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
      ws.write('.tofurc', networkMirrorConfig(server.url, false));
      const init = await ws.expect(['init', '-input=false'], 1, { env: { SSL_CERT_FILE: caFile } });
      expect(oneLine(init.stderr)).toContain('Error: Failed to install provider');
      expect(oneLine(init.stderr)).toContain(`doesn't match the expected checksum "${wrong}"`);
      expect(existsSync(join(ws.dir, '.terraform', 'providers', indexDir, version, host))).toBe(false);
    });

    test('without its CA, tofu refuses the mirror', async () => {
      const ws = await TofuWorkspace.create({ files: { 'main.tf': MAIN_TF } });
      ws.write('.tofurc', networkMirrorConfig(server.url, false));
      const init = await ws.expect(['init', '-input=false'], 1);
      expect(oneLine(init.stderr)).toContain('certificate signed by unknown authority');
    });
  });
});
