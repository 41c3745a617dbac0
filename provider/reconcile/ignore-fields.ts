// Fields that Strata leaves to other controllers (a cluster's `ignore_fields`): removed from what
// Strata applies, so that with server-side apply Strata does not own them, and so never drift.
import { isJsonObject } from '../profile/canonical';
import type { KubeObject } from '../render';
import { apiGroup } from '../profile/kube-object';

/**
 * Fields of the objects of one kind that another controller owns. Unset or empty `apiVersion`,
 * `name` and `namespace` match any. `apiVersion` is compared by group: `apps` and `apps/v1` both
 * match `apps/v1` and `apps/v2` (one object, whichever version the profile uses); `v1` is the
 * core group. `paths` use the syntax of `parseFieldPath`.
 */
export interface IgnoreRule {
  apiVersion?: string;
  kind: string;
  name?: string;
  namespace?: string;
  paths: string[];
}

/** One step of a field path: a field or map key, one list element, or every list element. */
export type FieldPathStep = { type: 'field'; name: string } | { type: 'index'; index: number } | { type: 'each' };

const SYNTAX =
  'Write field names separated by dots, [*] for every element of a list, [N] for element N, and ["key"] for a map key ' +
  'with dots or slashes, e.g. webhooks[*].clientConfig.caBundle or metadata.annotations["example.com/x"].';

const NAME = /[^.[\]"'\s]+/y;
const SELECTOR = /\[(?:(\*)|(\d+)|("(?:[^"\\]|\\.)*"))\]/y;

/**
 * Parses a field path:
 * - `spec.replicas`: field names separated by dots (a name is any characters but `.`, `[`, `]`,
 *   quotes and white space);
 * - `webhooks[*].clientConfig`: `[*]`, every element of a list;
 * - `spec.containers[0].image`: `[N]`, the element at index N (from 0);
 * - `metadata.annotations["example.com/x"]`: `["key"]`, a map key, for keys with dots or slashes
 *   (a JSON string: `\"` and `\\` escape).
 * A path ends in a field name or `["key"]`: what is removed is a field, never list elements (the
 * other elements would move). A path may not name the object's identity (apiVersion, kind,
 * metadata, metadata.name, metadata.namespace), which Strata needs to apply it.
 * Throws an Error naming the path, the position and the syntax.
 */
export function parseFieldPath(path: string): FieldPathStep[] {
  const steps: FieldPathStep[] = [];
  let at = 0;
  const fail: (what: string) => never = (what) => {
    throw new Error(`field path ${JSON.stringify(path)}: ${what} at character ${at + 1}. ${SYNTAX}`);
  };
  if (path === '') fail('the path is empty');
  for (;;) {
    const pattern = path[at] === '[' ? SELECTOR : NAME;
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (!match) fail(pattern === SELECTOR ? 'expected [*], [N] or ["key"] (with double quotes)' : 'expected a field name');
    if (pattern === NAME) steps.push({ type: 'field', name: match[0] });
    else if (match[1]) steps.push({ type: 'each' });
    else if (match[2]) steps.push({ type: 'index', index: index(match[2], fail) });
    else steps.push({ type: 'field', name: key(match[3]!, fail) });
    at = pattern.lastIndex;
    if (at === path.length) break;
    if (path[at] === '.') {
      at++;
      if (path[at] === '[') fail('no dot before "["; write a[0], not a.[0]');
    } else if (path[at] !== '[') {
      fail(`unexpected ${JSON.stringify(path[at])}`);
    }
  }
  if (steps[steps.length - 1]!.type !== 'field') {
    throw new Error(
      `field path ${JSON.stringify(path)} ends in list elements; end it in a field name or ["key"], ` +
        'or name the list itself (e.g. webhooks) to leave all of it to the other controller.',
    );
  }
  checkNotIdentity(path, steps);
  return steps;
}

function index(digits: string, fail: (what: string) => never): number {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : fail(`the index ${digits} is too large`);
}

function key(quoted: string, fail: (what: string) => never): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return fail(`${quoted} is not a valid JSON string`);
  }
}

function checkNotIdentity(path: string, steps: FieldPathStep[]): void {
  const [first, second] = steps.map((step) => (step.type === 'field' ? step.name : undefined));
  const identity = first === 'apiVersion' || first === 'kind' || (first === 'metadata' && (steps.length === 1 || second === 'name' || second === 'namespace'));
  if (identity) {
    throw new Error(`field path ${JSON.stringify(path)} names the object's identity, which Strata needs to apply the object; name fields inside spec, metadata.labels or metadata.annotations instead.`);
  }
}

/**
 * A deep copy of the object without the fields that the matching rules name; the object itself is
 * never changed. Fields the object lacks, and steps that meet another type (`[*]` on a map, a name
 * on a list), remove nothing. A map or list that loses its last entry stays, empty: `spec: {}`
 * claims no field of `spec` under server-side apply, and the parent may be required.
 * Throws (see `parseFieldPath`) on a path with bad syntax in any rule, matching or not.
 */
export function withoutIgnoredFields(object: KubeObject, rules: IgnoreRule[]): KubeObject {
  const stripped = compileIgnoreRules(rules)(object);
  return stripped === object ? copyOf(object) : stripped;
}

/**
 * The rules, parsed once, as a function for many objects: it returns the object itself when no
 * rule matches it (no copy), else a stripped deep copy as `withoutIgnoredFields` does.
 */
export function compileIgnoreRules(rules: IgnoreRule[]): (object: KubeObject) => KubeObject {
  const parsed = rules.map((rule) => ({ rule, paths: rule.paths.map(parseFieldPath) }));
  return (object) => {
    const matching = parsed.filter(({ rule }) => matches(rule, object));
    if (matching.length === 0) return object;
    const copy = copyOf(object);
    for (const { paths } of matching) for (const steps of paths) remove(copy, steps, 0);
    return copy;
  };
}

// Rendered objects are JSON data.
const copyOf = (object: KubeObject): KubeObject => JSON.parse(JSON.stringify(object));

function matches(rule: IgnoreRule, object: KubeObject): boolean {
  return (
    rule.kind === object.kind &&
    (!rule.apiVersion || ruleGroup(rule.apiVersion) === apiGroup(object.apiVersion)) &&
    (!rule.name || rule.name === object.metadata.name) &&
    (!rule.namespace || rule.namespace === object.metadata.namespace)
  );
}

/** `apps` for `apps/v1` or `apps`; "" (the core group) for `v1`, `v2beta1` and the like. */
function ruleGroup(apiVersion: string): string {
  if (apiVersion.includes('/')) return apiGroup(apiVersion);
  return /^v\d+((alpha|beta)\d+)?$/.test(apiVersion) ? '' : apiVersion;
}

function remove(value: unknown, steps: FieldPathStep[], at: number): void {
  const step = steps[at]!;
  const last = at === steps.length - 1;
  if (step.type === 'field') {
    if (!isJsonObject(value) || !Object.hasOwn(value, step.name)) return;
    if (last) delete value[step.name];
    else remove(value[step.name], steps, at + 1);
  } else if (Array.isArray(value)) {
    // Never last (parseFieldPath): list elements are walked into, not removed.
    if (step.type === 'index') remove(value[step.index], steps, at + 1);
    else for (const item of value) remove(item, steps, at + 1);
  }
}
