// Bounded parallelism for requests to the API server, and a sleep that stops when asked to.

/** Parallel requests per stage: enough to keep an API server busy, few enough not to be throttled. */
export const CONCURRENCY = 16;

/**
 * Runs `work` over `items`, `limit` at a time. After a failure no new item starts, and the call
 * returns only once the items in flight have finished: the record must not be written (nor the lock
 * released) while requests it does not know of are still going on.
 */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // The listener goes with the timer: a long apply sleeps many times on one signal.
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
