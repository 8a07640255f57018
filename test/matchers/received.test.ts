import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Hapi from '@hapi/hapi';
import axios from 'axios';
import Koa from 'koa';
import { request as playwrightRequest } from 'playwright-core';
import { request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { hardenedApp } from './apps.js';

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer(hardenedApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

const headers = { 'X-Forwarded-Proto': 'https' };

/** Every shape of response a test may hold, judged alike. */
describe('received values', () => {
  const assertHardened = (res: unknown) => {
    expect(res).toHaveHsts();
    expect(res).toHaveSecureSessionCookie('connect.sid');
    expect(res).toHaveCsp({ strict: true });
    expect(res).toHideServerInfo();
  };

  it('an undici request() result', async () => {
    const res = await undiciRequest(url, { headers });
    await res.body.dump();
    assertHardened(res);
  });

  it('an undici/fetch Response', async () => {
    assertHardened(await fetch(url, { headers }));
  });

  it('an axios response', async () => {
    assertHardened(await axios.get(url, { headers, validateStatus: () => true }));
  });

  it('a Playwright APIResponse', async () => {
    const context = await playwrightRequest.newContext();
    try {
      assertHardened(await context.get(url, { headers }));
    } finally {
      await context.dispose();
    }
  });

  it('a node IncomingMessage', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get(url, { headers }, resolve));
    res.resume();
    assertHardened(res);
  });

  it('a Koa app and a hapi server, awaited', async () => {
    const koa = new Koa();
    koa.use((ctx) => {
      ctx.type = 'html';
      ctx.body = '<p>hi</p>';
    });
    await expect(koa).not.toDenyFraming();
    const hapi = Hapi.server();
    hapi.route({
      method: 'GET',
      path: '/',
      handler: (_request, h) => h.response('<p>hi</p>').type('text/html').header('X-Frame-Options', 'DENY'),
    });
    await expect(hapi).toDenyFraming();
    await hapi.stop();
  });

  it('a URL string, awaited', async () => {
    await expect(url).toHaveHsts();
    await expect(url).toPassSecurityChecks();
  });

  it.each([
    [null, 'null'],
    [[], 'an object with keys (none)'],
    [{ statusCode: '200', headers: {} }, 'an object with keys statusCode, headers'],
    ['ftp://example.com', 'the string "ftp://example.com"'],
  ])('refuses %j with a TypeError naming the matcher and the value', (value, shown) => {
    expect(() => expect(value).toHaveNoSniff()).toThrow(TypeError);
    expect(() => expect(value).toHaveNoSniff()).toThrow(`received ${shown}`);
  });
});
