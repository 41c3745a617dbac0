// Is an applied object "current": has its controller acted on the latest spec and reached the
// state it describes? Rules in the spirit of kstatus (kubernetes-sigs/cli-utils pkg/kstatus),
// written for Strata: `pending` means keep waiting, `failed` means waiting longer will not help.
// Every reason names what is awaited, in the terms `kubectl describe` would use.

import { apiGroup, type KubeObject } from '../profile/kube-object';

export type Readiness = { state: 'ready' } | { state: 'pending'; reason: string } | { state: 'failed'; reason: string };

type Condition = { type: string; status: string; reason?: string; message?: string; observedGeneration?: number };

const READY: Readiness = { state: 'ready' };
const pending = (reason: string): Readiness => ({ state: 'pending', reason });
const failed = (reason: string): Readiness => ({ state: 'failed', reason });

function conditions(live: KubeObject): Condition[] {
  const list = live.status?.conditions;
  return Array.isArray(list) ? list.filter((c): c is Condition => typeof c?.type === 'string') : [];
}

function condition(live: KubeObject, type: string): Condition | undefined {
  return conditions(live).find((c) => c.type === type);
}

/** "reason: message", or whichever of the two is set. */
function explain(c: Condition | undefined, fallback: string): string {
  const parts = [c?.reason, c?.message].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(': ') : fallback;
}

