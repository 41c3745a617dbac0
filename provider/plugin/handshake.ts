// The go-plugin handshake as Terraform and OpenTofu speak it: a magic cookie in the environment,
// a negotiated protocol version, and one line on stdout telling the client where to connect.

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS = [6];

export const NOT_LAUNCHED_BY_CLIENT =
  'This is the Strata provider plugin (terraform-provider-strata). It is not meant to be run by hand:\n' +
  'Terraform or OpenTofu start it. Declare it in required_providers (source = "strata/strata") and run\n' +
  '`tofu init` / `terraform init`. To debug it, run it with --debug and export the TF_REATTACH_PROVIDERS\n' +
  'value it prints.\n';

export function launchedByClient(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** The highest version both sides speak, or undefined when the client offers none of ours. */
export function negotiateProtocolVersion(env: NodeJS.ProcessEnv): number | undefined {
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '')
    .split(',')
    .map((v) => Number.parseInt(v.trim(), 10))
    .filter((v) => Number.isInteger(v));
  // A client that sends no list is a legacy one that assumes the plugin's only version.
  if (offered.length === 0) return SUPPORTED_PROTOCOL_VERSIONS[SUPPORTED_PROTOCOL_VERSIONS.length - 1];
  return [...SUPPORTED_PROTOCOL_VERSIONS].sort((a, b) => b - a).find((v) => offered.includes(v));
}

export interface ListenAddress { network: 'unix' | 'tcp'; address: string }

export function handshakeLine(protocolVersion: number, listen: ListenAddress, serverCertDerBase64: string): string {
  return [CORE_PROTOCOL_VERSION, protocolVersion, listen.network, listen.address, 'grpc', serverCertDerBase64].join('|') + '\n';
}
