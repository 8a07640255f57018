import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

describe('the built package', () => {
  const probe = `
    const target = { response: { url: 'https://example.com/', status: 200, headers: { 'x-powered-by': 'Express' } } };
    const codes = (await api.runChecks(target)).map((w) => w.code);
    console.log(JSON.stringify({ exports: Object.keys(api).length, powered: codes.includes('POWERED_BY_EXPOSED'), checks: api.defaultChecks.length }));
  `;

  it('loads from ESM by package name', async () => {
    const { stdout } = await run(
      'node',
      ['--input-type=module', '-e', `import * as api from 'checksecure'; ${probe}`],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toMatchObject({ powered: true, checks: 19 });
  });

  it('loads from CommonJS by package name', async () => {
    const { stdout } = await run(
      'node',
      ['-e', `(async () => { const api = require('checksecure'); ${probe} })()`],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toMatchObject({ powered: true, checks: 19 });
  });
});
