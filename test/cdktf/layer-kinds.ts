// A strata_profile_version with one layer of each kind, written against the generated CDKTF
// bindings. It is part of the build (tsconfig.cdktf.json): if the bindings made any source block
// required, a layer without it would not compile, and `npm run build` would fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { profile, profileVersion } from '../../cdktf/provider-strata/index';

/** The synthesized JSON of a stack holding the version (as `cdktf synth` writes it). */
export function layerKindsSynth(): string {
  // An App makes its output folder at once; this one is removed after the synth.
  const outdir = mkdtempSync(join(tmpdir(), 'strata-cdktf-'));
  const stack = new TerraformStack(new App({ outdir }), 'layer-kinds');
  new profileVersion.ProfileVersion(stack, 'kinds', {
    profileId: 'kinds',
    version: '1.0.0',
    layer: [
      { name: 'base', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kinds\n' } },
      { name: 'app', helm: { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.7.1' } },
      { name: 'bundle', zarf: { source: 'oci://registry.example.com/bundle:1.0.0' } },
      { name: 'addon', pack: { registry: 'registry.example.com', name: 'addon', version: '1.0.0' } },
    ],
  });
  new profile.Profile(stack, 'working', { name: 'kinds', layer: [{ name: 'app', helm: { chart: 'podinfo' } }] });
  try {
    return Testing.synth(stack);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
