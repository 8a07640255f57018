import { createHash } from 'node:crypto';
import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import * as mw from '../../middleware/index.js';
import { defaultChecks } from '../../src/checks/index.js';
import { runChecks, scan } from '../../src/core/scan.js';
import { codesOf, HTML, scanResponse } from '../helpers/captured.js';
import { serve } from '../helpers/server.js';

// Looked up by name, so that the tests also say the check is one of the defaults.
const check = defaultChecks.find((c) => c.name === 'cspContent')!;
const only = { checks: defaultChecks.filter((c) => c.name === 'cspContent') };
const digest = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('base64');
const A = digest('sha256', 'a()');

const INLINE = 'CSP_INLINE_SCRIPT_BLOCKED';
const HANDLER = 'CSP_INLINE_HANDLER_BLOCKED';
const SRC = 'CSP_SCRIPT_SRC_BLOCKED';
const STYLE = 'CSP_INLINE_STYLE_BLOCKED';
const REPORT_ONLY = 'CSP_REPORT_ONLY_BLOCKS';

/** The codes for one page at https://example.com/ under a policy (several: one header line each). */
const codes = (policy: string | string[], body: string, url = 'https://example.com/') =>
  codesOf(check, { url, headers: { ...HTML, 'content-security-policy': policy }, body });

describe('cspContent: markup as browsers read it', () => {
  it('sees a script after a CDATA opener in HTML (a bogus comment there, not a hiding place)', async () => {
    expect(await codes("script-src 'self'", '<![CDATA[><script>evil()</script>]]>')).toEqual([INLINE]);
    // In SVG the section is real: what is inside is text.
    expect(await codes("script-src 'self'", '<svg><![CDATA[<script>evil()</script>]]></svg>')).toEqual([]);
  });

  it('shows a 6 MB handler in a few characters, without overflowing the stack', async () => {
    const body = `<div onclick="${'x'.repeat(6_000_000)}">`;
    expect(await codes("script-src 'self'", body)).toEqual([HANDLER]);
    // Spaces collapse: what shows is the start of the token, where the text was cut.
    const secret = `<div onclick="${' '.repeat(4_090)}${'k1'.repeat(3_000)}">`;
    const [warning] = await runChecks(
      { status: 200, headers: { ...HTML, 'content-security-policy': "script-src 'self'" }, body: secret },
      only,
    );
    // The excerpt never ends on the head of a token it cut.
    expect(`${warning!.message} ${warning!.evidence ?? ''}`).not.toMatch(/k1/);
  });

  it('judges no script or style in MathML (they never run or apply), but the HTML inside an mtext', async () => {
    expect(
      await codes(
        "script-src 'self'; style-src 'self'",
        '<math><script>a()</script><style>b{}</style></math>',
      ),
    ).toEqual([]);
    expect(await codes("style-src 'self'", '<math><mtext><style>b{}</style></mtext></math>')).toEqual([
      STYLE,
    ]);
    // An SVG script runs.
    expect(await codes("script-src 'self'", '<svg><script>a()</script></svg>')).toEqual([INLINE]);
    // An annotation-xml holds HTML only when it says so; an mglyph in an mi is MathML again.
    for (const mathml of [
      '<math><annotation-xml><script>a()</script>',
      '<math><annotation-xml encoding="text/html "><script>a()</script>',
      '<math><mi><mglyph><script>a()</script>',
    ])
      expect(await codes("script-src 'self'", mathml), mathml).toEqual([]);
    for (const html of [
      '<math><annotation-xml encoding="Text/HTML"><script>a()</script>',
      '<math><font color=red><script>a()</script>',
      '<math><mi><script>a()</script>',
    ])
      expect(await codes("script-src 'self'", html), html).toEqual([INLINE]);
  });
});

