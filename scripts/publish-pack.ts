// npm run pack:publish -- <pack folder> <registry> [--username NAME --password-stdin] [--ca-file PEM]
// Publishes a pack folder (pack.yaml at its root) into a directory registry (also the layout of an
// https registry: upload the directory as it is) or an oci:// registry.
import { readFileSync } from 'node:fs';
import { configurePackRegistries } from '../provider/render/pack';
import { publishPack } from '../provider/render/pack/publish';

const USAGE = 'usage: npm run pack:publish -- <pack folder> <registry: directory | oci://host/path> [--username NAME --password-stdin] [--ca-file PEM]';

async function main(argv: string[]): Promise<void> {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--password-stdin') flags[arg] = true;
    else if (arg === '--username' || arg === '--ca-file') flags[arg] = argv[++i] ?? '';
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  const [folder, registry] = positional;
  if (!folder || !registry || positional.length !== 2) throw new Error(USAGE);
  const username = typeof flags['--username'] === 'string' ? flags['--username'] : undefined;
  // The password never goes on the command line, where other users' `ps` sees it.
  const password = flags['--password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
  const ca = typeof flags['--ca-file'] === 'string' ? readFileSync(flags['--ca-file'], 'utf8') : undefined;
  if (username || ca) configurePackRegistries([{ url: registry, ...(username ? { username, password: password ?? '' } : {}), ...(ca ? { ca_certificate: ca } : {}) }]);
  const published = await publishPack(folder, registry);
  process.stdout.write(`published ${published.metadata.type} pack ${published.metadata.name} ${published.metadata.version} (${published.digest}) to ${published.location}\n`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`pack:publish: ${err.message}\n`);
  process.exit(1);
});
