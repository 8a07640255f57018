import express from 'express';
import { secure, type SecureOptions } from '../../middleware/index.js';

/** What the rollout test's shop is at each step of docs/csp-rollout.md. */
export interface RolloutShopOptions {
  /** 1: an inline onclick handler (what `csp draft` says must change); 2: the handler moved into the page's script. */
  version: 1 | 2;
  /** secure()'s options; the default sends no policy at all, the guide's starting point. */
  secure?: SecureOptions;
  /** What the shop gained after the draft: a banner from an image host, a widget from a third party. */
  added?: { images: string; widget: string };
}

/** The 1×1 PNG of the shop's logo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A small shop for the rollout test: `/` has a logo, a button and an inline script, `/about` a
 * script file of its own, `/search` reflects its query unescaped (the injection the enforced
 * policy must stop). Scripts carry `res.locals.cspNonce` when secure() makes one.
 *
 * @example
 * createRolloutShop({ version: 2, secure: { contentSecurityPolicy: false } }).listen(3000);
 */
export function createRolloutShop(options: RolloutShopOptions): express.Express {
  const shop = express();
  shop.use(secure(options.secure ?? { contentSecurityPolicy: false, logger: { warn() {} } }));
  const nonce = (res: express.Response) =>
    typeof res.locals.cspNonce === 'string' ? ` nonce="${res.locals.cspNonce}"` : '';
  const page = (res: express.Response, title: string, body: string) =>
    res.send(`<!doctype html><html lang="en"><head><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/search?q=shoes">Search</a></nav>
${body}</body></html>`);
  shop.get('/static/logo.png', (_req, res) => res.type('png').send(PNG));
  shop.get('/static/about.js', (_req, res) =>
    res.type('js').send("document.getElementById('team').textContent = 'We are three';"),
  );
  shop.get('/', (_req, res) => {
    const button =
      options.version === 1
        ? '<button id="buy" onclick="document.title = \'bought\'">Buy</button>'
        : '<button id="buy">Buy</button>';
    const listener =
      options.version === 1
        ? ''
        : "document.getElementById('buy').addEventListener('click', () => { document.title = 'bought'; });";
    const banner = options.added ? `<img id="banner" src="${options.added.images}/banner.png" alt="">` : '';
    page(
      res,
      'Shop',
      `<img id="logo" src="/static/logo.png" alt="logo">${banner}${button}
<script${nonce(res)}>window.shop = 'ready';${listener}</script>`,
    );
  });
  shop.get('/about', (_req, res) => {
    const widget = options.added ? `<script src="${options.added.widget}/widget.js"></script>` : '';
    page(res, 'About', `<p id="team"></p><script${nonce(res)} src="/static/about.js"></script>${widget}`);
  });
  shop.get('/search', (req, res) => {
    // Unescaped on purpose: the reflected injection the enforced policy has to stop.
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    page(res, 'Search', `<p>Results for ${q}</p>`);
  });
  return shop;
}
