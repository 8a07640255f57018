import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { compile } from './engine.js';
import { applyNode } from './node-adapter.js';
import { partsOf } from './part.js';
import { secure as secureMiddleware, type SecureOptions } from './secure.js';
import type { SecureRequest } from './types.js';

// On the request only: @fastify/helmet declares reply.cspNonce with another type, and a
// project may have both installed while it moves from one to the other.
declare module 'fastify' {
  interface FastifyRequest {
    /** The CSP nonce of this request, for `<script nonce>` in templates. */
    cspNonce?: string;
  }
}

const plugin: FastifyPluginCallback<SecureOptions> = (fastify, options, done) => {
  let engine;
  try {
    // Options are validated here, at register time, with the same messages as secure().
    engine = compile(partsOf(secureMiddleware(options)) ?? []);
  } catch (error) {
    done(error as Error);
    return;
  }
  fastify.decorateRequest('cspNonce', undefined);
  fastify.addHook('onRequest', (request, reply, next) => {
    // The raw response carries the headers: Node merges them with Fastify's own at writeHead,
    // and Set-Cookie lines are hardened there too, however Fastify writes them.
    if (applyNode(engine!, request.raw, reply.raw, false)) {
      reply.hijack();
      return next();
    }
    const nonce = (request.raw as SecureRequest).cspNonce;
    if (nonce !== undefined) request.cspNonce = nonce;
    next();
  });
  done();
};

/**
 * secure() as a Fastify plugin: the same parts and options, applied in an onRequest hook to every
 * route of the instance. The nonce is `request.cspNonce`.
 *
 * @example
 * import { secure } from 'checksecure/fastify';
 * await app.register(secure, { allowedHosts: ['example.com'] });
 */
export const secure = fp(plugin, { fastify: '>=4', name: 'checksecure' });

export type { SecureOptions };
