// Build: protocol definitions to JSON descriptors, TypeScript to dist/, and the provider bundle
// that the go-shim launches (one file, so start-up does not walk node_modules).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { build } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (what) => process.stderr.write(`[strata build] ${what}\n`);

function protoFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'gen' ? [] : protoFiles(path);
    return entry.name.endsWith('.proto') ? [path] : [];
  });
}

step('protocol descriptors');
const genDir = join(repo, 'provider/protocol/gen');
mkdirSync(genDir, { recursive: true });
for (const file of protoFiles(join(repo, 'provider'))) {
  // keepCase: messages keep the snake_case field names of the .proto, as the code uses them.
  const root = new protobuf.Root().loadSync(file, { keepCase: true });
  const name = file.split('/').pop().replace(/\.proto$/, '.json');
  writeFileSync(join(genDir, name), JSON.stringify(root.toJSON({ keepComments: false })));
  step(`  ${relative(repo, file)} -> provider/protocol/gen/${name}`);
}

step('typescript');
execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', repo], { stdio: 'inherit' });
// The generated CDKTF bindings leave out `override` modifiers, so they, the CDKTF stack example and
// the tests that type-check against them build as a second program (tsconfig.cdktf.json).
// `--skip-cdktf` leaves it out, for `npm run bindings` to regenerate bindings that no longer build.
if (!process.argv.includes('--skip-cdktf')) {
  step('typescript: CDKTF bindings and stack');
  execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(repo, 'tsconfig.cdktf.json')], { stdio: 'inherit' });
}

// Three files: a launcher that compiles the main bundle with V8's code cache, the main bundle
// (transport and protocol service, what the handshake needs), and the core it loads on the first RPC.
step('provider bundle');
const bundle = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: 'linked', logLevel: 'warning' };
rmSync(join(repo, 'dist/bundle'), { recursive: true, force: true });
await build({
  ...bundle,
  entryPoints: [join(repo, 'provider/launcher.ts')],
  outfile: join(repo, 'dist/bundle/strata-provider.js'),
  external: ['./provider-main.js'],
});
await build({
  ...bundle,
  entryPoints: [join(repo, 'provider/main.ts')],
  outfile: join(repo, 'dist/bundle/provider-main.js'),
  external: ['./provider-core'],
});
await build({
  ...bundle,
  entryPoints: [join(repo, 'provider/provider-core.ts')],
  outfile: join(repo, 'dist/bundle/provider-core.js'),
});
