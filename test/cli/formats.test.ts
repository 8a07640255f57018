import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { cli } from '../helpers/cli.js';

const offered = REPORT_FORMATS.filter((format) => format.cli);

describe('the CLI reads its formats from the table (src/report/formats.ts)', () => {
  it('--help lists exactly the CLI formats, each with its description, in the table order', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    const block = /^ {2}-f, --format F .*\n((?: {6,}\S.*\n)*)/m.exec(r.stdout);
    expect(block, r.stdout).not.toBeNull();
    const listed = block![1]!
      .trimEnd()
      .split('\n')
      .map((line) => /^ +(\S+) {2,}(\S.*)$/.exec(line)!.slice(1));
    expect(listed).toEqual(offered.map((format) => [format.name, format.description]));
  });

  it.each([
    ['sarf', 'sarif'],
    ['JSON', 'json'],
    ['markdwon', 'markdown'],
    ['githb', 'github'],
  ])('--format %s is refused with the nearest format (%s) and the table list', async (given, meant) => {
    const r = await cli(['--format', given, 'http://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `checksecure: --format: "${given}" is not one of ${offered.map((f) => f.name).join(', ')} (did you mean ${meant}?)\n`,
    );
  });

  it.each(offered.map((format) => format.name))('--format %s is accepted', async (name) => {
    // An unreachable target: the format is accepted when the run gets as far as the request.
    const r = await cli(['--format', name, '--timeout', '1', 'http://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('--format');
  });
});
