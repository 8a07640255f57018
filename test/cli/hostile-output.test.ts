import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/**
 * What a site puts in its pages, headers, cookies and redirects to steer the output of
 * `npx checksecure URL` in a workflow step: the runner obeys `::command::` at a line's start
 * (after spaces) and `##[command]` anywhere in a line, a terminal obeys escape sequences, a
 * reader's screen obeys bidi overrides.
 */
const FORGED = [
  '\n::error::forged',
  '\r::add-mask::checksecure',
  '\n  ::warning title=x::indented',
  '##[error]legacy',
  '\nFound 0 errors, 0 warnings, 0 info: passes at --fail-on warning (1 ms)',
  '\u001b[2K',
  '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\',
  '\u202e\u2066\u200f\u061c\u2028\u0085',
];
const IN_TEXT = FORGED.join('');
/** The same in an HTML attribute: the parser turns the references back into the characters. */
const IN_ATTRIBUTE = [...IN_TEXT].map((c) => (/[\w./:?= -]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join('');
/** In a header only latin-1 passes undici, and no C0 control: C1 ones (CSI, NEL) do. */
const IN_HEADER = '::error::forged ##[error]legacy ##[add-mask]checksecure \u009b2K \u0085::warning::x';

const PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'self' ${IN_ATTRIBUTE}">
<script src="http://cdn.evil.example/a.js?${IN_ATTRIBUTE}"></script>
<script src="https://cdn.evil.example/b.js?${IN_ATTRIBUTE}"></script>
</head><body>hi</body></html>`;
/** An error page whose stack frame spans a line break, as the debug check keeps it. */
const ERROR_PAGE = `Error: boom${IN_TEXT}\n    at\n::error::forged-stack (/srv/app/x.js:1:2)`;

function answer(firstLine: string): Buffer {
  const [method, target = '/'] = firstLine.split(' ');
  const head = (status: string, headers: string, body: string) => {
    const bytes = Buffer.from(body);
    return Buffer.concat([
      Buffer.from(
        `HTTP/1.1 ${status}\r\n${headers}Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
        'latin1',
      ),
      bytes,
    ]);
  };
  if (target === '/away')
    return head('302 Found', `Location: https://idp.evil.example/?${IN_HEADER}\r\n`, '');
  if (target.includes('%') || method === 'POST')
    return head('500 Oops', 'Content-Type: text/html\r\n', ERROR_PAGE);
  return head(
    '200 OK',
    'Content-Type: text/html\r\n' +
      `X-Powered-By: ${IN_HEADER}\r\n` +
      `Server: nginx/1.2.3 ${IN_HEADER}\r\n` +
      `Strict-Transport-Security: max-age=1 ${IN_HEADER}\r\n` +
      `Set-Cookie: sid${IN_HEADER.replace(/[ ;=,]/g, '')}=1; Path=/\r\n`,
    PAGE,
  );
}

/** A redirect loop whose Locations carry the same: the scan ends on a target error naming them. */
function loop(firstLine: string): Buffer {
  const to = firstLine.startsWith('GET /a') ? '/b' : '/a';
  return Buffer.from(
    `HTTP/1.1 302 Found\r\nLocation: ${to}?${IN_HEADER}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    'latin1',
  );
}

async function rawSite(respond: (firstLine: string) => Buffer): Promise<{ url: string; server: net.Server }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => socket.end(respond(data.toString('latin1').split('\r\n')[0] ?? '')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

// Every character a terminal, a log viewer or a screen obeys; only the line feed is ours to write.
const OBEYED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The runner trims a line's leading white space (.NET's, Unicode's) before looking for `::`. */
const commandLines = (out: string) => out.split('\n').filter((line) => line.trimStart().startsWith('::'));

let site: { url: string; server: net.Server };
let looping: { url: string; server: net.Server };
beforeAll(async () => {
  site = await rawSite(answer);
  looping = await rawSite(loop);
});
afterAll(() => {
  site.server.close();
  looping.server.close();
});

const RUNS: [string, string[]][] = [
  ['text -v 0', ['-v', '0']],
  ['text -v 1', ['-v', '1']],
  ['text -v 2', ['-v', '2']],
  ['json', ['-f', 'json']],
  ['sarif', ['-f', 'sarif']],
  ['markdown', ['-f', 'markdown']],
  ['github', ['-f', 'github', '-v', '2']],
];

describe('a hostile site cannot steer the output of the CLI', () => {
  for (const [name, args] of RUNS) {
    it(`${name}: no workflow command, no control character, no forged line`, async () => {
      const r = await cli([site.url, '-p', '/', '-p', '/away', '-t', '5', ...args]);
      expect(r.code, r.stderr).toBe(1);
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toMatch(OBEYED);
        expect(out).not.toContain('##[');
      }
      expect(commandLines(r.stderr)).toEqual([]);
      if (name === 'github') {
        // Each line is one of ours; what the site sent is inside its data, after our own `::`.
        for (const line of r.stdout.trimEnd().split('\n'))
          expect(line).toMatch(/^::(error|warning|notice) title=[^:]*::/);
        expect(r.stdout).toContain('::error::forged');
      } else {
        expect(commandLines(r.stdout)).toEqual([]);
      }
      if (name.startsWith('text -v 0')) return;
      if (name.startsWith('text')) {
        expect(r.stdout.split('\n').filter((line) => line.startsWith('Found '))).toHaveLength(1);
        // Shown, escaped, rather than dropped.
        expect(r.stdout).toContain('\\x0a::error::forged');
        expect(r.stdout).toContain('\\x1b[2K');
        expect(r.stdout).toContain('\\u202e');
        expect(r.stdout).toContain('#\\x23[error]legacy');
        expect(r.stdout).toContain('\\x9b2K');
      }
      if (name === 'json' || name === 'sarif') {
        // Escaped in the JSON text only: a script reads what the site sent.
        const text = JSON.stringify(JSON.parse(r.stdout));
        expect(text).toContain('\\n::error::forged');
        expect(text).toContain('\u202e');
        expect(text).toContain('##[error]legacy');
      }
    }, 60_000);
  }

  it('stderr: a target error that quotes the Locations it followed', async () => {
    const r = await cli([looping.url, '-t', '5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^checksecure: GET .*more than 10 redirects .*#\\x23\[error\]legacy/);
    expect(r.stderr).not.toMatch(OBEYED);
    expect(r.stderr).not.toContain('##[');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 60_000);
});
