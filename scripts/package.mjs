// Lays the provider out as an OpenTofu/Terraform filesystem mirror ("unpacked" layout):
//
//   <out>/<host>/strata/strata/<version>/<os>_<arch>/terraform-provider-strata_v<version>[.exe]
//                                                   /strata-helm[.exe]
//                                                   /strata-provider.js[.map]
//                                                   /provider-core.js[.map] (and any other file beside the bundle)
//
// The executable is the go-shim (go-shim/), which execs Node on the bundle beside it; strata-helm
// is the Helm renderer (go-shim/helm/, Helm's Go SDK) that the provider runs for Helm layers, so
// that users need no helm binary. Both are cached outside the repository, keyed by a hash of their
// sources, so repeated runs (tests, CI on the same machine) do not rebuild them; a cold build of the
// renderer takes minutes.
//
//   node scripts/package.mjs [--out DIR] [--all] [--host HOSTNAME]... [--bundle FILE] [--programs-only]
//
//   --out DIR        mirror root (default <repo>/dist/mirror)
//   --all            all six targets (linux, darwin, windows x amd64, arm64); default: this host
//   --host HOSTNAME  also lay out under HOSTNAME (e.g. registry.terraform.io); repeatable
//   --bundle FILE    provider bundle (default dist/bundle/strata-provider.js, from scripts/build.mjs)
//   --programs-only  only build (or find cached) the go-shim and the Helm renderer; lay out nothing
//                    (scripts/tools.sh runs this, so that tests never wait for a cold build)
//
// Progress goes to stderr; the last line on stdout is the mirror directory (absolute).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (what) => process.stderr.write(`[strata package] ${what}\n`);
const die = (what) => {
  say(`error: ${what}`);
  process.exit(1);
};

const NAMESPACE = 'strata';
const TYPE = 'strata';
const DEFAULT_HOST = 'registry.opentofu.org';
const BUNDLE = 'strata-provider.js';
const TARGETS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'windows_amd64', 'windows_arm64'];
// Part of the cache key: a change here must not reuse binaries built the old way.
const GO_BUILD_ARGS = ['build', '-trimpath', '-buildvcs=false', '-ldflags', '-s -w'];

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      out: { type: 'string', default: join(repo, 'dist/mirror') },
      all: { type: 'boolean', default: false },
      host: { type: 'string', multiple: true, default: [] },
      bundle: { type: 'string', default: join(repo, 'dist/bundle', BUNDLE) },
      'programs-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  die(`${err.message} (usage: node scripts/package.mjs [--out DIR] [--all] [--host HOSTNAME]... [--bundle FILE] [--programs-only])`);
}
if (opts.help) {
  process.stderr.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, '') + '\n');
  process.exit(0);
}

const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) die(`package.json version ${JSON.stringify(version)} is not a semantic version`);

const bundle = resolve(opts.bundle);
if (!opts['programs-only'] && !existsSync(bundle)) die(`no provider bundle at ${bundle}; run \`node scripts/build.mjs\` first`);
const sourceMap = `${bundle}.map`;

const out = resolve(opts.out);
const hosts = [...new Set([DEFAULT_HOST, ...opts.host])];
for (const host of hosts) if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) die(`--host ${JSON.stringify(host)} is not a hostname`);

function hostTarget() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform];
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  if (!os || !arch) die(`no go-shim target for this host (${process.platform}/${process.arch}); use --all on a supported one`);
  return `${os}_${arch}`;
}
const targets = opts.all ? TARGETS : [hostTarget()];

// The binary cache, beside scripts/tools.sh's: $STRATA_CACHE_DIR, else $XDG_CACHE_HOME/strata, else ~/.cache/strata.
const cacheRoot = process.env.STRATA_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'strata');

// The Go programs of the package: where their module is, what their executable is called.
const PROGRAMS = {
  'go-shim': { src: join(repo, 'go-shim'), exe: `terraform-provider-${TYPE}` },
  'helm-renderer': { src: join(repo, 'go-shim', 'helm'), exe: 'strata-helm' },
};

