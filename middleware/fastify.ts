import type { FastifyPluginCallback } from 'fastify';
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
    if (applyNode(engine, request.raw, reply.raw, false)) {
      reply.hijack();
      return next();
    }
    const nonce = (request.raw as SecureRequest).cspNonce;
    if (nonce !== undefined) request.cspNonce = nonce;
    next();
  });
  done();
};

// What fastify-plugin would set, without the package (the adapters load nothing but Node). Fastify
// reads these marks when the plugin registers: skip-override runs it in the caller's context, so
// its hook covers the caller's routes and not only the plugin's own; the name is what
// `hasPlugin()` and other plugins' `dependencies` see; plugin-meta's range makes an older Fastify
// refuse it with FST_ERR_PLUGIN_VERSION_MISMATCH. fastify-plugin's `default` and camelCase
// self-references are left out: they serve packages that export the plugin as module.exports.
const meta = { fastify: '>=4', name: 'checksecure' };
Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: meta.name,
  [Symbol.for('plugin-meta')]: meta,
});

/**
 * secure() as a Fastify plugin: the same parts and options, applied in an onRequest hook to every
 * route of the instance. The nonce is `request.cspNonce`.
 *
 * @example
 * import { secure } from 'checksecure/fastify';
 * await app.register(secure, { allowedHosts: ['example.com'] });
 */
export const secure: FastifyPluginCallback<SecureOptions> = plugin;

export type { SecureOptions };
