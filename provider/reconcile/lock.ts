// The cluster lock: a coordination.k8s.io Lease per cluster. Only one apply may move a cluster at a
// time; a second one fails and names the holder, like Terraform's state lock does.
//
// Time is judged as client-go's leader election judges it (tools/leaderelection, `observedTime`):
// by what this process saw on its own monotonic clock, never by comparing the holder's renewTime
// with this machine's clock, so that clock skew between machines cannot make a live lock look
// expired. A held lock is taken over only after this process watched it stay unchanged for its
// whole lease; its holder stops on its own well before that when it cannot renew it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { DiagnosticError } from '../protocol/diagnostics';
import { log } from '../util/log';
import { sleep } from './parallel';
import { MANAGED_BY, SYSTEM_NAMESPACE } from './record';

/** How long another apply watches the lock unrenewed before it takes it over. */
export const LEASE_SECONDS = 60;
/** Often, so that a second apply sees the lock renewed (and fails) soon. */
export const RENEW_EVERY_MS = 10_000;
/** After a renewal that failed for a reason that may pass (a timeout, a 503). */
export const RETRY_EVERY_MS = 2_000;
/**
 * The holder stops when no renewal sent in this long succeeded: well before another apply may take
 * over, leaving room for clocks that run at different rates (client-go's defaults: 10 s of 15 s).
 */
export const RENEW_DEADLINE_MS = 40_000;
/** How often a waiting apply looks at a held lock. */
export const OBSERVE_EVERY_MS = 2_000;

export interface ClusterLock {
  holder: string;
  /** Aborts when the lock was taken over or removed, or could not be renewed in time: another apply may hold it now. */
  lost: AbortSignal;
  /** Stops renewing and deletes the lease, only if it is still the very lease this lock last wrote. */
  release(): Promise<void>;
}

/** Monotonic milliseconds: wall-clock changes (NTP steps, skew) do not move it. */
const now = () => performance.now();

const leaseName = (cluster: string) => `strata-lock-${cluster}`;
const leaseRef = (cluster: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: SYSTEM_NAMESPACE, name: leaseName(cluster) });

function microTime(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The lease for `holder`; replacing `previous` (its resourceVersion the precondition) when given. */
function lease(cluster: string, holder: string, previous?: KubeObject): KubeObject {
  const time = microTime();
  const renewing = previous?.spec?.holderIdentity === holder;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: leaseName(cluster),
      namespace: SYSTEM_NAMESPACE,
      labels: MANAGED_BY,
      ...(previous ? { resourceVersion: previous.metadata.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: LEASE_SECONDS,
      // Informational (kubectl shows them); no decision here depends on them.
      acquireTime: renewing ? previous?.spec?.acquireTime : time,
      renewTime: time,
      leaseTransitions: (previous?.spec?.leaseTransitions ?? 0) + (previous && !renewing ? 1 : 0),
    },
  };
}

/** What a renewal changes: the same value means nobody renewed or took the lease in between. */
const fingerprint = (existing: KubeObject) => JSON.stringify([existing.spec?.holderIdentity, existing.spec?.renewTime, existing.spec?.acquireTime, existing.spec?.leaseDurationSeconds]);

const durationOf = (existing: KubeObject): number => existing.spec?.leaseDurationSeconds ?? LEASE_SECONDS;

function heldBy(cluster: string, existing: KubeObject, why: string): DiagnosticError {
  const seconds = durationOf(existing);
  const free = `kubectl -n ${SYSTEM_NAMESPACE} delete lease ${leaseName(cluster)}`;
  return new DiagnosticError(
    'Cluster is locked by another apply',
    `Cluster "${cluster}" is being changed by ${existing.spec?.holderIdentity ?? 'an unknown holder'} (lock taken ${existing.spec?.acquireTime ?? 'at an unknown time'}; ${why}). ` +
    'Wait for it to finish and run apply again. ' +
    (seconds > LEASE_SECONDS
      ? `If its holder is gone, free the lock: ${free}`
      : `If that apply stopped, the next apply takes the lock over once it has watched it go unrenewed for ${seconds}s; to free it now: ${free}`),
  );
}

/** Writes our lease and returns it with the monotonic time its request was sent. */
async function write(client: KubeClient, object: KubeObject, create: boolean): Promise<{ lease: KubeObject; sentAt: number }> {
  const sentAt = now();
  return { lease: create ? await client.create(object) : await client.replace(object), sentAt };
}

/**
 * Takes the lease: at once when it is absent or released; when held, after watching it unchanged
 * for its whole lease duration. Fails, naming the holder, as soon as it sees the lease renewed, or
 * at once when the lease is longer than Strata's own (such a lock is not waited on).
 */
async function take(client: KubeClient, cluster: string, holder: string, signal?: AbortSignal): Promise<{ lease: KubeObject; sentAt: number }> {
  const ref = leaseRef(cluster);
  let observed: { fingerprint: string; since: number } | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const existing = await client.get(ref);
    try {
      if (!existing) return await write(client, lease(cluster, holder), true);
      if (!existing.spec?.holderIdentity) return await write(client, lease(cluster, holder, existing), false);
      if (durationOf(existing) > LEASE_SECONDS) throw heldBy(cluster, existing, `its lease lasts ${durationOf(existing)}s, longer than Strata waits on a lock`);
      if (!observed) {
        observed = { fingerprint: fingerprint(existing), since: now() };
        log.info('cluster lock held; watching whether it is renewed', { cluster, holder: existing.spec.holderIdentity });
      } else if (observed.fingerprint !== fingerprint(existing)) {
        throw heldBy(cluster, existing, 'it was renewed while this apply watched it');
      } else if (now() - observed.since > durationOf(existing) * 1000) {
        log.warn('cluster lock not renewed for its whole lease: taking it over', { cluster, holder: existing.spec.holderIdentity });
        return await write(client, lease(cluster, holder, existing), false);
      }
    } catch (error) {
      // Another apply created or took it between our read and our write: name whoever won.
      if (error instanceof KubeApiError && error.status === 409) {
        const winner = await client.get(ref);
        if (winner?.spec?.holderIdentity) throw heldBy(cluster, winner, 'it was taken just before this apply could');
        continue;
      }
      throw error;
    }
    await sleep(OBSERVE_EVERY_MS, signal);
  }
}

