// A rendered layer as strata_rendered_layers shows it: objects in install order, each as canonical
// YAML with Secret values redacted.
import type { KubeObject, RenderedLayer } from '../render';
import { applyStages } from '../render/install-order';
import { canonicalYaml } from './canonical-yaml';
import { redactSecret } from './redact';

export interface ObjectView { api_version: string; kind: string; namespace: string | null; name: string; yaml: string }
export interface LayerView { name: string; type: string; digest: string; objects: ObjectView[] }

export function objectView(object: KubeObject): ObjectView {
  return {
    api_version: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? null,
    name: object.metadata.name,
    yaml: canonicalYaml(redactSecret(object)),
  };
}

export function layerView(layer: RenderedLayer): LayerView {
  return { name: layer.name, type: layer.type, digest: layer.digest, objects: applyStages(layer.objects).flat().map(objectView) };
}
