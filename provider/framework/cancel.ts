// StopProvider (Ctrl-C in OpenTofu or Terraform) must end planning, refresh and import promptly,
// also while a request to a cluster is in flight that nothing can cancel.
import { DiagnosticError } from '../protocol/diagnostics';

/**
 * Resolves with `work`, or fails as soon as `signal` aborts. Only for work that writes nothing
 * (plan, refresh, import): it is dropped where it stands and its result ignored. Apply is never
 * abandoned this way, since it must report the state that is really there.
 */
export function unlessStopped<T>(signal: AbortSignal, work: () => Promise<T>, doing: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new DiagnosticError(
      'Stopped by the client',
      `Strata stopped ${doing} because OpenTofu or Terraform asked the provider to stop (Ctrl-C, or a cancelled run). ` +
        'Nothing was changed; run the command again to finish.',
    ));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    work().then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
