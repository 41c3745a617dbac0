// Diagnostics as Strata produces them: severity, a summary, a detail that says what to do, and the
// attribute path they are about, converted to the protocol's AttributePath.

/** A step in an attribute path: an attribute name, a list index, or a map key. */
export type PathStep = string | number | { key: string };
export type AttributePath = PathStep[];

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  path?: AttributePath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail: string, path?: AttributePath): void {
    this.items.push({ severity: 'error', summary, detail, path });
  }

  warning(summary: string, detail: string, path?: AttributePath): void {
    this.items.push({ severity: 'warning', summary, detail, path });
  }

  append(other: Diagnostics | Diagnostic[]): void {
    this.items.push(...(Array.isArray(other) ? other : other.items));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** A readable rendering of a path, as Terraform writes it: layer[1].helm.version. */
export function formatPath(path: AttributePath): string {
  return path.map((step, i) => {
    if (typeof step === 'number') return `[${step}]`;
    if (typeof step === 'object') return `[${JSON.stringify(step.key)}]`;
    return i === 0 ? step : `.${step}`;
  }).join('');
}

// The provider ships as two bundles (transport, and the core loaded on the first RPC; see
// scripts/build.mjs), each with its own copy of this module, so the class is recognised by a
// registry-wide symbol rather than by identity. Sharing one copy instead would hold only as long
// as the build's split and the loader agree; the brand holds whatever the bundling.
const BRAND = Symbol.for('strata.DiagnosticError');

/** An error whose message should reach the user as a diagnostic rather than a crash. */
export class DiagnosticError extends Error {
  readonly [BRAND] = true;

  constructor(readonly summary: string, readonly detail: string, readonly path?: AttributePath) {
    super(`${summary}: ${detail}`);
  }

  /** `instanceof DiagnosticError` is true for an instance of any copy of the class; subclasses keep the usual check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DiagnosticError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}

export interface WireDiagnostic {
  severity: number;
  summary: string;
  detail: string;
  attribute?: { steps: ({ attribute_name: string } | { element_key_int: number } | { element_key_string: string })[] };
}

const SEVERITY = { error: 1, warning: 2 } as const;

export function toWire(diagnostics: Diagnostic[]): WireDiagnostic[] {
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity],
    summary: d.summary,
    detail: d.detail,
    ...(d.path && d.path.length > 0 ? {
      attribute: {
        steps: d.path.map((step) => typeof step === 'number' ? { element_key_int: step }
          : typeof step === 'object' ? { element_key_string: step.key } : { attribute_name: step }),
      },
    } : {}),
  }));
}

/** Turns anything thrown into a diagnostic; unexpected errors keep their message and say whose bug it is. */
export function diagnosticFromError(error: unknown, during: string): Diagnostic {
  if (error instanceof DiagnosticError) return { severity: 'error', summary: error.summary, detail: error.detail, path: error.path };
  const message = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error',
    summary: `Strata failed during ${during}`,
    detail: `${message}\n\nThis is unexpected; please report it with the provider log (TF_LOG_PROVIDER=debug).`,
  };
}