/**
 * Takes the cluster lock and renews it until `release()`. `signal` stops the wait for a held lock.
 * `lost` aborts the moment the lease was changed by someone else or removed (a renewal answered 409
 * or 404), or when no renewal succeeded within RENEW_DEADLINE_MS of being sent, whether it failed
 * or is still pending.
 */
export async function acquireLock(client: KubeClient, cluster: string, options: { signal?: AbortSignal } = {}): Promise<ClusterLock> {
  const holder = `strata@${hostname()} pid ${process.pid} (${randomBytes(3).toString('hex')})`;
  const ref = leaseRef(cluster);
  const taken = await take(client, cluster, holder, options.signal);
  let current = taken.lease;
  const lost = new AbortController();
  let stopped = false;
  let renewal: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let pending: Promise<void> | undefined;

  const stop = () => {
    stopped = true;
    clearTimeout(renewal);
    clearTimeout(deadline);
  };
  const lose = (why: string) => {
    if (stopped) return;
    stop();
    log.error('cluster lock lost', { cluster, reason: why });
    lost.abort(new Error(`${why}; stopped so that two applies never change cluster "${cluster}" at once`));
  };
  // Timers are unref'd: a lock never keeps the process alive on its own.
  const armDeadline = (sentAt: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => lose(`the cluster lock could not be renewed within ${RENEW_DEADLINE_MS / 1000}s`), sentAt + RENEW_DEADLINE_MS - now());
    deadline.unref();
  };
  const schedule = (ms: number) => {
    renewal = setTimeout(renew, ms);
    renewal.unref();
  };
  function renew(): void {
    pending = write(client, lease(cluster, holder, current), false).then(({ lease: written, sentAt }) => {
      current = written;
      if (stopped) return;
      armDeadline(sentAt);
      schedule(RENEW_EVERY_MS);
    }, (error: unknown) => {
      if (stopped) return;
      if (error instanceof KubeApiError && (error.status === 409 || error.status === 404)) {
        lose(`the cluster lock was ${error.status === 404 ? 'removed' : 'changed by someone else (taken over, or edited)'} while this apply held it`);
      } else {
        log.warn('could not renew the cluster lock; trying again', { cluster, error: error instanceof Error ? error.message : String(error) });
        schedule(RETRY_EVERY_MS);
      }
    });
  }
  armDeadline(taken.sentAt);
  schedule(RENEW_EVERY_MS);

  return {
    holder,
    lost: lost.signal,
    async release() {
      const held = !lost.signal.aborted;
      stop();
      // A renewal in flight decides which version of the lease is ours (a lost lock does not wait for it).
      if (held) await pending;
      try {
        // Preconditions: if anyone changed the lease since our last write, it is not ours to delete.
        await client.delete(ref, { preconditions: { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion } });
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 409) {
          log.warn('cluster lock not released: it changed since this apply last renewed it', { cluster });
          return;
        }
        throw error;
      }
    },
  };
}
