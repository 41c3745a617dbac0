// Before anything is written: is each object the plan adds or changes Strata's to apply, and would
// the API server take it? Ownership is judged on the live object; the API server answers a
// server-side dry run, with its schemas, admission policies and webhooks, immutable fields and quota.
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { diffFields, type FieldDiff } from './field-diff';
import { labelOf, refOf } from './inventory';
import { adoptionAllowed, fieldManagerFor, marked, ownershipOf, recreateAllowed } from './ownership';
import { CONCURRENCY, inParallel } from './parallel';

export interface PreflightItem {
  layer: string;
  key: string;
  object: KubeObject;
  /** The cluster's record lists the object. */
  recorded: boolean;
  /** Drift repair: the apply takes its fields back. */
  repair: boolean;
}

export interface PreflightOptions {
  cluster: string;
  adoptExisting: boolean;
  recreateOnImmutable: boolean;
  forceConflicts: boolean;
  /**
   * Whether the server serves a kind, from the discovery the plan already read (asking the client
   * instead reloads discovery on every miss, once per custom resource whose CRD this apply installs).
   */
  served?: (apiVersion: string, kind: string) => boolean;
}

export interface PreflightVerdict {
  action: 'apply' | 'adopt' | 'replace';
  /** For adopt and replace: why, as the plan shows it. */
  reason?: string;
  /** A recorded object that the cluster no longer marks as this cluster's: why it leaves the record. */
  forgotten?: string;
  /** For an object that exists: the fields the apply changes (see field-diff.ts). */
  fields?: FieldDiff;
}

export interface PreflightProblem { summary: string; detail: string }

/** The field an immutable-field refusal names, e.g. `spec.selector`; undefined for other refusals. */
export function immutableField(error: unknown): string | undefined {
  if (!(error instanceof KubeApiError) || error.status !== 422) return undefined;
  const immutable = /field is immutable|may not change once set|updates to statefulset spec for fields other than|is immutable/i;
  const cause = error.causes.find((c) => immutable.test(c.message ?? ''));
  if (cause) return cause.field || 'spec';
  return immutable.test(error.apiMessage) ? 'spec' : undefined;
}

function managersOf(live: KubeObject): string {
  const names = [...new Set((live.metadata.managedFields ?? []).map((e: { manager?: string }) => e.manager).filter(Boolean))];
  return names.length > 0 ? names.join(', ') : 'unknown';
}

function refusal(item: PreflightItem, error: unknown): PreflightProblem {
  const label = labelOf(refOf(item.object));
  if (!(error instanceof KubeApiError)) throw error;
  const fields = error.causes.filter((c) => c.field).map((c) => `${c.field}: ${c.message ?? c.reason ?? ''}`);
  if (error.status === 409) {
    return {
      summary: 'Field conflict with another field manager',
      detail: `Layer "${item.layer}", ${label}: ${error.apiMessage}. Another tool or controller owns these fields. ` +
        'Set force_conflicts = true on the cluster to take them over, or list them in ignore_fields to leave them to that manager. Nothing was changed.',
    };
  }
  return {
    summary: 'The API server would refuse an object',
    detail: `Layer "${item.layer}", ${label}: ${error.apiMessage}${fields.length > 0 && !fields.every((f) => error.apiMessage.includes(f.split(': ')[0]!)) ? ` (${fields.join('; ')})` : ''} ` +
      `(HTTP ${error.status} ${error.reason}). The server-side dry run of this plan refused it; nothing was changed. Fix the object in the profile.`,
  };
}

/**
 * The namespaces of `items` that do not exist yet: one GET each, instead of a dry run per object
 * that could only answer "namespace not found". One Strata may not read counts as existing.
 */
async function missingNamespaces(client: KubeClient, items: PreflightItem[]): Promise<Set<string>> {
  const names = [...new Set(items.map((item) => item.object.metadata.namespace).filter((n): n is string => Boolean(n)))];
  const missing = new Set<string>();
  await inParallel(names, CONCURRENCY, async (name) => {
    try {
      if (!(await client.get({ apiVersion: 'v1', kind: 'Namespace', name }))) missing.add(name);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 403)) throw error;
    }
  });
  return missing;
}

