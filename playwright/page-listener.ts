/** What the init script sends for each `securitypolicyviolation` event, and how a flush asks. */
export interface EventPayload {
  /** The document's own id: a flush compares how many it sent with how many arrived. */
  doc: string;
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  column: number;
  sample: string;
  disposition: string;
  documentURL: string;
}

/** How many violations a document has sent so far. */
export interface DocumentCount {
  doc: string;
  count: number;
}

/**
 * Runs in every document of the context before its own scripts (Playwright serialises it, so it
 * uses nothing from outside). The listener is on window, capturing: every violation event passes
 * there first, whatever its target (an element, a shadow root's, the document), and no listener
 * of the page can stop it before.
 */
export function listenForViolations(binding: string): void {
  // A property, not a symbol: a flush's evaluate, serialised on its own, reads it back.
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope.__checksecureCspState) return;
  const state = { doc: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, count: 0 };
  Object.defineProperty(scope, '__checksecureCspState', { value: state });
  addEventListener(
    'securitypolicyviolation',
    (e: SecurityPolicyViolationEvent) => {
      state.count += 1;
      const send = scope[binding] as ((payload: unknown) => Promise<void>) | undefined;
      void send?.({
        doc: state.doc,
        directive: e.effectiveDirective || e.violatedDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        column: e.columnNumber,
        sample: e.sample,
        disposition: e.disposition,
        documentURL: e.documentURI,
      });
    },
    true,
  );
}

/**
 * Run in a document by a flush: the browser fires violation events from tasks it queues, so two
 * turns of the event loop let those pending run; then the count says how many were sent.
 * `null`: the init script never ran there.
 */
export async function countSent(): Promise<DocumentCount | null> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
  const state = (globalThis as unknown as Record<string, DocumentCount | undefined>).__checksecureCspState;
  return state ? { doc: state.doc, count: state.count } : null;
}

/**
 * Run in a dedicated worker as soon as Playwright reports it: a worker runs no init script and
 * its violations reach neither the page's event nor Playwright's console events, so it keeps
 * them for the next flush to take. What it did before this ran is not seen.
 */
export function listenInWorker(): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope.__checksecureCspQueue) return;
  const queue: Omit<EventPayload, 'doc'>[] = [];
  Object.defineProperty(scope, '__checksecureCspQueue', { value: queue });
  addEventListener(
    'securitypolicyviolation',
    (e: SecurityPolicyViolationEvent) => {
      queue.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        column: e.columnNumber,
        sample: e.sample,
        disposition: e.disposition,
        documentURL: e.documentURI || location.href,
      });
    },
    true,
  );
}

/** Run in a worker by a flush, after two turns of its event loop: what it kept since the last one. */
export async function takeFromWorker(): Promise<Omit<EventPayload, 'doc'>[]> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
  const queue = (globalThis as unknown as Record<string, Omit<EventPayload, 'doc'>[] | undefined>)
    .__checksecureCspQueue;
  return queue ? queue.splice(0) : [];
}
