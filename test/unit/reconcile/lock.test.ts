// The cluster lock's timing, on jest's fake clock (timers, Date and performance.now): judged only by
// what the lock itself observed, never by the holder's timestamps.
import { KubeApiError, type KubeObject } from '../../../provider/kube';
import { DiagnosticError } from '../../../provider/protocol/diagnostics';
import { acquireLock, LEASE_SECONDS, OBSERVE_EVERY_MS, RENEW_DEADLINE_MS, RENEW_EVERY_MS, RETRY_EVERY_MS } from '../../../provider/reconcile/lock';
import { fakeObjects, type FakeObjects } from './fake-objects';

const KEY = 'Lease/strata-system/strata-lock-edge-1';
const LEASE = LEASE_SECONDS * 1000;

function foreignLease(fake: FakeObjects, spec: Record<string, unknown>): Promise<KubeObject> {
  return fake.client.create({
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: { name: 'strata-lock-edge-1', namespace: 'strata-system' },
    spec: { holderIdentity: 'ci-job-42', leaseDurationSeconds: LEASE_SECONDS, acquireTime: '2020-01-01T00:00:00.000000Z', renewTime: '2020-01-01T00:00:00.000000Z', ...spec },
  });
}

/** What the holder of `lease` does when it renews it: a new renewTime, and so a new resourceVersion. */
async function renewForeign(fake: FakeObjects): Promise<void> {
  const current = fake.objects.get(KEY)!;
  await fake.client.replace({ ...current, spec: { ...current.spec, renewTime: new Date().toISOString() } });
}

/** Settles `promise` into what it resolved to or the error it threw, without an unhandled rejection. */
function settle<T>(promise: Promise<T>): { done: () => boolean; value: () => T | unknown } {
  let state: { value: T | unknown } | undefined;
  promise.then((value) => { state = { value }; }, (error: unknown) => { state = { value: error }; });
  return { done: () => state !== undefined, value: () => state?.value };
}

