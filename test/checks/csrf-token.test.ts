import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { csrfCheck } from '../../src/checks/csrf.js';
import { validateConfig } from '../../src/config/schema.js';
import { ConfigError } from '../../src/core/errors.js';
import type { CsrfTokenContext } from '../../src/core/types.js';
import { scan } from '../../src/core/scan.js';
import { openedPerTest } from '../helpers/server.js';
import { shopToken, tokenShop } from '../helpers/token-shop.js';

const opened = openedPerTest();

describe('csrf check with a synchronizer token (an Express app, the token fetched per endpoint)', () => {
  const options = { checks: [csrfCheck], csrf: { paths: ['/transfer'], sameOrigin: shopToken } };

  it('passes the shop that checks the token: the same-origin POST carries it, the cross-site one does not', async () => {
    const { app, seen } = tokenShop({ checksToken: true });
    const report = await scan(app, options);
    expect(report.checks).toEqual([{ name: 'csrf', status: 'passed' }]);
    const [crossSite, sameOrigin] = seen;
    expect(crossSite).toMatchObject({ site: 'cross-site', token: undefined });
    expect(sameOrigin).toMatchObject({ site: 'same-origin', token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // Both carry the session the form page opened, as a browser sends it with either.
    expect(crossSite!.cookie).toMatch(/^connect\.sid=s%3A/);
    expect(sameOrigin!.cookie).toBe(crossSite!.cookie);
    expect(JSON.stringify(report)).not.toContain(sameOrigin!.token);
  });

  it('finds the same shop with the check removed', async () => {
    const { app, seen } = tokenShop({ checksToken: false });
    const report = await scan(app, options);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'CSRF_UNPROTECTED',
        evidence: expect.stringMatching(
          /cross-site → 303 → \/transfers\/1 \(same-origin → 303 → \/transfers\/2\)$/,
        ),
      }),
    ]);
    expect(JSON.stringify(report)).not.toContain(seen[1]!.token);
  });

  it('without the token the shop cannot be judged, and the reason says what to send', async () => {
    const { app } = tokenShop({ checksToken: true });
    const report = await scan(app, { checks: [csrfCheck], csrf: { paths: ['/transfer'] } });
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason:
          'the same-origin POST was refused too (/transfer → 403), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths), or send its token (csrf.sameOrigin)',
      },
    ]);
  });

  it('a token function that fails leaves the check errored with its reason', async () => {
    const { app } = tokenShop({ checksToken: true });
    const broken = {
      checks: [csrfCheck],
      csrf: { paths: ['/transfer'], sameOrigin: () => ({ form: { _csrf: 1 } }) },
    };
    const report = await scan(app, broken as never);
    expect(report.checks).toEqual([
      { name: 'csrf', status: 'errored', reason: 'csrf.sameOrigin().form._csrf: must be a string' },
    ]);
    const missing = {
      ...options,
      csrf: { ...options.csrf, sameOrigin: ({ get }: CsrfTokenContext) => get('transfer') },
    };
    expect((await scan(app, missing as never)).checks).toEqual([
      {
        name: 'csrf',
        status: 'errored',
        reason: 'csrf.sameOrigin: get("transfer") needs a path that starts with "/"',
      },
    ]);
  });
});

