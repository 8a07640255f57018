import http from 'node:http';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { rawExchange } from '../helpers/raw-request.js';

const HINTS = { link: '</app.css>; rel=preload; as=style', 'set-cookie': ['sid=1; Path=/', 'theme=dark'] };
const HEAD = 'GET / HTTP/1.1\r\nHost: example.com\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n';

/** The header lines of the 103 block of a raw answer, lower-cased names. */
const earlyHints = (text: string) =>
  (text.split('\r\n\r\n')[0] ?? '')
    .split('\r\n')
    .slice(1)
    .map((line) => line.replace(/^[^:]+/, (name) => name.toLowerCase()));

const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

describe('cookies sent with 103 Early Hints (RFC 6265 lets a client store them)', () => {
  const cases: [string, () => http.Server][] = [
    [
      'node:http',
      () => {
        const guard = mw.secure();
        return http.createServer((req, res) =>
          guard(req, res, () => {
            const app = { ...HINTS };
            res.writeEarlyHints(app);
            // The app's own object is left as it gave it.
            res.end(JSON.stringify(app['set-cookie']));
          }),
        );
      },
    ],
    [
      'Express',
      () => {
        const app = express();
        app.use(mw.secure());
        app.get('/', (_req, res) => {
          res.writeEarlyHints({ ...HINTS });
          res.send('ok');
        });
        return http.createServer(app);
      },
    ],
  ];
  it.each(cases)('%s: are hardened as in the final head, none lost', async (_name, make) => {
    const server = make();
    servers.push(server);
    const { text } = await rawExchange(server, HEAD);
    expect(text.startsWith('HTTP/1.1 103 Early Hints\r\n')).toBe(true);
    const lines = earlyHints(text);
    expect(lines).toContain('link: </app.css>; rel=preload; as=style');
    // One line a cookie: Node joins a list given under one key with commas.
    expect(lines.filter((l) => l.startsWith('set-cookie:'))).toEqual([
      'set-cookie: sid=1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'set-cookie: theme=dark',
    ]);
    expect(text).toMatch(/\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  });
});
