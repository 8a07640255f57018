import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secure } from '../../middleware/index.js';
import { formatMarkdown, formatText, scan } from '../../src/index.js';

// One server with the answers a staging site gives when the scan does not get to the app.
const site: http.RequestListener = (req, res) => {
  const path = req.url ?? '/';
  if (path === '/private') return void res.writeHead(401, { 'www-authenticate': 'Basic' }).end();
  if (path === '/admin') return void res.writeHead(403, { 'content-type': 'text/html' }).end('<p>no</p>');
  if (path === '/sso')
    return void res.writeHead(302, { location: 'https://login.idp.example/authorize?next=|<x>' }).end();
  if (path === '/moved') return void res.writeHead(302, { location: '/' }).end();
  if (path === '/nowhere') return void res.writeHead(302).end();
  if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
  res.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>');
};

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('notes on the pages the checks judged', () => {
  it('say which page was a login wall, an error page or a redirect to another host', async () => {
    const report = await scan(base, {
      paths: ['/', '/moved', '/private', '/admin', '/missing', '/sso', '/nowhere'],
    });
    expect(report.notes).toEqual([
      `GET ${base}/private answered 401: the checks judged the login wall; send a session (headers, e.g. -H 'Cookie: …') to judge what is behind it`,
      `GET ${base}/admin answered 403: the checks judged the login wall; send a session (headers, e.g. -H 'Cookie: …') to judge what is behind it`,
      `GET ${base}/missing answered 404: the checks judged that error page`,
      `GET ${base}/sso redirects to https://login.idp.example/authorize?next=|<x>, another host (not followed): the checks judged the redirect itself`,
      `GET ${base}/nowhere answered 302 without a Location: the checks judged that answer`,
    ]);
  });

  it('are empty when every page answered (a same-host redirect is followed to its page)', async () => {
    expect((await scan(base, { paths: ['/', '/moved'] })).notes).toEqual([]);
  });

  it('name paths alone for an in-process app, whose loopback URL means nothing to the reader', async () => {
    const report = await scan(site, { paths: ['/private'] });
    expect(report.notes).toEqual([expect.stringMatching(/^GET \/private answered 401: /)]);
  });

  it("say how to send a Host when the app refuses the scan's own with 400 (allowedHosts), and the scan judges the app once it is sent", async () => {
    const app = express();
    app.use(secure({ allowedHosts: ['example.com'] }));
    app.get('/', (_req, res) => res.send('<!doctype html><title>t</title><p>hi</p>'));
    const refused = await scan(app);
    expect(refused.notes).toEqual([
      "GET / answered 400: the checks judged that error page; if the app only answers its own hosts (allowedHosts), send one: -H 'Host: example.com'",
    ]);
    const judged = await scan(app, { headers: { Host: 'example.com' } });
    expect(judged.notes).toEqual([]);
    expect(judged.warnings.map((w) => w.code)).toEqual(['CSP_NO_REPORTING']);
    // A Host the user sent is theirs: a 400 then is the app's answer to it, with no hint.
    const wrong = await scan(app, { headers: { Host: 'other.example' } });
    expect(wrong.notes).toEqual(['GET / answered 400: the checks judged that error page']);
  });

  it('show in the text report and, escaped, in the Markdown one', async () => {
    const report = await scan(base, { paths: ['/sso'] });
    expect(formatText(report).split('\n')).toContain(
      `  note: GET ${base}/sso redirects to https://login.idp.example/authorize?next=|<x>, another host (not followed): the checks judged the redirect itself`,
    );
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('> GET http://127.0.0.1:');
    expect(markdown).toContain('authorize?next=&#124;&lt;x&gt;, another host');
    expect(markdown).not.toContain('<x>');
  });
});
