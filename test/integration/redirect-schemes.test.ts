import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/core/scan.js';
import { cli } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

/**
 * Locations a site may answer with that name no page the probe can request. `HOST` stands for the
 * target's own host, so that the redirect looks same-host: the case the probe used to follow (a
 * file: or ftp: URL fetched as an http: path, or handed to undici, which ended the scan).
 */
const LOCATIONS: [string, string, RegExp][] = [
  [
    'ftp',
    'ftp://HOST/x',
    / redirects to ftp:\/\/HOST\/x, not an http: or https: URL \(not followed\): the checks judged the redirect itself$/,
  ],
  ['file on the host', 'file://HOST/etc/passwd', /, not an http: or https: URL \(not followed\)/],
  [
    'file',
    'file:///etc/passwd',
    / redirects to file:\/\/\/etc\/passwd, not an http: or https: URL \(not followed\)/,
  ],
  [
    'data',
    'data:text/html,<p>x</p>',
    / redirects to data:text\/html,<p>x<\/p>, not an http: or https: URL \(not followed\)/,
  ],
  ['javascript', 'javascript:alert(1)', /, not an http: or https: URL \(not followed\)/],
  [
    'a malformed Location',
    'http://[::1',
    / answered 302 with a Location that is not a URL \(http:\/\/\[::1\): the checks judged that answer$/,
  ],
];

/** One path per Location, each redirecting there; any other path is a page nobody should fetch. */
function locationFor(path: string, host: string): string | undefined {
  const entry = LOCATIONS.find((_, i) => path === `/r${i}`);
  return entry?.[1].replace('HOST', host);
}

const PATHS = LOCATIONS.map((_, i) => `/r${i}`);
const visitedElsewhere = (paths: string[]) => paths.filter((p) => !/^\/(r\d+)?$|%/.test(p));

function expectJudgedAndNoted(notes: string[] | undefined, host: string) {
  LOCATIONS.forEach(([name, , note], i) => {
    const pattern = new RegExp(note.source.replaceAll('HOST', host.replace(/\./g, '\\.')));
    expect(
      notes?.some((n) => n.startsWith(`GET `) && n.includes(`/r${i} `) && pattern.test(n)),
      `${name}: ${JSON.stringify(notes)}`,
    ).toBe(true);
  });
}

describe('a redirect to a scheme other than http: or https: is noted, not followed', () => {
  let site: Served;
  beforeAll(async () => {
    site = await serve((req, res) => {
      const location = locationFor(req.url ?? '/', new URL(`http://${req.headers.host}`).hostname);
      if (location !== undefined) return void res.writeHead(302, { location }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>a page nobody asked for</p>');
    });
  });
  afterAll(() => site.close());

  it('on a URL target on 127.0.0.1 (redirects followed by path)', async () => {
    const report = await scan(site.url, { paths: PATHS, timeout: 5 });
    expect(report.unscanned).toEqual([]);
    expectJudgedAndNoted(report.notes, '127.0.0.1');
    expect(visitedElsewhere(site.requests.map((r) => r.url))).toEqual([]);
  });

  it('on a URL target the probe treats as remote (redirects followed by absolute URL), from the CLI', async () => {
    // 0.0.0.0 reaches this machine, but is not one of the hosts taken for local: the probe
    // follows as it does for a remote site, where a same-host ftp: or file: URL ended the scan.
    const remote = site.url.replace('127.0.0.1', '0.0.0.0');
    const r = await cli([remote, ...PATHS.flatMap((p) => ['-p', p]), '-t', '5']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain('not scanned');
    const notes = r.stdout
      .split('\n')
      .filter((line) => line.startsWith('  note: '))
      .map((line) => line.slice('  note: '.length));
    expectJudgedAndNoted(notes, '0.0.0.0');
  }, 60_000);

  it('on an in-process Express app', async () => {
    const app = express();
    app.use((req, res) => {
      const location = locationFor(req.path, '127.0.0.1');
      if (location !== undefined) return void res.status(302).set('location', location).end();
      res.type('html').send('<p>a page nobody asked for</p>');
    });
    const seen: string[] = [];
    const outer = express();
    outer.use((req, _res, next) => (seen.push(req.url), next()));
    outer.use(app);
    const report = await scan(outer, { paths: PATHS, timeout: 5 });
    expect(report.unscanned).toEqual([]);
    expectJudgedAndNoted(report.notes, '127.0.0.1');
    expect(visitedElsewhere(seen)).toEqual([]);
  });

  it('on an in-process Fastify app', async () => {
    const app = Fastify();
    const seen: string[] = [];
    app.addHook('onRequest', async (req) => void seen.push(req.url));
    app.all('/*', async (req, reply) => {
      const location = locationFor(req.url, '127.0.0.1');
      if (location !== undefined) return reply.code(302).header('location', location).send();
      return reply.type('text/html').send('<p>a page nobody asked for</p>');
    });
    const report = await scan(app, { paths: PATHS, timeout: 5 });
    expect(report.unscanned).toEqual([]);
    expectJudgedAndNoted(report.notes, '127.0.0.1');
    expect(visitedElsewhere(seen)).toEqual([]);
    await app.close();
  });
});