describe('cspContent: inline scripts', () => {
  it.each<[string | string[], string, string[]]>([
    ["script-src 'self'", '<script>a()</script>', [INLINE]],
    ["script-src 'unsafe-inline'", '<script>a()</script>', []],
    ["script-src 'unsafe-inline' 'nonce-abc'", '<script>a()</script>', [INLINE]],
    ["script-src 'unsafe-inline' 'strict-dynamic'", '<script>a()</script>', [INLINE]],
    ["script-src 'nonce-abc'", '<script nonce="abc">a()</script>', []],
    ["script-src 'nonce-abc'", '<script nonce="ABC">a()</script>', [INLINE]],
    ["script-src 'nonce-abc'", '<script nonce="abc" data-x="<script">a()</script>', [INLINE]],
    ["script-src 'nonce-abc'", '<script nonce="abc" data-x="1" data-x="2">a()</script>', [INLINE]],
    [`script-src 'sha256-${A}'`, '<script>a()</script>', []],
    [`script-src 'SHA256-${A.replace(/\+/g, '-').replace(/\//g, '_')}'`, '<script>a()</script>', []],
    [`script-src 'sha256-${A}'`, '<script> a()</script>', [INLINE]],
    [`script-src 'sha256-${digest('sha256', 'a()\n')}'`, '<script>a()\r\n</script>', []],
    [`script-src 'sha384-${digest('sha384', 'a()')}'`, '<script>a()</script>', []],
    ["script-src-elem 'unsafe-inline'; script-src 'none'", '<script>a()</script>', []],
    ["script-src 'none'; default-src 'unsafe-inline'", '<script>a()</script>', [INLINE]],
    ["default-src 'self'", '<script>a()</script>', [INLINE]],
    ["img-src 'none'", '<script>a()</script>', []],
    ["script-src 'none'", '<script type="application/json">{"a":1}</script>', []],
    ["script-src 'none'", '<script language="vbscript">a</script>', []],
    ["script-src 'none'", '<script type=" Module ">a()</script>', [INLINE]],
    ["script-src 'none'", '<script type="importmap">{}</script>', [INLINE]],
    ["script-src 'inline-speculation-rules'", '<script type="speculationrules">{}</script>', []],
    ["script-src 'none'", '<script></script>', []],
    ["script-src 'none'", '<noscript><script>a()</script></noscript>', []],
    ["script-src 'none'", '<template><script>a()</script></template>', []],
    ["script-src 'none'", '<!-- <script>a()</script> -->', []],
    ["script-src 'none'", '<textarea><script>a()</script></textarea>', []],
    [["script-src 'unsafe-inline'", "script-src 'nonce-abc'"], '<script>a()</script>', [INLINE]],
    ["script-src 'unsafe-inline', script-src 'nonce-abc'", '<script nonce="abc">a()</script>', []],
    ["script-src 'unsafe-inline', script-src 'none'", '<script>a()</script>', [INLINE]],
  ])('%j on %j → %j', async (policy, body, expected) => {
    expect(await codes(policy, body)).toEqual(expected);
  });
});

describe('cspContent: event handlers and javascript: URLs', () => {
  it.each<[string, string, string[]]>([
    ["script-src 'nonce-abc'", '<button onclick="a()">go</button>', [HANDLER]],
    ["script-src 'unsafe-inline'", '<button onclick="a()">go</button>', []],
    ["script-src 'unsafe-inline' 'nonce-abc'", '<button ONCLICK="a()">go</button>', [HANDLER]],
    ["script-src-attr 'unsafe-inline'; script-src 'nonce-abc'", '<button onclick="a()">go</button>', []],
    [`script-src 'nonce-abc' 'unsafe-hashes' 'sha256-${A}'`, '<button onclick="a()">go</button>', []],
    [`script-src 'nonce-abc' 'sha256-${A}'`, '<button onclick="a()">go</button>', [HANDLER]],
    ["script-src 'none'", '<div onfoo="a()" once="a()">x</div>', []],
    ["script-src 'none'", '<body onhashchange="a()">', [HANDLER]],
    ["script-src 'none'", '<div onhashchange="a()">x</div>', []],
    ["script-src 'none'", '<template><b onclick="a()">x</b></template>', [HANDLER]],
    ["script-src 'none'", '<noscript><b onclick="a()">x</b></noscript>', []],
    ["script-src 'none'", '<a href="javascript:a()">go</a>', [HANDLER]],
    ["script-src 'none'", '<a href=" JaVa&#x09;Script&colon;a()">go</a>', [HANDLER]],
    [
      "script-src 'none'",
      '<form action="javascript:a()"></form><iframe src="javascript:a()"></iframe>',
      [HANDLER, HANDLER],
    ],
    ["script-src 'none'", '<img src="javascript:a()"><a href="/javascript:a()">go</a>', []],
    ["script-src-elem 'unsafe-inline'; script-src-attr 'none'", '<a href="javascript:a()">go</a>', []],
    [
      `script-src 'none' 'unsafe-hashes' 'sha256-${digest('sha256', 'javascript:a()')}'`,
      '<a href="javascript:a()">go</a>',
      [],
    ],
  ])('%j on %j → %j', async (policy, body, expected) => {
    expect(await codes(policy, body)).toEqual(expected);
  });
});

