import type { BrowserContext, ConsoleMessage, Frame, Page, Worker } from '@playwright/test';
import { parseConsoleViolation } from './console-violation.js';
import {
  countSent,
  listenForViolations,
  listenInWorker,
  takeFromWorker,
  type DocumentCount,
  type EventPayload,
} from './page-listener.js';
import { sameViolation } from './same-violation.js';
import type { BrowserCspViolation } from './types.js';

const BINDING = '__checksecureCspViolation';

/** The violations of one browser context, as they arrive, one entry each. */
export interface CspCollector {
  /** Every violation of every page of the context so far, in arrival order (a live array). */
  readonly violations: readonly BrowserCspViolation[];
  /** The violations one page met (its frames' included). */
  violationsOf(page: Page): BrowserCspViolation[];
  /**
   * Waits until the pages (all of the context's when none is given) have delivered every
   * violation they have seen; rejects if one does not arrive within `timeout` ms.
   */
  flush(pages?: readonly Page[], timeout?: number): Promise<void>;
}

interface Entry {
  violation: BrowserCspViolation;
  page: Page | null;
  // An event waits for its console twin and a console report for its event; matched, neither waits.
  matched: boolean;
}

// Shared through the global registry, not a module variable: the ESM and CommonJS builds of
// this entry can both be loaded in one process (a CommonJS fixture file beside ESM tests), and
// the matcher of either must find the collector the fixture of the other attached.
const REGISTRY = Symbol.for('checksecure.playwright.cspCollectors');

function registry(): WeakMap<BrowserContext, CspCollector> {
  const scope = globalThis as { [REGISTRY]?: WeakMap<BrowserContext, CspCollector> };
  return (scope[REGISTRY] ??= new WeakMap());
}

/** The collector attached to a context, if any. */
export function collectorOf(context: BrowserContext): CspCollector | undefined {
  return registry().get(context);
}

/**
 * Attaches a collector to a context before its first page: every page it opens later, popups and
 * frames included, reports each CSP violation it meets. The `test` of `checksecure/playwright`
 * does this for its `context`; call it for a context a test creates itself.
 *
 * @example
 * const context = await browser.newContext();
 * const collector = await collectCspViolations(context);
 * const page = await context.newPage();
 * await page.goto(url);
 * await expect(page).toHaveNoCspViolations();
 */
export async function collectCspViolations(context: BrowserContext): Promise<CspCollector> {
  const existing = collectorOf(context);
  if (existing) return existing;
  if (context.pages().length > 0)
    throw new Error(
      'collectCspViolations: the context already has pages, whose earlier violations cannot be seen: attach the collector before the first page opens',
    );
  const entries: Entry[] = [];
  const violations: BrowserCspViolation[] = [];
  const arrived = new Map<string, number>();
  // Each flush that waits for a delivery: woken at every arrival.
  const waiting = new Set<() => void>();

  const add = (entry: Entry) => {
    entries.push(entry);
    violations.push(entry.violation);
  };

  const fromPayload = (page: Page | null, payload: Omit<EventPayload, 'doc'>): BrowserCspViolation => ({
    directive: String(payload.directive),
    blockedURI: String(payload.blockedURI),
    sourceFile: String(payload.sourceFile),
    line: Number(payload.line) || 0,
    column: Number(payload.column) || 0,
    sample: String(payload.sample),
    disposition: payload.disposition === 'report' ? 'report' : 'enforce',
    documentURL: String(payload.documentURL),
    pageURL: page?.url() ?? '',
    via: 'event',
  });

  const addEvent = (page: Page | null, violation: BrowserCspViolation) => {
    // A console report that came first is this violation: the event says more, so it takes its place.
    const twin = entries.find(
      (e) =>
        !e.matched &&
        e.page === page &&
        e.violation.via === 'console' &&
        sameViolation(e.violation, violation),
    );
    if (twin) {
      twin.matched = true;
      violations[violations.indexOf(twin.violation)] = violation;
      twin.violation = violation;
    } else add({ violation, page, matched: false });
  };

  const onEvent = (page: Page | null, payload: EventPayload) => {
    arrived.set(payload.doc, (arrived.get(payload.doc) ?? 0) + 1);
    addEvent(page, fromPayload(page, payload));
    for (const wake of waiting) wake();
  };

  const onConsole = (message: ConsoleMessage) => {
    const reported = parseConsoleViolation(message.text());
    if (!reported) return;
    const page = message.page();
    const violation: BrowserCspViolation = {
      ...reported,
      sourceFile: '',
      line: 0,
      column: 0,
      sample: '',
      documentURL: message.location().url,
      pageURL: page?.url() ?? '',
      via: 'console',
    };
    const twin = entries.find(
      (e) =>
        !e.matched && e.page === page && e.violation.via === 'event' && sameViolation(violation, e.violation),
    );
    if (twin) twin.matched = true;
    else add({ violation, page, matched: false });
  };

  // Each worker's listener, being installed: a flush waits for it before asking the worker.
  const workers = new WeakMap<Worker, Promise<void>>();
  const watchWorker = (worker: Worker) =>
    workers.set(
      worker,
      // A worker that ended before it could be asked has nothing more to say.
      worker.evaluate(listenInWorker).catch(() => undefined),
    );

  const flushWorker = async (page: Page, worker: Worker) => {
    await workers.get(worker);
    let kept: Omit<EventPayload, 'doc'>[];
    try {
      kept = await worker.evaluate(takeFromWorker);
    } catch {
      return;
    }
    for (const payload of kept) addEvent(page, fromPayload(page, payload));
  };

  const flushFrame = async (frame: Frame, wanted: DocumentCount[], unattached: string[]) => {
    let sent: DocumentCount | null;
    try {
      sent = await frame.evaluate(countSent);
    } catch {
      // Detached or navigating away: what its document sent before has arrived or is lost with it.
      return;
    }
    if (sent) wanted.push(sent);
    else if (!/^(about:|$)/.test(frame.url())) unattached.push(frame.url());
  };

  const collector: CspCollector = {
    violations,
    violationsOf: (page) => entries.filter((e) => e.page === page).map((e) => e.violation),
    async flush(pages = context.pages(), timeout = 5_000) {
      const wanted: DocumentCount[] = [];
      const unattached: string[] = [];
      for (const page of pages)
        if (!page.isClosed())
          await Promise.all([
            ...page.frames().map((f) => flushFrame(f, wanted, unattached)),
            ...page.workers().map((w) => flushWorker(page, w)),
          ]);
      if (unattached.length > 0)
        throw new Error(
          `no CSP collector listens in ${unattached.join(', ')}: the collector's init script did not run in that document, so its violations cannot be seen`,
        );
      const deadline = Date.now() + timeout;
      const missing = () => wanted.filter((w) => (arrived.get(w.doc) ?? 0) < w.count);
      while (missing().length > 0) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `CSP violations seen by the page did not arrive within ${timeout} ms (${missing()
              .map((w) => `${w.count - (arrived.get(w.doc) ?? 0)} of ${w.count}`)
              .join(', ')})`,
          );
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiting.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiting.add(wake);
        });
      }
    },
  };
  await context.exposeBinding(BINDING, (source, payload: EventPayload) => onEvent(source.page, payload));
  await context.addInitScript(listenForViolations, BINDING);
  context.on('console', onConsole);
  context.on('page', (page) => page.on('worker', watchWorker));
  registry().set(context, collector);
  return collector;
}