describe('csrf check with a double-submit token', () => {
  /** csrf-csrf's pattern: the token in a cookie, echoed in a header that another site cannot set. */
  const doubleSubmit = (checksToken: boolean) => (cookie: string | undefined, header: string | undefined) => {
    const token = /(?:^|; )(?:__Host-)?csrf=([^;]+)/.exec(cookie ?? '')?.[1];
    return !checksToken || (token !== undefined && header === token);
  };

  it('a URL (node:http on 127.0.0.1), the token given as it is', async () => {
    const token = randomBytes(16).toString('hex');
    for (const checksToken of [true, false]) {
      const valid = doubleSubmit(checksToken);
      let transfers = 0;
      const served = await opened.serve((req, res) => {
        if (req.method !== 'POST')
          return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
        if (!valid(req.headers.cookie, req.headers['x-csrf-token'] as string | undefined))
          return void res.writeHead(403).end('invalid csrf token');
        res.writeHead(303, { location: `/transfers/${++transfers}` }).end();
      });
      const report = await scan(served.url, {
        checks: [csrfCheck],
        headers: { Cookie: `sid=1; csrf=${token}` },
        csrf: { paths: ['/transfer'], sameOrigin: { headers: { 'X-CSRF-Token': token } } },
      });
      expect(report.checks[0]!.status).toBe(checksToken ? 'passed' : 'warned');
      const posts = served.requests.filter((r) => r.method === 'POST');
      expect(
        posts.map((r) => [r.headers['sec-fetch-site'], r.headers.cookie, r.headers['x-csrf-token']]),
      ).toEqual([
        ['cross-site', `sid=1; csrf=${token}`, undefined],
        ['same-origin', `sid=1; csrf=${token}`, token],
      ]);
      expect(JSON.stringify(report)).not.toContain(token);
      await served.close();
    }
  });

  it('a Fastify instance, the token read from the page and its cookie set there', async () => {
    for (const checksToken of [true, false]) {
      const valid = doubleSubmit(checksToken);
      let transfers = 0;
      const app = Fastify();
      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => done(null, body),
      );
      app.get('/transfer', async (_req, reply) => {
        const token = randomBytes(16).toString('hex');
        reply.header('set-cookie', `__Host-csrf=${token}; Path=/; Secure; HttpOnly; SameSite=Strict`);
        return reply
          .type('text/html')
          .send(`<meta name="csrf-token" content="${token}"><form method="post"></form>`);
      });
      app.post('/transfer', async (req, reply) =>
        valid(req.headers.cookie, req.headers['x-csrf-token'] as string | undefined)
          ? reply.redirect(`/transfers/${++transfers}`, 303)
          : reply.code(403).send('invalid csrf token'),
      );
      const report = await scan(app, {
        checks: [csrfCheck],
        csrf: {
          paths: ['/transfer'],
          sameOrigin: async ({ get, path }) => {
            const page = await get(path);
            return { headers: { 'X-CSRF-Token': /content="([^"]+)"/.exec(page.body)![1]! } };
          },
        },
      });
      expect(report.checks[0]!.status).toBe(checksToken ? 'passed' : 'warned');
      await app.close();
    }
  });
});

describe('csrf.sameOrigin is validated before any request, and never echoes a token', () => {
  it.each([
    [
      { sameOrigin: { header: {} } },
      /^csrf\.sameOrigin\.header is not an option \(did you mean headers\?\)$/,
    ],
    [{ sameOrigin: { from: {} } }, /^csrf\.sameOrigin\.from is not an option \(did you mean form\?\)$/],
    [{ path: ['/transfer'] }, /^csrf\.path is not an option \(did you mean paths\?\)$/],
    [
      { sameOrigin: 'token' },
      /^csrf\.sameOrigin: must be \{ headers\?, form\? \} or a function that returns them$/,
    ],
    [{ sameOrigin: { form: { _csrf: 42 } } }, /^csrf\.sameOrigin\.form\._csrf: must be a string$/],
    [
      { sameOrigin: { headers: ['x'] } },
      /^csrf\.sameOrigin\.headers: must be an object of header names to strings$/,
    ],
    [
      { sameOrigin: { headers: { 'Bad Header': 'x' } } },
      // A name that is not a token is not shown either: it may be a value pasted in its place.
      /^csrf\.sameOrigin\.headers #1: the name is not a valid header name \(.*it is not shown, as it may hold a secret\)$/,
    ],
    [
      { sameOrigin: { headers: { 'X-CSRF-Token': 'S3CR3T\r\nV4LU3' } } },
      /^csrf\.sameOrigin\.headers\.X-CSRF-Token: the value must be a string without CR, LF, NUL or other control characters \(it is not shown, as it may hold a secret\)$/,
    ],
    [
      { sameOrigin: { headers: { Cookie: 'sid=1' } } },
      /^csrf\.sameOrigin\.headers\.Cookie: cookies go with both POSTs/,
    ],
    [
      { sameOrigin: { headers: { Origin: 'https://x.example' } } },
      /^csrf\.sameOrigin\.headers\.Origin: the probe sets/,
    ],
  ])('%j', async (csrf, message) => {
    const scanning = scan('http://127.0.0.1:9/', { csrf } as never);
    await expect(scanning).rejects.toThrow(ConfigError);
    await expect(scanning).rejects.toThrow(message);
    await expect(scanning).rejects.not.toThrow(/S3CR3T|V4LU3/);
  });

  it('a config file takes csrf.sameOrigin, as a token or a function', () => {
    for (const sameOrigin of [{ form: { _csrf: 't' } }, { headers: { 'X-CSRF-Token': 't' } }, shopToken]) {
      const config = { csrf: { paths: ['/transfer'], sameOrigin } };
      expect(validateConfig(config, 'checksecure.config.ts')).toBe(config);
    }
    // The value is not echoed: a token pasted as a string is a secret.
    expect(() => validateConfig({ csrf: { sameOrigin: 'S3CR3T' } }, 'checksecure.config.json')).toThrow(
      /^checksecure\.config\.json: csrf\.sameOrigin: must be \{ headers\?, form\? \} or a function that returns them$/,
    );
  });
});
