// A profile's layers rendered with a cluster's overrides: values merged into Helm layers before the
// render, patches applied to the rendered objects after it. An override whose layer or target the
// profile no longer has is reported as orphaned, never dropped silently.
import { stringify } from 'yaml';
import type { Layer } from '../profile';
import { layerDigest, objectDigest, type RenderedLayer } from '../render';
import { keyOf } from './inventory';
import { applyOverridePatch, describeOverride, labelOfTarget, mergeValues, parseYaml, sortOverrides, targetKey, type OverrideContent, type OverridePath } from './overrides';

export interface OrphanedOverride { name: string; layer: string; reason: string }

export interface OverriddenRender { layers: RenderedLayer[]; orphans: OrphanedOverride[] }

/** Paths of the cluster's own plan: overrides live elsewhere, the cluster points at its profile. */
const clusterPath: OverridePath = () => ['profile'];

/** Whether a layer takes values: Helm (and pack) layers do. */
const valuesOf = (layer: Layer) => layer.helm ?? layer.pack;

/** The layers with each values override merged over the layer's own values (overrides in their order). */
function withValues(layers: Layer[], overrides: OverrideContent[], orphans: OrphanedOverride[], pathOf: OverridePath): Layer[] {
  return layers.map((layer) => {
    const source = valuesOf(layer);
    const valued = overrides.filter((o) => o.layer === layer.name && o.values !== undefined);
    if (valued.length === 0) return layer;
    if (!source) {
      for (const o of valued) orphans.push({ name: o.name, layer: o.layer, reason: `layer "${layer.name}" is not a Helm layer now, so its values do not apply` });
      return layer;
    }
    let values: unknown = source.values ? parseYaml(source.values, `the values of layer "${layer.name}"`, ['profile']) ?? {} : {};
    for (const o of valued) values = mergeValues(values, parseYaml(o.values!, `values of ${describeOverride(o)}`, pathOf(o.name, ['values'])) ?? {});
    const merged = { ...source, values: stringify(values) };
    return layer.helm ? { ...layer, helm: merged as typeof layer.helm } : { ...layer, pack: merged as typeof layer.pack };
  });
}

/**
 * The layers as the profile defines them, each rendered on its own, for telling which objects the
 * values change. A layer that does not render on its own (it uses kinds an earlier layer defines)
 * gets an empty rendering: all its objects then count as changed by the values.
 */
async function baseRenders(layers: Layer[], render: (layers: Layer[]) => Promise<RenderedLayer[]>): Promise<RenderedLayer[]> {
  return Promise.all(layers.map(async (layer) => {
    try {
      return (await render([layer]))[0]!;
    } catch {
      return { name: layer.name, type: 'helm' as const, digest: '', objects: [], hooks: [] };
    }
  }));
}

/**
 * Renders `layers` with `overrides`. `render` renders a list of layers (in profile order, the
 * renderer's cross-layer rules included). Each rendered layer that an override changes gets
 * `overriddenBy`: per object key, the overrides whose content the object carries. Telling which
 * objects a values override changed renders those layers once more without it; a caller that does
 * not show the marks passes `markValues` false and saves that render.
 */
export async function renderWithOverrides(layers: Layer[], overrides: OverrideContent[], render: (layers: Layer[]) => Promise<RenderedLayer[]>, pathOf: OverridePath = clusterPath, markValues = true): Promise<OverriddenRender> {
  if (overrides.length === 0) return { layers: await render(layers), orphans: [] };
  const ordered = sortOverrides(overrides);
  const orphans: OrphanedOverride[] = [];
  const names = new Set(layers.map((l) => l.name));
  for (const o of ordered) if (!names.has(o.layer)) orphans.push({ name: o.name, layer: o.layer, reason: `the profile the cluster runs has no layer "${o.layer}"` });
  const valued = withValues(layers, ordered, orphans, pathOf);
  const rendered = await render(valued);
  const changedByValues = valued.map((layer, i) => (layer === layers[i] ? undefined : layers[i]!)).filter((l): l is Layer => l !== undefined);
  const base = new Map(markValues ? (await baseRenders(changedByValues, render)).map((l) => [l.name, l]) : []);
  const result = rendered.map((layer) => {
    const mine = ordered.filter((o) => o.layer === layer.name && !orphans.some((x) => x.name === o.name && x.layer === o.layer));
    if (mine.length === 0) return layer;
    const by = new Map<string, string[]>();
    const mark = (key: string, name: string) => by.set(key, [...new Set([...(by.get(key) ?? []), name])]);
    const before = base.get(layer.name);
    if (before !== undefined) {
      const digests = new Map(before.objects.map((o) => [keyOf(o), objectDigest(o)]));
      const valueNames = mine.filter((o) => o.values !== undefined).map((o) => o.name);
      // Without a base rendering (see baseRenders) every object of the layer may carry the values.
      for (const object of layer.objects) if (!digests.size || digests.get(keyOf(object)) !== objectDigest(object)) for (const name of valueNames) mark(keyOf(object), name);
    }
    const objects = [...layer.objects];
    for (const o of mine) {
      o.patches.forEach((patch, index) => {
        const key = targetKey(patch.target);
        const at = objects.findIndex((object) => keyOf(object) === key);
        if (at < 0) {
          orphans.push({ name: o.name, layer: o.layer, reason: `layer "${layer.name}" renders no ${labelOfTarget(patch.target)} (patch ${index + 1})` });
          return;
        }
        objects[at] = applyOverridePatch(objects[at]!, o, index, pathOf);
        mark(key, o.name);
      });
    }
    return { ...layer, objects, digest: layerDigest(objects, layer.hooks, layer.sourceDigest), overriddenBy: by };
  });
  return { layers: result, orphans };
}
