// An in-memory stand-in for the KubeClient calls the record and the lock make: get, create, replace
// (with resourceVersion preconditions), delete (with uid/resourceVersion preconditions) and list by
// label selector, with the API server's answers (409, 404, 422 for an immutable ConfigMap).
import { KubeApiError, type KubeClient, type KubeObject } from '../../../provider/kube';

type Ref = { kind?: string; namespace?: string; name: string };

export interface FakeObjects {
  client: KubeClient;
  objects: Map<string, KubeObject>;
  /** Writes in order: `create <name>`, `replace <name>`, `delete <name>`, `list <selector>`. */
  calls: string[];
  /** Runs before each request; throwing from it fails the request. */
  before: (verb: string, ref: Ref) => void | Promise<void>;
}

const id = (ref: Ref) => `${ref.kind}/${ref.namespace}/${ref.name}`;

/** `a=b`, `a` (exists) and `a notin (x,y)`, comma-separated: what the record's selectors use. */
function matches(labels: Record<string, string> = {}, selector = ''): boolean {
  return selector.split(/,(?![^(]*\))/).filter(Boolean).every((term) => {
    const notIn = /^(\S+) notin \((.*)\)$/.exec(term);
    if (notIn) return !notIn[2]!.split(',').includes(labels[notIn[1]!]!);
    const [key, value] = term.split('=');
    return value === undefined ? key! in labels : labels[key!] === value;
  });
}

export function fakeObjects(): FakeObjects {
  const objects = new Map<string, KubeObject>();
  const calls: string[] = [];
  let version = 0;
  const fake: FakeObjects = { client: undefined as unknown as KubeClient, objects, calls, before: () => undefined };
  const error = (status: number, reason: string, ref: Ref) => new KubeApiError(`request ${ref.name}`, status, reason, `${reason} (fake)`);
  const store = (object: KubeObject, uid: string) => {
    const copy = structuredClone({ ...object, metadata: { ...object.metadata, uid, resourceVersion: String(++version) } });
    objects.set(id({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name }), copy);
    return structuredClone(copy);
  };
  fake.client = {
    get: async (ref: Ref) => {
      await fake.before('get', ref);
      const found = objects.get(id(ref));
      return found ? structuredClone(found) : null;
    },
    create: async (object: KubeObject) => {
      const ref = { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
      await fake.before('create', ref);
      calls.push(`create ${ref.name}`);
      if (objects.has(id(ref))) throw error(409, 'AlreadyExists', ref);
      return store(object, `uid-${version + 1}`);
    },
    replace: async (object: KubeObject) => {
      const ref = { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
      await fake.before('replace', ref);
      calls.push(`replace ${ref.name}`);
      const current = objects.get(id(ref));
      if (!current) throw error(404, 'NotFound', ref);
      if (object.metadata.resourceVersion && object.metadata.resourceVersion !== current.metadata.resourceVersion) throw error(409, 'Conflict', ref);
      if (current.immutable) throw error(422, 'Invalid', ref);
      return store(object, current.metadata.uid);
    },
    delete: async (ref: Ref, options: { preconditions?: { uid?: string; resourceVersion?: string } } = {}) => {
      await fake.before('delete', ref);
      calls.push(`delete ${ref.name}`);
      const current = objects.get(id(ref));
      if (!current) return false;
      const { uid, resourceVersion } = options.preconditions ?? {};
      if ((uid && uid !== current.metadata.uid) || (resourceVersion && resourceVersion !== current.metadata.resourceVersion)) throw error(409, 'Conflict', ref);
      objects.delete(id(ref));
      return true;
    },
    list: async (_apiVersion: string, kind: string, options: { namespace?: string; labelSelector?: string } = {}) => {
      await fake.before('list', { kind, namespace: options.namespace, name: '' });
      calls.push(`list ${options.labelSelector ?? ''}`);
      return [...objects.values()].filter((o) => o.kind === kind && o.metadata.namespace === options.namespace && matches(o.metadata.labels, options.labelSelector))
        .map((o) => structuredClone(o));
    },
  } as unknown as KubeClient;
  return fake;
}
