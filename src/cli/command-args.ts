import { parseArgs, type ParseArgsConfig } from 'node:util';
import { editDistance, nearest } from '../util/edit-distance.js';
import { UsageError } from './args.js';

/**
 * One line for a parse error of node's parser: its first line, a nearby flag for an unknown
 * one, and for a value that starts with a dash (node calls it "ambiguous") the form that works.
 *
 * @example
 * usageMessage(error, ['--timeout', '-1'], { timeout: { type: 'string' } }) // "--timeout -1: a value that starts with "-" is written --timeout=-1"
 */
export function usageMessage(
  error: unknown,
  argv: readonly string[],
  options: Readonly<Record<string, { short?: string }>>,
): string {
  const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
  const ambiguous = /^Option '(?:-\w, )?(--?[\w-]+)(?: <value>)?' argument is ambiguous/.exec(message)?.[1];
  if (ambiguous !== undefined) {
    const value = argv[argv.indexOf(ambiguous) + 1] ?? '-';
    // `-t -1` is said as the long flag, which the form that works needs.
    const long = ambiguous.startsWith('--')
      ? ambiguous
      : `--${Object.entries(options).find(([, o]) => `-${o.short}` === ambiguous)?.[0] ?? ambiguous.slice(1)}`;
    return `${long} ${value}: a value that starts with "-" is written ${long}=${value}`;
  }
  const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
  const flags = Object.keys(options);
  // nearest() allows one edit in four characters, too strict for a swapped pair in a short flag
  // (--fial-on); flags get the two edits the main command line allows.
  const near =
    unknown === undefined
      ? undefined
      : (nearest(unknown, flags) ?? flags.find((flag) => editDistance(flag, unknown.toLowerCase()) <= 2));
  return near ? `${message} (did you mean --${near}?)` : message;
}

/**
 * node's parseArgs for a subcommand (`reports`, `csp draft`, …), positionals allowed: a parse
 * error becomes a UsageError that starts with the command's name.
 *
 * @example
 * const { values, positionals } = parseCommandArgs('reports', argv, { top: { type: 'string' } });
 */
export function parseCommandArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(`${command}: ${usageMessage(error, argv, options)}`);
  }
}
