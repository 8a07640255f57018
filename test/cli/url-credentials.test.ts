import { describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';

// A URL with a password typed with the wrong scheme, or none, is refused as "not a URL" before
// anyone sees it holds credentials: every message quoting it must hide them, wherever the URL
// was given. The valid-scheme case ("holds credentials") is tested where each list is read.

const SECRET = 'Sup3rSecretPw';
const MISTYPED = [
  `http://alice:P#${SECRET}@127.0.0.1:4001/`,
  `htp://alice:P?${SECRET}@127.0.0.1:4001/`,
  `htp://alice:${SECRET}@127.0.0.1:4001/`,
  `ftp://alice:${SECRET}@127.0.0.1:4001/`,
  `alice:${SECRET}@127.0.0.1:4001`,
  `http://alice:${SECRET}@[::1`,
];

const hidden = (output: string) => {
  expect(output).not.toContain(SECRET);
  expect(output).not.toContain('alice');
};

describe('a mistyped URL holding credentials is refused without them', () => {
  it('as the target on the command line, in --targets, in the config’s targets and target, and for csp draft', async () => {
    for (const url of MISTYPED) {
      const direct = await cli([url]);
      expect(direct.code, url).toBe(2);
      expect(direct.stderr).toMatch(/^checksecure: target: "[^"]*\*\*\*@[^"]*" is not/);
      hidden(direct.stdout + direct.stderr);

      const dir = await scratch({
        'sites.txt': `http://127.0.0.1:9/\n${url}\n`,
        'list/checksecure.config.json': JSON.stringify({ targets: ['http://127.0.0.1:9/', url] }),
        'both/checksecure.config.json': JSON.stringify({ target: url, app: './app.mjs' }),
      });
      const listed = await cli(['--targets', 'sites.txt'], { cwd: dir });
      expect(listed.code, url).toBe(2);
      expect(listed.stderr).toMatch(/^checksecure: --targets: sites\.txt line 2: "[^"]*\*\*\*@[^"]*" is not/);
      hidden(listed.stdout + listed.stderr);

      const configured = await cli([], { cwd: `${dir}/list` });
      expect(configured.code, url).toBe(2);
      expect(configured.stderr).toMatch(/^checksecure: checksecure\.config\.json: targets\.1: "[^"]*\*\*\*@/);
      hidden(configured.stdout + configured.stderr);

      const both = await cli([], { cwd: `${dir}/both` });
      expect(both.code, url).toBe(2);
      expect(both.stderr).toMatch(/app and target are both set/);
      hidden(both.stdout + both.stderr);

      const draft = await cli(['csp', 'draft', url]);
      expect(draft.code, url).toBe(2);
      hidden(draft.stdout + draft.stderr);
    }
  }, 120_000);

  it('csp draft refuses a URL with credentials, as the scan does: a browser would send them on every page', async () => {
    const r = await cli(['csp', 'draft', `http://alice:${SECRET}@127.0.0.1:1/`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^checksecure: csp draft: the URL holds credentials/);
    hidden(r.stdout + r.stderr);
  });
});
