// Entry point of the provider process (launched by the go-shim, which Terraform/OpenTofu run).
import { servePlugin } from './plugin/serve';
import { providerService } from './protocol/provider-service';
import type { ProviderHandlers } from './protocol/provider-service';
import { log } from './util/log';

const debug = process.argv.includes('--debug');

// Terraform hides a plugin's stderr but quotes its first stdout line, so a too-old Node says so there.
if (Number(process.versions.node.split('.')[0]) < 20) {
  const message = `terraform-provider-strata needs Node.js 20 or newer, found ${process.version}; install a newer Node or point STRATA_NODE at one\n`;
  (process.env.TF_PLUGIN_MAGIC_COOKIE ? process.stdout : process.stderr).write(message);
  process.exit(1);
}

// The address Terraform knows this provider by; TF_REATTACH_PROVIDERS must use it.
const PROVIDER_ADDRESS = 'registry.opentofu.org/strata/strata';

// Loaded on the first RPC (see provider-core.ts): only the transport is on the handshake path.
function loadProvider(): ProviderHandlers {
  return (require('./provider-core') as typeof import('./provider-core')).loadProvider();
}

servePlugin({
  services: [providerService(loadProvider)],
  providerAddress: PROVIDER_ADDRESS,
  debug,
}).then(() => process.exit(process.exitCode ?? 0), (error) => {
  log.error('provider failed to start', { error: (error as Error).stack ?? String(error) });
  process.stderr.write(`Strata provider failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
