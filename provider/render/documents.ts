// Multi-document YAML to Kubernetes objects, with enough provenance (document index, line, helm
// template) for errors that point at the right place. The rules every object must meet are the
// profile's (profile/manifest-objects.ts): what its own plan checks, rendering checks again for
// helm's output.
import { readManifest } from '../profile/manifest-objects';
import { isJsonObject } from '../profile/canonical';
import { diskMemo } from '../util/disk-memo';
import { renderError, type KubeObject, type RenderLocation } from './types';

/** An object and where it came from. */
export interface SourcedObject {
  object: KubeObject;
  location: RenderLocation;
  /** The namespace a namespaced object without one goes to, when not the layer's (a Zarf chart's or manifest's). */
  namespace?: string;
}

export interface ParseOptions {
  layer: string;
  /**
   * Helm output: documents are located by their `# Source:` template instead of by line, since the
   * user never sees helm's output.
   */
  helmOutput?: boolean;
}

/**
 * The objects of a multi-document YAML text, in document order: empty documents skipped, `List`
 * documents flattened, `status` and `creationTimestamp: null` noise removed. A document that is no
 * object Strata can apply is a RenderError naming the layer, the document (1-based, counting empty
 * ones, as a reader counts `---` separators) and line.
 */
export function parseObjects(text: string, options: ParseOptions): SourcedObject[] {
  // Each Terraform phase runs in a new provider process that would parse the same text again, so
  // manifests are memoised on disk (encrypted, see disk-memo.ts). Never Helm output, which is
  // rendered from values (where passwords are given), nor a parse holding a Secret.
  if (options.helmOutput) return parseObjectsNow(text, options);
  return diskMemo('objects', `${options.layer}\0${text}`, () => parseObjectsNow(text, options),
    (objects) => !objects.some(({ object }) => object.kind === 'Secret'));
}

function parseObjectsNow(text: string, options: ParseOptions): SourcedObject[] {
  const { objects, problems } = readManifest(text, { helmOutput: options.helmOutput });
  const [problem] = problems;
  if (problem) throw renderError({ layer: options.layer, ...problem.location }, problem.what);
  return objects.map(({ object, location }) => {
    stripNoise(object);
    return { object, location: { layer: options.layer, ...location } };
  });
}

/**
 * Removes what is not desired state: `status` (the cluster writes it; helm and `kubectl get -o yaml`
 * output carry it, e.g. a CRD's empty status) and `creationTimestamp: null` in any metadata
 * (which `kubectl create --dry-run -o yaml` and some charts emit for objects and pod templates).
 */
function stripNoise(object: Record<string, unknown>): void {
  delete object.status;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (isJsonObject(value)) {
      for (const [key, member] of Object.entries(value)) {
        if (key === 'metadata' && isJsonObject(member) && member.creationTimestamp === null) delete member.creationTimestamp;
        walk(member);
      }
    }
  };
  walk({ metadata: object.metadata, spec: object.spec, template: object.template });
}
