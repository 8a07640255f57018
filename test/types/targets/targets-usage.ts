// What a user passes to scan() and runChecks(): every target kind docs/api.md lists compiles, with
// the frameworks' own types; a misspelt or wrong-typed shape does not (each @ts-expect-error
// line must be an error, or tsc fails on the unused directive).
import http from 'node:http';
import Hapi from '@hapi/hapi';
import axios from 'axios';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import type { APIResponse } from 'playwright-core';
import supertest from 'supertest';
import { request as undiciRequest } from 'undici';
import { runChecks, scan, type Target } from 'checksecure';

declare const playwright: APIResponse;

export async function accepted(): Promise<void> {
  const app = express();
  const targets: Target[] = [
    'https://staging.example.com',
    new URL('https://staging.example.com'),
    { url: 'https://staging.example.com' },
    { url: new URL('https://staging.example.com') },
    app,
    { app },
    (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('ok'),
    http.createServer(app),
    Fastify(),
    new Koa(),
    Hapi.server(),
    new Hono(),
    { fetch: (request: Request) => new Response(request.url) },
    (request: Request) => new Response(request.url),
    { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' },
    { url: 'https://example.com/', status: 200, headers: new Headers() },
    { response: { status: 200, headers: {} } },
    playwright,
  ];
  await scan((req, res) => res.end(String(req.url)));
  await scan(await supertest(app).get('/'));
  await scan(await fetch('https://staging.example.com'));
  await scan(await undiciRequest('https://staging.example.com'));
  await scan(await axios.get('https://staging.example.com'));
  for (const target of targets) await runChecks(target);
}

export async function refused(): Promise<void> {
  // @ts-expect-error a misspelt url
  await scan({ ur: 'https://staging.example.com' });
  // @ts-expect-error a misspelt fetch
  await scan({ fecth: (request: Request) => new Response(request.url) });
  // @ts-expect-error the url is a string or URL
  await scan({ url: 42 });
  // @ts-expect-error fetch is a handler, not a URL
  await runChecks({ fetch: 'https://staging.example.com' });
  // @ts-expect-error { app } is the app itself, not its module's path (that is the CLI's --app)
  await scan({ app: './src/app.ts' });
  // @ts-expect-error an empty object is no target
  await scan({});
  // @ts-expect-error nor is a number
  await scan(3000);
  // @ts-expect-error a response has a numeric status
  await scan({ status: '200', headers: {} });
}