export async function preflight(client: KubeClient, items: PreflightItem[], live: Map<string, KubeObject>, options: PreflightOptions): Promise<{ verdicts: Map<string, PreflightVerdict>; problems: PreflightProblem[] }> {
  const verdicts = new Map<string, PreflightVerdict>();
  const problems: PreflightProblem[] = [];
  const missing = await missingNamespaces(client, items);
  await inParallel(items, CONCURRENCY, async (item) => {
    const label = labelOf(refOf(item.object));
    const current = live.get(item.key);
    let verdict: PreflightVerdict = { action: 'apply' };
    if (current) {
      const ownership = ownershipOf(current, options.cluster, item.recorded);
      if (ownership.owner === 'other-cluster') {
        problems.push({
          summary: 'Object claimed by another cluster',
          detail: `Layer "${item.layer}", ${label} is managed by Strata cluster "${ownership.cluster}" (label strata.dev/cluster=${ownership.cluster}), ` +
            `and the profile of cluster "${options.cluster}" names it too. Two strata_cluster resources must not manage one object: remove it from one of the two profiles.`,
        });
        return;
      }
      if (ownership.owner === 'nobody') {
        const forgotten = item.recorded ? 'no longer carries this cluster\'s mark (removed outside Strata); dropped from the record' : undefined;
        if (!adoptionAllowed(item.object, current, options.adoptExisting)) {
          problems.push({
            summary: 'Object exists and is not Strata\'s',
            detail: `Layer "${item.layer}", ${label} already exists in the cluster, ${forgotten ? `and ${forgotten.replace('; dropped from the record', '')}` : `created outside Strata (field managers: ${managersOf(current)})`}. ` +
              'Strata does not take over objects silently. To adopt it, set adopt_existing = true on the cluster, or annotate the object ' +
              `(kubectl annotate ${current.kind.toLowerCase()} ${current.metadata.name}${current.metadata.namespace ? ` -n ${current.metadata.namespace}` : ''} strata.dev/adopt=true); ` +
              'from then on it is Strata\'s, and removing it from the profile deletes it. Or remove it from the profile.',
          });
          return;
        }
        verdict = { action: 'adopt', reason: `adopt: exists, created outside Strata by ${managersOf(current)}`, ...(forgotten ? { forgotten } : {}) };
      }
    }
    // A dry run cannot see kinds whose CRD this apply installs, nor into a Namespace it creates.
    const namespace = item.object.metadata.namespace;
    const served = options.served ? options.served(item.object.apiVersion, item.object.kind) : Boolean(await client.resourceFor(item.object.apiVersion, item.object.kind));
    if ((namespace && missing.has(namespace)) || !served) return void verdicts.set(item.key, verdict);
    const applied = marked(item.object, options.cluster, item.layer);
    // Without a dry-run result, the fields the profile sets, against the live object.
    const setFields = () => (current ? { ...verdict, fields: diffFields(current, applied, { onlySet: true }) } : verdict);
    try {
      const after = await client.apply(applied, {
        fieldManager: fieldManagerFor(options.cluster),
        force: options.forceConflicts || item.repair || verdict.action === 'adopt',
        dryRun: true,
      });
      if (current) verdict = { ...verdict, fields: diffFields(current, after) };
    } catch (error) {
      // A webhook with side effects refuses every dry run: it says nothing about the object.
      if (error instanceof KubeApiError && /does not support dry run/i.test(error.apiMessage)) return void verdicts.set(item.key, setFields());
      if (error instanceof KubeApiError && error.status === 404 && /^namespaces? "[^"]*" not found$/.test(error.apiMessage)) return void verdicts.set(item.key, verdict);
      const field = current ? immutableField(error) : undefined;
      if (field === undefined) return void problems.push(refusal(item, error));
      if (!recreateAllowed(item.object, options.recreateOnImmutable)) {
        problems.push({
          summary: 'Immutable field would change',
          detail: `Layer "${item.layer}", ${label}: field ${field} cannot be changed in place (${(error as KubeApiError).apiMessage}). ` +
            'Strata can delete and re-create the object: set recreate_on_immutable = true on the cluster, or annotate the object in the profile with ' +
            'strata.dev/recreate-on-immutable: "true". StatefulSets are re-created without deleting their pods and volumes. Nothing was changed.',
        });
        return;
      }
      verdict = { ...setFields(), action: 'replace', reason: `replace: ${field} is immutable` };
    }
    verdicts.set(item.key, verdict);
  });
  return { verdicts, problems };
}
