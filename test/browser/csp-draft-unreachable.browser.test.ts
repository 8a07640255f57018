/** `csp draft` against a site that does not answer must fail, not print a policy drafted from nothing. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import { runCli } from '../helpers/run-cli.js';

/** A port on 127.0.0.1 that nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.runIf(browserAvailable)('csp draft against a site that is down', () => {
  it('exits 2 with one line that names the site and the error, and drafts nothing', async () => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['csp', 'draft', `${origin}/`, '--timeout', '5']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^checksecure: csp draft: no page of ${origin} could be read \\(net::ERR_[A-Z_]+`),
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
