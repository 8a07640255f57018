import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, scratch } from '../helpers/cli.js';

interface JsonWarning {
  code: string;
  fix?: { middleware: string; snippet: string };
}

/**
 * A CommonJS project of its own (package.json without "type": "module"), with checksecure
 * installed as a consumer's node_modules has it: its require() gets the package's CommonJS build.
 */
async function commonJsProject(files: Record<string, string>): Promise<string> {
  const dir = await scratch({ 'package.json': '{"name":"cjs-shop","private":true}', ...files });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(ROOT, path.join(dir, 'node_modules/checksecure'), 'dir');
  return dir;
}

async function fixFor(dir: string, app: string, code: string): Promise<string> {
  const run = await cli(['--app', app, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
  expect(run.stderr).toBe('');
  const warning = (JSON.parse(run.stdout).warnings as JsonWarning[]).find((w) => w.code === code);
  expect(warning?.fix).toBeDefined();
  return warning!.fix!.snippet;
}

async function codesOf(dir: string, app: string): Promise<string[]> {
  const run = await cli(['--app', app, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout).warnings as JsonWarning[]).map((w) => w.code);
}

const expressApp = (fix: string) =>
  `const express = require('express');\nconst app = express();\n${fix}\napp.get('/', (_req, res) => { res.send('<p>hi</p>'); });\nmodule.exports = app;\n`;
const fastifyApp = (fix: string) =>
  `const Fastify = require('fastify');\nconst app = Fastify();\n${fix}\napp.get('/', async (_req, reply) => reply.type('text/html').send('<p>hi</p>'));\nmodule.exports = app;\n`;

describe('fix snippets in a CommonJS project require() what they use (issue 19)', () => {
  it('an Express app: the snippet, pasted as given, runs and fixes the finding', async () => {
    const dir = await commonJsProject({ 'app.js': expressApp('') });
    const snippet = await fixFor(dir, 'app.js', 'HSTS_MISSING');
    expect(snippet).toMatch(/^const \{ hsts \} = require\('checksecure\/middleware'\);\n\napp\.use\(hsts\(/);
    expect(snippet).not.toMatch(/^import /m);
    await writeFile(path.join(dir, 'fixed.js'), expressApp(snippet));
    expect(await codesOf(dir, 'fixed.js')).not.toContain('HSTS_MISSING');
  });

  it("a Fastify app: the adapter's snippet without a top-level await (a SyntaxError in CommonJS)", async () => {
    const dir = await commonJsProject({ 'app.js': fastifyApp('') });
    const snippet = await fixFor(dir, 'app.js', 'HSTS_MISSING');
    expect(snippet).toMatch(
      /^const \{ secure \} = require\('checksecure\/fastify'\);\n\napp\.register\(secure/,
    );
    await writeFile(path.join(dir, 'fixed.js'), fastifyApp(snippet));
    expect(await codesOf(dir, 'fixed.js')).not.toContain('HSTS_MISSING');
  });

  it('--explain and -v 2 in that project, and an .mjs module in it still imports', async () => {
    const dir = await commonJsProject({
      'app.js': expressApp(''),
      'esm.mjs': "import express from 'express';\nconst app = express();\nexport default app;\n",
    });
    const explain = await cli(['--explain', 'HSTS_MISSING'], { cwd: dir });
    expect(explain.stdout).toContain("    const { hsts } = require('checksecure/middleware');\n");
    const text = await cli(['--app', 'app.js', '-v', '2'], { cwd: dir });
    expect(text.stdout).toContain("const { hidePoweredBy } = require('checksecure/middleware');");
    expect(text.stdout).not.toContain("import { hidePoweredBy } from 'checksecure/middleware';");
    const esm = await cli(['--app', 'esm.mjs', '-v', '2'], { cwd: dir });
    expect(esm.stdout).toContain("import { hidePoweredBy } from 'checksecure/middleware';");
  });

  it('an ES module project, or a TypeScript one, keeps import', async () => {
    const esm = await scratch({ 'package.json': '{"type":"module"}' });
    expect((await cli(['--explain', 'HSTS_MISSING'], { cwd: esm })).stdout).toContain(
      "import { hsts } from 'checksecure/middleware';",
    );
    const typescript = await scratch({ 'package.json': '{}', 'tsconfig.json': '{}' });
    expect((await cli(['--explain', 'HSTS_MISSING'], { cwd: typescript })).stdout).toContain(
      "import { hsts } from 'checksecure/middleware';",
    );
  });
});
