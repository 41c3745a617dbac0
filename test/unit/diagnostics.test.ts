import { join } from 'node:path';
import { encodeMsgpack } from '../../provider/protocol/cty';
import { DiagnosticError, diagnosticFromError } from '../../provider/protocol/diagnostics';
import { objectType } from '../../provider/framework/schema';
import { clusterSchema } from '../../provider/resources/cluster-schema';
import type { ProviderHandlers } from '../../provider/protocol/provider-service';

describe('diagnosticFromError', () => {
  test('keeps the summary, detail and path of an error thrown by the provider core bundle', async () => {
    // The shipped core bundle has its own copy of DiagnosticError; this test's copy is another one,
    // as the transport bundle's is in the provider process.
    const core = require(join(__dirname, '..', '..', 'bundle', 'provider-core.js')) as { loadProvider(): ProviderHandlers };
    const cluster = { id: null, name: 'edge', kubernetes: null, profile: 'not a snapshot', wait: null, timeout: null, prune: null, force_conflicts: null,
      applied_version: null, applied_digest: null, layers: null, history: null, changes: null, drift: null };
    const dv = (value: object | null) => ({ msgpack: Buffer.from(encodeMsgpack(value, objectType(clusterSchema))) });
    const thrown = await core.loadProvider().PlanResourceChange!({
      type_name: 'strata_cluster', prior_state: dv(null), proposed_new_state: dv(cluster), config: dv(cluster),
    }).then(() => undefined, (error: unknown) => error);
    expect(thrown).not.toBeUndefined();
    expect(Object.getPrototypeOf(thrown)).not.toBe(DiagnosticError.prototype);
    expect(thrown).toBeInstanceOf(DiagnosticError);
    expect(diagnosticFromError(thrown, 'PlanResourceChange')).toEqual({
      severity: 'error', summary: 'Invalid profile', detail: expect.stringContaining('profile must be the snapshot of a strata_profile_version'), path: ['profile'],
    });
  });

  test('an error that is not a DiagnosticError is reported as unexpected, with its message', () => {
    expect(diagnosticFromError(new Error('boom'), 'ReadResource')).toEqual({
      severity: 'error', summary: 'Strata failed during ReadResource', detail: expect.stringMatching(/^boom\n\nThis is unexpected; please report it/),
    });
    expect(diagnosticFromError({ summary: 'looks like one', detail: 'but is not' }, 'ReadResource').summary).toBe('Strata failed during ReadResource');
  });

  test('a subclass of DiagnosticError keeps the usual instanceof check', () => {
    class LockHeld extends DiagnosticError {}
    expect(new LockHeld('Cluster is locked', 'wait')).toBeInstanceOf(DiagnosticError);
    expect(new DiagnosticError('Other', 'detail')).not.toBeInstanceOf(LockHeld);
  });
});
