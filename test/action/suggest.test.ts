import { describe, expect, it } from 'vitest';
import { suggestionFor } from '../../src/action/suggest.js';

const at = (text: string) => ({ file: 'src/app.js', line: 3, text });

describe('the one-click suggestion for the line that composes the app', () => {
  it('mounts secure() from the adapter of the framework, in the module system of the file', () => {
    expect(suggestionFor(at('const app = express();'), "import express from 'express';")).toBe(
      "import { secure } from 'checksecure/middleware';\nconst app = express();\napp.use(secure());",
    );
    expect(
      suggestionFor(at('  const server = Fastify({ logger: true });'), "const Fastify = require('fastify');"),
    ).toBe(
      "const { secure } = require('checksecure/fastify');\n  const server = Fastify({ logger: true });\n  server.register(secure);",
    );
    expect(suggestionFor(at('const app = new Koa();'), "import Koa from 'koa';")).toBe(
      "import { secure } from 'checksecure/koa';\nconst app = new Koa();\napp.use(secure());",
    );
    expect(suggestionFor(at('const web = new Koa();'), "const Koa = require('koa');")).toBe(
      "const { secure } = require('checksecure/koa');\nconst web = new Koa();\nweb.use(secure());",
    );
  });

  it('suggests nothing when checksecure is already imported, or for an app it has no one-line mount for', () => {
    expect(
      suggestionFor(at('const app = new Koa();'), "import { secure } from 'checksecure/koa';"),
    ).toBeUndefined();
    expect(suggestionFor(at('const app = new Hono();'), "import { Hono } from 'hono';")).toBeUndefined();
  });
});
