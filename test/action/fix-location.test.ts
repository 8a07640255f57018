import { describe, expect, it } from 'vitest';
import { composingLine } from '../../src/action/fix-location.js';

describe('the line that composes the app', () => {
  it.each([
    ["import express from 'express';\n\nconst app = express();", 3],
    ["const fastify = require('fastify');\nconst app = fastify({ logger: true });", 2],
    ["import Koa from 'koa';\nconst app = new Koa();", 2],
    ["import { Hono } from 'hono';\nexport const app = new Hono();", 2],
    ["import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });", 2],
    ["const Hapi = require('@hapi/hapi');\nconst server = new Hapi.Server();", 2],
    ["import http from 'node:http';\nhttp.createServer(handler).listen(3000);", 2],
  ])('is found in %j', (text, line) => {
    expect(composingLine(text)?.line).toBe(line);
  });

  it('is not found in comments or where no app is composed', () => {
    expect(composingLine('// const app = express();\n/* new Koa() */\nexport const x = 1;')).toBeUndefined();
  });

  it.each([
    'export const db = await mongoose.connect(process.env.DB_URL);',
    'const client = await redis.connect();',
    "const proxy = net.createServer((socket) => socket.end('x'));",
    'const app = myExpress();',
  ])('is not taken from a call that composes no HTTP app: %s', (text) => {
    expect(composingLine(text)).toBeUndefined();
  });

  it.each([
    ["import { createServer } from 'node:http';\ncreateServer(app).listen(3000);", 2],
    ["import https from 'node:https';\nhttps.createServer(options, app);", 2],
    ["import http2 from 'node:http2';\nhttp2.createSecureServer(options, app);", 2],
    ["import connect from 'connect';\nconst app = connect();", 2],
  ])('is found for node:http servers and Connect: %j', (text, line) => {
    expect(composingLine(text)?.line).toBe(line);
  });
});