describe('cspContent: <script src> against the source list (CSP3 §6.7.2)', () => {
  const src = (policy: string, url: string, attributes = '') =>
    codes(policy, `<script src="${url}"${attributes}></script>`);

  it.each<[string, string, boolean]>([
    ["'self'", '/a.js', true],
    ["'self'", 'https://cdn.example.net/a.js', false],
    ["'self'", 'http://example.com/a.js', false],
    ["'self'", 'https://example.com:8443/a.js', false],
    ['https://cdn.example.net', 'https://cdn.example.net/a.js', true],
    ['https://cdn.example.net', 'http://cdn.example.net/a.js', false],
    ['http://cdn.example.net', 'https://cdn.example.net/a.js', true],
    ['cdn.example.net', 'https://cdn.example.net/a.js', true],
    ['cdn.example.net', 'http://cdn.example.net/a.js', false],
    ['CDN.Example.NET', 'https://cdn.example.net/a.js', true],
    ['https://cdn.example.net:8443', 'https://cdn.example.net:8443/a.js', true],
    ['https://cdn.example.net:8443', 'https://cdn.example.net/a.js', false],
    ['https://cdn.example.net', 'https://cdn.example.net:8443/a.js', false],
    ['https://cdn.example.net:443', 'https://cdn.example.net/a.js', true],
    ['https://cdn.example.net:*', 'https://cdn.example.net:9999/a.js', true],
    ['https://*.example.net', 'https://a.b.example.net/a.js', true],
    ['https://*.example.net', 'https://example.net/a.js', false],
    ['https://*.example.net', 'https://badexample.net/a.js', false],
    ['*', 'https://anywhere.example/a.js', true],
    ['*', 'data:text/javascript,a()', false],
    ['https:', 'https://anywhere.example/a.js', true],
    ['https:', 'http://anywhere.example/a.js', false],
    ['data:', 'data:text/javascript,a()', true],
    ['https://cdn.example.net/lib/', 'https://cdn.example.net/lib/a.js', true],
    ['https://cdn.example.net/lib/', 'https://cdn.example.net/libx/a.js', false],
    ['https://cdn.example.net/lib/a.js', 'https://cdn.example.net/lib/a.js?v=1', true],
    ['https://cdn.example.net/lib/a.js', 'https://cdn.example.net/lib/a.jsx', false],
    ['https://cdn.example.net/LIB/', 'https://cdn.example.net/lib/a.js', false],
    ['https://cdn.example.net/a%20b.js', 'https://cdn.example.net/a b.js', true],
    ["'none'", '/a.js', false],
    ["'none' 'self'", '/a.js', true],
    ["'nonce-abc' 'strict-dynamic' https://cdn.example.net", 'https://cdn.example.net/a.js', false],
  ])('script-src %s, <script src="%s">: loads %s', async (sources, url, loads) => {
    expect(await src(`script-src ${sources}`, url)).toEqual(loads ? [] : [SRC]);
  });

  it('lets a nonce load a script from anywhere, unless the tag is dangling markup', async () => {
    const policy = "script-src 'nonce-abc' 'strict-dynamic'";
    expect(await src(policy, 'https://cdn.example.net/a.js', ' nonce="abc"')).toEqual([]);
    expect(await src(policy, 'https://cdn.example.net/a.js', ' nonce="abc" title="<style>"')).toEqual([SRC]);
  });

  it('lets an integrity attribute load the script when the policy lists every one of its hashes', async () => {
    const [x, y] = [digest('sha384', 'x'), digest('sha384', 'y')];
    const policy = `script-src 'nonce-abc' 'strict-dynamic' 'sha384-${x}'`;
    const url = 'https://cdn.example.net/a.js';
    expect(await src(policy, url, ` integrity="sha384-${x}"`)).toEqual([]);
    expect(await src(policy, url, ` integrity="sha384-${x} sha384-${y}"`)).toEqual([SRC]);
    expect(await src(policy, url, ` integrity="sha384-${y}"`)).toEqual([SRC]);
  });

  it('judges nothing that is never fetched', async () => {
    expect(await codes("script-src 'none'", '<script src=""></script>')).toEqual([]);
    expect(await codes("script-src 'none'", '<script type="text/plain" src="/a.js"></script>')).toEqual([]);
    expect(await codes("script-src 'none'", '<script src="http://[bad/a.js"></script>')).toEqual([]);
  });

  it("resolves against a <base href> the policy's base-uri allows, from where it stands", async () => {
    const base = '<base href="https://cdn.example.net/">';
    expect(await codes("script-src 'self'", `${base}<script src="a.js"></script>`)).toEqual([SRC]);
    expect(await codes("script-src 'self'; base-uri 'self'", `${base}<script src="a.js"></script>`)).toEqual(
      [],
    );
    expect(await codes("script-src 'self'", `<script src="a.js"></script>${base}`)).toEqual([]);
  });
});

