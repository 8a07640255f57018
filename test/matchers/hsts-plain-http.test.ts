import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import axios from 'axios';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { secure } from '../../middleware/index.js';

const app = express();
app.use(secure());
app.get('/', (_req, res) => res.send('<!doctype html><p>hi</p>'));

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

const failure = (assertion: () => unknown) => {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion did not fail');
};

describe('toHaveHsts on the answer to a plain-HTTP request', () => {
  it('says the request was plain HTTP, that HSTS is only sent over HTTPS, and how to send the request as HTTPS', async () => {
    const res = await request(app).get('/');
    expect(failure(() => expect(res).toHaveHsts())).toMatchInlineSnapshot(`
      "expect(received).toHaveHsts()

      Expected the response to send a valid Strict-Transport-Security header with max-age of at least 15552000, but:
        - HSTS_MISSING: The response has no Strict-Transport-Security header, but the request was plain HTTP, and HSTS is only sent over HTTPS: browsers ignore it on http://, so secure() and hsts() send it only on HTTPS requests. Send the request as a TLS-terminating proxy would, with .set('X-Forwarded-Proto', 'https') (hsts() trusts it unless trustProxy: false), or pass the app itself: await expect(app).toHaveHsts(), which requests it as HTTPS. If the app sends none over HTTPS either, add hsts()

      Received:
        (no strict-transport-security header)

      Fix with hsts():
        import { hsts } from 'checksecure/middleware';

        app.use(hsts({ maxAge: 63072000, includeSubDomains: true }));"
    `);
    expect(res).not.toHaveHsts();
  });

  it('still names HSTS_MISSING and the hsts() fix, for an app that sends no HSTS over HTTPS either', async () => {
    const bare = express();
    bare.get('/', (_req, res) => res.send('x'));
    const res = await request(bare).get('/');
    expect(() => expect(res).toHaveHsts()).toThrow(
      /HSTS_MISSING: The response has no Strict-Transport-Security header, but the request was plain HTTP[\s\S]*import { hsts } from 'checksecure\/middleware'/,
    );
  });

  it('passes once the request is marked HTTPS, or on the app itself', async () => {
    expect(await request(app).get('/').set('X-Forwarded-Proto', 'https')).toHaveHsts();
    await expect(app).toHaveHsts();
  });

  it('tells the same from an axios response and a node IncomingMessage', async () => {
    const fromAxios = await axios.get(url, { validateStatus: () => true });
    expect(failure(() => expect(fromAxios).toHaveHsts())).toContain(
      'but the request was plain HTTP, and HSTS is only sent over HTTPS',
    );
    const incoming = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
    incoming.resume();
    expect(failure(() => expect(incoming).toHaveHsts())).toContain(
      'but the request was plain HTTP, and HSTS is only sent over HTTPS',
    );
  });

  it('keeps HSTS_MISSING for a request marked HTTPS, and hints when the response cannot tell', async () => {
    const bare = express();
    bare.get('/', (_req, res) => res.send('<p>hi</p>'));
    const marked = await request(bare).get('/').set('X-Forwarded-Proto', 'https');
    const message = failure(() => expect(marked).toHaveHsts());
    expect(message).toContain('- HSTS_MISSING: The HTTPS response has no Strict-Transport-Security header');
    expect(message).not.toContain('plain HTTP');
    expect(message).toContain('Fix with hsts():');
    // A fetch Response keeps no request: the hint is conditional, and the check's finding stays.
    const fetched = await fetch(url);
    const hinted = failure(() => expect(fetched).toHaveHsts());
    expect(hinted).toContain('- HSTS_MISSING: The HTTPS response has no Strict-Transport-Security header');
    expect(hinted).toContain(
      '- if the request to this http:// URL had no X-Forwarded-Proto: https, it was plain HTTP, and HSTS is only sent over HTTPS',
    );
  });
});
