import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// Sites where one path never answers: the rest of each must still be judged and reported.
let site: Served;
let hardened: Served;
beforeAll(async () => {
  site = await serve((req, res) => {
    if (req.url === '/slow') return;
    res.setHeader('x-powered-by', 'Express');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  hardened = await serve((req, res) => {
    if (req.url !== '/slow') hardenedSite(req, res);
  });
});
afterAll(() => Promise.all([site.close(), hardened.close()]));

const REASON = 'no complete answer within 1 s';

describe('a page that cannot be read among pages that can', () => {
  it('json: the other pages are judged, the page is listed as not scanned, and the run fails', async () => {
    const r = await cli([site.url, '-p', '/', '-p', '/slow', '-t', '1', '-f', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.unscanned).toEqual([{ url: `${site.url}/slow`, reason: REASON }]);
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('POWERED_BY_EXPOSED');
    expect(report.warnings.every((w: { url: string }) => w.url === `${site.url}/`)).toBe(true);
    // The checks' own probes went to the page that answered, not to the one that hangs.
    expect(report.checks.filter((c: { status: string }) => c.status === 'errored')).toEqual([]);
    expect(site.requests.filter((q) => q.url === '/slow')).toHaveLength(1);
  }, 60_000);

  it('text, at every verbosity: the page and its reason, and why the run fails', async () => {
    // Nothing at or above warning on the page that answered: the unscanned page alone fails it.
    const v1 = await cli([hardened.url, '-p', '/', '-p', '/slow', '-t', '1']);
    expect(v1.code).toBe(1);
    expect(v1.stdout).toContain(`not scanned GET ${hardened.url}/slow: ${REASON}\n`);
    expect(v1.stdout).toMatch(/, 0 warnings, \d+ info: fails: 1 page could not be scanned \(\d+ ms\)\n$/);
    const v2 = await cli([hardened.url, '-p', '/', '-p', '/slow', '-t', '1', '-v', '2']);
    expect(v2.stdout).toContain(`not scanned GET ${hardened.url}/slow: ${REASON}\n`);
    const v0 = await cli([site.url, '-p', '/', '-p', '/slow', '-t', '1', '-v', '0']);
    expect(v0.code).toBe(1);
    expect(v0.stdout).toContain('POWERED_BY_EXPOSED\n');
    expect(v0.stderr).toBe(`checksecure: GET ${site.url}/slow was not scanned: ${REASON}\n`);
  }, 60_000);

  it('markdown, sarif and github name it too', async () => {
    const args = [site.url, '-p', '/', '-p', '/slow', '-t', '1'];
    const md = await cli([...args, '-f', 'markdown']);
    expect(md.stdout).toContain(`**Pages not scanned:**\n- GET ${site.url}/slow: ${REASON}`);
    const sarif = JSON.parse((await cli([...args, '-f', 'sarif'])).stdout);
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv-draft-04');
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    require('ajv-formats')(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: `GET ${site.url}/slow was not scanned: ${REASON}` } },
        ],
      },
    ]);
    const github = await cli([...args, '-f', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout.split('\n')[0]).toMatch(
      new RegExp(
        `^::error title=1 page not scanned[^:]*::GET ${site.url.replace(/[.]/g, '\\.')}/slow: ${REASON}$`,
      ),
    );
  }, 60_000);

  it('fail-on never: reported, and the run passes', async () => {
    const r = await cli([site.url, '-p', '/', '-p', '/slow', '-t', '1', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`not scanned GET ${site.url}/slow: ${REASON}`);
  }, 60_000);

  it('when no page can be read, the target cannot be scanned: exit 2, one line', async () => {
    const r = await cli([`${site.url}/slow`, '-t', '1', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`checksecure: GET ${site.url}/slow: ${REASON}\n`);
  }, 60_000);
});
