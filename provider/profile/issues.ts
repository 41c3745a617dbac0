import type { ProfileIssue } from './model';

type Path = ProfileIssue['path'];

/**
 * A path for people, e.g. `layers[1].helm.version` or `metadata.labels["app.kubernetes.io/name"]`;
 * `the document` for the empty path. Callers that hold a whole document in one Terraform
 * attribute can put it in front of the detail, since the attribute path cannot point inside it.
 */
export function formatPath(path: Path): string {
  if (path.length === 0) return 'the document';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** A short description of a JSON value for messages, e.g. `the string "x"` or `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

/** Joins names for prose: `a`, `a and b`, `a, b and c`. */
export function listWords(words: string[], conjunction = 'and'): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/**
 * Schema issues and semantic issues about the same thing are merged: where a semantic check
 * reported on a path, it has the more useful message, so schema issues on that exact path go.
 * The result is ordered by path (layers by index, fields by name, as in an export), so issues
 * read top to bottom; issues on the same path keep their order.
 */
export function mergeIssues(schemaIssues: ProfileIssue[], semanticIssues: ProfileIssue[]): ProfileIssue[] {
  const covered = new Set(semanticIssues.map((issue) => JSON.stringify(issue.path)));
  return [...schemaIssues.filter((issue) => !covered.has(JSON.stringify(issue.path))), ...semanticIssues].sort((a, b) => comparePaths(a.path, b.path));
}

function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
