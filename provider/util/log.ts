// Provider logs: one JSON object a line on stderr, in the shape go-plugin's client (hclog) parses,
// so Terraform and OpenTofu show them under TF_LOG with the provider's name and level.
type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

// Field names whose values are credentials; they are never written, whatever the caller passes.
const SECRET_FIELD = /token|password|secret|key|certificate|credential|auth/i;

function threshold(): number {
  const wanted = (process.env.STRATA_LOG_LEVEL ?? 'debug').toLowerCase() as Level;
  return order[wanted] ?? order.debug;
}

/** hclog's layout, microseconds included: go-plugin takes a line with any other timestamp for plain text. */
function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

export type LogFields = Record<string, unknown>;

function write(level: Level, message: string, fields: LogFields): void {
  if (order[level] < threshold()) return;
  const line: LogFields = { '@level': level, '@message': message, '@module': 'strata', '@timestamp': timestamp() };
  for (const [name, value] of Object.entries(fields)) {
    line[name] = SECRET_FIELD.test(name) ? '(sensitive)' : value;
  }
  process.stderr.write(JSON.stringify(line) + '\n');
}

export const log = {
  trace: (message: string, fields: LogFields = {}) => write('trace', message, fields),
  debug: (message: string, fields: LogFields = {}) => write('debug', message, fields),
  info: (message: string, fields: LogFields = {}) => write('info', message, fields),
  warn: (message: string, fields: LogFields = {}) => write('warn', message, fields),
  error: (message: string, fields: LogFields = {}) => write('error', message, fields),
};
