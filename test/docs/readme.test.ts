// The README is also the npm page: short, install first, the rest linked from docs/.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('fits in 15 KB (helmet’s is 20, fastify’s 16): the reference is in docs/', () => {
    expect(Buffer.byteLength(README)).toBeLessThanOrEqual(15 * 1024);
  });

  it('opens with the install line, right for each use: the middleware runs in the app', () => {
    const firstBlock = /```\w*\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    // `npm ci --omit=dev` drops devDependencies, and with them a secure() the app imports.
    expect(firstBlock).toMatch(/^npm install checksecure +# the middleware runs in your app: a dependency$/m);
    expect(firstBlock).toMatch(
      /^npm install --save-dev checksecure +# only the command line or the test matchers$/m,
    );
  });

  it('has the three quick starts and the Action, then links to every page of docs/', () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 5)).toEqual([
      'Install',
      'Quick start: the command line',
      'Quick start: the middleware',
      'Quick start: the test matchers',
      'GitHub Action',
    ]);
    const pages = readdirSync(new URL('../../docs/', import.meta.url)).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect(README, page).toContain(`](docs/${page})`);
  });

  it('gives the two commands a fresh clone runs, as .ci/run runs the second', () => {
    expect(README).toMatch(/^npm ci && npm start +# scans the bundled example app/m);
    expect(README).toMatch(/^npm ci && npm test +# every test/m);
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^ {2}npm test \|\|/m);
  });
});
