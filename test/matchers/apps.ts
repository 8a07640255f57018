import express from 'express';
import { errorHandler, secure } from '../../middleware/index.js';

/** An app with every protection, and one with none: the matchers' pass and fail subjects. */
export function hardenedApp() {
  const app = express();
  app.use(secure({ cspReport: true }));
  app.use(express.urlencoded({ extended: false }));
  app.get('/', (_req, res) => {
    res.cookie('connect.sid', 's%3Aabc');
    res.send(`<!doctype html><script nonce="${res.locals.cspNonce}">1</script>`);
  });
  app.post('/', (_req, res) => res.redirect(303, '/'));
  app.use(errorHandler({ logger: { error() {}, warn() {} } }));
  return app;
}

export function bareApp() {
  const app = express();
  app.get('/', (_req, res) => {
    res.setHeader('Strict-Transport-Security', 'max-age=300');
    res.setHeader('Server', 'nginx/1.25.3');
    res.setHeader('Referrer-Policy', 'unsafe-url');
    res.setHeader('Permissions-Policy', 'camera=*');
    res.setHeader('Content-Security-Policy', "script-src 'self' 'unsafe-inline' https:");
    res.cookie('connect.sid', 's%3Aabc');
    res.send('<!doctype html><p>bare</p>');
  });
  app.post('/', (_req, res) => res.redirect(303, '/'));
  return app;
}
