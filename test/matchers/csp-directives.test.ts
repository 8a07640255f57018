import { stripVTControlCharacters } from 'node:util';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';

/** An app that sends exactly this policy on its page. */
const pageWith = async (policy: string) => {
  const app = express();
  app.get('/', (_req, res) => {
    res.setHeader('Content-Security-Policy', policy);
    res.send('<!doctype html><p>hi</p>');
  });
  return request(app).get('/');
};

const failure = (assertion: () => unknown) => {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion did not fail');
};

describe('toHaveCsp directives follow the CSP fallback rules, as browsers do', () => {
  it("judges img-src by default-src when the policy has only default-src 'self'", async () => {
    const res = await pageWith("default-src 'self'; object-src 'none'; base-uri 'none'");
    expect(res).toHaveCsp({ directives: { 'img-src': ["'self'"], connectSrc: ["'self'"] } });
    expect(res).toHaveCsp({ directives: { 'script-src-elem': ["'self'"], 'worker-src': ["'self'"] } });
    expect(res).toHaveCsp({ directives: { fontSrc: [] } });
    expect(res).not.toHaveCsp({ directives: { 'img-src': ['https://cdn.example'] } });
    expect(
      failure(() => expect(res).toHaveCsp({ directives: { imgSrc: ['https://cdn.example'] } })),
    ).toContain('  - img-src (through default-src) does not list https://cdn.example\n');
  });

  it('takes the nearest directive that is set: script-src for script-src-elem, child-src for frames', async () => {
    const res = await pageWith(
      "default-src 'none'; script-src 'self' https://cdn.example; child-src https://embed.example; object-src 'none'; base-uri 'none'",
    );
    expect(res).toHaveCsp({ directives: { 'script-src-elem': ['https://cdn.example'] } });
    expect(res).toHaveCsp({ directives: { 'frame-src': ['https://embed.example'] } });
    expect(res).toHaveCsp({ directives: { 'worker-src': ['https://embed.example'] } });
    expect(res).not.toHaveCsp({ directives: { 'img-src': ["'self'"] } });
  });

  it('lets a directive that is set override default-src', async () => {
    const res = await pageWith("default-src 'self'; img-src data:; object-src 'none'; base-uri 'none'");
    expect(res).not.toHaveCsp({ directives: { 'img-src': ["'self'"] } });
    expect(res).toHaveCsp({ directives: { 'img-src': ['data:'] } });
  });

  it('does not fall back for frame-ancestors, form-action or base-uri', async () => {
    const res = await pageWith("default-src 'self'; object-src 'none'; base-uri 'none'");
    expect(failure(() => expect(res).toHaveCsp({ directives: { 'frame-ancestors': ["'self'"] } }))).toContain(
      '  - frame-ancestors is not set\n',
    );
    expect(res).not.toHaveCsp({ directives: { 'form-action': ["'self'"] } });
  });

  it('says what it fell back through when nothing is set', async () => {
    const res = await pageWith("script-src 'self'; object-src 'none'; base-uri 'none'");
    expect(failure(() => expect(res).toHaveCsp({ directives: { 'img-src': [] } }))).toContain(
      '  - img-src is not set, nor default-src\n',
    );
  });

  it('compares keywords and hosts in any case, as browsers do', async () => {
    const res = await pageWith("default-src 'SELF' HTTPS://CDN.EXAMPLE; object-src 'NONE'; base-uri 'none'");
    expect(res).toHaveCsp({
      directives: { 'object-src': ["'none'"], 'img-src': ["'self'", 'https://cdn.example'] },
    });
  });
});
