import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from './types.js';
import { fail, knownKeys } from './validate.js';

export interface ErrorHandlerOptions {
  /** Where errors are logged, with their stacks. Default console: an error nobody sees is lost. */
  logger?: Logger;
}

type HttpError = Error & { status?: unknown; statusCode?: unknown; expose?: unknown };

const statusOf = (error: HttpError) => {
  const status = Number(error?.status ?? error?.statusCode);
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
};

/**
 * A production error handler for Express: logs the error with its stack, and answers with the
 * status and its standard phrase only, as HTML, JSON or text by Accept. It never shows a stack,
 * a message or a path, whatever NODE_ENV says. Mount it last. Fixes DEBUG_ERRORS_EXPOSED.
 *
 * @example
 * app.use(errorHandler({ logger: pino() }));
 */
export function errorHandler(options: ErrorHandlerOptions = {}) {
  knownKeys('errorHandler', options, ['logger']);
  const logger = options.logger ?? console;
  if (typeof logger.error !== 'function' && typeof logger.warn !== 'function')
    fail('errorHandler: logger', logger, 'must have error() or warn()');
  // Four parameters: that is how Express recognises an error handler.
  return function checksecureErrorHandler(
    error: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ): void {
    const err = (error instanceof Error ? error : new Error(String(error))) as HttpError;
    const status = statusOf(err);
    // A server error is logged once with its stack (in `err`, which pino and console print);
    // a client's mistake (400 on malformed JSON, 404) is a warning without one.
    if (status >= 500)
      (logger.error ?? logger.warn)?.call(
        logger,
        { event: 'error', status, method: req.method, url: req.url, err },
        `checksecure: ${req.method} ${req.url} failed with ${status}: ${err.message}`,
      );
    else
      (logger.warn ?? logger.error)?.call(
        logger,
        { event: 'client.error', status, method: req.method, url: req.url, message: err.message },
        `checksecure: ${req.method} ${req.url} answered ${status}: ${err.message}`,
      );
    if (res.headersSent) {
      next(error);
      return;
    }
    const phrase = STATUS_CODES[status] ?? 'Error';
    const accept = String(req.headers.accept ?? '');
    let type = 'text/plain; charset=utf-8';
    let body = `${status} ${phrase}\n`;
    if (/json/i.test(accept) && !/html/i.test(accept)) {
      type = 'application/json; charset=utf-8';
      body = JSON.stringify({ error: phrase, status });
    } else if (/html/i.test(accept)) {
      type = 'text/html; charset=utf-8';
      body = `<!doctype html><title>${status} ${phrase}</title><h1>${status} ${phrase}</h1>\n`;
    }
    for (const name of res.getHeaderNames()) if (name.startsWith('content-')) res.removeHeader(name);
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.setHeader('Cache-Control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