// Hash of everything that goes into a program: its module's files (tests excluded: they change
// nothing in it; nested modules excluded: they are programs of their own) and the build flags.
function moduleHash(src) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!existsSync(join(path, 'go.mod'))) walk(path);
      } else if (/(\.go|^go\.mod|^go\.sum)$/.test(entry.name) && !entry.name.endsWith('_test.go')) files.push(path);
    }
  };
  if (!existsSync(join(src, 'go.mod'))) die(`no Go module at ${src}`);
  walk(src);
  const hash = createHash('sha256').update(JSON.stringify(GO_BUILD_ARGS));
  for (const file of files.sort()) {
    hash.update(`\0${relative(src, file).split('\\').join('/')}\0`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function programFor(name, target, hash) {
  const { src, exe: base } = PROGRAMS[name];
  const [goos, goarch] = target.split('_');
  const exe = `${base}${goos === 'windows' ? '.exe' : ''}`;
  const dir = join(cacheRoot, name, hash, target);
  const cached = join(dir, exe);
  if (existsSync(cached)) {
    say(`${name} ${target}: cached ${cached}`);
    return cached;
  }
  say(`${name} ${target}: building into ${dir}`);
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  // Build under a unique name, then rename: parallel runs (test workers) never see half a binary.
  const tmp = join(dir, `.${exe}.${process.pid}.${Date.now()}.tmp`);
  try {
    execFileSync('go', [...GO_BUILD_ARGS, '-o', tmp, '.'], {
      cwd: src,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: '0', GOWORK: 'off', GOFLAGS: '' },
    });
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err.code === 'ENOENT') die(`the Go toolchain (\`go\`) is not on PATH; it is needed once to build ${name} (https://go.dev/dl)`);
    die(`go build of ${name} for ${target} failed (exit ${err.status ?? err.signal})`);
  }
  try {
    renameSync(tmp, cached);
  } catch (err) {
    // Windows refuses to replace a file another run just put there and may be using: take theirs.
    rmSync(tmp, { force: true });
    if (!existsSync(cached)) throw err;
  }
  say(`${name} ${target}: built in ${Math.round((Date.now() - started) / 1000)}s`);
  return cached;
}

const hashes = Object.fromEntries(Object.entries(PROGRAMS).map(([name, { src }]) => [name, moduleHash(src)]));
say(`provider ${NAMESPACE}/${TYPE} v${version}, go-shim ${hashes['go-shim']}, helm-renderer ${hashes['helm-renderer']}, bundle ${bundle.startsWith(repo) ? relative(repo, bundle) : bundle}`);
for (const target of targets) {
  const shim = programFor('go-shim', target, hashes['go-shim']);
  const renderer = programFor('helm-renderer', target, hashes['helm-renderer']);
  if (opts['programs-only']) continue;
  const rendererExe = `${PROGRAMS['helm-renderer'].exe}${target.startsWith('windows_') ? '.exe' : ''}`;
  const exe = `terraform-provider-${TYPE}_v${version}${target.startsWith('windows_') ? '.exe' : ''}`;
  for (const host of hosts) {
    const dir = join(out, host, NAMESPACE, TYPE, version, target);
    // Start from an empty directory so nothing stale (an old bundle or map) joins the package hash.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(shim, join(dir, exe));
    chmodSync(join(dir, exe), 0o755);
    copyFileSync(renderer, join(dir, rendererExe));
    chmodSync(join(dir, rendererExe), 0o755);
    copyFileSync(bundle, join(dir, BUNDLE));
    if (existsSync(sourceMap) && statSync(sourceMap).isFile()) copyFileSync(sourceMap, join(dir, `${BUNDLE}.map`));
    // The entry loads the rest of the provider from files beside it on its first RPC.
    for (const name of readdirSync(dirname(bundle)).filter((n) => n !== BUNDLE && n !== `${BUNDLE}.map`)) {
      copyFileSync(join(dirname(bundle), name), join(dir, name));
    }
    say(`  ${relative(out, dir)}/${exe}`);
  }
}
if (opts['programs-only']) process.exit(0);
say(`mirror ready: ${out}`);
process.stdout.write(`${out}\n`);