describe('cluster lock', () => {
  let fake: FakeObjects;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-06-01T00:00:00Z') });
    fake = fakeObjects();
  });
  afterEach(() => jest.useRealTimers());

  test('a free lock is taken at once, renewed every 10 s while held, and released with preconditions', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe(lock.holder);
    expect(fake.calls).toEqual(['create strata-lock-edge-1']);
    await jest.advanceTimersByTimeAsync(3 * RENEW_EVERY_MS);
    expect(fake.calls.filter((call) => call === 'replace strata-lock-edge-1')).toHaveLength(3);
    expect(lock.lost.aborted).toBe(false);
    await lock.release();
    expect(fake.objects.has(KEY)).toBe(false);
    await jest.advanceTimersByTimeAsync(10 * RENEW_EVERY_MS);
    expect(fake.calls.at(-1)).toBe('delete strata-lock-edge-1');
  });

  test('a release during a renewal waits for it, then deletes the lease that renewal wrote', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    fake.before = (verb) => (verb === 'replace' ? new Promise<void>((resolve) => setTimeout(resolve, 1_000)) : undefined);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    const released = settle(lock.release());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(released.done()).toBe(true);
    expect(fake.objects.has(KEY)).toBe(false);
  });

  test('a held lock that its holder renews fails the second apply as soon as it sees the renewal, naming the holder', async () => {
    await foreignLease(fake, {});
    const attempt = settle(acquireLock(fake.client, 'edge-1'));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(attempt.done()).toBe(false);
    await renewForeign(fake);
    await jest.advanceTimersByTimeAsync(OBSERVE_EVERY_MS);
    expect(attempt.value()).toBeInstanceOf(DiagnosticError);
    expect((attempt.value() as DiagnosticError).detail).toMatch(/being changed by ci-job-42 .*renewed while this apply watched it/);
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe('ci-job-42');
  });

  test('an unrenewed lock is taken over only after it was watched unchanged for its whole lease, whatever its timestamps say', async () => {
    // Written by a machine whose clock is ten years behind: by timestamps it expired long ago.
    await foreignLease(fake, {});
    const attempt = settle(acquireLock(fake.client, 'edge-1'));
    // And this machine's wall clock jumps an hour ahead meanwhile: only the monotonic clock counts.
    await jest.advanceTimersByTimeAsync(LEASE - 2 * OBSERVE_EVERY_MS);
    jest.setSystemTime(Date.now() + 3_600_000);
    await jest.advanceTimersByTimeAsync(OBSERVE_EVERY_MS);
    expect(attempt.done()).toBe(false);
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe('ci-job-42');
    await jest.advanceTimersByTimeAsync(2 * OBSERVE_EVERY_MS);
    const lock = attempt.value() as Awaited<ReturnType<typeof acquireLock>>;
    expect(lock.holder).toMatch(/^strata@/);
    expect(fake.objects.get(KEY)?.spec).toMatchObject({ holderIdentity: lock.holder, leaseTransitions: 1 });
    await lock.release();
  });

  test('a lock whose holder writes timestamps from the future is not trusted for them either', async () => {
    await foreignLease(fake, { renewTime: '2099-01-01T00:00:00.000000Z' });
    const attempt = settle(acquireLock(fake.client, 'edge-1'));
    await jest.advanceTimersByTimeAsync(LEASE + 2 * OBSERVE_EVERY_MS);
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toMatch(/^strata@/);
    await (attempt.value() as Awaited<ReturnType<typeof acquireLock>>).release();
  });

  test('a lock with a lease longer than Strata waits on fails at once', async () => {
    await foreignLease(fake, { leaseDurationSeconds: 600 });
    const error = await acquireLock(fake.client, 'edge-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).detail).toContain('its lease lasts 600s');
    expect((error as DiagnosticError).detail).toContain('kubectl -n strata-system delete lease strata-lock-edge-1');
  });

  test('a released lock (no holder) is taken at once', async () => {
    await foreignLease(fake, { holderIdentity: '' });
    const lock = await acquireLock(fake.client, 'edge-1');
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe(lock.holder);
    await lock.release();
  });

  test('losing the race to create the lock names the winner', async () => {
    fake.before = async (verb) => {
      if (verb === 'create') {
        fake.before = () => undefined;
        await foreignLease(fake, {});
      }
    };
    const error = await acquireLock(fake.client, 'edge-1').catch((e: unknown) => e);
    expect((error as DiagnosticError).detail).toMatch(/ci-job-42 .*taken just before this apply could/);
  });

  test('waiting for a held lock stops when the apply is cancelled', async () => {
    await foreignLease(fake, {});
    const cancel = new AbortController();
    const attempt = settle(acquireLock(fake.client, 'edge-1', { signal: cancel.signal }));
    await jest.advanceTimersByTimeAsync(OBSERVE_EVERY_MS);
    cancel.abort(new Error('cancelled'));
    await jest.advanceTimersByTimeAsync(0);
    expect((attempt.value() as Error).message).toBe('cancelled');
  });

  test('a renewal answered 409 (taken over or edited) aborts `lost` at once; release then leaves the lease alone', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    // Another apply took it over (it judged it expired).
    const current = fake.objects.get(KEY)!;
    await fake.client.replace({ ...current, spec: { ...current.spec, holderIdentity: 'other' } });
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    expect(lock.lost.aborted).toBe(true);
    expect((lock.lost.reason as Error).message).toMatch(/changed by someone else .*stopped so that two applies never change cluster "edge-1" at once/);
    await lock.release();
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe('other');
  });

  test('a lease removed while held aborts `lost` at the next renewal', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    fake.objects.delete(KEY);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    expect((lock.lost.reason as Error).message).toMatch(/was removed while this apply held it/);
  });

  test('a renewal that never completes aborts `lost` 40 s after the last renewal that did was sent', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    // From now on, renewals hang (a partitioned network); the last one that completed was sent at 10 s.
    fake.before = (verb) => (verb === 'replace' ? new Promise(() => undefined) : undefined);
    await jest.advanceTimersByTimeAsync(RENEW_DEADLINE_MS - 1);
    expect(lock.lost.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(lock.lost.aborted).toBe(true);
    expect((lock.lost.reason as Error).message).toMatch(/could not be renewed within 40s/);
  });

  test('a holder cut off from the API server stops before another apply that watches the lease can take it', async () => {
    const first = await acquireLock(fake.client, 'edge-1');
    let lostAt: number | undefined;
    first.lost.addEventListener('abort', () => { lostAt = Date.now(); });
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    // The first apply's renewals no longer arrive; a second apply starts watching right after its last one.
    const replace = fake.client.replace.bind(fake.client);
    fake.client.replace = (object: KubeObject) => (object.spec?.holderIdentity === first.holder ? new Promise<KubeObject>(() => undefined) : replace(object));
    const start = Date.now();
    const second = settle(acquireLock(fake.client, 'edge-1'));
    await jest.advanceTimersByTimeAsync(LEASE + 2 * OBSERVE_EVERY_MS);
    const lock = second.value() as Awaited<ReturnType<typeof acquireLock>>;
    expect(fake.objects.get(KEY)?.spec.holderIdentity).toBe(lock.holder);
    expect(lostAt! - start).toBeLessThanOrEqual(RENEW_DEADLINE_MS);
    expect(lostAt! - start).toBeLessThan(LEASE);
    await lock.release();
  });

  test('renewals that fail for a while are retried every 2 s, and the lock is kept when one succeeds in time', async () => {
    const lock = await acquireLock(fake.client, 'edge-1');
    let failures = 0;
    fake.before = (verb) => {
      if (verb === 'replace' && failures < 10) {
        failures++;
        throw new KubeApiError('replace lease', 503, 'ServiceUnavailable', 'etcd leader changed');
      }
    };
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS + 10 * RETRY_EVERY_MS);
    expect(failures).toBe(10);
    expect(lock.lost.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(RENEW_DEADLINE_MS);
    expect(lock.lost.aborted).toBe(false);
    await lock.release();
  });
});
