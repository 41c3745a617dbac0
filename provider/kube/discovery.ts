// API discovery: which resources the server serves, kind to resource (plural, scope, verbs). One
// snapshot of the whole API is cached; aggregated discovery (Kubernetes 1.26+) fetches it in two
// requests, older servers are read group version by group version.
import { apiError, jsonBody, KubeApiError } from './errors';
import type { Transport } from './http';
import type { ResourceInfo } from './types';

interface Snapshot {
  /** Keyed by "apps/v1/Deployment", "v1/Pod". */
  resources: Map<string, ResourceInfo>;
  groupVersions: Set<string>;
  /** Group versions the server could not describe (an aggregated API that is down), with why. */
  failed: Map<string, KubeApiError>;
}

// Aggregated discovery first, plain JSON (the legacy documents) for servers that do not offer it.
const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

interface DiscoveredResource {
  resource: string;
  responseKind?: { kind?: string };
  scope?: string;
  verbs?: string[];
}
interface AggregatedList {
  kind: 'APIGroupDiscoveryList';
  items?: { metadata?: { name?: string }; versions?: { version: string; resources?: DiscoveredResource[]; freshness?: string }[] }[];
}
interface APIVersions {
  kind: 'APIVersions';
  versions?: string[];
}
interface APIGroupList {
  kind: 'APIGroupList';
  groups?: { name: string; versions?: { groupVersion: string }[] }[];
}
interface APIResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

const groupOf = (groupVersion: string) => (groupVersion.includes('/') ? groupVersion.split('/')[0]! : '');
const versionOf = (groupVersion: string) => groupVersion.split('/').pop()!;

export class Discovery {
  private snapshot?: Promise<Snapshot>;

  constructor(private readonly transport: Transport) {}

  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const seen = this.load();
    const found = (await seen).resources.get(`${apiVersion}/${kind}`);
    if (found) return found;
    // A miss may be a CRD created since the snapshot: look once more, unless another caller already did.
    if (this.snapshot === seen) this.snapshot = undefined;
    const fresh = await this.load();
    const info = fresh.resources.get(`${apiVersion}/${kind}`);
    const failure = fresh.failed.get(apiVersion);
    if (!info && failure) throw failure;
    return info;
  }

  /** Every resource the server serves, from the cached snapshot. */
  async resources(): Promise<ResourceInfo[]> {
    return [...(await this.load()).resources.values()];
  }

  /** Group versions ("v1", "apps/v1") and kinds in them ("apps/v1/Deployment"), sorted, as `helm template --api-versions` takes them. */
  async apiVersions(): Promise<string[]> {
    const { groupVersions, resources } = await this.load();
    return [...new Set([...groupVersions, ...resources.keys()])].sort();
  }

  invalidate(): void {
    this.snapshot = undefined;
  }

  private load(): Promise<Snapshot> {
    if (!this.snapshot) {
      const loading = this.discover();
      this.snapshot = loading;
      // A failed discovery is not kept: the next call tries again.
      loading.catch(() => {
        if (this.snapshot === loading) this.snapshot = undefined;
      });
    }
    return this.snapshot;
  }

  private async discover(): Promise<Snapshot> {
    const snapshot: Snapshot = { resources: new Map(), groupVersions: new Set(), failed: new Map() };
    const documents = await Promise.all([this.fetch('/api', AGGREGATED_ACCEPT), this.fetch('/apis', AGGREGATED_ACCEPT)]);
    const legacy: string[] = [];
    for (const doc of documents as (AggregatedList | APIVersions | APIGroupList)[]) {
      if (doc.kind === 'APIGroupDiscoveryList') this.addAggregated(snapshot, doc);
      else if (doc.kind === 'APIVersions') legacy.push(...(doc.versions ?? []));
      else legacy.push(...(doc.groups ?? []).flatMap((group) => (group.versions ?? []).map((version) => version.groupVersion)));
    }
    await Promise.all(
      legacy.map(async (groupVersion) => {
        snapshot.groupVersions.add(groupVersion);
        let list: APIResourceList;
        try {
          list = (await this.fetch(groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`, 'application/json')) as APIResourceList;
        } catch (err) {
          if (!(err instanceof KubeApiError)) throw err;
          snapshot.failed.set(groupVersion, err);
          return;
        }
        for (const resource of list.resources ?? []) {
          // "deployments/status" and the like are subresources, not kinds of their own.
          if (resource.name.includes('/')) continue;
          add(snapshot, groupVersion, { plural: resource.name, kind: resource.kind, namespaced: resource.namespaced, verbs: resource.verbs ?? [] });
        }
      }),
    );
    return snapshot;
  }

  private addAggregated(snapshot: Snapshot, doc: AggregatedList): void {
    for (const group of doc.items ?? []) {
      const name = group.metadata?.name ?? '';
      for (const version of group.versions ?? []) {
        const groupVersion = name ? `${name}/${version.version}` : version.version;
        snapshot.groupVersions.add(groupVersion);
        if (version.freshness === 'Stale') {
          const message = 'the API server could not refresh its discovery data for this group version (is the APIService behind it available?)';
          snapshot.failed.set(groupVersion, new KubeApiError(`discover ${groupVersion}`, 503, 'ServiceUnavailable', message));
        }
        for (const resource of version.resources ?? []) {
          const kind = resource.responseKind?.kind;
          if (!kind) continue;
          add(snapshot, groupVersion, { plural: resource.resource, kind, namespaced: resource.scope === 'Namespaced', verbs: resource.verbs ?? [] });
        }
      }
    }
  }

  private async fetch(path: string, accept: string): Promise<unknown> {
    const action = `discover the API (GET ${path})`;
    const response = await this.transport.request('GET', path, { accept });
    if (response.status !== 200) throw apiError(action, response.status, response.body);
    return jsonBody(action, response.status, response.body);
  }
}

function add(snapshot: Snapshot, groupVersion: string, resource: Omit<ResourceInfo, 'group' | 'version'>): void {
  const key = `${groupVersion}/${resource.kind}`;
  if (!snapshot.resources.has(key)) snapshot.resources.set(key, { group: groupOf(groupVersion), version: versionOf(groupVersion), ...resource });
}
