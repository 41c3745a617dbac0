// The render contract: what a layer turns into, what the caller tells the renderer about the
// cluster, and the one error type the renderer throws.
import type { KubeObject } from '../profile/kube-object';
import { describeWhere, type LayerPosition } from '../profile/manifest-objects';
import type { LayerType } from '../profile/model';
import type { ResolvedPack } from './pack/render';

export type { KubeObject };

/**
 * What the renderer knows about the cluster: discovery, and the reads Helm's `lookup` makes. The
 * renderer itself writes nothing to the cluster.
 */
export interface RenderTarget {
  /** The cluster's version, e.g. "v1.35.4", passed to `helm template --kube-version`. */
  kubeVersion: string;
  /** The cluster's API versions ("apps/v1", "example.com/v1/Widget"), passed as `--api-versions`. */
  apiVersions: string[];
  /** true/false when discovery knows the kind; undefined when unknown (e.g. a CRD defined in the same profile). */
  isNamespaced(apiVersion: string, kind: string): boolean | undefined;
  /** Answers the charts' `lookup` calls (bundled renderer only); without it lookup finds nothing, as in `helm template`. */
  cluster?: ClusterReader;
  /** The layers the cluster's record lists as applied: their charts render with `.Release.IsUpgrade` true. */
  installedLayers?: ReadonlySet<string>;
}

/** The reads Helm's `lookup` needs; KubeClient has them. */
export interface ClusterReader {
  resources(): Promise<{ group: string; version: string; kind: string; plural: string; namespaced: boolean; verbs: string[] }[]>;
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<KubeObject | null>;
  list(apiVersion: string, kind: string, options?: { namespace?: string }): Promise<KubeObject[]>;
}

export interface RenderOptions {
  /** The `helm` binary to render with (the provider's `helm_path`); empty: the bundled renderer, Helm's Go SDK. */
  helmPath: string;
  /** Where the bundled renderer is (default: `strata-helm` beside the provider bundle, where the package puts it). */
  rendererPath?: string;
  /**
   * A folder the renderer owns: pulled charts (`charts/`), helm's own homes (`helm/`) and short-lived
   * temporary files (`tmp/`). Several renders, also from several processes, may share it.
   */
  cacheDir: string;
  /** Aborting kills running helm processes; the render then rejects with a RenderError. */
  signal?: AbortSignal;
  /** The environment helm runs in (default: process.env); every HELM_* variable in it is replaced. */
  env?: NodeJS.ProcessEnv;
  /** The folder that relative local chart paths are resolved against (default: process.cwd()). */
  workDir?: string;
}

export interface RenderedLayer {
  name: string;
  type: LayerType;
  /** `sha256:<hex>` over the canonical JSON (sorted keys) of `objects`, then of the hooks' objects, and `sourceDigest` when set (see `layerDigest`). */
  digest: string;
  /** In document order (helm's output order for helm layers), without hooks; the engine orders by kind. */
  objects: KubeObject[];
  /** The objects with `helm.sh/hook` annotations that run in some phase, in document order; `hooksFor` orders them. */
  hooks: HookObject[];
  /** What the plan should tell about the layer (e.g. what a Zarf layer leaves out); none when absent. */
  warnings?: LayerWarning[];
  /** A digest of what the layer's source is beyond its objects (a Zarf package's checksums; a pack layer's resolved pack), folded into `digest`. */
  sourceDigest?: string;
  /** Pack layers: the version and archive the layer's version or range resolved to (part of `digest`). */
  pack?: ResolvedPack;
  /** Set when cluster overrides change the layer: per object key (`keyOf`), the names of the overrides whose content the object carries. */
  overriddenBy?: Map<string, string[]>;
}

/** A warning about a rendered layer: a short summary and a detail that says what to do. */
export interface LayerWarning {
  summary: string;
  detail: string;
}

/** When Strata runs a hook (Helm's event names; rollback and test events are never run). */
export type HookPhase = 'pre-install' | 'post-install' | 'pre-upgrade' | 'post-upgrade' | 'pre-delete' | 'post-delete';

/** When the engine deletes a hook object (`helm.sh/hook-delete-policy`). */
export type HookDeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

/** A hook object and what its `helm.sh/hook*` annotations say, read once by the renderer. */
export interface HookObject {
  object: KubeObject;
  /** Never empty, without repeats, in the order of `HookPhase`. */
  phases: HookPhase[];
  /** `helm.sh/hook-weight` (default 0): lower weights run first. */
  weight: number;
  /** Never empty: `before-hook-creation` when the annotation names none. */
  deletePolicies: HookDeletePolicy[];
}

/** Where in a layer a problem is. Every field but `layer` is optional. */
export interface RenderLocation extends LayerPosition {
  layer: string;
}

/**
 * A layer that cannot be rendered. The message says what is wrong, where (layer, document, line,
 * object) and what to do; the fields repeat the "where" for callers that point at it themselves.
 */
export class RenderError extends Error {
  layer: string;
  documentIndex?: number;
  line?: number;
  objectRef?: string;
  /** The helm chart concerned, for helm layers (as the user wrote it, with repository and version). */
  chart?: string;
  /** A diagnostic summary for this kind of problem (pack layers); unset: the caller's general one. */
  summary?: string;

  constructor(message: string, location: RenderLocation & { chart?: string }, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RenderError';
    this.layer = location.layer;
    if (location.documentIndex !== undefined) this.documentIndex = location.documentIndex;
    if (location.line !== undefined) this.line = location.line;
    if (location.objectRef !== undefined) this.objectRef = location.objectRef;
    if (location.chart !== undefined) this.chart = location.chart;
  }
}

/**
 * A RenderError whose message is "<where>: <what>" (`what` should end with what to do), where is
 * `layer "x", document 3 (from web-app/templates/a.yaml), item 2, line 12, object apps/v1 Deployment web/api`.
 */
export function renderError(location: RenderLocation & { chart?: string }, what: string, cause?: unknown): RenderError {
  return new RenderError(`${describeWhere(`layer ${JSON.stringify(location.layer)}`, location)}: ${what}`, location, cause === undefined ? undefined : { cause });
}
