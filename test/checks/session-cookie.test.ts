import express from 'express';
import session from 'express-session';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sessionCookie } from '../../middleware/index.js';
import { scan, sessionCookieCheck, type Report, type ScanOptions } from '../../src/index.js';
import { scanResponse } from '../helpers/captured.js';
import { openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const sessionOnly: ScanOptions = { checks: [sessionCookieCheck] };
const codes = (report: Report) => report.warnings.map((w) => w.code).sort();

/** An Express app whose page sets the given Set-Cookie lines. */
function setting(...cookies: string[]): express.Express {
  const app = express();
  app.get('/', (_req, res) => res.setHeader('set-cookie', cookies).send('<p>hi</p>'));
  return app;
}

/** express-session as its README shows it: a login that stores the user in the session. */
function expressSessionApp(): express.Express {
  const app = express();
  app.use(session({ secret: 'test only', resave: false, saveUninitialized: true }));
  app.get('/', (req, res) => res.send(`<p>visit ${req.session.id.length}</p>`));
  return app;
}

describe('sessionCookie check on in-process apps', () => {
  it("finds express-session's default cookie: HttpOnly, but neither Secure nor SameSite", async () => {
    const report = await scan(expressSessionApp(), sessionOnly);
    expect(report.checks).toEqual([{ name: 'sessionCookie', status: 'warned' }]);
    expect(codes(report)).toEqual(['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_SAMESITE']);
    const insecure = report.warnings.find((w) => w.code === 'SESSION_COOKIE_INSECURE')!;
    expect(insecure).toMatchObject({
      severity: 'error',
      message: 'Session cookie connect.sid is set without Secure',
      evidence: expect.stringMatching(/^Set-Cookie: connect\.sid=s%3A[^;]+; Path=\/; HttpOnly$/),
      fix: {
        middleware: 'sessionCookie()',
        snippet: "import { sessionCookie } from 'checksecure/middleware';\n\napp.use(sessionCookie());",
      },
    });
    expect(report.warnings.find((w) => w.code === 'SESSION_COOKIE_SAMESITE')).toMatchObject({
      severity: 'warning',
      message: 'Session cookie connect.sid has no SameSite; use Lax or Strict',
    });
  });

  it('passes the fix it suggests: sessionCookie() mounted before express-session', async () => {
    const app = express();
    app.use(sessionCookie());
    app.use(session({ secret: 'test only', resave: false, saveUninitialized: true }));
    app.get('/', (_req, res) => res.send('<p>hi</p>'));
    const report = await scan(app, sessionOnly);
    expect(report.checks).toEqual([{ name: 'sessionCookie', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });

  it('SESSION_COOKIE_NOT_HTTPONLY from a Fastify app whose session cookie scripts can read', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (_req, reply) =>
      reply
        .header('set-cookie', 'sessionId=abc; Path=/; Secure; SameSite=Lax')
        .type('text/html')
        .send('<p>hi</p>'),
    );
    const report = await scan(app, sessionOnly);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'SESSION_COOKIE_NOT_HTTPONLY',
        severity: 'error',
        message: 'Session cookie sessionId is set without HttpOnly',
        evidence: 'Set-Cookie: sessionId=abc; Path=/; Secure; SameSite=Lax',
      }),
    ]);
  });

  it("keeps SameSite=None as a choice: the fix says sameSite: 'Lax' (sessionCookie() alone keeps None)", async () => {
    const report = await scan(setting('sid=abc; Path=/; Secure; HttpOnly; SameSite=None'), sessionOnly);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'SESSION_COOKIE_SAMESITE',
        message: 'Session cookie sid has SameSite=None; use Lax or Strict',
        fix: {
          middleware: 'sessionCookie()',
          snippet:
            "import { sessionCookie } from 'checksecure/middleware';\n\napp.use(sessionCookie({ sameSite: 'Lax' }));",
        },
      }),
    ]);
  });

  it.each([
    ['a session cookie with every attribute', ['sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']],
    ['SameSite=Strict', ['__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict']],
    ['a cookie that is not a session cookie', ['theme=dark; Path=/']],
    ["an anti-CSRF token the page's scripts must read", ['XSRF-TOKEN=abc; Path=/; Secure; SameSite=Lax']],
    ["a load balancer's affinity cookie", ['AWSALB=abc; Path=/']],
    ['the deletion of a session cookie', ['sid=; Path=/; Max-Age=0']],
  ])('passes %s', async (_name, cookies) => {
    const report = await scan(setting(...cookies), sessionOnly);
    expect(report.checks).toEqual([{ name: 'sessionCookie', status: 'passed' }]);
  });

  it('judges the names given in sessionCookies instead of the default rule', async () => {
    const app = setting('prefs=1; Path=/', 'sid=abc; Path=/');
    const report = await scan(app, { ...sessionOnly, sessionCookies: ['prefs'] });
    // sid would earn all three by the default rule: only the configured name is a session cookie.
    expect(report.warnings.map((w) => w.message.startsWith('Session cookie prefs '))).toEqual([
      true,
      true,
      true,
    ]);
    expect(codes(report)).toEqual([
      'SESSION_COOKIE_INSECURE',
      'SESSION_COOKIE_NOT_HTTPONLY',
      'SESSION_COOKIE_SAMESITE',
    ]);
  });
});

describe('sessionCookie check over plain HTTP and on a real server', () => {
  it('does not ask for Secure on a plain-HTTP target, where it would be a false warning, but still judges the rest', async () => {
    const served = await opened.serve((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'PHPSESSID=abc; path=/' })
        .end('<p>hi</p>'),
    );
    const report = await scan(served.url, { ...sessionOnly, assumeHttps: false });
    expect(codes(report)).toEqual(['SESSION_COOKIE_NOT_HTTPONLY', 'SESSION_COOKIE_SAMESITE']);
    expect(report.warnings[0]!.url).toBe(`${served.url}/`);
  });

  it('asks for Secure on the same server behind its assumed TLS proxy', async () => {
    const served = await opened.serve((_req, res) =>
      res
        .writeHead(200, {
          'content-type': 'text/html',
          'set-cookie': 'PHPSESSID=abc; path=/; HttpOnly; SameSite=Lax',
        })
        .end('<p>hi</p>'),
    );
    const report = await scan(served.url, sessionOnly);
    expect(codes(report)).toEqual(['SESSION_COOKIE_INSECURE']);
  });
});

describe('sessionCookie check on a captured response', () => {
  it('judges the cookies it was handed, synchronously, as the matchers do', async () => {
    const report = await scanResponse(sessionCookieCheck, {
      headers: {
        'set-cookie': ['connect.sid=s%3Aabc; Path=/; HttpOnly; Secure; SameSite=Lax', 'jwt=e30; Path=/'],
      },
    });
    expect(report.checks).toEqual([{ name: 'sessionCookie', status: 'warned' }]);
    expect(report.warnings.map((w) => w.message)).toEqual([
      'Session cookie jwt is set without Secure',
      'Session cookie jwt is set without HttpOnly',
      'Session cookie jwt has no SameSite; use Lax or Strict',
    ]);
  });
});
