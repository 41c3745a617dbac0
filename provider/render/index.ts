// Rendering: a profile layer to Kubernetes objects (manifests, Helm charts via the bundled renderer or
// the helm binary). It knows nothing of Terraform or gRPC and writes nothing to the cluster: discovery
// and the reads of Helm's lookup come in a RenderTarget.
export type { ClusterReader, LayerWarning, HookDeletePolicy, HookObject, HookPhase, KubeObject, RenderLocation, RenderOptions, RenderTarget, RenderedLayer } from './types';
export type { SourcedObject } from './documents';
export { RenderError } from './types';
export { renderLayer, renderLayers, rendersChart } from './render';
export { appliedDigestWithSources } from './applied-digest';
export { DEFAULT_NAMESPACE } from '../profile/manifest-objects';
export { isSecret, layerDigest, objectDigest, objectKey, objectsDigest } from './objects';
export { objectIdentity, objectRef } from '../profile/kube-object';
export { isCrd } from './scope';
export { hooksFor, splitHooks } from './hooks';
