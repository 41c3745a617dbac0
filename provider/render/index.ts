// Rendering: a profile layer to Kubernetes objects (manifests, Helm charts via the helm binary).
// It knows nothing of Terraform or gRPC and never talks to the cluster: discovery comes in a RenderTarget.
export type { HookDeletePolicy, HookObject, HookPhase, KubeObject, RenderLocation, RenderOptions, RenderTarget, RenderedLayer } from './types';
export type { SourcedObject } from './documents';
export { RenderError } from './types';
export { renderLayer, renderLayers } from './render';
export { DEFAULT_NAMESPACE } from '../profile/manifest-objects';
export { layerDigest, objectDigest, objectKey, objectsDigest } from './objects';
export { objectIdentity, objectRef } from '../profile/kube-object';
export { isCrd } from './scope';
export { hooksFor, splitHooks } from './hooks';
