// provider::strata::diff(old_snapshot, new_snapshot): the per-layer change summary of two profile
// snapshots, for review before any cluster is moved (and in CI, where there is no cluster).
import type { CtyValue } from '../protocol/cty';
import { FunctionArgumentError, type ProviderFunction } from '../framework/function';
import { formatPath, parseDocument, placeholdersAsWritten } from '../profile';
import { RenderError } from '../render';
import { diffLayers, readLayers, type ReadLayer } from './layer-diff';

const PARAMETERS = [
  { name: 'old_snapshot', type: 'string', description: 'The `snapshot` of the profile version (or `strata_profile`) moved from.' },
  { name: 'new_snapshot', type: 'string', description: 'The `snapshot` of the profile version (or `strata_profile`) moved to.' },
] as const;

/** The layers of one argument, or a FunctionArgumentError that names it and says what to pass. */
function snapshotLayers(text: string, index: number): ReadLayer[] {
  const argument = `${PARAMETERS[index]!.name} (argument ${index + 1})`;
  const { document, issues } = parseDocument(text);
  if (!document) {
    const [first] = issues;
    throw new FunctionArgumentError(index, `${argument} is not a Strata profile snapshot${first ? `: ${first.summary} in ${formatPath(first.path)}. ${first.detail}` : '.'} ` +
      'Pass the `snapshot` attribute of a strata_profile_version or strata_profile.');
  }
  try {
    return readLayers(placeholdersAsWritten(document.layers));
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    throw new FunctionArgumentError(index, `${argument}: ${error.message}`);
  }
}

export const diffFunction: ProviderFunction = {
  name: 'diff',
  summary: 'What changes, layer by layer, from one profile snapshot to another.',
  description: [
    'Compares two profile snapshots without a cluster and returns one line per change, in the form of the lines a `strata_cluster` plan shows: `<layer>: <sign> <what>`. ' +
      'Provider functions need OpenTofu 1.7 or Terraform 1.8 or newer, and a `required_providers` entry that names Strata `strata`.',
    '',
    '- Layers added, removed, or given another source type: `app: + layer (helm)`, `app: - layer (manifest)`, `app: -/+ layer (manifest -> helm)`; moved relative to the other layers: `app: ~ layer position 2 -> 3`.',
    '- Manifest layers, object by object as written (a namespace the cluster would fill in is not known here): `base: + v1 Namespace web`, `app: ~ apps/v1 Deployment web/api`, `base: - v1 ConfigMap web/settings`; an object that changes layer: `app: ~ v1 ConfigMap web/settings (moved from layer base)`.',
    '- Helm, Zarf and pack layers by their source, without rendering: `app: ~ helm chart web-app 1.0.0 -> 2.0.0`, `app: ~ helm values sha256:3f2a9c01b7e4 -> sha256:0c9d41aa5e22`, likewise `helm repository`, `helm release_name`, `helm namespace`, `zarf package`, `zarf components`, `zarf variables`, `zarf public_key`, `zarf architecture`, `pack registry`, `pack values`.',
    '',
    'Lines follow the new snapshot\'s layer order, then the layers that leave. The list is empty when the layers are the same. ' +
      'Values and variables appear only as short digests and credentials in URLs as `***`, but since `snapshot` is sensitive the result is too: wrap it in `nonsensitive()` to show it as an output.',
  ].join('\n'),
  parameters: [...PARAMETERS],
  returns: ['list', 'string'],
  example: 'output "web_upgrade" {\n  value = nonsensitive(provider::strata::diff(strata_profile_version.web_1_0.snapshot, strata_profile_version.web_2_0.snapshot))\n}',
  run(args: CtyValue[]): CtyValue {
    const [before, after] = args.map((text, index) => snapshotLayers(text as string, index));
    return diffLayers(before!, after!);
  },
};
