import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProject, installedVersion as version, packPackage, sh } from './helpers/pack.js';

/** The test a user would write: supertest on an Express app, matchers on the response and the app. */
const APP = `
  const app = express();
  app.use(secure());
  app.get('/', (req, res) => { res.cookie('sid', 'abc'); res.send('<p>hi</p>'); });
  app.post('/', (req, res) => res.send('ok'));
`;
const TEST_BODY = `
  it('is hardened', async () => {
    const res = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    expect(res).toHaveHsts();
    expect(res).toDenyFraming();
    expect(res).toHaveSecureSessionCookie('sid');
    expect(res).toHaveCsp({ strict: true });
    await expect(app).toBeProtectedFromCsrf();
    await expect(app).toPassSecurityChecks();
  });
  it('fails a bare app with a message that names the fix', async () => {
    const bare = express();
    bare.get('/', (req, res) => res.send('x'));
    const res = await request(bare).get('/');
    expect(() => expect(res).toHaveHsts()).toThrow(/HSTS_MISSING[\\s\\S]*import { hsts } from 'checksecure\\/middleware'/);
  });
`;

describe('the packed package, installed into fresh projects', () => {
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'checksecure-pack-'));
    tarball = await packPackage(work);
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('contains the built entry points and no sources or tests', async () => {
    const list = await sh('tar', ['tzf', tarball], work);
    const files = list.output.split('\n');
    for (const entry of [
      'index',
      'middleware',
      'matchers',
      'vitest',
      'jest',
      'fastify',
      'fetch',
      'koa',
      'hapi',
    ]) {
      expect(files).toContain(`package/dist/lib/${entry}.js`);
      expect(files).toContain(`package/dist/lib/${entry}.cjs`);
    }
    expect(files.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);
  });

  it('an ESM project with Vitest runs a supertest test with the matchers', async () => {
    const dir = path.join(work, 'esm-vitest');
    const installed = await installProject(dir, {
      name: 'esm-vitest-user',
      private: true,
      type: 'module',
      dependencies: {
        checksecure: `file:${tarball}`,
        express: await version('express'),
        supertest: await version('supertest'),
        vitest: await version('vitest'),
      },
    });
    await writeFile(
      path.join(dir, 'vitest.config.js'),
      "export default { test: { setupFiles: ['checksecure/vitest'] } };\n",
    );
    await writeFile(
      path.join(dir, 'app.test.js'),
      `import express from 'express';\nimport request from 'supertest';\nimport { describe, expect, it } from 'vitest';\nimport { secure } from 'checksecure/middleware';\n${APP}\ndescribe('my app', () => {${TEST_BODY}});\n`,
    );
    expect(installed).not.toMatch(/ERR!/);
    const test = await sh(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], dir);
    expect(test.output).toMatch(/Tests\s+2 passed/);
    expect(test.code).toBe(0);
  }, 300_000);

  it('a CommonJS project with Jest runs a supertest test with the matchers', async () => {
    const dir = path.join(work, 'cjs-jest');
    const installed = await installProject(dir, {
      name: 'cjs-jest-user',
      private: true,
      dependencies: {
        checksecure: `file:${tarball}`,
        express: await version('express'),
        supertest: await version('supertest'),
        jest: await version('jest'),
      },
      jest: { testEnvironment: 'node', setupFilesAfterEnv: ['checksecure/jest'] },
    });
    await writeFile(
      path.join(dir, 'app.test.js'),
      `const express = require('express');\nconst request = require('supertest');\nconst { secure } = require('checksecure/middleware');\n${APP}\ndescribe('my app', () => {${TEST_BODY.replaceAll('it(', 'test(')}});\n`,
    );
    expect(installed).not.toMatch(/ERR!/);
    const test = await sh(process.execPath, ['node_modules/jest/bin/jest.js', '--ci'], dir);
    expect(test.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(test.code).toBe(0);
  }, 300_000);
});
