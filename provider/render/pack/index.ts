// Packs: named, versioned layers from a pack registry (docs/packs.md).
export { packVersions, pinPackVersions } from './applied';
export { configurePackRegistries, type RegistryCredentials } from './credentials';
export { openRegistry } from './open';
export { renderPack, type ResolvedPack } from './render';
export { PackError, type PackRegistry } from './registry';
export { newestFirst, resolveVersion } from './resolve';
