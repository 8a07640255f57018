import { UsageError } from '../../cli/args.js';
import { parseCommandArgs } from '../../cli/command-args.js';
import { CREDENTIALS_REFUSED, hasCredentials, hideCredentials } from '../../config/url-credentials.js';
import { checkHeader } from '../../core/request-headers.js';
import { DRAFT_FORMATS, type DraftFormat } from './render.js';

/** `checksecure csp draft`'s arguments, checked. */
export interface DraftArgs {
  url?: string;
  app?: string;
  paths: string[];
  pages: number;
  format: DraftFormat;
  /** Per page, in milliseconds. */
  timeoutMs: number;
  browser?: string;
  headers: Record<string, string>;
}

export const DRAFT_USAGE =
  'usage: checksecure csp draft <URL | --app MODULE> [--pages N] [--path P]… [--format text|ts|header|json] [--timeout SECONDS] [--browser PATH] [-H "Name: value"]…';

/**
 * Parses `checksecure csp draft …` (without `csp draft`): a wrong flag or value is a usage error
 * that starts with the flag. Header values are never echoed: they usually hold a secret.
 *
 * @example
 * parseDraftArgs(['http://localhost:3000', '--pages', '5']); // { url: 'http://localhost:3000', pages: 5, … }
 */
export function parseDraftArgs(argv: readonly string[]): DraftArgs {
  const parsed = parseCommandArgs('csp draft', argv, {
    app: { type: 'string' },
    path: { type: 'string', short: 'p', multiple: true },
    pages: { type: 'string' },
    format: { type: 'string', short: 'f' },
    timeout: { type: 'string', short: 't' },
    browser: { type: 'string' },
    header: { type: 'string', short: 'H', multiple: true },
  });
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    throw new UsageError(
      `csp draft: one URL at a time (got ${positionals.length}); use --path for more pages`,
    );
  const url = positionals[0];
  if ((url === undefined) === (values.app === undefined))
    throw new UsageError(
      `csp draft: ${url === undefined ? 'no target' : 'a URL and --app are two targets'}; ${DRAFT_USAGE}`,
    );
  if (url !== undefined && (!/^https?:\/\//i.test(url) || !URL.canParse(url)))
    throw new UsageError(`csp draft: "${hideCredentials(url)}" is not an http:// or https:// URL`);
  // As the scan: a browser would send them on every page, and the draft would print them.
  if (url !== undefined && hasCredentials(url))
    throw new UsageError(`csp draft: the URL ${CREDENTIALS_REFUSED}`);
  const pages = values.pages === undefined ? 20 : Number(values.pages);
  if (!Number.isInteger(pages) || pages < 1 || pages > 10_000)
    throw new UsageError(`csp draft: --pages: "${values.pages}" is not a whole number from 1 to 10000`);
  const format = values.format ?? 'text';
  if (!(DRAFT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`csp draft: --format: "${format}" is not one of ${DRAFT_FORMATS.join(', ')}`);
  const timeout = values.timeout === undefined ? 15 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600)
    throw new UsageError(
      `csp draft: --timeout: "${values.timeout}" is not a number of seconds above 0, at most 600`,
    );
  for (const p of values.path ?? [])
    if (!p.startsWith('/')) throw new UsageError(`csp draft: --path: "${p}" does not start with "/"`);
  const headers: Record<string, string> = {};
  (values.header ?? []).forEach((header, i) => {
    const colon = header.indexOf(':');
    // Named by position, never echoed: a header flag usually carries a session or a token.
    if (colon <= 0)
      throw new UsageError(
        `csp draft: --header #${i + 1}: is not "Name: value" (it is not shown, as it may hold a secret)`,
      );
    const name = header.slice(0, colon).trim();
    const value = header.slice(colon + 1).trim();
    checkHeader(name, value, { position: `--header #${i + 1}`, named: (n) => `--header ${n}` });
    headers[name] = value;
  });
  return {
    ...(url !== undefined ? { url } : {}),
    ...(values.app !== undefined ? { app: values.app } : {}),
    paths: values.path ?? [],
    pages,
    format: format as DraftFormat,
    timeoutMs: timeout * 1000,
    ...(values.browser !== undefined ? { browser: values.browser } : {}),
    headers,
  };
}
