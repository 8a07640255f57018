import { randomBytes } from 'node:crypto';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { cspCheck } from '../../src/checks/csp.js';
import { codesOf, HTML, scanResponse } from '../helpers/captured.js';

const N = "'nonce-r4nd0mR4nd0mR4nd0mR4nd0m'";
/** A well-formed sha256 source (of the empty script). */
const H = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
/** A strict policy that should pass on its own. */
const STRICT = `script-src ${N} 'strict-dynamic'; object-src 'none'; base-uri 'none'; report-to csp`;

const csp = (
  value: string | string[] | undefined,
  extra: Record<string, string | string[]> = {},
  body = '',
) =>
  codesOf(cspCheck, {
    headers: { ...HTML, ...(value === undefined ? {} : { 'content-security-policy': value }), ...extra },
    body,
  });

describe('csp check', () => {
  it('judges each set of policies by its own text: two policies and one whose text reads like both are told apart, in either order', async () => {
    // The check judges a site's policy once per scan and process; its key must not confuse these.
    const two = "script-src 'self', object-src 'none'";
    const one = "script-src 'self' | Content-Security-Policy: object-src 'none'";
    for (const order of [
      [two, one],
      [one, two],
    ]) {
      const codes = new Map<string, string[]>();
      for (const value of order) codes.set(value, await csp(value));
      expect(codes.get(two)).not.toContain('CSP_INVALID');
      expect(codes.get(one)).toContain('CSP_INVALID');
    }
  });

  it('passes a strict nonce policy', async () => {
    expect(await csp(STRICT)).toEqual([]);
  });

  it.each([
    [undefined, ['CSP_MISSING']],
    ["default-src 'self'", ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
    ["default-src 'none'; report-uri /r", []],
    ["script-src 'self'; object-src 'none'; report-uri /r", []],
    ["script-src 'unsafe-inline'; object-src 'none'; report-uri /r", ['CSP_UNSAFE_INLINE']],
    [`script-src 'unsafe-inline' ${N}; object-src 'none'; base-uri 'self'; report-uri /r`, []],
    [
      `script-src 'unsafe-inline' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; object-src 'none'; base-uri 'self'; report-uri /r`,
      [],
    ],
    ["script-src 'self' data:; object-src 'none'; report-uri /r", ['CSP_UNSAFE_INLINE']],
    ["img-src 'self'; object-src 'none'; report-uri /r", ['CSP_UNSAFE_INLINE']],
    [
      "default-src 'self' 'unsafe-inline'; report-uri /r",
      ['CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE', 'CSP_UNSAFE_INLINE'],
    ],
    [
      "script-src 'self'; script-src-attr 'unsafe-inline'; object-src 'none'; report-uri /r",
      ['CSP_UNSAFE_INLINE'],
    ],
    ["script-src 'self' 'unsafe-eval'; object-src 'none'; report-uri /r", ['CSP_UNSAFE_EVAL']],
    // <script src> follows script-src-elem where a policy sets one (CSP3).
    ["default-src 'self'; script-src-elem *; object-src 'none'; report-uri /r", ['CSP_BROAD_SOURCE']],
    [
      "script-src 'self'; script-src-elem 'self' https://cdn.example.com; object-src 'none'; report-uri /r",
      ['CSP_HOST_ALLOWLIST'],
    ],
    ["script-src *; script-src-elem 'self'; object-src 'none'; report-uri /r", []],
    ["script-src *; object-src 'none'; report-uri /r", ['CSP_BROAD_SOURCE']],
    ["script-src https:; object-src 'none'; report-uri /r", ['CSP_BROAD_SOURCE']],
    [
      "script-src https://*.example.com; object-src 'none'; report-uri /r",
      ['CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST'],
    ],
    [`script-src ${N} 'strict-dynamic' https: http:; object-src 'none'; base-uri 'none'; report-uri /r`, []],
    ["script-src 'self'; object-src *; report-uri /r", ['CSP_BROAD_SOURCE', 'CSP_OBJECT_SRC']],
    ["script-src 'self'; object-src 'none'; base-uri *; report-uri /r", ['CSP_BROAD_SOURCE']],
    ["script-src 'self'; report-uri /r", ['CSP_OBJECT_SRC']],
    ["default-src 'self'; object-src 'self'; report-uri /r", ['CSP_OBJECT_SRC']],
    ["default-src 'none'; object-src; report-uri /r", []],
    [`script-src ${N}; object-src 'none'; report-uri /r`, ['CSP_BASE_URI_MISSING']],
    // A hash trusts content, not a URL, so an injected <base> cannot redirect it (test/browser) ...
    [`script-src '${H}'; object-src 'none'; report-uri /r`, []],
    [`script-src '${H}' 'self'; object-src 'none'; report-uri /r`, []],
    // ... unless 'strict-dynamic' trusts the scripts it creates, whose relative URLs follow <base>.
    [`script-src '${H}' 'strict-dynamic'; object-src 'none'; report-uri /r`, ['CSP_BASE_URI_MISSING']],
    ["script-src 'nonce-abc'; object-src 'none'; base-uri 'none'; report-uri /r", ['CSP_NONCE_WEAK']],
    [
      "default-src 'self' http://img.example.com; object-src 'none'; report-uri /r",
      ['CSP_HOST_ALLOWLIST', 'CSP_INSECURE_SOURCE'],
    ],
    [
      "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; report-uri /r",
      ['CSP_STYLE_UNSAFE_INLINE'],
    ],
    [`default-src 'self'; style-src 'unsafe-inline' ${N}; object-src 'none'; report-uri /r`, []],
    ["script-src 'self' https://cdn.example.com; object-src 'none'; report-uri /r", ['CSP_HOST_ALLOWLIST']],
    ["default-src 'self'; object-src 'none'; block-all-mixed-content; report-uri /r", ['CSP_DEPRECATED']],
    ["default-src 'self'; object-src 'none'", ['CSP_NO_REPORTING']],
    ["default-src 'self'; object-src 'none'; report-to main", []],
    ["default-src self; object-src 'none'; report-uri /r", ['CSP_HOST_ALLOWLIST', 'CSP_INVALID']],
    ["default-src 'self'; scirpt-src 'none'; object-src 'none'; report-uri /r", ['CSP_INVALID']],
    ["script-src 'strict-dynamic'; object-src 'none'; report-uri /r", ['CSP_INVALID']],
    ['', ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE']],
  ])('%j → %j', async (value, expected) => {
    expect(await csp(value)).toEqual(expected);
  });

  it('names script-src-elem when it is the list that lets scripts in', async () => {
    const report = await scanResponse(cspCheck, {
      headers: {
        ...HTML,
        'content-security-policy':
          "script-src 'self'; script-src-elem https:; object-src 'none'; report-uri /r",
      },
    });
    expect(report.warnings.map((w) => w.message)).toEqual([
      'CSP script-src-elem allows https:, so code loads from almost any server',
    ]);
  });

  it('judges a duplicate directive by its first occurrence and still reports it (stance)', async () => {
    expect(
      await csp("script-src 'self'; script-src 'unsafe-inline' *; object-src 'none'; report-uri /r"),
    ).toEqual(['CSP_INVALID']);
    expect(
      await csp("script-src 'unsafe-inline'; script-src 'self'; object-src 'none'; report-uri /r"),
    ).toEqual(['CSP_INVALID', 'CSP_UNSAFE_INLINE']);
  });

  it('counts a weakness only when every enforced policy allows it (stance)', async () => {
    // the second policy forbids inline script, so the first one's 'unsafe-inline' is harmless
    expect(
      await csp(["script-src 'unsafe-inline' 'self'; report-uri /r", "script-src 'self'; object-src 'none'"]),
    ).toEqual([]);
    // comma-joined policies in one header behave the same
    expect(
      await csp("script-src 'unsafe-inline'; report-uri /r, script-src 'self'; object-src 'none'"),
    ).toEqual([]);
    // both allow it: reported
    expect(
      await csp([
        "script-src 'unsafe-inline'; object-src 'none'; report-uri /r",
        "default-src * 'unsafe-inline'",
      ]),
    ).toEqual(['CSP_UNSAFE_INLINE']);
  });

  it("treats 'strict-dynamic' without a nonce or hash as CSP_INVALID, not a failed policy (stance)", async () => {
    const report = await scanResponse(cspCheck, {
      headers: {
        ...HTML,
        'content-security-policy': "script-src 'strict-dynamic' https:; object-src 'none'; report-uri /r",
      },
    });
    expect(report.warnings.map((w) => w.code)).toEqual(['CSP_INVALID']);
    expect(report.warnings[0]!.message).toMatch(/blocks every script/);
  });

  // Browsers drop a nonce or hash source outside the CSP3 grammar (test/browser shows Chromium
  // running the inline script), so 'unsafe-inline' beside it stays in force.
  it.each([
    "'nonce-invalid$'",
    "'nonce-'",
    "'nonce-r4nd0mR4nd0mR4nd0m=R4nd0m'",
    "'sha256-!!!'",
    "'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk='",
  ])(
    "reports 'unsafe-inline' beside the malformed %s as in force, and the source as invalid",
    async (source) => {
      const report = await scanResponse(cspCheck, {
        headers: {
          ...HTML,
          'content-security-policy': `script-src ${source} 'unsafe-inline'; object-src 'none'; base-uri 'none'; report-uri /r`,
        },
      });
      expect(report.warnings.map((w) => w.code).sort()).toEqual(['CSP_INVALID', 'CSP_UNSAFE_INLINE']);
      const message = report.warnings.find((w) => w.code === 'CSP_INVALID')!.message;
      expect(message).toContain(`${source} `);
      expect(message).toContain('browsers ignore it');
    },
  );

  it("keeps a well-formed hash of the wrong length cancelling 'unsafe-inline', as Chromium does, and reports it", async () => {
    const report = await scanResponse(cspCheck, {
      headers: {
        ...HTML,
        'content-security-policy':
          "script-src 'sha256-abc' 'unsafe-inline'; object-src 'none'; base-uri 'none'; report-uri /r",
      },
    });
    expect(report.warnings.map((w) => w.code)).toEqual(['CSP_INVALID']);
    expect(report.warnings[0]!.message).toMatch(
      /'sha256-abc' is not a valid sha256 hash: it is not 32 bytes/,
    );
  });

  it('reports report-only as nothing enforced', async () => {
    expect(await csp(undefined, { 'content-security-policy-report-only': STRICT })).toEqual([
      'CSP_REPORT_ONLY',
    ]);
  });

  it('counts report-only reporting as reporting', async () => {
    expect(
      await csp("default-src 'self'; object-src 'none'", {
        'content-security-policy-report-only': "default-src 'none'; report-uri /r",
      }),
    ).toEqual([]);
  });

  it('enforces a <meta> policy for scripts', async () => {
    const meta = `<head><meta http-equiv="content-security-policy" content="${STRICT.replace(/'/g, '&#39;')}"></head>`;
    // report-uri and report-to do not work from <meta>, so reporting is still missing
    expect(await csp(undefined, {}, meta)).toEqual(['CSP_NO_REPORTING']);
    // and intersects it with the header policy
    expect(await csp("default-src * 'unsafe-inline'; report-uri /r", {}, meta)).toEqual([]);
  });

  it('judges HTML responses only', async () => {
    expect(await codesOf(cspCheck, { headers: { 'content-type': 'application/json' } })).toEqual([]);
  });

  it('explains the exact problem', async () => {
    const report = await scanResponse(cspCheck, {
      headers: {
        ...HTML,
        'content-security-policy': "default-src 'self'; script-src self; object-src 'none'; report-uri /r",
      },
    });
    const invalid = report.warnings.find((w) => w.code === 'CSP_INVALID')!;
    expect(invalid.message).toContain("script-src: self must be quoted ('self')");
    expect(invalid.evidence).toBe(
      "Content-Security-Policy: default-src 'self'; script-src self; object-src 'none'; report-uri /r",
    );
    expect(invalid.fix?.middleware).toBe('contentSecurityPolicy()');
  });

  it('skips nonce reuse on a captured response and stays synchronous', async () => {
    const report = await scanResponse(cspCheck, { headers: { ...HTML, 'content-security-policy': STRICT } });
    expect(report.checks).toEqual([{ name: 'csp', status: 'passed' }]);
  });
});

describe('CSP_NONCE_REUSED: the page is fetched twice', () => {
  const STATIC = 'c3RhdGljLW5vbmNlLXN0YXRpYy1ub25jZQ';
  const app = (nonce: () => string) => {
    const app = express();
    app.get('/', (_req, res) => {
      const n = nonce();
      res.set(
        'Content-Security-Policy',
        `script-src 'nonce-${n}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; report-uri /r`,
      );
      res.send(`<script nonce="${n}">1</script>`);
    });
    return app;
  };

  it('reports a nonce baked into the app, with the nonce as evidence', async () => {
    const report = await scan(
      app(() => STATIC),
      { checks: [cspCheck] },
    );
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'CSP_NONCE_REUSED',
        severity: 'error',
        evidence: `nonce-${STATIC} in two responses`,
        message: `CSP nonce "${STATIC}" is the same in two responses: a static nonce protects nothing`,
      }),
    ]);
  });

  it('passes a fresh nonce per response', async () => {
    const report = await scan(
      app(() => randomBytes(18).toString('base64')),
      { checks: [cspCheck] },
    );
    expect(report.checks).toEqual([{ name: 'csp', status: 'passed' }]);
  });

  it('cannot tell on a captured response, which cannot be fetched again: the rest is still judged', async () => {
    const report = await scanResponse(cspCheck, {
      headers: { ...HTML, 'content-security-policy': `script-src 'nonce-${STATIC}'; object-src 'none'` },
    });
    expect(report.warnings.map((w) => w.code)).not.toContain('CSP_NONCE_REUSED');
    expect(report.warnings.map((w) => w.code)).toContain('CSP_BASE_URI_MISSING');
  });
});
