/**
 * helmet's behavioural cases for X-Powered-By, X-XSS-Protection and X-Content-Type-Options
 * (helmetjs/helmet, test/x-powered-by.test.ts, x-xss-protection.test.ts and
 * x-content-type-options.test.ts)
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import http from 'node:http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get } from './peer-helpers.js';

describe('helmet: X-Powered-By, X-XSS-Protection, X-Content-Type-Options', () => {
  const plainServer = (before: (res: http.ServerResponse) => void, middleware: mw.Middleware) =>
    http.createServer((req, res) => {
      before(res);
      middleware(req, res, () => res.end('Hello world!'));
    });

  it('helmet x-powered-by: adds nothing when nothing set the header', async () => {
    const res = await request(plainServer(() => {}, mw.hidePoweredBy())).get('/');
    expect(res.text).toBe('Hello world!');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('helmet x-powered-by: removes the header when it was set earlier in the stack', async () => {
    const server = plainServer(
      (res) => res.setHeader('X-POWERED-BY', 'should be destroyed'),
      mw.hidePoweredBy(),
    );
    expect((await request(server).get('/')).headers['x-powered-by']).toBeUndefined();
    // and Express's own, which it sets before any middleware runs
    expect((await get(mw.hidePoweredBy())).headers['x-powered-by']).toBeUndefined();
  });

  // differs: a Server header with a version (nginx/1.25.3, Werkzeug/3.0) tells an attacker as
  // much as X-Powered-By (docs/checks.md's SERVER_VERSION_EXPOSED), so hidePoweredBy() removes both.
  // helmet leaves Server alone.
  it('differs: helmet x-powered-by: hidePoweredBy() removes Server too', async () => {
    const server = plainServer((res) => res.setHeader('Server', 'nginx/1.25.3'), mw.hidePoweredBy());
    expect((await request(server).get('/')).headers.server).toBeUndefined();
  });

  // differs: helmet once let setTo pick a fake value and now warns that it takes no options; we
  // refuse any option at setup, so nobody believes a misconfiguration took effect.
  it('differs: helmet x-powered-by: options (setTo) are refused at setup, where helmet warns', () => {
    expectOptionError(() => mw.hidePoweredBy({ setTo: 'steampowered' } as never), 'hidePoweredBy');
  });

  it('helmet x-xss-protection: sends X-XSS-Protection: 0', async () => {
    expect((await get(mw.xssProtection())).headers['x-xss-protection']).toBe('0');
  });

  // differs: as for X-Powered-By: options are refused at setup rather than warned about.
  it('differs: helmet x-xss-protection: options (setOnOldIe) are refused at setup, where helmet warns', () => {
    expectOptionError(() => mw.xssProtection({ setOnOldIe: true } as never), 'xssProtection');
  });

  it('helmet x-content-type-options: sends X-Content-Type-Options: nosniff', async () => {
    expect((await get(mw.noSniff())).headers['x-content-type-options']).toBe('nosniff');
  });

  // differs: as for X-Powered-By: options are refused at setup rather than warned about.
  it('differs: helmet x-content-type-options: options are refused at setup, where helmet warns', () => {
    expectOptionError(() => mw.noSniff({ option: 'foo' } as never), 'noSniff');
  });
});
