import { KubeApiError } from '../../../provider/kube';
import { adoptionAllowed, fieldManagerFor, keepReason, marked, ownershipOf, recreateAllowed } from '../../../provider/reconcile/ownership';
import { immutableField } from '../../../provider/reconcile/preflight';
import { describeChange } from '../../../provider/reconcile/changes';

const cm = (metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'web', ...metadata } });

describe('the mark', () => {
  test('an applied object carries the cluster label, the record and the layer, over its own metadata', () => {
    const object = marked(cm({ labels: { app: 'web' }, annotations: { note: 'x' } }), 'edge-1', 'base');
    expect(object.metadata.labels).toEqual({ app: 'web', 'strata.dev/cluster': 'edge-1' });
    expect(object.metadata.annotations).toEqual({ note: 'x', 'strata.dev/record': 'strata-system/strata-record-edge-1', 'strata.dev/layer': 'base' });
    expect(fieldManagerFor('edge-1')).toBe('strata-edge-1');
  });

  test('ownership: this cluster, another cluster, nobody, and a release without marks', () => {
    expect(ownershipOf(cm({ labels: { 'strata.dev/cluster': 'edge-1' } }), 'edge-1', false)).toEqual({ owner: 'this' });
    expect(ownershipOf(cm({ labels: { 'strata.dev/cluster': 'edge-2' } }), 'edge-1', true)).toEqual({ owner: 'other-cluster', cluster: 'edge-2' });
    expect(ownershipOf(cm({ managedFields: [{ manager: 'kubectl-create', operation: 'Update' }] }), 'edge-1', true)).toEqual({ owner: 'nobody' });
    const legacy = cm({ managedFields: [{ manager: 'strata', operation: 'Apply' }] });
    expect(ownershipOf(legacy, 'edge-1', true)).toEqual({ owner: 'this' });
    // Only the record makes the legacy manager's objects this cluster's.
    expect(ownershipOf(legacy, 'edge-1', false)).toEqual({ owner: 'nobody' });
    // Unmarked by hand after this cluster applied it: not this cluster's any more.
    expect(ownershipOf(cm({ managedFields: [{ manager: 'strata', operation: 'Apply' }, { manager: 'strata-edge-1', operation: 'Apply' }] }), 'edge-1', true)).toEqual({ owner: 'nobody' });
  });

  test('adoption, keep and re-create opt-ins', () => {
    expect(adoptionAllowed(cm(), cm(), false)).toBe(false);
    expect(adoptionAllowed(cm(), cm(), true)).toBe(true);
    expect(adoptionAllowed(cm({ annotations: { 'strata.dev/adopt': 'true' } }), cm(), false)).toBe(true);
    expect(adoptionAllowed(cm(), cm({ annotations: { 'strata.dev/adopt': 'true' } }), false)).toBe(true);
    expect(keepReason(cm({ annotations: { 'helm.sh/resource-policy': 'keep' } }))).toBe('annotation helm.sh/resource-policy: keep');
    expect(keepReason(cm({ annotations: { 'strata.dev/keep': 'true' } }))).toBe('annotation strata.dev/keep: "true"');
    expect(keepReason(cm({ annotations: { 'strata.dev/keep': 'false' } }))).toBeUndefined();
    expect(recreateAllowed(cm({ annotations: { 'strata.dev/recreate-on-immutable': 'true' } }), false)).toBe(true);
    expect(recreateAllowed(cm(), false)).toBe(false);
  });
});

describe('immutable refusals', () => {
  const invalid = (message: string, causes: { field?: string; message?: string }[]) => new KubeApiError('dry-run apply', 422, 'Invalid', message, undefined, causes);

  test('names the field of a Deployment selector, a Service clusterIP and a StatefulSet spec', () => {
    expect(immutableField(invalid('Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable', [{ field: 'spec.selector', message: 'Invalid value: ...: field is immutable' }]))).toBe('spec.selector');
    expect(immutableField(invalid('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.9"}: may not change once set', [{ field: 'spec.clusterIPs[0]', message: 'Invalid value: []string{"10.96.0.9"}: may not change once set' }]))).toBe('spec.clusterIPs[0]');
    expect(immutableField(invalid('StatefulSet.apps "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than \'replicas\', ... are forbidden', [{ field: 'spec', message: 'Forbidden: updates to statefulset spec for fields other than ...' }]))).toBe('spec');
  });

  test('other refusals are not immutable', () => {
    expect(immutableField(invalid('ConfigMap "a" is invalid: data[x y]: Invalid value', [{ field: 'data[x y]', message: 'Invalid value: a valid config key must consist of ...' }]))).toBeUndefined();
    expect(immutableField(new KubeApiError('dry-run apply', 409, 'Conflict', 'Apply failed with 1 conflict'))).toBeUndefined();
  });
});

describe('plan lines', () => {
  test('each action reads as a sign or a word, with the reason', () => {
    const line = (action: any, reason?: string) => describeChange({ layer: 'base', action, key: 'k', label: 'v1 ConfigMap web/a', reason });
    expect(line('adopt', 'adopt: exists, created outside Strata by kubectl-create')).toBe('base: + v1 ConfigMap web/a (adopt: exists, created outside Strata by kubectl-create)');
    expect(line('replace', 'replace: spec.selector is immutable')).toBe('base: -/+ v1 ConfigMap web/a (replace: spec.selector is immutable)');
    expect(line('keep', 'annotation strata.dev/keep: "true"')).toBe('base: keep v1 ConfigMap web/a (annotation strata.dev/keep: "true")');
    expect(line('forget', 'gone')).toBe('base: forget v1 ConfigMap web/a (gone)');
    expect(line('repair')).toBe('base: ~ v1 ConfigMap web/a (repair drift)');
  });
});
