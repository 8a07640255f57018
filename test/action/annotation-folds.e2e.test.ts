import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotations, bundleFromSources, node24, runAction } from '../helpers/action.js';
import { serve, type Served } from '../helpers/server.js';

/** Each page sets its own cookie without Secure: one code, three findings with three messages. */
const COOKIE_OF: Record<string, string> = { '/': 'a', '/admin': 'b', '/blog/one': 'c' };

let site: Served;
let bundle: string;
let node: string[];
beforeAll(async () => {
  site = await serve((req, res) => {
    const name = COOKIE_OF[new URL(req.url ?? '/', 'http://x').pathname];
    if (name === undefined) return void res.writeHead(404).end();
    res.setHeader('set-cookie', `${name}=1; Path=/`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>page</p>');
  });
  // The bundle built from these sources (dist/ is rebuilt by the lead), run by Node 24.
  bundle = await bundleFromSources('folds');
  node = [await node24()];
}, 300_000);
afterAll(() => site.close());

describe('the Action annotating several findings of one code', () => {
  it("says the first finding's pages and names the others, never '3 of 3 pages'", async () => {
    const run = await runAction({
      node,
      bundle,
      inputs: { url: site.url, 'fail-on': 'never' },
      files: { 'checksecure.config.json': JSON.stringify({ paths: Object.keys(COOKIE_OF) }) },
    });
    expect(run.code, run.stderr).toBe(0);
    const cookie = annotations(run.stdout).filter((a) => a.title === 'COOKIE_INSECURE (cookies)');
    expect(cookie).toHaveLength(1);
    const message = decodeURIComponent(cookie[0]!.message);
    expect(message).toContain(
      `Cookie a is set without Secure on an HTTPS response\nSeen on ${site.url}/.\nAnd 2 more findings of this code: ${site.url}/admin, ${site.url}/blog/one.`,
    );
    expect(message).not.toContain('3 of 3 pages');
  });
});
