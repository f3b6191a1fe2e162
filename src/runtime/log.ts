/**
 * The operational log: a port the composition root fills (JSON lines for a server, text for a person,
 * nothing in tests), never a global. Fields use ECS-style names (`error.type`, `user.name`, `url.full`);
 * every line about one query carries its `query_id`, so one id finds its whole story.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Extra fields of one line; undefined values are left out. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** One line as the formatters see it. */
export interface LogRecord {
  readonly timeMs: number;
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** A Log that writes every record at or above `minLevel` through `write`; the formats are built on it. */
export function leveledLog(minLevel: LogLevel, write: (record: LogRecord) => void, now: () => number = Date.now): Log {
  const threshold = LOG_LEVELS.indexOf(minLevel);
  const at = (level: LogLevel) =>
    LOG_LEVELS.indexOf(level) < threshold
      ? () => undefined
      : (message: string, fields: LogFields = {}) => write({ timeMs: now(), level, message, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const ignore = () => undefined;
export const SILENT_LOG: Log = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** ECS `error.*` fields of a thrown value: an ES error's type and reason, or a bug's class, message and stack. */
export function errorFields(err: unknown, withStack = false): LogFields {
  if (typeof err !== 'object' || err === null) return { 'error.message': String(err) };
  const e = err as { type?: unknown; name?: unknown; message?: unknown; stack?: unknown };
  return {
    'error.type': typeof e.type === 'string' ? e.type : typeof e.name === 'string' ? e.name : 'Error',
    'error.message': typeof e.message === 'string' ? e.message : describe(err),
    ...(withStack && typeof e.stack === 'string' ? { 'error.stack_trace': e.stack } : {}),
  };
}

/** A thrown non-Error object, as far as it can be shown without throwing again. */
function describe(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return 'unserialisable value';
  }
}
