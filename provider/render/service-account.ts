// A pod spec's `serviceAccount` is the deprecated twin of `serviceAccountName`: the API server fills
// it in from the name, and on an update that drops the name it fills the name back in from it. With
// server-side apply nobody owns that defaulted twin, so a version that stops naming a service
// account (a rollback, say) would keep the old one in the pod template, and once that account is
// pruned no pod starts. Strata therefore applies the twin itself: owning both, it removes both.
import { isJsonObject } from '../profile/canonical';
import type { KubeObject } from './types';

type Spec = Record<string, unknown>;

const asSpec = (value: unknown): Spec | undefined => (isJsonObject(value) ? value : undefined);
const at = (root: unknown, path: string[]): Spec | undefined => path.reduce<Spec | undefined>((node, key) => asSpec(node?.[key]), asSpec(root));

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const BUILT_IN_GROUPS = new Set(['v1', 'apps/v1', 'batch/v1']);

/** Sets `serviceAccount` to `serviceAccountName` in a workload's pod spec that names one and leaves the twin unset. */
export function withServiceAccountTwin(object: KubeObject): void {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path || !BUILT_IN_GROUPS.has(object.apiVersion)) return;
  const spec = at(object, path);
  const name = spec?.serviceAccountName;
  if (spec && typeof name === 'string' && name !== '' && spec.serviceAccount === undefined) spec.serviceAccount = name;
}
