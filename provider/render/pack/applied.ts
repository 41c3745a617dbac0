// What a cluster records of its pack layers: the history names the versions they resolved to, and
// the definitions pin them (the applied digest covers them too: see ../applied-digest.ts).
import type { Layer } from '../../profile/model';
import type { ResolvedPack } from './render';

interface WithPack { name: string; pack?: ResolvedPack }

/** Per pack layer, `<name>@<version> (<digest>)`, as the history keeps it; undefined without pack layers. */
export function packVersions(layers: readonly WithPack[]): Record<string, string> | undefined {
  const entries = layers.filter((l) => l.pack).map((l) => [l.name, `${l.pack!.name}@${l.pack!.version} (${l.pack!.digest})`] as const);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/**
 * The layers with each pack layer's range replaced by the version it resolved to: what the
 * cluster's definitions keep, so that an override applied later renders the pack the cluster runs,
 * not a newer version published since.
 */
export function pinPackVersions(layers: readonly Layer[], rendered: readonly WithPack[]): Layer[] {
  const resolved = new Map(rendered.filter((l) => l.pack).map((l) => [l.name, l.pack!.version]));
  return layers.map((layer) => (layer.pack && resolved.has(layer.name) ? { ...layer, pack: { ...layer.pack, version: resolved.get(layer.name)! } } : layer));
}
