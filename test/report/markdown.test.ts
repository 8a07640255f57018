import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentBody, COMMENT_LIMIT } from '../../src/action/comment-body.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import type { Report, Severity } from '../../src/core/types.js';

// What escaping multiplies: each of these becomes an entity of five to eight characters.
const hostile = fc.string({
  unit: fc.constantFrom('&', '|', '<', '@a', '`', '[', 'x', '\n', '🔴'),
  maxLength: 400,
});
const severity = fc.constantFrom<Severity>('error', 'warning', 'info');

const report = (warnings: number, text: fc.Arbitrary<string>) =>
  fc
    .record({
      target: text,
      warnings: fc.array(
        fc.record({
          code: fc.constant('SESSION_COOKIE_INSECURE'),
          check: fc.constant('sessionCookie'),
          severity,
          message: text,
          url: text,
        }),
        { maxLength: warnings, size: 'max' },
      ),
      notes: fc.array(text, { maxLength: 300, size: 'large' }),
      errored: fc.array(text, { maxLength: 300, size: 'large' }),
    })
    .map(({ target, warnings: ws, notes, errored }): Report => ({
      version: 1,
      target,
      targetKind: 'url',
      warnings: ws,
      // Half errored, half skipped: both lists share the room with the rows.
      checks: errored.map((reason, i) => ({
        name: `check${i}`,
        status: i % 2 === 0 ? 'errored' : 'skipped',
        reason,
      })),
      assumptions: [],
      notes,
      durationMs: 1,
    }));

describe('formatMarkdown built to fit', () => {
  it('never exceeds maxLength, however much escaping multiplies the text, and counts what it left out', () => {
    let cut = false;
    fc.assert(
      fc.property(report(600, hostile), fc.integer({ min: 8_000, max: 70_000 }), (r, maxLength) => {
        const text = formatMarkdown(r, {
          maxLength,
          more: 'See [the run](https://github.com/o/r/actions/runs/1).',
        });
        expect(text.length).toBeLessThanOrEqual(maxLength);
        const rows = text.split('\n').filter((line) => /^\| (🔴|🟠|🔵)/.test(line)).length;
        const more = /^…and (\d+) more\. See \[the run\]/m.exec(text);
        expect(rows + Number(more?.[1] ?? 0)).toBe(r.warnings.length);
        cut ||= more !== null;
      }),
      { numRuns: 60 },
    );
    // The runs did reach the limit: the property was tested where it matters.
    expect(cut).toBe(true);
  });

  it('counted in UTF-8 bytes for a job summary, stays within the bytes given, with non-ASCII text', () => {
    const wide = fc.string({
      unit: fc.constantFrom('é', '€', '🔴', '&', 'x'),
      maxLength: 300,
      size: 'large',
    });
    fc.assert(
      fc.property(report(600, wide), (r) => {
        const text = formatMarkdown(r, { maxLength: 40_000, unit: 'utf8' });
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(40_000);
      }),
      { numRuns: 30 },
    );
  });

  it('a comment body stays within GitHub’s limit with its marker and footer', () => {
    fc.assert(
      fc.property(report(1500, hostile), (r) => {
        const body = commentBody(r, {
          key: 'CI/scan/step/shard 1 of 2',
          commit: { sha: 'a'.repeat(40), url: `https://github.com/o/r/commit/${'a'.repeat(40)}` },
          runUrl: 'https://github.com/o/r/actions/runs/1/attempts/1',
        });
        expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
        expect(body.startsWith('<!-- checksecure:sticky-comment key=CI/scan/step/shard 1 of 2 -->\n')).toBe(
          true,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('a commit or run link from the environment that is not a plain URL is not linked', () => {
    const r: Report = {
      version: 1,
      target: 't',
      targetKind: 'url',
      warnings: [],
      checks: [],
      assumptions: [],
      durationMs: 1,
    };
    const body = commentBody(r, {
      key: 'k',
      commit: { sha: 'main) [x](javascript:alert(1)', url: 'javascript:alert(1)' },
      runUrl: 'https://github.com/o/r/actions/runs/1) <img src=x>',
    });
    expect(body).not.toContain('javascript:');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('](https://github.com/o/r/actions/runs/1)');
  });
});

describe('formatMarkdown counts what did not fit', () => {
  const withNotes = (count: number): Report => ({
    version: 1,
    target: 'https://example.com/',
    warnings: [],
    checks: [],
    assumptions: [],
    notes: Array.from({ length: count }, (_, i) => `note ${i} ${'x'.repeat(90)}`),
    targetKind: 'url',
    durationMs: 1,
  });

  it('says "1 more note" for one note left out, "2 more notes" for two', () => {
    // A quarter of maxLength holds two notes of some 100 characters and the closing line.
    expect(formatMarkdown(withNotes(3), { maxLength: 1_000 })).toContain('\n> …and 1 more note.\n');
    expect(formatMarkdown(withNotes(4), { maxLength: 1_000 })).toContain('\n> …and 2 more notes.\n');
  });
});

describe('formatMarkdown names what did not judge', () => {
  it('lists skipped checks with their reason, escaped, as the text report does', () => {
    const text = formatMarkdown({
      version: 1,
      target: 'https://example.com/',
      warnings: [],
      checks: [
        { name: 'hsts', status: 'passed' },
        {
          name: 'csrf',
          status: 'skipped',
          reason: 'the same-origin POST was refused too (/ → 404) <b>@team</b>',
        },
      ],
      assumptions: [],
      targetKind: 'url',
      durationMs: 1,
    });
    expect(text).toContain('**Checks skipped:**');
    expect(text).toMatch(
      /^- `csrf`: the same-origin POST was refused too \(\/ → 404\) (?!.*<b>)(?!.*@team\b)/m,
    );
  });
});
