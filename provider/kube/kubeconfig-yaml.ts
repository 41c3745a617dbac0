// A kubeconfig's YAML to a plain object. The yaml package's messages quote the offending line (a
// token, a key), and its warnings go to stderr through process.emitWarning: here every problem,
// warnings included, becomes an error that names the file, line and column and what kind of
// problem it is, never the text.
import { LineCounter, parseDocument, type ErrorCode } from 'yaml';
import type { ConnectionConfigError } from './errors';

const PROBLEMS: Partial<Record<ErrorCode, string>> = {
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  TAG_RESOLVE_FAILED: 'a value has a tag (!…) that is not a YAML type',
  BAD_INDENT: 'the indentation is wrong',
  TAB_AS_INDENT: 'a tab is used for indentation',
  BAD_ALIAS: 'an alias (*…) has no anchor',
  MISSING_CHAR: 'a character is missing (a ":" after a key, or a closing quote or bracket)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block is used as a key',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
  UNEXPECTED_TOKEN: 'a character is out of place',
  RESOURCE_EXHAUSTION: 'it expands aliases beyond any plausible size',
};

/**
 * Parses kubeconfig text as client-go does: YAML 1.1 (`yes` is true), the first document only, a
 * null document as an empty config.
 */
export function parseKubeconfigYaml(text: string, where: string, fail: (message: string) => ConnectionConfigError): Record<string, unknown> {
  const lines = new LineCounter();
  // logLevel silent: no warning ever reaches stderr; prettyErrors off: no code frame in any message.
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, logLevel: 'silent', prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const { line, col } = lines.linePos(problem.pos[0]);
    const what = PROBLEMS[problem.code] ?? problem.code.toLowerCase().replace(/_/g, ' ');
    throw fail(`${where} is not valid YAML: ${what} at line ${line}, column ${col}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw fail(`${where} is not valid YAML: ${PROBLEMS.RESOURCE_EXHAUSTION}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw fail(`${where} is not a kubeconfig (expected a mapping with clusters, users and contexts)`);
  return value as Record<string, unknown>;
}
