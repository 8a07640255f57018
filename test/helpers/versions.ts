import { createRequire } from 'node:module';
import type express from 'express';
import type Fastify from 'fastify';
import type Koa from 'koa';

const require = createRequire(import.meta.url);

// The previous majors, still behind most installs: the middleware leans on how Express swaps
// prototypes, how Fastify writes its head and how Koa answers errors, so both majors run the
// same tests.
/** Express 4, beside the Express 5 the tests import. */
export const express4 = require('express4') as typeof express;
/** Fastify 4, beside the Fastify 5 the tests import. */
export const fastify4 = require('fastify4') as typeof Fastify;
/** Koa 2, beside the Koa 3 the tests import. */
export const koa2 = require('koa2') as typeof Koa;
