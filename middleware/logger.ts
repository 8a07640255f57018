import type { Logger } from './types.js';
import { fail } from './validate.js';

const SILENT: Logger = {};

/** Checks a logger option once; silent when absent. */
export function toLogger(where: string, logger: unknown): Logger {
  if (logger === undefined) return SILENT;
  if (!logger || typeof logger !== 'object' || typeof (logger as Logger).warn !== 'function') {
    fail(`${where}.logger`, logger, 'must be a logger with warn() (console or pino)');
  }
  return logger as Logger;
}

/** Logs a security event the way django-security logs to its `security` logger. */
export function securityEvent(
  logger: Logger,
  level: 'warn' | 'info',
  event: string,
  fields: Record<string, unknown>,
  message: string,
): void {
  logger[level]?.({ event, ...fields }, `checksecure: ${message}`);
}
