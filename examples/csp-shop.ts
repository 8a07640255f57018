import express from 'express';
import { secure, type ContentSecurityPolicyOptions, type CspViolation } from '../middleware/index.js';

/** What the shop is built with: the policy to send, and where violation reports go. */
export interface CspShopOptions {
  /** secure()'s contentSecurityPolicy; its strict preset when absent. */
  contentSecurityPolicy?: ContentSecurityPolicyOptions;
  /** Receives every report browsers send to the shop's cspReport endpoint. */
  onReport?: (report: CspViolation) => void;
}

const page = (nonce: string, title: string, body: string) => `<!doctype html>
<html><head><title>${title}</title>
<link rel="stylesheet" href="/static/shop.css">
<script nonce="${nonce}" src="/static/shop.js"></script>
</head><body>
<nav><a href="/">Home</a> <a href="/products">Products</a> <a href="/search?q=shoes">Search</a> <a href="/checkout">Checkout</a></nav>
${body}
</body></html>`;

/**
 * A shop served by secure(), whose pages use what a CSP governs: a nonced inline script and a
 * nonced script file that fetches the cart and starts a worker, a nonced <style>, a stylesheet,
 * an image, a frame of its own, and a form. `/search` writes the query into the page unescaped,
 * on purpose: it is the injection the drafted policy must block (`csp draft` proofs in
 * test/browser/csp-draft-proof.browser.test.ts).
 *
 * @example
 * createShop({ contentSecurityPolicy: { preset: 'none', directives: { scriptSrc: ["'nonce'", "'strict-dynamic'"] } } }).listen(3000);
 */
export function createShop(options: CspShopOptions = {}): express.Express {
  const shop = express();
  shop.use(
    secure({
      ...(options.contentSecurityPolicy ? { contentSecurityPolicy: options.contentSecurityPolicy } : {}),
      cspReport: { ...(options.onReport ? { sink: options.onReport } : {}), rateLimit: false },
      // /products frames the shop's own /embed/reviews.
      frameGuard: { action: 'sameorigin' },
    }),
  );
  const nonceOf = (res: express.Response) => String(res.locals.cspNonce);
  shop.get('/static/shop.css', (_req, res) => {
    res.type('text/css').send('nav a { margin-right: 1em; }');
  });
  shop.get('/static/shop.js', (_req, res) => {
    res
      .type('text/javascript')
      .send(
        "fetch('/api/cart').then((r) => r.json()).then((cart) => { window.cart = cart; });\nif (window.Worker) new Worker('/static/worker.js');",
      );
  });
  shop.get('/static/worker.js', (_req, res) => {
    res.type('text/javascript').send('self.postMessage(0);');
  });
  shop.get('/static/logo.svg', (_req, res) => {
    res.type('image/svg+xml').send('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
  });
  shop.get('/api/cart', (_req, res) => {
    res.json({ items: 0 });
  });
  shop.get('/', (_req, res) => {
    const nonce = nonceOf(res);
    res.send(
      page(
        nonce,
        'Shop',
        `<img src="/static/logo.svg" alt="logo"><button id="hello">Hello</button>
<script nonce="${nonce}">document.getElementById('hello').addEventListener('click', () => { document.title = 'hello'; });</script>`,
      ),
    );
  });
  shop.get('/products', (_req, res) => {
    const nonce = nonceOf(res);
    res.send(
      page(
        nonce,
        'Products',
        `<style nonce="${nonce}">.product { font-weight: bold; }</style><p class="product">Shoes</p>
<iframe src="/embed/reviews" title="reviews"></iframe>`,
      ),
    );
  });
  shop.get('/embed/reviews', (_req, res) => {
    res.send('<!doctype html><title>Reviews</title><p>Five stars</p>');
  });
  shop.get('/search', (req, res) => {
    // Unescaped on purpose: the reflected injection the policy has to stop.
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    res.send(page(nonceOf(res), 'Search', `<p>Results for ${q}</p>`));
  });
  shop.get('/checkout', (_req, res) => {
    res.send(
      page(nonceOf(res), 'Checkout', '<form method="post" action="/checkout"><button>Pay</button></form>'),
    );
  });
  shop.post('/checkout', (_req, res) => {
    res.redirect(303, '/');
  });
  return shop;
}

/** The shop with secure()'s strict preset, for `checksecure csp draft --app examples/csp-shop.ts`. */
export const app = createShop();
