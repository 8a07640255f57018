import type { Logger } from './types.js';
import { logText } from '../src/util/log-text.js';
import { fail } from './validate.js';

const SILENT: Logger = {};

/** Checks a logger option once; silent when absent. */
export function toLogger(where: string, logger: unknown): Logger {
  if (logger === undefined) return SILENT;
  if (!logger || typeof logger !== 'object' || typeof (logger as Logger).warn !== 'function') {
    fail(`${where}.logger`, logger, 'must be a logger with warn() (console or pino)');
  }
  return logger;
}

/**
 * Logs a security event the way django-security logs to its `security` logger. Its text comes
 * from requests (a Host, an Origin, a path), so the message and every string field are made
 * inert first: no newline to forge a log line, no escape sequence for a terminal to obey.
 */
export function securityEvent(
  logger: Logger,
  level: 'warn' | 'info',
  event: string,
  fields: Record<string, unknown>,
  message: string,
): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with logger as this
  const log = logger[level];
  if (log === undefined) return;
  const safe: Record<string, unknown> = { event };
  for (const key in fields) {
    const value = fields[key];
    safe[key] = typeof value === 'string' ? logText(value) : value;
  }
  log.call(logger, safe, `checksecure: ${logText(message)}`);
}
