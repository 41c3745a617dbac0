// A layer to Kubernetes objects. The renderer knows nothing of Terraform or gRPC and writes nothing
// to the cluster: what it needs to know about the cluster comes in a RenderTarget.
import { layerType, type HelmSource, type Layer, type LayerType } from '../profile/model';
import { canonicalJson, normalize } from '../profile/canonical';
import { DEFAULT_NAMESPACE } from '../profile/manifest-objects';
import { parseObjects, type SourcedObject } from './documents';
import { chartLabel, helmNamespace, helmTemplate } from './helm';
import { isNeverRunHook, splitHooks } from './hooks';
import { layerDigest } from './objects';
import { renderPack, type ResolvedPack } from './pack/render';
import { checkDuplicates, isCrd, ProfileKinds, resolveNamespaces } from './scope';
import { withServiceAccountTwin } from './service-account';
import { RenderError, renderError, type LayerWarning, type RenderOptions, type RenderTarget, type RenderedLayer } from './types';
import { renderZarf } from './zarf/render';

/** Renders one layer on its own: only CRDs in this layer count as known kinds besides discovery. */
export async function renderLayer(layer: Layer, target: RenderTarget, options: RenderOptions): Promise<RenderedLayer> {
  const raw = await renderRaw(layer, target, options);
  return finish(raw, target, new ProfileKinds());
}

/**
 * Renders the layers of a profile, in order. CRDs of earlier layers and of the same layer count as
 * known kinds (namespaced per their spec.scope), and a chart sees the kinds of earlier layers' CRDs
 * in its API versions (`.Capabilities.APIVersions.Has`), as it will once they are applied. Helm runs
 * for several layers at once, each with the kinds known when it starts; a chart that started before
 * an earlier layer added kinds renders again. Errors are reported for the first failing layer in
 * profile order.
 */
export async function renderLayers(layers: Layer[], target: RenderTarget, options: RenderOptions): Promise<RenderedLayer[]> {
  const kinds = new ProfileKinds();
  const withKinds = (): RenderTarget => ({ ...target, apiVersions: [...new Set([...target.apiVersions, ...kinds.apiVersions()])] });
  const started = new Map<number, { raw: Promise<Raw>; apiVersions: number }>();
  const limit = 4;
  const start = (index: number): void => {
    if (index < layers.length && !started.has(index)) {
      const layerTarget = withKinds();
      const promise = renderRaw(layers[index]!, layerTarget, options);
      promise.catch(() => undefined); // awaited in order below; not an unhandled rejection meanwhile
      started.set(index, { raw: promise, apiVersions: layerTarget.apiVersions.length });
    }
  };
  for (let i = 0; i < limit; i++) start(i);
  const result: RenderedLayer[] = [];
  for (let i = 0; i < layers.length; i++) {
    start(i);
    const { raw: pending, apiVersions } = started.get(i)!;
    let raw = await pending;
    start(i + limit);
    // API versions only grow, so a count that changed means kinds this chart has not seen.
    const now = withKinds();
    if (rendersChart(raw) && now.apiVersions.length !== apiVersions) raw = await renderRaw(layers[i]!, now, options);
    result.push(finish(raw, target, kinds));
  }
  return result;
}

/**
 * Whether a layer's objects may come from a chart (a Zarf package may hold charts): such a layer
 * renders again when earlier layers add kinds, and may render other values each time.
 */
export function rendersChart(layer: { type: LayerType; pack?: ResolvedPack }): boolean {
  return layer.type === 'helm' || layer.type === 'zarf' || layer.pack?.type === 'helm';
}

/** A layer's objects as its source gives them, before namespaces are resolved. */
interface Raw {
  name: string;
  type: LayerType;
  namespace: string;
  objects: SourcedObject[];
  warnings?: LayerWarning[];
  sourceDigest?: string;
  pack?: ResolvedPack;
}

async function renderRaw(layer: Layer, target: RenderTarget, options: RenderOptions): Promise<Raw> {
  let type: LayerType;
  try {
    type = layerType(layer);
  } catch (err) {
    throw renderError({ layer: layer.name }, `${(err as Error).message.replace(/^layer "[^"]*" /, 'the layer ')}; give it one of manifest, helm, zarf or pack.`, err);
  }
  switch (type) {
    case 'manifest':
      return { name: layer.name, type, namespace: DEFAULT_NAMESPACE, objects: parseObjects(layer.manifest!.content, { layer: layer.name }) };
    case 'helm': {
      const source = layer.helm!;
      const output = await helmTemplate(layer.name, source, target, options);
      let objects: SourcedObject[];
      try {
        objects = parseObjects(output, { layer: layer.name, helmOutput: true });
      } catch (err) {
        if (err instanceof RenderError) err.chart = chartLabel(source);
        throw err;
      }
      if (source.create_namespace) objects = withNamespace(objects, layer.name, source);
      return { name: layer.name, type, namespace: helmNamespace(source), objects };
    }
    case 'zarf': {
      const { objects, warnings, sourceDigest } = await renderZarf(layer.name, layer.zarf!, target, options);
      return { name: layer.name, type, namespace: DEFAULT_NAMESPACE, objects, warnings, sourceDigest };
    }
    case 'pack': {
      const { objects, namespace, pack } = await renderPack(layer.name, layer.pack!, target, options);
      return { name: layer.name, type, namespace, objects, pack, sourceDigest: canonicalJson(pack) };
    }
  }
}

/**
 * `create_namespace`: the release namespace as an object of the layer, labelled as
 * `helm install --create-namespace` labels it, unless the chart renders it itself.
 */
function withNamespace(objects: SourcedObject[], layer: string, source: HelmSource): SourcedObject[] {
  if (!source.namespace) {
    throw renderError({ layer, chart: chartLabel(source) }, 'create_namespace creates the release namespace, and helm.namespace is not set (the "default" namespace always exists): set helm.namespace, or remove create_namespace.');
  }
  const name = source.namespace;
  if (objects.some(({ object }) => object.apiVersion === 'v1' && object.kind === 'Namespace' && object.metadata.name === name)) return objects;
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { name } } };
  return [{ object: namespace, location: { layer } }, ...objects];
}

function finish(raw: Raw, target: RenderTarget, kinds: ProfileKinds): RenderedLayer {
  // Test and rollback hooks are never applied, so nothing about them can fail the render.
  const kept = raw.objects.filter(({ object }) => !isNeverRunHook(object));
  // CRDs of this layer count for this layer's objects, whatever the document order.
  for (const { object } of kept) if (isCrd(object)) kinds.add(object);
  resolveNamespaces(kept, target, kinds, raw.namespace);
  checkDuplicates(kept);
  for (const { object } of kept) withServiceAccountTwin(object);
  for (const { object, location } of kept) {
    try {
      normalize(object); // throws on what JSON cannot hold (e.g. .inf)
    } catch (err) {
      throw renderError(location, `the object cannot be written as JSON: ${(err as Error).message}; fix the value.`, err);
    }
  }
  const { objects, hooks } = splitHooks(kept);
  return {
    name: raw.name, type: raw.type, digest: layerDigest(objects, hooks, raw.sourceDigest), objects, hooks,
    ...(raw.warnings?.length ? { warnings: raw.warnings } : {}), ...(raw.sourceDigest ? { sourceDigest: raw.sourceDigest } : {}),
    ...(raw.pack ? { pack: raw.pack } : {}),
  };
}
