import { parseCliArgs } from '../../../src/cli/args.js';
import { parseMergeArgs } from '../../../src/cli/merge.js';
import { parseReportsArgs } from '../../../src/cli/reports.js';
import { parseDraftArgs } from '../../../src/csp/draft/args.js';

/** A shell line's words, as sh splits them: quotes kept together, a `#` word ends the line. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end === -1) throw new Error(`an unclosed ${c}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The commands of a line: split at `&&`, `||`, `;` and `|`, each up to a redirection. */
function commands(line: string): string[][] {
  const result: string[][] = [[]];
  for (const word of words(line)) {
    if (['&&', '||', ';', '|'].includes(word)) result.push([]);
    else result.at(-1)!.push(word);
  }
  return result
    .map((command) => {
      const redirect = command.findIndex((word) => /^\d?[<>]/.test(word));
      return redirect === -1 ? command : command.slice(0, redirect);
    })
    .filter((command) => command.length > 0);
}

/**
 * What is wrong with a shell block: every `checksecure` or `npx checksecure` command must pass
 * the CLI's own argument parser (`reports` and `merge` through their own), and every script `npm run`, `npm start` or
 * `npm test` runs must be one of package.json's. A `$ ` prompt is dropped; `VAR=value` before a command is its
 * environment.
 *
 * @example
 * shellProblems('npx checksecure --fail-on warnings\n', {}); // ['line 1: --fail-on: "warnings" is not one of …']
 */
export function shellProblems(code: string, scripts: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  code.split('\n').forEach((raw, index) => {
    const where = `line ${index + 1}`;
    let line;
    try {
      line = commands(raw.replace(/^\$ /, ''));
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
      return;
    }
    for (const command of line) {
      while (command.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(command[0]!)) command.shift();
      const args = command[0] === 'npx' ? command.slice(1) : command;
      if (args[0] === 'checksecure') {
        try {
          if (args[1] === 'reports') parseReportsArgs(args.slice(2));
          else if (args[1] === 'merge') parseMergeArgs(args.slice(2));
          else if (args[1] === 'csp' && args[2] === 'draft') parseDraftArgs(args.slice(3));
          else parseCliArgs(args.slice(1));
        } catch (error) {
          problems.push(`${where}: ${(error as Error).message}`);
        }
      }
      if (command[0] === 'npm' && ['run', 'start', 'test'].includes(command[1]!)) {
        const script = command[1] === 'run' ? command[2] : command[1];
        if (script === undefined || !(script in scripts))
          problems.push(`${where}: npm ${command.slice(1, 3).join(' ')}: package.json has no such script`);
      }
    }
  });
  return problems;
}
