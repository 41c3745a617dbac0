// The bundled Helm renderer: strata-helm (go-shim/helm/, Helm's Go SDK), which the package puts
// beside the provider bundle, so that users need no helm binary. One JSON request on stdin per
// operation, the result on stdout; credentials and values travel only on stdin, never on a command
// line, in the environment or in a file. The request's field names are the contract with
// go-shim/helm/request.go.
import { runProcess, type ProcessResult } from './process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HelmSource } from '../profile/model';
import { repositoriesFor, type HelmRepository } from './helm-repositories';

export const RENDERER = process.platform === 'win32' ? 'strata-helm.exe' : 'strata-helm';

/**
 * Beside the provider bundle (provider-core.js), where scripts/package.mjs puts it; else beside the
 * launcher (STRATA_PROVIDER_DIR, set by the go-shim), for a bundle run from elsewhere with
 * STRATA_PROVIDER_JS.
 */
export function defaultRendererPath(env: NodeJS.ProcessEnv = process.env): string {
  const beside = join(__dirname, RENDERER);
  return existsSync(beside) || !env.STRATA_PROVIDER_DIR ? beside : join(env.STRATA_PROVIDER_DIR, RENDERER);
}

interface RequestRepository {
  url: string;
  username?: string;
  password?: string;
  caCertificate?: string;
  clientCertificate?: string;
  clientKey?: string;
}

export interface PullRequest {
  op: 'pull';
  chart: string;
  repository?: string;
  version?: string;
  destination: string;
  repositories: RequestRepository[];
}

export interface TemplateRequest {
  op: 'template';
  chartPath: string;
  workDir: string;
  values?: string;
  releaseName: string;
  namespace: string;
  kubeVersion?: string;
  apiVersions: string[];
  isUpgrade: boolean;
  /** A lookup endpoint: the provider's loopback proxy (lookup-proxy.ts). */
  cluster?: { server: string; token: string };
  repositories: RequestRepository[];
}

export type RendererRequest = PullRequest | TemplateRequest;

/** `helm pull`: only the credentials of the chart's own host go along. */
export function pullRequest(source: HelmSource, destination: string, repositories: readonly HelmRepository[]): PullRequest {
  const from = source.repository || source.chart;
  return {
    op: 'pull',
    chart: source.chart,
    ...(source.repository ? { repository: source.repository } : {}),
    ...(source.version ? { version: source.version } : {}),
    destination,
    repositories: repositoriesFor(from, repositories).map(requestRepository),
  };
}

/** `helm template`: every repository's credentials go along, for the chart's dependencies. */
export function templateRequest(input: {
  chartPath: string; workDir: string; values?: string; releaseName: string; namespace: string;
  kubeVersion: string; apiVersions: string[]; isUpgrade: boolean; cluster?: { server: string; token: string };
  repositories: readonly HelmRepository[];
}): TemplateRequest {
  return {
    op: 'template',
    chartPath: input.chartPath,
    workDir: input.workDir,
    ...(input.values !== undefined ? { values: input.values } : {}),
    releaseName: input.releaseName,
    namespace: input.namespace,
    ...(input.kubeVersion ? { kubeVersion: input.kubeVersion } : {}),
    apiVersions: input.apiVersions,
    isUpgrade: input.isUpgrade,
    ...(input.cluster ? { cluster: input.cluster } : {}),
    repositories: input.repositories.map(requestRepository),
  };
}

function requestRepository(r: HelmRepository): RequestRepository {
  const entry: RequestRepository = { url: r.url };
  if (r.username) entry.username = r.username;
  if (r.password) entry.password = r.password;
  if (r.ca_certificate) entry.caCertificate = r.ca_certificate;
  if (r.client_certificate) entry.clientCertificate = r.client_certificate;
  if (r.client_key) entry.clientKey = r.client_key;
  return entry;
}

/** Runs the renderer on one request; how it ended is the caller's to judge. */
export function runRenderer(path: string, request: RendererRequest, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ProcessResult> {
  return runProcess(path, [], JSON.stringify(request), env, signal);
}
