import { defineCheck } from '../core/registry.js';
import type { Exchange, WarningInit } from '../core/types.js';

/**
 * A stack frame with a source location: `at fn (/app/src/x.js:12:5)`, `at C:\app\x.js:3:1`,
 * `at file:///app/x.mjs:1:1`, `at node:internal/...`. HTML error pages escape spaces as &nbsp;.
 */
const STACK_FRAME =
  /\bat\s+(?:[^\s(<>]+\s+)?\(?((?:\/|[A-Za-z]:\\|file:\/\/|node:)[^\s)<>:]+(?::\d+){1,2})\)?/;
const SOURCE_PATH =
  /(?:\/(?:home|usr|var|srv|opt|app|Users|workspace)\/[^\s"'<>]+\.(?:[cm]?js|ts|tsx|jsx)\b|[A-Za-z]:\\[^\s"'<>]+\.(?:[cm]?js|ts)\b|node_modules\/[^\s"'<>]+)/;

/**
 * URLs a page links to (`<script src="/app/main.js">`, `href="/node_modules/bootstrap/…"`,
 * `url(/app/x.css)`): paths the browser fetches, not the server's file system.
 */
const LINKED_URL =
  /\s(?:href|src|srcset|action|formaction|poster|data|content|xlink:href)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)|url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\)/gi;

/**
 * The line of a body that gives a stack or a source path away, if any. A bare source path (no
 * frame) counts only when `sourcePaths` is true, on an error response: a page that works names
 * paths of its own (a bundle under /app/, a stylesheet under /node_modules/) that only look like files.
 *
 * @example
 * leakedStack('Error: x\n    at f (/srv/app/a.js:1:2)', false) // 'at f (/srv/app/a.js:1:2)'
 */
export function leakedStack(body: string, sourcePaths = true): string | undefined {
  // Every stack frame has "at " and every source path a slash or backslash and a known suffix:
  // most pages fail this quick test and skip the rewriting and the regular expressions below.
  if (!/\bat(?:\s|&nbsp;)|node_modules|\.[cm]?[jt]sx?\b/.test(body)) return undefined;
  const text = body.replace(/&nbsp;/g, ' ').replace(/<br\s*\/?>/gi, '\n');
  const frame = STACK_FRAME.exec(text);
  if (frame) return frame[0].trim().slice(0, 200);
  if (!sourcePaths) return undefined;
  const path = SOURCE_PATH.exec(text.replace(LINKED_URL, ' '));
  return path ? path[0].slice(0, 200) : undefined;
}

/** One warning per distinct leak: the same stack behind several requests is one misconfiguration. */
function judgeLeaks(seen: readonly Exchange[]): WarningInit[] {
  const leaks = new Set<string>();
  const out: WarningInit[] = [];
  for (const exchange of seen) {
    const leak = leakedStack(exchange.body, exchange.status >= 400);
    if (!leak || leaks.has(leak)) continue;
    leaks.add(leak);
    const req = exchange.request;
    out.push({
      code: 'DEBUG_ERRORS_EXPOSED',
      url: exchange.url,
      evidence: `${req.method} ${req.url}${req.body ? ` (body ${JSON.stringify(req.body)})` : ''} → ${exchange.status}: ${leak}`,
      message: `${req.method} ${new URL(req.url).pathname} answers ${exchange.status} with a stack trace or source path`,
    });
  }
  return out;
}

export const debugCheck = defineCheck({
  name: 'debug',
  description: 'error responses show no stack trace or source paths',
  messages: {
    DEBUG_ERRORS_EXPOSED: {
      severity: 'error',
      message: 'An error response shows a stack trace or source paths',
      explanation:
        "This is Node's DEBUG=True: Express prints stacks unless NODE_ENV=production. A stack reveals file layout, library versions and sometimes secrets in messages; it turns every malformed request into reconnaissance.",
      // Not a part of secure(): it goes last, after every route, and only Express takes it.
      fix: {
        middleware: 'errorHandler()',
        imports: [{ from: 'checksecure/middleware', names: ['errorHandler'] }],
        snippet: '// last, after every route:\napp.use(errorHandler());',
      },
    },
  },
  run(ctx) {
    // Synchronous on a captured response (matchers), with the malformed requests otherwise.
    if (!ctx.target.canProbe) return judgeLeaks(ctx.pages);
    return ctx.probe.errorPages().then((errors) => judgeLeaks([...ctx.pages, ...errors]));
  },
});
