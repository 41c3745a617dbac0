// Helm hooks, read from the `helm.sh/hook*` annotations the way Argo CD reads them: in any layer
// (helm or manifest), hook objects are split from the layer's other objects so that the engine can
// run them in their phases instead of applying them with the rest.
import { applyStages } from './install-order';
import type { SourcedObject } from './documents';
import { renderError, type HookDeletePolicy, type HookObject, type HookPhase, type KubeObject, type RenderLocation, type RenderedLayer } from './types';

const HOOK = 'helm.sh/hook';
const WEIGHT = 'helm.sh/hook-weight';
const DELETE_POLICY = 'helm.sh/hook-delete-policy';

const PHASES: HookPhase[] = ['pre-install', 'post-install', 'pre-upgrade', 'post-upgrade', 'pre-delete', 'post-delete'];
const DELETE_POLICIES: HookDeletePolicy[] = ['before-hook-creation', 'hook-succeeded', 'hook-failed'];

/** Every event Helm knows (lowercase, as Helm compares them) and the phase Strata runs it in; null: never run. */
const EVENTS = new Map<string, HookPhase | null>([
  ...PHASES.map((phase) => [phase, phase] as const),
  ['crd-install', 'pre-install'], // Helm 2's; Argo CD runs it before the other objects too
  // Only for `helm test` (`test-success` is the old name, `test-failure` Helm 2's).
  ['test', null],
  ['test-success', null],
  ['test-failure', null],
  // Strata's rollback is a move to an earlier version, which runs the upgrade hooks.
  ['pre-rollback', null],
  ['post-rollback', null],
]);

/**
 * Whether the object is a hook that Strata never applies: every event it names is a test or
 * rollback event. A hook that names such events next to others runs in the others' phases.
 * Annotations that `splitHooks` would reject answer false, so that the error surfaces there.
 */
export function isNeverRunHook(object: KubeObject): boolean {
  const value = object.metadata.annotations?.[HOOK];
  if (typeof value !== 'string') return false;
  const events = listOf(value);
  return events.length > 0 && events.every((event) => EVENTS.get(event) === null);
}

/**
 * Splits a layer's objects into ordinary objects and hooks, both in the given order; hooks that
 * Strata never runs (`isNeverRunHook`) are in neither. A hook annotation that names an unknown
 * event or delete policy, or a weight that is no integer, is a RenderError at the object's location.
 */
export function splitHooks(sourced: SourcedObject[]): { objects: KubeObject[]; hooks: HookObject[] } {
  const objects: KubeObject[] = [];
  const hooks: HookObject[] = [];
  for (const { object, location } of sourced) {
    const phases = phasesOf(object, location);
    if (phases === undefined) objects.push(object);
    else if (phases.length > 0) hooks.push({ object, phases, weight: weightOf(object, location), deletePolicies: deletePoliciesOf(object, location) });
  }
  return { objects, hooks };
}

/**
 * The layer's hooks for one phase, in the order they run: by weight, then in the engine's install
 * order (`applyStages`: kind, then namespace and name), as Argo CD orders hooks of one wave.
 */
export function hooksFor(layer: Pick<RenderedLayer, 'hooks'>, phase: HookPhase): HookObject[] {
  const hooks = layer.hooks.filter((hook) => hook.phases.includes(phase));
  const rank = new Map(applyStages(hooks.map((hook) => hook.object)).flat().map((object, index) => [object, index]));
  return hooks.sort((a, b) => a.weight - b.weight || rank.get(a.object)! - rank.get(b.object)!);
}

/** The phases a hook runs in (in the order of PHASES); undefined when the object is no hook, empty when it never runs. */
function phasesOf(object: KubeObject, location: RenderLocation): HookPhase[] | undefined {
  const value = annotation(object, HOOK, location);
  if (value === undefined) return undefined;
  const events = listOf(value);
  if (events.length === 0) {
    throw renderError(location, `the ${HOOK} annotation names no hook event; name one (${PHASES.join(', ')}), or remove the annotation if the object is no hook.`);
  }
  const phases = new Set<HookPhase>();
  for (const event of events) {
    const phase = EVENTS.get(event);
    if (phase === undefined) {
      throw renderError(
        location,
        `the ${HOOK} annotation names an unknown hook event ${JSON.stringify(event)}; use ${PHASES.join(', ')} ` +
          '(test and rollback hooks are accepted but never applied), or remove the annotation if the object is no hook.',
      );
    }
    if (phase !== null) phases.add(phase);
  }
  return PHASES.filter((phase) => phases.has(phase));
}

function weightOf(object: KubeObject, location: RenderLocation): number {
  const value = annotation(object, WEIGHT, location)?.trim();
  if (value === undefined || value === '') return 0;
  const weight = Number(value);
  if (!/^[+-]?\d+$/.test(value) || !Number.isSafeInteger(weight)) {
    throw renderError(location, `the ${WEIGHT} annotation must be an integer such as "-5" or "10", not ${JSON.stringify(value)}; fix it.`);
  }
  return weight;
}

function deletePoliciesOf(object: KubeObject, location: RenderLocation): HookDeletePolicy[] {
  const value = annotation(object, DELETE_POLICY, location);
  const policies = new Set<HookDeletePolicy>();
  for (const policy of listOf(value ?? '')) {
    if (!(DELETE_POLICIES as string[]).includes(policy)) {
      throw renderError(location, `the ${DELETE_POLICY} annotation names an unknown policy ${JSON.stringify(policy)}; use ${DELETE_POLICIES.join(', ')}.`);
    }
    policies.add(policy as HookDeletePolicy);
  }
  // Helm's default: a hook object left from an earlier run is deleted before the hook is created again.
  return policies.size > 0 ? [...policies] : ['before-hook-creation'];
}

/** A string annotation; undefined when unset. Annotations are strings in Kubernetes: anything else is a RenderError. */
function annotation(object: KubeObject, name: string, location: RenderLocation): string | undefined {
  const value: unknown = object.metadata.annotations?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw renderError(location, `the ${name} annotation must be a string, not ${JSON.stringify(value)}; quote it.`);
  }
  return value;
}

/** The entries of a comma-separated annotation, trimmed and lowercased as Helm reads them; empty ones skipped. */
function listOf(value: string): string[] {
  return value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}
