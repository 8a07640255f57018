import { describe, expect, it } from 'vitest';
import { parseConsoleViolation } from '../../playwright/console-violation.js';

// Chromium's own words, as the browser tests saw them (the current wording) and as older
// versions logged them ("Refused to …"): the collector must read both.
describe('parseConsoleViolation', () => {
  it.each([
    [
      `Executing inline script violates the following Content Security Policy directive 'script-src 'nonce-mBBozq_ycpKS-ZSQHILMPCd7' 'strict-dynamic''. Either the 'unsafe-inline' keyword, a hash ('sha256-a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s='), or a nonce ('nonce-...') is required to enable inline execution. The action has been blocked.`,
      { directive: 'script-src', blockedURI: 'inline', disposition: 'enforce' },
    ],
    [
      `Executing inline script violates the following Content Security Policy directive 'script-src 'nonce-mBBozq_ycpKS-ZSQHILMPCd7' 'strict-dynamic''. Either the 'unsafe-inline' keyword, a hash ('sha256-a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s='), or a nonce ('nonce-...') is required to enable inline execution. The policy is report-only, so the violation has been logged but no further action has been taken.`,
      { directive: 'script-src', blockedURI: 'inline', disposition: 'report' },
    ],
    [
      `Loading the script 'http://127.0.0.1:37505/x.js' violates the following Content Security Policy directive: "script-src 'nonce-icatUuOgupUmNjwXeJ-S_VKY' 'strict-dynamic'". Note that 'script-src-elem' was not explicitly set, so 'script-src' is used as a fallback. The action has been blocked.`,
      { directive: 'script-src', blockedURI: 'http://127.0.0.1:37505/x.js', disposition: 'enforce' },
    ],
    [
      `Loading the image 'http://127.0.0.1:45021/a.png' violates the following Content Security Policy directive: "img-src 'none'". The policy is report-only, so the violation has been logged but no further action has been taken.`,
      { directive: 'img-src', blockedURI: 'http://127.0.0.1:45021/a.png', disposition: 'report' },
    ],
    [
      `Framing 'http://127.0.0.1:45021/' violates the following Content Security Policy directive: "frame-ancestors 'none'". The request has been blocked.\n`,
      { directive: 'frame-ancestors', blockedURI: 'http://127.0.0.1:45021/', disposition: 'enforce' },
    ],
    [
      `Evaluating a string as JavaScript violates the following Content Security Policy directive because 'unsafe-eval' is not an allowed source of script: "script-src 'nonce-h91JX_lNBsXCmFFpS8-02Wwy' 'strict-dynamic'".\n The action has been blocked.`,
      { directive: 'script-src', blockedURI: 'eval', disposition: 'enforce' },
    ],
    [
      `Applying inline style violates the following Content Security Policy directive 'style-src 'self''. Either the 'unsafe-inline' keyword, a hash ('sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='), or a nonce ('nonce-...') is required to enable inline execution. The action has been blocked.`,
      { directive: 'style-src', blockedURI: 'inline', disposition: 'enforce' },
    ],
    [
      `Refused to load the script 'https://cdn.example/a.js' because it violates the following Content Security Policy directive: "script-src 'self'". Note that 'script-src-elem' was not explicitly set, so 'script-src' is used as a fallback.`,
      { directive: 'script-src', blockedURI: 'https://cdn.example/a.js', disposition: 'enforce' },
    ],
    [
      `[Report Only] Refused to execute inline script because it violates the following Content Security Policy directive: "script-src 'self'". Either the 'unsafe-inline' keyword, a hash ('sha256-abc='), or a nonce ('nonce-...') is required to enable inline execution.`,
      { directive: 'script-src', blockedURI: 'inline', disposition: 'report' },
    ],
    [
      `Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: "script-src 'self'".`,
      { directive: 'script-src', blockedURI: 'eval', disposition: 'enforce' },
    ],
    [
      `Refused to connect to 'wss://live.example/socket' because it violates the following Content Security Policy directive: "default-src 'self'". Note that 'connect-src' was not explicitly set, so 'default-src' is used as a fallback.`,
      { directive: 'default-src', blockedURI: 'wss://live.example/socket', disposition: 'enforce' },
    ],
  ])('%s', (text, expected) => {
    expect(parseConsoleViolation(text)).toEqual(expected);
  });

  it('reads nothing into other messages', () => {
    for (const text of [
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
      "Refused to execute script from 'https://a.example/x' because its MIME type ('text/plain') is not executable",
      'the following Content Security Policy directive',
      '',
    ])
      expect(parseConsoleViolation(text), text).toBeUndefined();
  });
});
