import { describeError, TargetError } from '../core/errors.js';
import { UsageError } from './args.js';
import { terminalText } from '../report/escape.js';
import { editDistance } from '../util/edit-distance.js';

/** What the command reads and writes (main's CliIo, which it cannot import without a cycle). */
export interface CspIo {
  stdout: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

const CSP_USAGE = 'csp: usage: checksecure csp draft <URL | --app MODULE> [options] (see --help)';

/**
 * `checksecure csp draft <URL | --app MODULE>`: crawls the site in headless Chromium, and prints
 * a proposed policy with what must change in the app. Everything it needs (playwright-core
 * above all) loads only here.
 *
 * @example
 * await cspCommand(['draft', 'http://localhost:3000', '--pages', '5'], io);
 */
export async function cspCommand(argv: readonly string[], io: CspIo): Promise<number> {
  if (argv[0] !== 'draft') {
    // The word is the user's own: shown escaped, as every other echoed value.
    // One command: a word two edits from it (a swapped pair of letters) is a typo of it.
    const near = argv[0] !== undefined && editDistance(argv[0].toLowerCase(), 'draft') <= 2;
    throw new UsageError(
      argv[0] === undefined || argv[0].startsWith('-')
        ? CSP_USAGE
        : `csp: "${terminalText(argv[0])}" is not a csp command${near ? ' (did you mean draft?)' : ''}; ${CSP_USAGE.slice(5)}`,
    );
  }
  const [{ parseDraftArgs }, { launchChromium }, { crawlSite }, { proposePolicy }, { renderDraft }] =
    await Promise.all([
      import('../csp/draft/args.js'),
      import('../csp/draft/chromium.js'),
      import('../csp/draft/crawl.js'),
      import('../csp/draft/propose.js'),
      import('../csp/draft/render.js'),
    ]);
  const args = parseDraftArgs(argv.slice(1));
  const browser = await launchChromium(args.browser, io.env);
  let served: { url: string; close(): Promise<void> } | undefined;
  try {
    let start = args.url;
    if (args.app !== undefined) {
      const [{ loadApp }, { listenApp }] = await Promise.all([
        import('../config/load-app.js'),
        import('../csp/draft/listen-app.js'),
      ]);
      served = await listenApp(await loadApp(args.app, io.cwd));
      start = served.url;
    }
    let records;
    try {
      records = await crawlSite(browser, {
        start: new URL(start!),
        paths: args.paths,
        pages: args.pages,
        timeoutMs: args.timeoutMs,
        headers: args.headers,
      });
    } catch (error) {
      // Playwright's messages go on with the browser's whole log: the first line says it.
      throw new TargetError(`csp draft: the browser failed: ${describeError(error).split('\n')[0]}`, {
        cause: error,
      });
    }
    // A policy drafted from pages that never answered allows nothing and says nothing must
    // change: a wrong port or a site that is down must fail, not look like a finished draft.
    if (!records.some((record) => record.status !== undefined)) {
      const why = records.find((record) => record.error !== undefined)?.error ?? 'it redirected elsewhere';
      throw new TargetError(
        `csp draft: no page of ${new URL(start!).origin} could be read (${why}): nothing to draft from`,
      );
    }
    const draft = proposePolicy(records);
    if (args.app !== undefined) {
      // The port was ours for this run only: pages are named by path, as the app knows them.
      const local = new URL(start!).origin;
      const strip = (url: string) => (url.startsWith(local) ? url.slice(local.length) || '/' : url);
      draft.pages = draft.pages.map((p) => ({ ...p, url: strip(p.url) }));
      draft.mustChange = draft.mustChange.map((m) => ({ ...m, pages: m.pages.map(strip) }));
    }
    io.stdout.write(renderDraft(draft, args.format));
    return 0;
  } finally {
    await browser.close().catch(() => {});
    await served?.close();
  }
}