describe('cspContent: styles', () => {
  it.each<[string, string, string[]]>([
    ["style-src 'nonce-abc'", '<style>p{}</style>', [STYLE]],
    ["style-src 'nonce-abc'", '<style nonce="abc">p{}</style>', []],
    ["style-src 'nonce-abc'", '<style nonce="abc" title="<style>">p{}</style>', []],
    ["style-src 'nonce-abc'", '<p style="color:red">x</p>', [STYLE]],
    ["style-src 'unsafe-inline'", '<style>p{}</style><p style="color:red">x</p>', []],
    ["style-src 'unsafe-inline' 'strict-dynamic'", '<p style="color:red">x</p>', []],
    ["style-src-attr 'unsafe-inline'; style-src 'self'", '<p style="color:red">x</p>', []],
    ["default-src 'self'", '<style>p{}</style><p style="color:red">x</p>', [STYLE, STYLE]],
    [`style-src 'sha256-${digest('sha256', 'p{}')}'`, '<style>p{}</style>', []],
    ["script-src 'none'", '<style>p{}</style><p style="color:red">x</p>', []],
    ["style-src 'none'", '<template><style>p{}</style></template>', []],
  ])('%j on %j → %j', async (policy, body, expected) => {
    expect(await codes(policy, body)).toEqual(expected);
  });
});

