// Colours a runner or terminal adds are not part of the text a sample shows.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function lines(text: string): string[] {
  const all = text
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trimEnd());
  while (all.length > 0 && all.at(-1) === '') all.pop();
  return all;
}

function lineRule(sample: string): RegExp {
  const parts = sample.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`);
}

/**
 * Where a shortened output sample departs from a real run, or undefined when it matches: its
 * lines must be the run's lines in order, where a line that is only `…` stands for any number
 * of lines and `…` within a line for any text (a duration, an elided policy).
 *
 * @example
 * sampleMismatch('Found 1 error (… ms)', 'Found 1 error (12 ms)'); // undefined
 */
export function sampleMismatch(sample: string, actual: string): string | undefined {
  const want = lines(sample);
  const got = lines(actual);
  if (want.length === 0) return 'the sample is empty';
  let furthest = 0;
  const matches = (w: number, g: number): boolean => {
    furthest = Math.max(furthest, w);
    if (w === want.length) return g === got.length;
    if (want[w]!.trim() === '…') {
      for (let next = g; next <= got.length; next++) if (matches(w + 1, next)) return true;
      return false;
    }
    return g < got.length && lineRule(want[w]!).test(got[g]!) && matches(w + 1, g + 1);
  };
  if (matches(0, 0)) return undefined;
  const line = want[Math.min(furthest, want.length - 1)];
  return `the sample's line ${Math.min(furthest, want.length - 1) + 1} (${JSON.stringify(line)}) is not what a real run prints:\n${got.join('\n')}`;
}
