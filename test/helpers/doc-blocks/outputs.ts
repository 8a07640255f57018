import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import '../../../matchers/vitest.js';
import * as middleware from '../../../middleware/index.js';
import { HELP } from '../../../src/cli/help.js';
import { cli, ROOT, scratch } from '../cli.js';
import { writeReportFile } from '../report-file.js';
import { runCli } from '../run-cli.js';

/** What a producer may read: the code of a block named with `<!-- name: … -->`. */
export interface OutputContext {
  named: (name: string) => string;
}

/** The message a call throws (a failed assertion, a refused option). */
async function thrown(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the call to throw');
}

/** An Express app whose GET / answers with the given headers, as supertest receives it over HTTPS. */
function httpsResponse(headers: Record<string, string> = {}) {
  const app = express();
  app.get('/', (_req, res) => res.set(headers).send('<p>ok</p>'));
  return request(app).get('/').set('X-Forwarded-Proto', 'https');
}

/** The built CLI scanning an app module written to `src/app.ts` of a fresh project folder. */
async function scanAppModule(source: string): Promise<string> {
  const dir = await scratch({ 'src/app.ts': source });
  return (await cli(['--app', './src/app.ts'], { cwd: dir })).stdout;
}

/**
 * The real runs that output samples (`<!-- output: NAME -->` above a `text` block) are checked
 * against: each runs what the doc says was run, as a user would (the built CLI, the matchers in
 * a test, the middleware's option checks).
 */
export const OUTPUTS: Readonly<Record<string, (context: OutputContext) => Promise<string>>> = {
  help: async () => HELP,
  'npm-start': async () =>
    (await cli(['--config', 'examples/checksecure.config.ts', '--fail-on', 'never'])).stdout,
  'demo-app-scan': async () => scanAppModule(await readFile(path.join(ROOT, 'examples/demo-app.ts'), 'utf8')),
  'quickstart-app-scan': async ({ named }) =>
    `$ npx checksecure --app ./src/app.ts\n${await scanAppModule(named('quickstart-app'))}`,
  'explain-hsts-missing': async () => (await cli(['--explain', 'HSTS_MISSING'])).stdout,
  'to-have-hsts-missing': async () => {
    const res = await httpsResponse();
    return thrown(() => expect(res).toHaveHsts());
  },
  'to-have-hsts-failure': async () => {
    const res = await httpsResponse({ 'Strict-Transport-Security': 'max-age=300' });
    return thrown(() => expect(res).toHaveHsts({ maxAge: 31536000 }));
  },
  'matcher-option-errors': async () => {
    const res = await httpsResponse();
    const messages = await Promise.all([
      thrown(() => expect(res).toPassSecurityChecks({ failOn: 'warnings' as never })),
      thrown(() => expect(res).toHaveHsts({ maxAge: '1 year' as never })),
      thrown(() => expect(res).toHaveHsts({ includeSubdomains: true } as never)),
      thrown(() => expect(res).toHaveCsp({ directives: { 'object-src': ['none'] } })),
    ]);
    return messages.join('\n');
  },
  'middleware-option-errors': async () => {
    const messages = await Promise.all([
      thrown(() => middleware.contentSecurityPolicy({ directives: { scriptSrc: ['self'] } })),
      thrown(() => middleware.frameGuard({ action: 'SAMEORIGIN' as never })),
      thrown(() => middleware.permissionsPolicy({ features: { displayCapture: [] } as never })),
    ]);
    return messages.join('\n');
  },
  'csp-reports-summary': async () => {
    // A file as jsonlSink writes it, with the counts the sample shows.
    const report = (effectiveDirective: string, blockedUrl: string) =>
      JSON.stringify({ effectiveDirective, blockedUrl, documentUrl: 'https://example.com/' });
    const lines = [
      ...Array.from({ length: 390 }, () => report('script-src-elem', 'inline')),
      ...Array.from({ length: 8 }, () => report('script-src-elem', 'https://cdn.example/widget.js')),
      ...Array.from({ length: 14 }, () => report('img-src', 'https://images.example/logo.png')),
    ];
    const dir = await scratch();
    const file = path.join(dir, 'csp.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const { stdout } = await cli(['reports', file]);
    return `$ npx checksecure reports /var/log/csp.jsonl\n${stdout.replaceAll(file, '/var/log/csp.jsonl')}`;
  },
  'csp-reports-propose': async () => {
    // 2,000 generated reports with every kind of noise (test/helpers/report-file.ts).
    const dir = await scratch();
    const file = path.join(dir, 'csp.jsonl');
    await writeReportFile(file, 2000);
    const { stdout } = await cli(['reports', file, '--propose', '--preview']);
    return `$ npx checksecure reports /var/log/csp.jsonl --propose --preview\n${stdout.replaceAll(file, '/var/log/csp.jsonl')}`;
  },
  // A real crawl in Chromium (as the browser tests, it needs one: CI installs it).
  'csp-draft-shop': async () => {
    const { stdout, stderr } = await runCli(['csp', 'draft', '--app', 'examples/csp-shop.ts']);
    if (stderr) throw new Error(stderr);
    return `$ npx checksecure csp draft --app examples/csp-shop.ts\n${stdout}`;
  },
};
