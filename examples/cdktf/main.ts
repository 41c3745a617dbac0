// A CDKTF stack on Strata's generated bindings (cdktf/provider-strata): the profile `web`, its
// versions 1.0.0 and 2.0.0, and the clusters edge-1 and edge-2, each pinned to a version. Rolling a
// cluster back is changing its pin here and deploying again.
//   node dist/examples/cdktf/main.js edge-1=2.0.0 edge-2=1.0.0    synthesizes cdktf.out/stacks/edge
//   cd cdktf.out/stacks/edge && tofu init && tofu apply           deploys it (TF_VAR_host, TF_VAR_ca, TF_VAR_token)
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { cluster, profile, profileVersion, provider } from '../../cdktf/provider-strata/index';

export const RELEASES = ['1.0.0', '2.0.0'] as const;
export type Release = (typeof RELEASES)[number];
export const CLUSTERS = { 'edge-1': 'one', 'edge-2': 'two' } as const;
export type ClusterName = keyof typeof CLUSTERS;
export type Pins = Record<ClusterName, Release>;

// Both clusters may share one API server: each gets its own namespace through the `site` variable.
const base = (release: Release) => `
apiVersion: v1
kind: Namespace
metadata:
  name: edge-{{ .strata.var.site }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: edge-{{ .strata.var.site }}
data:
  release: "${release}"
`;

const FLAGS = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: feature-flags
  namespace: edge-{{ .strata.var.site }}
data:
  new-ui: "true"
`;

/** The layers of each release: 2.0.0 changes the settings and adds the feature flags. */
function layers(release: Release): profileVersion.ProfileVersionLayer[] {
  return [
    { name: 'base', manifest: { content: base(release) } },
    ...(release === '2.0.0' ? [{ name: 'flags', manifest: { content: FLAGS } }] : []),
  ];
}

const SITE = { name: 'site', description: 'Names the namespace of the cluster: edge-<site>.', required: true };

export class EdgeStack extends TerraformStack {
  constructor(scope: Construct, id: string, pins: Pins) {
    super(scope, id);
    // The connection comes from variables (TF_VAR_host, TF_VAR_ca, TF_VAR_token), so no credential
    // is written into the synthesized JSON; as provider configuration it is never stored in state.
    const host = new TerraformVariable(this, 'host', { type: 'string' });
    const ca = new TerraformVariable(this, 'ca', { type: 'string' });
    const token = new TerraformVariable(this, 'token', { type: 'string', sensitive: true });
    new provider.StrataProvider(this, 'strata', {
      kubernetes: { host: host.stringValue, clusterCaCertificate: ca.stringValue, token: token.stringValue },
    });

    const web = new profile.Profile(this, 'web', {
      name: 'web',
      description: 'The edge tier; its working layers are the next release.',
      layer: layers('2.0.0'),
      variable: [SITE],
    });
    const versions = Object.fromEntries(RELEASES.map((release) => [release, new profileVersion.ProfileVersion(this, `web-${release}`, {
      profileId: web.name,
      version: release,
      layer: layers(release),
      variable: [SITE],
    })])) as Record<Release, profileVersion.ProfileVersion>;

    for (const [name, site] of Object.entries(CLUSTERS) as [ClusterName, string][]) {
      const edge = new cluster.Cluster(this, name, {
        name,
        profile: versions[pins[name]].snapshot,
        variables: { site },
        timeout: '2m',
      });
      new TerraformOutput(this, `${name}-version`, { value: edge.appliedVersion });
    }
  }
}

/** Synthesizes the stack `edge` for `pins` into `outdir` (cdktf.out/stacks/edge/cdk.tf.json). */
export function synthEdge(pins: Pins, outdir = 'cdktf.out'): void {
  const app = new App({ outdir });
  new EdgeStack(app, 'edge', pins);
  app.synth();
}

/** `edge-1=2.0.0 edge-2=1.0.0 [--out DIR]` into pins and an output folder. */
export function parseArgs(args: string[]): { pins: Pins; outdir: string } {
  const pins: Pins = { 'edge-1': '1.0.0', 'edge-2': '1.0.0' };
  let outdir = 'cdktf.out';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') { outdir = args[++i] ?? outdir; continue; }
    const [name, release] = args[i]!.split('=');
    if (!(name! in CLUSTERS) || !(RELEASES as readonly string[]).includes(release!)) {
      throw new Error(`"${args[i]}" is not a pin: write <cluster>=<release> with a cluster of ${Object.keys(CLUSTERS).join(', ')} and a release of ${RELEASES.join(', ')}`);
    }
    pins[name as ClusterName] = release as Release;
  }
  return { pins, outdir };
}

if (require.main === module) {
  try {
    const { pins, outdir } = parseArgs(process.argv.slice(2));
    synthEdge(pins, outdir);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