function int(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function readiness(live: KubeObject): Readiness {
  const deleting = live.metadata.deletionTimestamp;
  if (deleting) {
    const finalizers: unknown[] = Array.isArray(live.metadata.finalizers) ? live.metadata.finalizers : [];
    return pending(finalizers.length > 0 ? `being deleted, waiting for finalizers ${finalizers.join(', ')}` : 'being deleted');
  }

  // The status describes the spec the controller last saw; until it has seen the latest one the
  // rest of the status says nothing about it.
  const generation = live.metadata.generation;
  const observed = live.status?.observedGeneration;
  const workload = apiGroup(live.apiVersion) === 'apps' && ['Deployment', 'StatefulSet', 'DaemonSet'].includes(live.kind);
  if (typeof generation === 'number') {
    if (typeof observed === 'number' && observed < generation) {
      return pending(`waiting for the controller to observe generation ${generation} (it has seen ${observed})`);
    }
    // The workload controllers always report observedGeneration; without it they have not acted yet.
    if (workload && typeof observed !== 'number') {
      return pending(`waiting for the ${live.kind.toLowerCase()} controller to pick up the ${live.kind}`);
    }
  }

  const stalled = condition(live, 'Stalled');
  if (stalled?.status === 'True') return failed(explain(stalled, 'the controller reports it is stalled'));

  switch (`${apiGroup(live.apiVersion)}/${live.kind}`) {
    case 'apps/Deployment':
      return deployment(live);
    case 'apps/StatefulSet':
      return statefulSet(live);
    case 'apps/DaemonSet':
      return daemonSet(live);
    case 'batch/Job':
      return job(live);
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      return crd(live);
    case '/Namespace': {
      const phase = live.status?.phase;
      return phase === 'Active' ? READY : pending(`waiting for the namespace to become Active (phase ${phase ?? 'not reported'})`);
    }
    case '/PersistentVolumeClaim':
      return pvc(live);
    case '/Pod':
      return pod(live);
    case '/Service':
      // A LoadBalancer Service would normally wait for status.loadBalancer.ingress, but Strata also
      // runs against clusters without a cloud load-balancer controller (bare metal, kind, the test
      // control plane), where no address ever appears; waiting would time out every apply. The
      // Service routes traffic inside the cluster as soon as it exists, so it is ready.
      return READY;
    default:
      return generic(live, generation);
  }
}

function deployment(live: KubeObject): Readiness {
  const progressing = condition(live, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return failed(`rollout exceeded its progress deadline: ${progressing.message ?? 'no new pods became available in time'}`);
  }
  const want = int(live.spec?.replicas, 1);
  const status = live.status ?? {};
  const total = int(status.replicas, 0);
  const updated = int(status.updatedReplicas, 0);
  const available = int(status.availableReplicas, 0);
  const ready = int(status.readyReplicas, 0);
  if (updated < want) return pending(`${updated}/${want} replicas updated to the new pod template`);
  if (total > want) return pending(`${plural(total - want, 'old replica')} still terminating`);
  if (available < want) return pending(`${available}/${want} replicas available`);
  if (ready < want) return pending(`${ready}/${want} replicas ready`);
  return READY;
}

function statefulSet(live: KubeObject): Readiness {
  const want = int(live.spec?.replicas, 1);
  const status = live.status ?? {};
  const total = int(status.replicas, 0);
  const ready = int(status.readyReplicas, 0);
  if (ready < want) return pending(`${ready}/${want} replicas ready`);
  if (total > want) return pending(`${plural(total - want, 'replica')} above ${want} still terminating`);
  const strategy = live.spec?.updateStrategy?.type ?? 'RollingUpdate';
  // With OnDelete, pods move to a new revision only when someone deletes them: nothing to wait for.
  if (strategy !== 'RollingUpdate') return READY;
  const updated = int(status.updatedReplicas, 0);
  const partition = int(live.spec?.updateStrategy?.rollingUpdate?.partition, 0);
  if (partition > 0) {
    // Only ordinals >= partition are updated; the rest deliberately stay on the old revision.
    const target = Math.max(want - partition, 0);
    return updated < target ? pending(`${updated}/${target} replicas updated (partition ${partition})`) : READY;
  }
  if (updated < want) return pending(`${updated}/${want} replicas updated to revision ${status.updateRevision ?? '(not reported)'}`);
  // The controller marks the rollout done by making the update revision the current one.
  if (status.currentRevision !== status.updateRevision) {
    return pending(`waiting for the rollout to revision ${status.updateRevision ?? '(not reported)'} to finish (current revision ${status.currentRevision ?? 'not reported'})`);
  }
  const current = int(status.currentReplicas, 0);
  if (current < want) return pending(`${current}/${want} replicas on the current revision`);
  return READY;
}

function daemonSet(live: KubeObject): Readiness {
  const status = live.status ?? {};
  if (typeof status.desiredNumberScheduled !== 'number') return pending('waiting for the daemonset controller to count the nodes to run on');
  const desired: number = status.desiredNumberScheduled;
  const updated = int(status.updatedNumberScheduled, 0);
  const available = int(status.numberAvailable, 0);
  if (updated < desired) return pending(`${updated}/${desired} nodes run the updated pod`);
  if (available < desired) return pending(`${available}/${desired} pods available`);
  return READY;
}

function job(live: KubeObject): Readiness {
  const isTrue = (type: string) => condition(live, type)?.status === 'True';
  // FailureTarget and SuccessCriteriaMet (Kubernetes 1.31+) are set as soon as the outcome is
  // decided, before the remaining pods have terminated and Failed or Complete is added.
  for (const type of ['Failed', 'FailureTarget']) {
    if (isTrue(type)) return failed(`job failed: ${explain(condition(live, type), 'no reason given')}`);
  }
  if (isTrue('Complete') || isTrue('SuccessCriteriaMet')) return READY;
  // A suspended Job runs only when resumed; waiting for it would never end.
  if (isTrue('Suspended')) return READY;
  const status = live.status ?? {};
  const completions = int(live.spec?.completions, 1);
  const counts = `${int(status.succeeded, 0)}/${completions} succeeded, ${int(status.active, 0)} active, ${int(status.failed, 0)} failed`;
  return pending(`waiting for the job to complete (${counts})`);
}

function crd(live: KubeObject): Readiness {
  const names = condition(live, 'NamesAccepted');
  if (names?.status === 'False') return failed(`the CRD's names were not accepted: ${explain(names, 'no reason given')}`);
  if (condition(live, 'Established')?.status === 'True') return READY;
  return pending('waiting for the CRD to be established');
}

function pvc(live: KubeObject): Readiness {
  const phase = live.status?.phase;
  if (phase === 'Bound') return READY;
  if (phase === 'Lost') return failed('the claim lost its bound volume');
  return pending(`waiting for the claim to be bound to a volume (phase ${phase ?? 'not reported'})`);
}

function pod(live: KubeObject): Readiness {
  const status = live.status ?? {};
  if (status.phase === 'Succeeded') return READY;
  if (status.phase === 'Failed') return failed(`pod failed: ${[status.reason, status.message].filter(Boolean).join(': ') || 'no reason given'}`);
  if (condition(live, 'Ready')?.status === 'True') return READY;
  const scheduled = condition(live, 'PodScheduled');
  if (scheduled?.status === 'False') return pending(`waiting for the pod to be scheduled: ${explain(scheduled, 'no node chosen yet')}`);
  const statuses: any[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const waiting = statuses.filter((s) => s?.state?.waiting?.reason);
  if (waiting.length > 0) {
    return pending(`waiting for containers: ${waiting.map((s) => `${s.name} is ${s.state.waiting.reason}`).join(', ')}`);
  }
  return pending(`waiting for the pod to become Ready (phase ${status.phase ?? 'not reported'})`);
}

function generic(live: KubeObject, generation: unknown): Readiness {
  const reconciling = condition(live, 'Reconciling');
  if (reconciling?.status === 'True') return pending(`the controller is reconciling: ${explain(reconciling, 'no details given')}`);
  const ready = condition(live, 'Ready');
  if (ready) {
    // A Ready condition written for an older generation says nothing about the current spec.
    if (typeof generation === 'number' && typeof ready.observedGeneration === 'number' && ready.observedGeneration < generation) {
      return pending(`waiting for the controller to report on generation ${generation} (Ready is from generation ${ready.observedGeneration})`);
    }
    if (ready.status !== 'True') return pending(`waiting for Ready: ${explain(ready, `status ${ready.status}`)}`);
  }
  return READY;
}
