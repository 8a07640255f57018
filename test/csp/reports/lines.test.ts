import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLines } from '../../../src/csp/reports/lines.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lines-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function linesOf(content: string | Buffer, max?: number) {
  const file = path.join(dir, `f${Math.random()}.jsonl`);
  await writeFile(file, content);
  const lines: string[] = [];
  const { lines: count, tooLong } = await readLines(file, (line) => lines.push(line), max);
  expect(count).toBe(lines.length);
  return { lines, tooLong };
}

describe('readLines', () => {
  it('hands over every non-empty line, the last one without its newline too', async () => {
    expect(await linesOf('a\n\nb\r\n  \nc')).toEqual({ lines: ['a', 'b\r', 'c'], tooLong: 0 });
    expect(await linesOf('')).toEqual({ lines: [], tooLong: 0 });
  });

  it('joins a line that spans chunks, and a character cut between them', async () => {
    const long = `${'é'.repeat(700_000)}x`;
    const { lines } = await linesOf(`a\n${long}\nb\n`, 4 * 1024 * 1024);
    expect(lines).toEqual(['a', long, 'b']);
  });

  it('skips and counts a line longer than the bound without holding it, and goes on after it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    expect(await linesOf(`a\n${huge}\nb\n${huge}`)).toEqual({ lines: ['a', 'b'], tooLong: 2 });
    expect(await linesOf(`a\n${'y'.repeat(100)}\nb`, 50)).toEqual({ lines: ['a', 'b'], tooLong: 1 });
  });

  it('rejects with the error code of a file that cannot be read', async () => {
    await expect(readLines(path.join(dir, 'missing.jsonl'), () => {})).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
