// The Kubernetes client the reconcile engine uses: typed reads and writes of single objects by
// apiVersion and kind, server-side apply, and discovery. It knows nothing of Terraform.
import { resolveConnection } from './connection';
import { Discovery } from './discovery';
import { apiError, describeRef, jsonBody, KubeApiError } from './errors';
import { type HttpResponse, Transport } from './http';
import type { ConnectionConfig, KubeObject, ObjectRef, ResourceInfo } from './types';

export interface ClientOptions {
  /** Per request, connecting included (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Where KUBECONFIG and the proxy variables come from (default: the process's environment). */
  env?: NodeJS.ProcessEnv;
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields owned by other managers instead of failing with 409 Conflict. */
  force?: boolean;
  /** Validate and return the result without persisting it (dryRun=All). */
  dryRun?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** The delete fails with 409 Conflict unless the live object still has this UID / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

const DEFAULT_TIMEOUT_MS = 30_000;
const LIST_PAGE_SIZE = '500';

interface Target {
  ref: ObjectRef;
  info: ResourceInfo;
}

export class KubeClient {
  /** The API server URL. */
  readonly host: string;
  /** The kubeconfig context's namespace, else "default": used for namespaced objects that name none. */
  readonly namespace: string;
  private readonly transport: Transport;
  private readonly discovery: Discovery;

  private constructor(config: ConnectionConfig, options: ClientOptions) {
    const connection = resolveConnection(config, options.env);
    this.host = connection.host;
    this.namespace = connection.namespace;
    this.transport = new Transport(connection, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      userAgent: options.userAgent ?? 'strata',
    });
    this.discovery = new Discovery(this.transport);
  }

  /**
   * Resolves the connection (kubeconfig file or content and context, then explicit attributes on
   * top) without contacting the server; throws ConnectionConfigError naming the wrong attribute.
   */
  static connect(config: ConnectionConfig, options: ClientOptions = {}): KubeClient {
    return new KubeClient(config, options);
  }

  /** Non-GET requests sent so far, dry runs included. */
  get writeRequests(): number {
    return this.transport.writeRequests;
  }

