import { planChanges, describeChange } from '../../../provider/reconcile/changes';
import { keyOf } from '../../../provider/reconcile/inventory';
import { rejectSharedObjects } from '../../../provider/reconcile/plan';
import { objectDigest, type RenderedLayer } from '../../../provider/render';
import { DiagnosticError } from '../../../provider/protocol/diagnostics';
import type { InventoryLayer } from '../../../provider/reconcile/record';

const hpa = (apiVersion: string, max: number) => ({ apiVersion, kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'app' }, spec: { maxReplicas: max } });
const configMap = (name: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'app' }, data: { value } });

function recorded(layer: string, objects: ReturnType<typeof hpa | typeof configMap>[]): InventoryLayer {
  return {
    name: layer, type: 'manifest', digest: 'sha256:x',
    objects: objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, key: keyOf(o), digest: objectDigest(o), owned: 'sha256:o' })),
  };
}

const rendered = (name: string, objects: object[]): RenderedLayer => ({ name, type: 'manifest', digest: 'sha256:y', objects: objects as RenderedLayer['objects'], hooks: [] });

describe('object identity', () => {
  test('the same object under another API version is one object', () => {
    expect(keyOf(hpa('autoscaling/v1', 3))).toBe(keyOf(hpa('autoscaling/v2', 3)));
    expect(keyOf(configMap('a', 'x'))).toBe('core/ConfigMap/app/a');
  });

  test('moving an object to a newer API version plans a change, not an addition and a removal', () => {
    const changes = planChanges([rendered('scale', [hpa('autoscaling/v2', 5)])], [recorded('scale', [hpa('autoscaling/v1', 3)])], new Set(), true);
    expect(changes.map(describeChange)).toEqual(['scale: ~ autoscaling/v2 HorizontalPodAutoscaler app/web']);
  });
});

describe('planned changes', () => {
  test('added, changed, unchanged, repaired and removed objects, by layer', () => {
    const inventory = [recorded('base', [configMap('keep', '1'), configMap('edit', '1'), configMap('drop', '1'), configMap('fix', '1')])];
    const desired = [rendered('base', [configMap('keep', '1'), configMap('edit', '2'), configMap('fix', '1'), configMap('new', '1')])];
    const changes = planChanges(desired, inventory, new Set([keyOf(configMap('fix', '1'))]), true).map(describeChange);
    expect(changes).toEqual([
      'base: ~ v1 ConfigMap app/edit',
      'base: ~ v1 ConfigMap app/fix (repair drift)',
      'base: + v1 ConfigMap app/new',
      'base: - v1 ConfigMap app/drop',
    ]);
    expect(planChanges(desired, inventory, new Set(), false).some((c) => c.action === 'remove')).toBe(false);
  });

  test('an object rendered by two layers is refused, naming both', () => {
    const shared = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } };
    expect(() => rejectSharedObjects([rendered('base', [shared]), rendered('app', [shared])])).toThrow(DiagnosticError);
    expect(() => rejectSharedObjects([rendered('base', [shared]), rendered('app', [shared])])).toThrow(/layer "base" and by layer "app"/);
    expect(() => rejectSharedObjects([rendered('base', [shared]), rendered('app', [configMap('a', 'x')])])).not.toThrow();
  });
});
