// Builds a release of the provider for the six platforms, named and checksummed as the provider
// registry protocol expects, in a folder that is also a provider network mirror:
//
//   <out>/terraform-provider-strata_<version>_<os>_<arch>.zip     one per platform
//   <out>/terraform-provider-strata_<version>_manifest.json       the registry's metadata (protocol 6)
//   <out>/terraform-provider-strata_<version>_SHA256SUMS          sha256 of each file above
//   <out>/<host>/strata/strata/index.json                         network mirror: the versions
//   <out>/<host>/strata/strata/<version>.json                     network mirror: each platform's
//                                                                 archive (relative url) and hashes
//
// Upload <out> whole to any static HTTPS server and its URL is a `network_mirror` url (docs/install.md).
// Each archive holds a platform folder of scripts/package.mjs (which builds, or finds cached, the
// go-shim and the Helm renderer). The archives are deterministic for the same inputs: entries
// sorted, one fixed timestamp, modes kept (executables 0755, the rest 0644). The hashes are
// computed here: `zh:` is the sha256 of the archive, `h1:` OpenTofu's hash of its contents (the
// Go module "dirhash" Hash1: sha256 of the sorted lines "<sha256 hex>  <name>").
//
//   node scripts/release.mjs [--out DIR] [--host HOSTNAME]... [--bundle FILE]
//
//   --out DIR        release folder (default <repo>/dist/release). A version already released
//                    there stays listed in index.json, so one folder can serve several versions.
//   --host HOSTNAME  also lay out the mirror indices under HOSTNAME (e.g. registry.terraform.io
//                    for Terraform); repeatable; registry.opentofu.org always
//   --bundle FILE    provider bundle (default dist/bundle/strata-provider.js, from scripts/build.mjs)
//
// Progress goes to stderr; the last line on stdout is the release folder (absolute).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (what) => process.stderr.write(`[strata release] ${what}\n`);
const die = (what) => {
  say(`error: ${what}`);
  process.exit(1);
};

const NAMESPACE = 'strata';
const TYPE = 'strata';
const NAME = `terraform-provider-${TYPE}`;
// The plugin protocol major version the provider speaks (tfplugin6).
const PROTOCOL_VERSIONS = ['6.0'];
// Local-time components with DOS-only timestamps: the same bytes in every time zone.
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      out: { type: 'string', default: join(repo, 'dist/release') },
      host: { type: 'string', multiple: true, default: [] },
      bundle: { type: 'string', default: join(repo, 'dist/bundle/strata-provider.js') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  die(`${err.message} (usage: node scripts/release.mjs [--out DIR] [--host HOSTNAME]... [--bundle FILE])`);
}
if (opts.help) {
  process.stderr.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, '') + '\n');
  process.exit(0);
}

for (const host of opts.host) if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) die(`--host ${JSON.stringify(host)} is not a hostname`);

