// Rendering: a profile layer to Kubernetes objects (manifests, Helm charts via the helm binary).
// It knows nothing of Terraform or gRPC and never talks to the cluster: discovery comes in a RenderTarget.
export type { HookDeletePolicy, HookObject, HookPhase, KubeObject, RenderLocation, RenderOptions, RenderTarget, RenderedLayer } from './types';
export type { SourcedObject } from './documents';
export { RenderError } from './types';
export { DEFAULT_NAMESPACE, renderLayer, renderLayers } from './render';
export { layerDigest, objectDigest, objectIdentity, objectKey, objectRef, objectsDigest } from './objects';
export { isCrd } from './scope';
export { hooksFor, splitHooks } from './hooks';
