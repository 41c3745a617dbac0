// The cluster lock: a coordination.k8s.io Lease per cluster. Only one apply may move a cluster at a
// time; a second one fails fast and names the holder, like Terraform's state lock does.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { DiagnosticError } from '../protocol/diagnostics';
import { SYSTEM_NAMESPACE } from './record';

const LEASE_SECONDS = 60;

export interface ClusterLock {
  holder: string;
  /** Aborts when the lease could not be renewed before it expired: another apply may hold it now. */
  lost: AbortSignal;
  release(): Promise<void>;
}

function lease(cluster: string, holder: string, resourceVersion?: string): KubeObject {
  const now = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: `strata-lock-${cluster}`, namespace: SYSTEM_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'strata' }, ...(resourceVersion ? { resourceVersion } : {}) },
    spec: { holderIdentity: holder, leaseDurationSeconds: LEASE_SECONDS, acquireTime: now, renewTime: now },
  };
}

function expired(existing: KubeObject): boolean {
  const renewed = Date.parse(existing.spec?.renewTime ?? existing.spec?.acquireTime ?? '');
  const seconds = existing.spec?.leaseDurationSeconds ?? LEASE_SECONDS;
  return Number.isNaN(renewed) || renewed + seconds * 1000 < Date.now();
}

function heldBy(cluster: string, existing: KubeObject): DiagnosticError {
  return new DiagnosticError(
    'Cluster is locked by another apply',
    `Cluster "${cluster}" is being changed by ${existing.spec?.holderIdentity ?? 'an unknown holder'} (lock taken ${existing.spec?.acquireTime ?? 'at an unknown time'}). ` +
    `Wait for it to finish and run apply again. If that apply died, the lock expires ${existing.spec?.leaseDurationSeconds ?? LEASE_SECONDS}s after its last renewal, ` +
    `or remove it with: kubectl -n ${SYSTEM_NAMESPACE} delete lease strata-lock-${cluster}`,
  );
}

export async function acquireLock(client: KubeClient, cluster: string): Promise<ClusterLock> {
  const holder = `strata@${hostname()} pid ${process.pid} (${randomBytes(3).toString('hex')})`;
  const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: SYSTEM_NAMESPACE, name: `strata-lock-${cluster}` };
  const existing = await client.get(ref);
  try {
    if (!existing) await client.create(lease(cluster, holder));
    else if (existing.spec?.holderIdentity && !expired(existing)) throw heldBy(cluster, existing);
    else await client.replace(lease(cluster, holder, existing.metadata.resourceVersion));
  } catch (error) {
    // Lost a race with another apply: report whoever won.
    if (error instanceof KubeApiError && (error.status === 409)) {
      const winner = await client.get(ref);
      if (winner) throw heldBy(cluster, winner);
    }
    throw error;
  }
  let current = (await client.get(ref))!;
  let renewedAt = Date.now();
  const lost = new AbortController();
  // Renew while the apply runs, so a long readiness wait does not let the lock expire.
  const renew = setInterval(() => {
    const next = lease(cluster, holder, current.metadata.resourceVersion);
    next.spec.acquireTime = current.spec.acquireTime;
    client.replace(next).then((written) => {
      current = written;
      renewedAt = Date.now();
    }, (error) => {
      if (Date.now() - renewedAt > LEASE_SECONDS * 1000) {
        lost.abort(new Error(`the cluster lock could not be renewed for ${LEASE_SECONDS}s (${error instanceof Error ? error.message : String(error)}); stopped so that two applies never run at once`));
      }
    });
  }, (LEASE_SECONDS / 3) * 1000);
  renew.unref();
  return {
    holder,
    lost: lost.signal,
    async release() {
      clearInterval(renew);
      // Only our own lease: if it expired and another apply took it, it is theirs now.
      const now = await client.get(ref);
      if (now?.spec?.holderIdentity === holder) await client.delete(ref);
    },
  };
}
