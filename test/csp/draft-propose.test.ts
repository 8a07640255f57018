import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseDraftArgs } from '../../src/csp/draft/args.js';
import { draftOptions } from '../../src/csp/draft/options.js';
import { proposePolicy, type Draft } from '../../src/csp/draft/propose.js';
import type { PageRecord, Violation } from '../../src/csp/draft/record.js';
import { renderDraft } from '../../src/csp/draft/render.js';
import { HELP } from '../../src/cli/help.js';

const SITE = 'https://shop.example';
const NONCE = 'r4nd0mR4nd0mR4nd0mR4nd0m';

const page = (path: string, html: string, extra: Partial<PageRecord> = {}): PageRecord => ({
  url: `${SITE}${path}`,
  status: 200,
  contentType: 'text/html',
  html,
  policies: [],
  violations: [],
  forms: [],
  ...extra,
});
const violation = (directive: string, blocked: string, sample = ''): Violation => ({
  directive,
  blocked,
  sample,
  documentUrl: `${SITE}/`,
});
const directive = (draft: Draft, name: string) => new Map(draft.directives).get(name);
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const kinds = (draft: Draft) => draft.mustChange.map((m) => `${m.kind} ${m.pages.join(' ')}`).sort();

describe('proposePolicy', () => {
  it("uses the app's nonces with 'strict-dynamic', and lists nonce-less scripts as changes", () => {
    const draft = proposePolicy([
      page('/', `<script nonce="${NONCE}">boot()</script><script nonce="${NONCE}" src="/app.js"></script>`, {
        policies: [`script-src 'nonce-${NONCE}' 'strict-dynamic'`],
        violations: [violation('script-src-elem', 'https://cdn.example/lib.js')],
      }),
      page('/legacy', '<script>legacy()</script><script src="https://cdn.example/old.js"></script>'),
    ]);
    expect(draft.nonces).toBe(true);
    expect(directive(draft, 'script-src')).toEqual(["'nonce'", "'strict-dynamic'"]);
    expect(kinds(draft)).toEqual([`inline-script ${SITE}/legacy`, `script-without-nonce ${SITE}/legacy`]);
  });

  it("hashes the inline scripts of a site without nonces, and keeps 'strict-dynamic' out when a page loads a script by URL", () => {
    const hashed = proposePolicy([page('/', '<script>\r\nwindow.a = 1;\n</script>')]);
    expect(hashed.nonces).toBe(false);
    // The hash is of the text the browser sees: CRLF read as LF.
    expect(directive(hashed, 'script-src')).toEqual([sha256('\nwindow.a = 1;\n'), "'strict-dynamic'"]);
    const withFile = proposePolicy([
      page('/', '<script>window.a = 1;</script><script src="https://cdn.example/lib/a.js"></script>', {
        violations: [violation('script-src-elem', 'https://cdn.example/lib/b.js')],
      }),
    ]);
    expect(directive(withFile, 'script-src')).toEqual([sha256('window.a = 1;'), 'https://cdn.example/lib/']);
    expect(directive(proposePolicy([page('/', '<p>static</p>')]), 'script-src')).toEqual(["'none'"]);
  });

  it('lists handlers, javascript: URLs, eval and plugins with the pages they were seen on, once each', () => {
    const draft = proposePolicy([
      page('/', '<button onclick="buy()">Buy</button><a href="javascript:void(0)">x</a>', {
        violations: [
          violation('script-src-attr', 'inline', 'buy()'),
          violation('script-src', 'eval', "JSON.parse('1')"),
          violation('object-src', 'https://plugins.example/x.swf'),
        ],
      }),
      page('/two', '<div onmouseover="hover()"></div>'),
    ]);
    expect(kinds(draft)).toEqual([
      `eval ${SITE}/`,
      `inline-handler ${SITE}/`,
      `inline-handler ${SITE}/two`,
      `javascript-url ${SITE}/`,
      `plugin ${SITE}/`,
    ]);
    expect(draft.mustChange.find((m) => m.kind === 'eval')?.sample).toBe("JSON.parse('1')");
    expect(directive(draft, 'object-src')).toEqual(["'none'"]);
  });

  it('allows each other directive exactly what was seen, and style attributes on purpose', () => {
    const draft = proposePolicy([
      page('/', '<p style="color: red">x</p><style>p { margin: 0 }</style><base href="/app/">', {
        forms: [`${SITE}/search`, 'https://pay.example/checkout'],
        violations: [
          violation('img-src', 'https://img.example/a.png'),
          violation('img-src', 'data'),
          violation('img-src', `${SITE}/logo.png`),
          violation('font-src', 'https://fonts.example/f.woff2'),
          violation('connect-src', 'wss://push.example/socket'),
          violation('frame-src', `${SITE}/embed`),
          violation('worker-src', `${SITE}/w.js`),
          violation('connect-src', 'http://[::1]:8080/x'),
        ],
      }),
    ]);
    expect(Object.fromEntries(draft.directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'none'"],
      'style-src': [sha256('p { margin: 0 }')],
      'style-src-attr': ["'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'https://img.example/a.png'],
      'font-src': ['https://fonts.example/f.woff2'],
      'connect-src': ['wss://push.example/socket'],
      'worker-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'", 'https://pay.example/checkout'],
      'frame-ancestors': ["'self'"],
    });
    expect(kinds(draft)).toEqual([`unnamed-source ${SITE}/`]);
    expect(draft.notes.join('\n')).toMatch(/style-src-attr 'unsafe-inline'/);
  });
});

describe('renderDraft', () => {
  const draft = proposePolicy([
    page('/', `<script nonce="${NONCE}">boot()</script><a onclick="x()">x</a>`, {
      policies: [`script-src 'nonce-${NONCE}'`],
    }),
  ]);

  it('shows the nonce in the header as a placeholder no browser would accept', () => {
    const header = renderDraft(draft, 'header');
    expect(header).toMatch(
      /^Content-Security-Policy: default-src 'self'; script-src 'nonce-\{a fresh random value per response\}' 'strict-dynamic';/,
    );
  });

  it('writes secure() options with the nonce placeholder secure() fills, and JSON with everything', () => {
    expect(renderDraft(draft, 'ts')).toContain(`scriptSrc: ["'nonce'", "'strict-dynamic'"],`);
    const json = JSON.parse(renderDraft(draft, 'json')) as Record<string, unknown>;
    expect(json.options).toEqual(draftOptions(draft));
    expect(json.mustChange).toEqual([
      expect.objectContaining({ kind: 'inline-handler', pages: [`${SITE}/`] }),
    ]);
    const text = renderDraft(draft, 'text');
    for (const part of ['Content-Security-Policy:', 'secure({', 'inline-handler', 'Pages:'])
      expect(text).toContain(part);
  });
});

describe('csp draft arguments', () => {
  it.each([
    [['--pages', '0', 'http://a.test'], /^csp draft: --pages: "0"/],
    [
      ['--format', 'yaml', 'http://a.test'],
      /^csp draft: --format: "yaml" is not one of text, ts, header, json/,
    ],
    [['--timeout', 'soon', 'http://a.test'], /^csp draft: --timeout: "soon"/],
    [['--path', 'about', 'http://a.test'], /^csp draft: --path: "about"/],
    [[], /^csp draft: no target/],
    [['http://a.test', '--app', 'x.ts'], /^csp draft: a URL and --app are two targets/],
    [['-H', 'Cookie sid=s3cr3t', 'http://a.test'], /^csp draft: --header #1: .*not shown/],
    // node's parser calls a dash-led value "ambiguous": say the form that works instead.
    [
      ['--timeout', '-1', 'http://a.test'],
      'csp draft: --timeout -1: a value that starts with "-" is written --timeout=-1',
    ],
    [
      ['-t', '-1', 'http://a.test'],
      'csp draft: --timeout -1: a value that starts with "-" is written --timeout=-1',
    ],
    [['--timeout=-1', 'http://a.test'], /^csp draft: --timeout: "-1"/],
    [['--page', '3', 'http://a.test'], "csp draft: Unknown option '--page' (did you mean --pages?)"],
  ])('%j is refused with a message that starts with the flag', (argv, message) => {
    expect(() => parseDraftArgs(argv)).toThrow(message);
    try {
      parseDraftArgs(argv);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3t');
    }
  });

  it('--help lists the command', () => {
    expect(HELP).toContain('checksecure csp draft <URL | --app MODULE>');
  });
});

describe('csp draft without a browser', () => {
  it('says in one line how to get one, and exits 2', async () => {
    let stderr = '';
    const code = await main(['csp', 'draft', 'http://127.0.0.1:9/'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: { CHROMIUM_PATH: '/nonexistent' },
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(
      /^checksecure: CHROMIUM_PATH: \/nonexistent does not exist; .*npm i -D playwright-core.*apt-get install chromium.*npx playwright install chromium.*--browser PATH/,
    );
  });
});

describe('checksecure csp with another word', () => {
  const run = async (argv: string[]) => {
    let stderr = '';
    const code = await main(argv, {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: process.cwd(),
    });
    return { code, stderr };
  };

  it('names the word it does not know, suggests draft for a typo, and exits 2', async () => {
    expect(await run(['csp', 'drfat', 'http://127.0.0.1:9/'])).toEqual({
      code: 2,
      stderr: expect.stringMatching(
        /^checksecure: csp: "drfat" is not a csp command \(did you mean draft\?\); usage: checksecure csp draft/,
      ),
    });
    const other = await run(['csp', 'lint']);
    expect(other.stderr).toMatch(/"lint" is not a csp command; usage:/);
    expect(other.stderr).not.toContain('did you mean');
  });

  it('shows a hostile word escaped, never obeyed by the terminal', async () => {
    const { stderr } = await run(['csp', 'x\u001b[31m\n::error::forged']);
    expect(stderr).not.toContain('\u001b');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('--help after a command', () => {
  it.each([
    ['reports', '--help'],
    ['reports', 'csp.jsonl', '--propose', '-h'],
    ['csp', 'draft', '--help'],
    ['csp', '-h'],
  ])('checksecure %s … prints the help and exits 0', async (...argv) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: process.cwd(),
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(HELP);
  });
});
