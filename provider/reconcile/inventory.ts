// Object identities as the engine, the record and the plan name them.
import type { KubeObject } from '../kube';
import type { InventoryLayer, InventoryObject } from './record';

/**
 * The identity of an object: API group (not version), kind, namespace, name. The same object
 * served under two versions (an HPA moving from autoscaling/v1 to v2) is one object, not an
 * addition plus a removal that would prune what was just applied.
 */
export function keyOf(o: { apiVersion: string; kind: string; metadata?: { namespace?: string; name: string }; namespace?: string; name?: string }): string {
  const namespace = o.metadata ? o.metadata.namespace : o.namespace;
  const name = o.metadata ? o.metadata.name : o.name;
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : 'core';
  return `${group}/${o.kind}/${namespace ?? ''}/${name}`;
}

/** How people read an object: `apps/v1 Deployment web/api`, `v1 Namespace web`. */
export function labelOf(o: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return `${o.apiVersion} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function refOf(o: InventoryObject | KubeObject): { apiVersion: string; kind: string; namespace?: string; name: string } {
  if ('metadata' in o) return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
  return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name };
}

export function allObjects(layers: InventoryLayer[]): InventoryObject[] {
  return layers.flatMap((layer) => layer.objects);
}

/** Merges entries of the same layer name, keeping first-seen order (and the first entry's hooks), and drops empty ones. */
export function mergeLayers(layers: InventoryLayer[]): InventoryLayer[] {
  const byName = new Map<string, InventoryLayer>();
  for (const layer of layers) {
    const existing = byName.get(layer.name);
    if (existing) existing.objects.push(...layer.objects);
    else byName.set(layer.name, { ...layer, objects: [...layer.objects] });
  }
  return [...byName.values()].filter((layer) => layer.objects.length > 0 || (layer.hooks ?? []).length > 0);
}
