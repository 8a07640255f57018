import type { ConsoleViolation } from './console-violation.js';
import type { BrowserCspViolation } from './types.js';

// script-src-elem and script-src-attr are script-src for a console report, which names the
// directive as the policy wrote it, and that may be default-src for any fetch directive.
const family = (directive: string) => directive.replace(/-(elem|attr)$/, '');
// Reports strip the fragment from the document's URL; a console message's location keeps it.
const unfragmented = (url: string) => url.replace(/#.*$/, '');

/**
 * Whether a console report and an event are the same violation seen twice: Chromium logs one
 * for nearly every event it fires.
 *
 * @example
 * sameViolation({ directive: 'script-src', blockedURI: 'inline', disposition: 'enforce' }, event);
 */
export function sameViolation(
  reported: ConsoleViolation & { documentURL: string },
  event: BrowserCspViolation,
): boolean {
  return (
    reported.disposition === event.disposition &&
    reported.blockedURI === event.blockedURI &&
    (reported.directive === 'default-src' || family(reported.directive) === family(event.directive)) &&
    (reported.documentURL === '' ||
      event.documentURL === '' ||
      unfragmented(reported.documentURL) === unfragmented(event.documentURL))
  );
}
