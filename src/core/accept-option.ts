/**
 * The rule the config's `accept` list is checked by, at setup: an acceptance that could not take
 * effect (a misspelt code, a date that does not exist, a glob that can never match a path) would
 * leave a finding counted, or one accepted, that the team believes is handled otherwise.
 */
import picomatch from 'picomatch';
import { ConfigError } from './errors.js';
import { arrayOf, closest, join, refuse, strictObject, type Rule } from './option-rules.js';
import type { Acceptance } from './types.js';

const CODE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
// The reason is printed in terminals, annotations, comments and SARIF: one line of text.
const CONTROL = /\p{Cc}/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A glob on the URL path: no spaces or control characters, which no pathname has.
const GLOB = /^\/[^\s\p{Cc}]*$/u;

const code: Rule<string> = (value, where) => {
  if (typeof value !== 'string' || !CODE.test(value))
    refuse(where, value, 'must be a warning code (letters, digits, "_", "." or "-")');
  return value;
};

const reason: Rule<string> = (value, where) => {
  if (typeof value !== 'string' || value.trim() === '')
    refuse(where, value, 'must say why the finding is accepted (a non-empty string)');
  if (CONTROL.test(value))
    refuse(where, value, 'must be one line of text, without line breaks or control characters');
  return value;
};

/** A calendar date that exists: 2026-02-30 is refused rather than read as March 2. */
const until: Rule<string> = (value, where) => {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) refuse(where, value, 'must be a date written YYYY-MM-DD');
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    refuse(where, value, 'is not a date of the calendar');
  return value as string;
};

const glob: Rule<string> = (value, where) => {
  if (typeof value !== 'string' || !GLOB.test(value))
    refuse(where, value, 'must be a glob on the URL path that starts with "/" (e.g. "/legacy/**")');
  try {
    picomatch(value);
  } catch (error) {
    refuse(where, value, `is not a glob picomatch reads: ${(error as Error).message}`);
  }
  return value;
};

const entry = strictObject({
  code,
  paths: arrayOf(glob, 'globs on the URL path', true),
  reason,
  until,
});

/** `accept`: an array of `{ code, paths?, reason, until? }`, each key checked as above. */
export const acceptOption: Rule<Acceptance[]> = (value, where) =>
  arrayOf((item, at) => {
    const checked = entry(item, at);
    if (checked.code === undefined)
      throw new ConfigError(`${join(at, 'code')} is required: the warning code accepted`);
    if (checked.reason === undefined)
      throw new ConfigError(`${join(at, 'reason')} is required: say why the finding is accepted`);
    return checked as unknown as Acceptance;
  }, 'acceptances ({ code, paths?, reason, until? })')(value, where);

/**
 * Refuses an accepted code no enabled check declares, naming the nearest one, or one `skip`
 * also lists: either would accept nothing and leave the team believing the finding was handled.
 *
 * @example
 * checkAcceptedCodes([{ code: 'HSTS_MISING', reason: 'x' }], new Set(['HSTS_MISSING']));
 * // ConfigError: accept.0.code: "HSTS_MISING" is not a code of any enabled check (see --list) (did you mean HSTS_MISSING?)
 */
export function checkAcceptedCodes(
  accept: readonly Acceptance[],
  codes: ReadonlySet<string>,
  skip: readonly string[] = [],
): void {
  accept.forEach((acceptance, i) => {
    const skipped = skip.indexOf(acceptance.code);
    // `skip` drops the finding before acceptance sees it: the acceptance would accept nothing.
    if (skipped >= 0)
      refuse(
        join(join('accept', i), 'code'),
        acceptance.code,
        `is also in skip (${join('skip', skipped)}), which drops the finding before it can be accepted: keep one of the two`,
      );
    if (codes.has(acceptance.code)) return;
    const near = closest(acceptance.code, codes);
    refuse(
      join(join('accept', i), 'code'),
      acceptance.code,
      `is not a code of any enabled check (see --list)${near ? ` (did you mean ${near}?)` : ''}`,
    );
  });
}
