import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// Many sites in one run, as a user runs the built CLI: every site that answers is judged, one
// that cannot be read is listed and fails the run, and no more sites than allowed are scanned
// at once (the servers themselves count the sites with a request in flight).

let bare: Served;
let hardened: Served;
let down: string;
let slow: Served[];
let inFlight: Map<Served, number>;
let mostSites = 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** A site that answers every request after 150 ms, counting how many sites are busy at once. */
async function slowSite(): Promise<Served> {
  const site: Served = await serve((_req, res) => {
    inFlight.set(site, (inFlight.get(site) ?? 0) + 1);
    mostSites = Math.max(mostSites, [...inFlight.values()].filter((n) => n > 0).length);
    setTimeout(() => {
      inFlight.set(site, inFlight.get(site)! - 1);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>');
    }, 150);
  });
  return site;
}

beforeAll(async () => {
  bare = await serve((_req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  hardened = await serve(hardenedSite);
  down = `http://127.0.0.1:${await freePort()}`;
  inFlight = new Map();
  slow = await Promise.all(Array.from({ length: 6 }, slowSite));
});
afterAll(() => Promise.all([bare, hardened, ...slow].map((s) => s.close())));

const listFile = async (text: string) => {
  const dir = await scratch({ 'sites.txt': text });
  return { dir, file: path.join(dir, 'sites.txt') };
};

describe('--targets FILE', () => {
  it('judges every site that answers, lists the one that is down as not scanned, and fails the run', async () => {
    const { file } = await listFile(`# our sites\n${bare.url}\n\n${down}   # retired\n${hardened.url}\n`);
    const r = await cli(['--targets', file, '-f', 'json', '-t', '2']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.target).toBe('3 sites');
    expect(report.unscanned).toHaveLength(1);
    expect(report.unscanned[0].url).toBe(`${down}/`);
    expect(report.unscanned[0].reason).toMatch(/refused/i);
    const pages = report.pages.map((p: { url: string }) => p.url);
    expect(pages).toEqual([`${bare.url}/`, `${hardened.url}/`]);
    // Each finding keeps its own site: the bare one's leak is not the hardened one's.
    const leak = report.warnings.filter((w: { code: string }) => w.code === 'POWERED_BY_EXPOSED');
    expect(leak.map((w: { url: string }) => w.url)).toEqual([`${bare.url}/`]);
    expect(report.warnings.some((w: { url: string }) => w.url.startsWith(hardened.url))).toBe(false);
    expect(r.stderr).toContain(`checksecure: GET ${down}/ was not scanned:`);
  }, 60_000);

  it('text: the target counts the sites and the down one is named', async () => {
    const { file } = await listFile(`${bare.url}\n${down}\n${hardened.url}\n`);
    const r = await cli(['--targets', file, '-t', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('checksecure 3 sites');
    expect(r.stdout).toContain(`not scanned GET ${down}/:`);
    expect(r.stdout).toContain('POWERED_BY_EXPOSED');
  }, 60_000);

  it('scans at most --site-concurrency sites at once, and 4 by default', async () => {
    const { file } = await listFile(slow.map((s) => s.url).join('\n'));
    mostSites = 0;
    const two = await cli(['--targets', file, '--site-concurrency', '2', '-f', 'json', '--fail-on', 'never']);
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout).pages).toHaveLength(6);
    expect(mostSites).toBe(2);
    mostSites = 0;
    const byDefault = await cli(['--targets', file, '-f', 'json', '--fail-on', 'never']);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(mostSites).toBe(4);
  }, 120_000);

  it('refuses a line that is not a URL, or a site listed twice, naming the file and the line', async () => {
    const bad = await listFile(`${bare.url}\n# fine\nstaging.example.com\n`);
    const r1 = await cli(['--targets', bad.file]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe(
      `checksecure: --targets: ${bad.file} line 3: "staging.example.com" is not an http:// or https:// URL\n`,
    );
    const twice = await listFile(`${bare.url}\n${hardened.url}\n${bare.url}/\n`);
    const r2 = await cli(['--targets', twice.file]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(
      `checksecure: --targets: ${twice.file} line 3: ${bare.url}/ is line 1 again; list each site once\n`,
    );
    // A fragment is never sent: the same site again.
    const fragment = await listFile(`${bare.url}/\n${bare.url}/#top\n`);
    const r3 = await cli(['--targets', fragment.file]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe(
      `checksecure: --targets: ${fragment.file} line 2: ${bare.url}/#top is line 1 again; list each site once\n`,
    );
    const empty = await listFile('# nothing yet\n\n');
    expect((await cli(['--targets', empty.file])).stderr).toBe(
      `checksecure: --targets: ${empty.file} lists no URL\n`,
    );
    const missing = await cli(['--targets', 'no-such-list.txt']);
    expect(missing.stderr).toBe('checksecure: --targets: cannot read no-such-list.txt (ENOENT)\n');
    expect((await cli(['--targets', bad.file, bare.url])).stderr).toMatch(
      /^checksecure: --targets: .* both name what to scan; pass one\n$/,
    );
    expect((await cli(['--targets', bad.file, '--site-concurrency', '0'])).stderr).toBe(
      'checksecure: --site-concurrency: "0" is not a whole number of sites from 1 to 32\n',
    );
  }, 60_000);

  it('refuses a line with credentials, naming the file and line, and never prints the password', async () => {
    const port = new URL(bare.url).port;
    const { file } = await listFile(`${hardened.url}\nhttp://alice:Sup3rSecretPw@127.0.0.1:${port}\n`);
    for (const format of ['text', 'json', 'markdown', 'sarif', 'github']) {
      const r = await cli(['--targets', file, '-t', '2', '-f', format]);
      expect(r.code, format).toBe(2);
      expect(r.stdout + r.stderr).not.toContain('Sup3rSecretPw');
      expect(r.stdout + r.stderr).not.toContain('alice');
      expect(r.stderr).toMatch(
        new RegExp(`^checksecure: --targets: .*sites\\.txt line 2: the URL holds credentials`),
      );
    }
  }, 60_000);
});

describe('config targets', () => {
  it('scans the listed sites when the command line names none', async () => {
    const dir = await scratch({
      'checksecure.config.json': JSON.stringify({ targets: [bare.url, hardened.url], siteConcurrency: 1 }),
    });
    const r = await cli(['-f', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.target).toBe('2 sites');
    expect(report.pages.map((p: { url: string }) => p.url)).toEqual([`${bare.url}/`, `${hardened.url}/`]);
  }, 60_000);

  it('refuses what is not a list of distinct URLs, with the entry and its position', async () => {
    const cases: [unknown, string][] = [
      [{ targets: [bare.url, 'ftp://x'] }, 'targets.1: "ftp://x" must be an http:// or https:// URL'],
      [
        { targets: [bare.url, `${bare.url}/`] },
        `targets.1: "${bare.url}/" is targets.0 again; list each site once`,
      ],
      [{ targets: [] }, 'targets: [] must be a non-empty array of http:// or https:// URLs'],
      [
        { targets: [bare.url], target: bare.url },
        'targets and target are both set; keep one: target would be scanned, and targets ignored',
      ],
      [
        { targets: [bare.url, 'http://alice:Sup3rSecretPw@127.0.0.1:1'] },
        'targets.1: the URL holds credentials, which are never sent (the URL is not shown, so the password is not printed); pass them with headers (e.g. Authorization)',
      ],
      [{ targets: [bare.url], siteConcurrency: 0 }, 'siteConcurrency: 0 must be a whole number from 1 to 32'],
    ];
    for (const [config, message] of cases) {
      const dir = await scratch({ 'checksecure.config.json': JSON.stringify(config) });
      const r = await cli([], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`checksecure: checksecure.config.json: ${message}\n`);
    }
  }, 60_000);
});