describe('cspContent: <meta> policies and Report-Only', () => {
  const meta = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`;
  const nonced = '<script nonce="abc">a()</script>';

  it('applies a <meta> policy in the head to what follows it, and none in the body', async () => {
    const policy = "script-src 'nonce-abc'";
    expect(await codes(policy, `<title>t</title>${meta}${nonced}`)).toEqual([INLINE]);
    expect(await codes(policy, `${nonced}${meta}`)).toEqual([]);
    expect(await codes(policy, `<p>text</p>${meta}${nonced}`)).toEqual([]);
    expect(await codes(policy, `<noscript>${meta}</noscript>${nonced}`)).toEqual([]);
    expect(await codesOf(check, { headers: HTML, body: `${meta}<script>a()</script>` })).toEqual([INLINE]);
  });

  it('says what a Report-Only policy would block, as info, where the enforced policy allows it', async () => {
    const reportOnly = (enforced: Record<string, string>) =>
      scanResponse(check, {
        headers: { ...HTML, ...enforced, 'content-security-policy-report-only': "script-src 'nonce-abc'" },
        body: '<script>a()</script><button onclick="a()">go</button>',
      });
    const alone = await reportOnly({});
    expect(alone.warnings.map((w) => [w.code, w.severity])).toEqual([
      [REPORT_ONLY, 'info'],
      [REPORT_ONLY, 'info'],
    ]);
    expect(alone.warnings[0]!.message).toBe(
      'Content-Security-Policy-Report-Only would block the inline <script> on line 1 (script-src): it has no nonce',
    );
    const both = await reportOnly({ 'content-security-policy': "script-src 'self'" });
    expect(both.warnings.map((w) => w.code)).toEqual([INLINE, HANDLER]);
  });
});

describe('cspContent: what a finding says', () => {
  it('names the element, its line, the directive and why, and fixes it with the nonce', async () => {
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "script-src 'nonce-abc' 'strict-dynamic'" },
      body: '<!doctype html>\n<title>t</title>\n\n<button id="buy" onclick="buy()">Buy</button>',
    });
    expect(warnings).toEqual([
      {
        code: HANDLER,
        check: 'cspContent',
        severity: 'warning',
        url: 'https://example.com/',
        message:
          "The onclick handler of <button> on line 4 is blocked by script-src of the Content-Security-Policy header: an event handler attribute runs only with 'unsafe-inline'",
        evidence: 'line 4, column 1: <button id="buy" onclick="buy()">',
        fix: {
          middleware: 'markup',
          snippet: expect.stringContaining(
            "document.getElementById('buy').addEventListener('click', (event) => { … });",
          ),
        },
      },
    ]);
    expect(warnings[0]!.fix!.snippet).toContain('<script nonce="${res.locals.cspNonce}">');
  });

  it("fixes a policy without nonces by adding the script's hash, or the host, to the directive", async () => {
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "default-src 'self'" },
      body: '<script>a()</script><script src="https://cdn.example.net/lib.js?key=s3cr3t"></script>',
    });
    expect(warnings.map((w) => [w.code, w.message, w.fix])).toEqual([
      [
        INLINE,
        "The inline <script> on line 1 is blocked by default-src of the Content-Security-Policy header: default-src allows no inline code: no 'unsafe-inline', nonce or hash",
        {
          middleware: 'contentSecurityPolicy()',
          snippet: `import { contentSecurityPolicy } from 'checksecure/middleware';\n\napp.use(contentSecurityPolicy({ directives: { scriptSrc: ["'self'", "'sha256-${A}'"] } }));`,
        },
      ],
      [
        SRC,
        'The script https://cdn.example.net/lib.js?… on line 1 is blocked by default-src of the Content-Security-Policy header: https://cdn.example.net matches no source of default-src',
        {
          middleware: 'contentSecurityPolicy()',
          snippet: `import { contentSecurityPolicy } from 'checksecure/middleware';\n\napp.use(contentSecurityPolicy({ directives: { scriptSrc: ["'self'", "https://cdn.example.net"] } }));`,
        },
      ],
    ]);
  });

  it('keeps out of the fix the sources browsers drop, and with them what the site wrote there', async () => {
    const { warnings } = await scanResponse(check, {
      headers: {
        ...HTML,
        'content-security-policy':
          "script-src 'self' ::error::forged 'nonce-bad$' https://ok.example/#x 'none' https:",
      },
      body: '<script src="http://cdn.example.net/lib.js"></script>',
    });
    expect(warnings.map((w) => w.fix?.snippet)).toEqual([
      `import { contentSecurityPolicy } from 'checksecure/middleware';\n\napp.use(contentSecurityPolicy({ directives: { scriptSrc: ["'self'", "https:", "http://cdn.example.net"] } }));`,
    ]);
  });

  it('shows page text on one line, escaped, with token-like runs and nonces left out', async () => {
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "script-src 'nonce-abc'" },
      body: '<script nonce="wrongwrong">\n\u001b[2J window.KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";\n</script>',
    });
    expect(warnings.map((w) => w.evidence)).toEqual([
      'line 1, column 1: <script nonce="…">\\x1b[2J window.KEY = "…";</script>',
    ]);
    expect(warnings[0]!.message).toMatch(/its nonce is not one the policy names$/);
  });

  it("puts a page's id and tag into a fix snippet only when they are plain names", async () => {
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "script-src 'nonce-abc'" },
      body: '<x`y id="a\');alert(1)//```" onclick="a()">go</x`y>',
    });
    const { snippet } = warnings[0]!.fix!;
    expect(snippet).toContain("document.getElementById('my-element')");
    expect(snippet).toContain('`<button id="my-element">…</button>`');
    expect(snippet).not.toMatch(/alert|```|x`y/);
  });

  it('lists five findings of a code per page, the last counting the rest', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `<script>a(${i})</script>`).join('\n');
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "script-src 'self'" },
      body,
    });
    expect(warnings.map((w) => w.evidence)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `line ${i + 1}, column 1: <script>a(${i})</script>`),
    );
    expect(warnings[4]!.message).toMatch(/\(7 more like it on this page are not listed\)$/);
  });

  it('stays within bounds on 1 MiB of hostile markup', async () => {
    const body =
      '<p onclick=a() style=b>'.repeat(45_000) + '<div>'.repeat(20_000) + '<noscript><script>'.repeat(2_000);
    const started = Date.now();
    const { warnings } = await scanResponse(check, {
      headers: { ...HTML, 'content-security-policy': "default-src 'self'" },
      body,
    });
    expect(warnings.map((w) => w.code)).toEqual([...Array(5).fill(HANDLER), ...Array(5).fill(STYLE)]);
    expect(warnings[4]!.message).toMatch(/\(44995 more like it/);
    // Identical elements on one line stay apart by their column.
    expect(warnings[1]!.evidence).toBe('line 1, column 24: <p onclick="a()">');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('cspContent on the targets users scan', () => {
  it('a URL: judges what the server sent, and leaves out a script cut off by maxBodyBytes', async () => {
    const site = await serve((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.setHeader('content-security-policy', `script-src 'self' 'sha256-${A}' https://cdn.example.net`);
      res.end(
        req.url === '/cut'
          ? `<script src="https://evil.example/x.js"></script><script>a()${' '.repeat(70_000)}`
          : '<script src="https://cdn.example.net/a.js"></script><script src="https://evil.example/x.js"></script>',
      );
    });
    try {
      const warnings = await runChecks(site.url, { ...only, paths: ['/', '/cut'], maxBodyBytes: 65_536 });
      // One finding (same message, same fix) on both pages: reported once, with its pages.
      const path = (url: string) => new URL(url).pathname;
      expect(warnings.map((w) => [w.code, path(w.url), w.pages?.map(path)])).toEqual([
        [SRC, '/', ['/', '/cut']],
      ]);
      expect(warnings[0]!.fix!.snippet).toContain(
        `scriptSrc: ["'self'", "'sha256-${A}'", "https://cdn.example.net", "https://evil.example"]`,
      );
    } finally {
      await site.close();
    }
  });

  it('an Express app under secure(): the nonced page passes, the others name res.locals.cspNonce', async () => {
    const app = express();
    app.use(mw.secure({ logger: { warn() {} } }));
    app.get('/', (_req, res) => res.send(`<script nonce="${res.locals.cspNonce}">a()</script>`));
    app.get('/broken', (_req, res) =>
      res.send('<script>a()</script><a href="javascript:a()">go</a><script src="/app.js"></script>'),
    );
    const report = await scan(app, { ...only, paths: ['/', '/broken'] });
    expect(report.warnings.map((w) => [w.code, new URL(w.url).pathname])).toEqual([
      [INLINE, '/broken'],
      [HANDLER, '/broken'],
      [SRC, '/broken'],
    ]);
    for (const w of report.warnings) expect(w.fix!.snippet).toContain('res.locals.cspNonce');
  });

  it('a Fastify instance under its secure plugin: the fixes name request.cspNonce and its plugin', async () => {
    const app = Fastify();
    await app.register(fastifySecure, {
      contentSecurityPolicy: { preset: 'compatible' },
      logger: { warn() {} },
    });
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send('<script>a()</script><script src="https://cdn.example.net/a.js"></script><p style="x">'),
    );
    try {
      const report = await scan(app, only);
      expect(report.warnings.map((w) => w.code)).toEqual([INLINE, SRC, STYLE]);
      expect(report.warnings[0]!.fix!.snippet).toContain('request.cspNonce');
      expect(report.warnings[1]!.fix!.snippet).toContain('request.cspNonce');
    } finally {
      await app.close();
    }
  });

  it('a Fastify policy without nonces: the host goes into secure() through the plugin', async () => {
    const app = Fastify();
    await app.register(fastifySecure, {
      contentSecurityPolicy: { preset: 'none', directives: { scriptSrc: ["'self'"] } },
      logger: { warn() {} },
    });
    app.get('/', async (_request, reply) =>
      reply.type('text/html').send('<script src="https://cdn.example.net/a.js"></script>'),
    );
    try {
      const [warning] = (await scan(app, only)).warnings;
      expect(warning!.fix!.snippet).toBe(
        `import { secure } from 'checksecure/fastify';\n\nawait app.register(secure, { contentSecurityPolicy: { directives: { scriptSrc: ["'self'", "https://cdn.example.net"] } } });`,
      );
    } finally {
      await app.close();
    }
  });
});