const out = resolve(opts.out);
mkdirSync(out, { recursive: true });
// package.mjs lays out (and checks) the six platform folders; they are staged inside the release
// folder (same file system) and removed afterwards, also on failure.
const stage = mkdtempSync(join(out, '.stage-'));
try {
  await release(stage);
} catch (err) {
  say(`error: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (!process.exitCode) process.stdout.write(`${out}\n`);

async function release(stage) {
  const started = Date.now();
  try {
    execFileSync(process.execPath, [join(repo, 'scripts/package.mjs'), '--all', '--out', stage, '--bundle', resolve(opts.bundle)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch (err) {
    throw new Error(`scripts/package.mjs failed (exit ${err.status ?? err.signal}); see its message above`);
  }
  const [defaultHost, ...others] = readdirSync(stage);
  if (!defaultHost || others.length) throw new Error(`expected one host folder in ${stage}, found ${readdirSync(stage).join(', ')}`);
  const hosts = [...new Set([defaultHost, ...opts.host])];
  const providerDir = join(stage, defaultHost, NAMESPACE, TYPE);
  const [version, ...moreVersions] = readdirSync(providerDir);
  if (!version || moreVersions.length) throw new Error(`expected one version folder in ${providerDir}`);
  const targets = readdirSync(join(providerDir, version)).sort();

  const archives = {};
  for (const target of targets) {
    const file = `${NAME}_${version}_${target}.zip`;
    const zipStarted = Date.now();
    const { zh, h1, size } = await zipPackage(join(providerDir, version, target), join(out, file));
    archives[target] = { file, zh, h1 };
    say(`  ${file}: ${(size / 1024 / 1024).toFixed(1)} MiB in ${((Date.now() - zipStarted) / 1000).toFixed(1)}s, zh:${zh}`);
  }

  const manifest = `${NAME}_${version}_manifest.json`;
  writeFileSync(join(out, manifest), `${JSON.stringify({ version: 1, metadata: { protocol_versions: PROTOCOL_VERSIONS } }, null, 2)}\n`);
  const sums = [...Object.values(archives).map(({ file, zh }) => [zh, file]), [sha256(readFileSync(join(out, manifest))), manifest]]
    .sort(([, a], [, b]) => (a < b ? -1 : 1))
    .map(([hash, file]) => `${hash}  ${file}\n`)
    .join('');
  writeFileSync(join(out, `${NAME}_${version}_SHA256SUMS`), sums);

  // The indices sit three folders below the archives; `url` is relative to the index's own URL.
  const versionIndex = {
    archives: Object.fromEntries(Object.entries(archives).map(([target, { file, zh, h1 }]) => [target, { url: `../../../${file}`, hashes: [h1, `zh:${zh}`] }])),
  };
  for (const host of hosts) {
    const dir = join(out, host, NAMESPACE, TYPE);
    mkdirSync(dir, { recursive: true });
    const indexFile = join(dir, 'index.json');
    const versions = existsSync(indexFile) ? Object.keys(JSON.parse(readFileSync(indexFile, 'utf8')).versions ?? {}) : [];
    const listed = [...new Set([...versions, version])].sort();
    writeFileSync(indexFile, `${JSON.stringify({ versions: Object.fromEntries(listed.map((v) => [v, {}])) }, null, 2)}\n`);
    writeFileSync(join(dir, `${version}.json`), `${JSON.stringify(versionIndex, null, 2)}\n`);
    say(`  ${host}/${NAMESPACE}/${TYPE}/index.json, ${version}.json`);
  }
  say(`release ${version} ready in ${out} (${Math.round((Date.now() - started) / 1000)}s)`);
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

// Zips the files of a package folder (names relative, with "/"), returning the archive's sha256,
// the h1 hash of its contents and its size.
async function zipPackage(dir, zipPath) {
  const files = [];
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const name = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) files.push(name);
      else throw new Error(`${join(dir, name)} is neither a file nor a folder`);
    }
  };
  walk('');
  // Hash1 sorts by Go string order (bytes); so does the default sort for these ASCII names.
  files.sort();

  const zip = new yazl.ZipFile();
  const lines = [];
  for (const name of files) {
    const path = join(dir, name);
    const mode = statSync(path).mode & 0o111 ? 0o100755 : 0o100644;
    zip.addFile(path, name, { mtime: ENTRY_TIME, forceDosTimestamp: true, mode });
    lines.push(`${sha256(readFileSync(path))}  ${name}\n`);
  }
  const h1 = `h1:${createHash('sha256').update(lines.join('')).digest('base64')}`;
  await new Promise((done, fail) => {
    const sink = createWriteStream(zipPath);
    sink.on('close', done).on('error', fail);
    zip.on('error', fail);
    zip.outputStream.pipe(sink);
    zip.end();
  });
  return { zh: sha256(readFileSync(zipPath)), h1, size: statSync(zipPath).size };
}
