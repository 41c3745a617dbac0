// A real Helm chart repository on loopback for tests: the chart folders are packaged with the real
// helm (`helm package`), indexed (`helm repo index`) and served over HTTP by Node's http module,
// optionally behind basic authentication.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensureTools } from './tools';

export interface ChartRepo {
  /** `http://127.0.0.1:<port>` (no trailing slash), for `helm.repository`. */
  url: string;
  /** The paths that were requested, in order ("/index.yaml", "/web-app-1.0.0.tgz", ...). */
  requests: string[];
  /** With basic auth: the requests refused for missing or wrong credentials. */
  refused: number;
  /** Stops the server and removes the packaged charts. */
  stop(): Promise<void>;
}

/**
 * Packages the chart folders and serves them as a chart repository on a free loopback port; with
 * `auth`, every request needs those basic-auth credentials (401 otherwise).
 */
export async function startChartRepo(charts: string[], auth?: { username: string; password: string }): Promise<ChartRepo> {
  const { helm } = await ensureTools(['helm']);
  const root = await mkdtemp(join(tmpdir(), 'strata-chart-repo-'));
  const dir = join(root, 'repo');
  await mkdir(dir);
  // helm's homes in the temporary folder: packaging never touches the user's helm configuration.
  const env = { ...process.env, HELM_CACHE_HOME: join(root, 'cache'), HELM_CONFIG_HOME: join(root, 'config'), HELM_DATA_HOME: join(root, 'data') };
  let server: Server | undefined;
  try {
    for (const chart of charts) await run(helm, ['package', chart, '--destination', dir], env);
    // Without --url, index entries are relative ("web-app-1.0.0.tgz"): helm resolves them against
    // the repository URL, so the index need not know the port.
    await run(helm, ['repo', 'index', dir], env);
    const files = new Set(await readdir(dir));
    const requests: string[] = [];
    const expected = auth && `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    const listening = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      requests.push(path);
      const file = basename(path);
      if (expected && req.headers.authorization !== expected) {
        repo.refused++;
        res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"', 'content-type': 'text/plain' }).end('unauthorized\n');
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
      } else if (path !== `/${file}` || !files.has(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`${path} not found\n`);
      } else {
        res.writeHead(200, { 'content-type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip' });
        if (req.method === 'HEAD') res.end();
        else createReadStream(join(dir, file)).pipe(res);
      }
    });
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(0, '127.0.0.1', () => resolve());
    });
    const address = listening.address();
    if (address === null || typeof address === 'string') throw new Error('chart repository: no TCP address');
    let stopped = false;
    const repo: ChartRepo = {
      url: `http://127.0.0.1:${address.port}`,
      requests,
      refused: 0,
      async stop() {
        if (stopped) return;
        stopped = true;
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeAllConnections();
        });
        await rm(root, { recursive: true, force: true });
      },
    };
    return repo;
  } catch (err) {
    server?.close();
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${basename(command)} ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