  async serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }> {
    const action = 'get the server version';
    const response = await this.transport.request('GET', '/version');
    const version = this.expect<{ gitVersion: string; major: string; minor: string }>(action, response, [200]);
    return { gitVersion: version.gitVersion, major: version.major, minor: version.minor };
  }

  /** The resource serving `kind` in `apiVersion`, from cached discovery; undefined when the server has none. */
  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  apiVersions(): Promise<string[]> {
    return this.discovery.apiVersions();
  }

  /** Every resource the server serves, from cached discovery. */
  resources(): Promise<ResourceInfo[]> {
    return this.discovery.resources();
  }

  invalidateDiscovery(): void {
    this.discovery.invalidate();
  }

  /** The object, or null when it does not exist (nor does its kind). */
  async get(ref: ObjectRef): Promise<KubeObject | null> {
    const target = await this.target('get', ref, false);
    if (!target) return null;
    const response = await this.transport.request('GET', path(target, target.ref.name));
    if (response.status === 404) return null;
    return this.expect(`get ${describeRef(target.ref)}`, response, [200], target.ref);
  }

  /** Every object of a kind, in one namespace or (namespace unset) all; [] when the kind is not served. */
  async list(apiVersion: string, kind: string, options: { namespace?: string; labelSelector?: string } = {}): Promise<KubeObject[]> {
    const info = await this.resourceFor(apiVersion, kind);
    if (!info) return [];
    const namespace = info.namespaced ? options.namespace : undefined;
    const action = `list ${kind} (${apiVersion})${namespace ? ` in namespace ${namespace}` : ''}`;
    const items: KubeObject[] = [];
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ limit: LIST_PAGE_SIZE });
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      if (next) query.set('continue', next);
      const response = await this.transport.request('GET', `${path({ info, ref: { apiVersion, kind, namespace, name: '' } })}?${query}`);
      const page = this.expect<{ items?: KubeObject[]; metadata?: { continue?: string } }>(action, response, [200]);
      // List items carry no apiVersion and kind of their own.
      for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind });
      next = page.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  /** Server-side apply (PATCH application/apply-patch+yaml): creates or updates the fields this manager owns. */
  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const verb = options.dryRun ? 'dry-run apply' : 'apply';
    const target = (await this.target(verb, refOf(object), true))!;
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.force) query.set('force', 'true');
    if (options.dryRun) query.set('dryRun', 'All');
    const response = await this.transport.request('PATCH', `${path(target, target.ref.name)}?${query}`, {
      body: JSON.stringify(object),
      // JSON is YAML, and the API server parses it faster.
      contentType: 'application/apply-patch+yaml',
    });
    return this.expect(`${verb} ${describeRef(target.ref)}`, response, [200, 201], target.ref);
  }

  async create(object: KubeObject): Promise<KubeObject> {
    const target = (await this.target('create', refOf(object), true))!;
    const response = await this.transport.request('POST', path(target), { body: JSON.stringify(object) });
    return this.expect(`create ${describeRef(target.ref)}`, response, [200, 201, 202], target.ref);
  }

  /** PUT; a metadata.resourceVersion in the object makes it fail with 409 Conflict if the object changed since. */
  async replace(object: KubeObject): Promise<KubeObject> {
    const target = (await this.target('replace', refOf(object), true))!;
    const response = await this.transport.request('PUT', path(target, target.ref.name), {
      body: JSON.stringify(object),
      // Sent twice, a PUT with a resourceVersion fails with 409 the second time instead of writing twice.
      idempotent: Boolean(object.metadata.resourceVersion),
    });
    return this.expect(`replace ${describeRef(target.ref)}`, response, [200, 201], target.ref);
  }

  /** Deletes the object; false when it (or its kind) was already gone. */
  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<boolean> {
    const target = await this.target('delete', ref, false);
    if (!target) return false;
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: options.propagationPolicy, preconditions: options.preconditions });
    // A precondition keeps a repeated DELETE from removing an object re-created in between.
    const idempotent = Boolean(options.preconditions?.uid || options.preconditions?.resourceVersion);
    const response = await this.transport.request('DELETE', path(target, target.ref.name), { body, idempotent });
    if (response.status === 404) return false;
    this.expect(`delete ${describeRef(target.ref)}`, response, [200, 202], target.ref);
    return true;
  }

  /** Closes idle connections; the client stays usable. */
  close(): void {
    this.transport.close();
  }

  // The resource of ref's kind and ref with its namespace settled: the client's default for a
  // namespaced kind that names none, none at all for a cluster-scoped kind.
  private async target(verb: string, ref: ObjectRef, required: boolean): Promise<Target | undefined> {
    const info = await this.resourceFor(ref.apiVersion, ref.kind);
    if (!info) {
      if (!required) return undefined;
      const message = `the server has no kind ${ref.kind} in ${ref.apiVersion} (if it comes from a CustomResourceDefinition, is that installed and established?)`;
      throw new KubeApiError(`${verb} ${describeRef(ref)}`, 404, 'NotFound', message, ref);
    }
    const { namespace, ...rest } = ref;
    return { info, ref: info.namespaced ? { ...rest, namespace: namespace || this.namespace } : rest };
  }

  private expect<T = KubeObject>(action: string, response: HttpResponse, ok: number[], ref?: ObjectRef): T {
    if (!ok.includes(response.status)) throw apiError(action, response.status, response.body, ref);
    return jsonBody<T>(action, response.status, response.body);
  }
}

function refOf(object: KubeObject): ObjectRef {
  const name = object.metadata?.name;
  if (!object.apiVersion || !object.kind || !name) throw new TypeError('a Kubernetes object needs apiVersion, kind and metadata.name');
  return { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name };
}

function path({ info, ref }: Target, name?: string): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const namespace = ref.namespace ? `/namespaces/${segment(ref, ref.namespace)}` : '';
  return `${base}${namespace}/${info.plural}${name ? `/${segment(ref, name)}` : ''}`;
}

/**
 * A name as one path segment. `.` and `..` would be resolved away by any URL handling between
 * here and the server, so a request meant for one object would address its collection: refused,
 * as the API server refuses such names (path segment names, apimachinery's IsValidPathSegmentName).
 */
function segment(ref: ObjectRef, name: string): string {
  if (name === '.' || name === '..' || name.includes('/') || name.includes('%')) {
    throw new KubeApiError(`address ${describeRef(ref)}`, 400, 'BadRequest', `${JSON.stringify(name)} is not a valid object name or namespace: it may not be "." or ".." nor contain "/" or "%"`, ref);
  }
  return encodeURIComponent(name);
}
