import express from 'express';

/**
 * A small shop with the mistakes real Express apps ship: no security headers, a hand-rolled
 * session cookie, a form without CSRF protection, CORS that trusts everyone, links built from
 * the Host header, and Express's development error pages. `npm start` scans it.
 */
export const app = express();

app.use(express.json());
app.use(express.urlencoded({ extended: false }));

// "Let the frontend on any domain call us" — with cookies.
app.use((req, res, next) => {
  if (req.headers.origin) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

// Half-remembered hardening from an old blog post.
app.use((_req, res, next) => {
  res.setHeader('X-Frame-Options', 'ALLOW-FROM https://partner.example');
  res.setHeader('X-XSS-Protection', '1; mode=block');
  res.setHeader('Referrer-Policy', 'unsafe-url');
  res.setHeader('Content-Security-Policy', "default-src 'self' 'unsafe-inline' https:");
  next();
});

const page = (title: string, body: string) => `<!doctype html>
<html><head><title>${title}</title>
<script src="https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js"></script>
<script>window.analytics = [];</script>
</head><body>${body}</body></html>`;

app.get('/', (req, res) => {
  res.cookie('shop_session', 'u-42', { path: '/' });
  res.send(page('Shop', `<a href="//${req.get('host')}/login">Log in</a>`));
});

app.get('/login', (req, res) => {
  const reset = `https://${req.get('x-forwarded-host') ?? req.get('host')}/reset`;
  res.send(
    page(
      'Log in',
      `<form method="post" action="/login"><input name="user"></form><a href="${reset}">Forgot?</a>`,
    ),
  );
});

app.post('/login', (_req, res) => {
  res.cookie('shop_session', 'u-42', { path: '/' });
  res.redirect(303, '/account');
});

app.get('/account', (_req, res) => {
  res.send(page('Your account', '<p>Card ending 4242</p>'));
});

app.get('/orders/:id', (req, res) => {
  res.send(page('Order', `<p>Order ${req.params.id}</p>`));
});

// "Show the error so we can debug it" — the Node.js DEBUG=True.
app.use(
  (
    error: Error & { status?: number },
    _req: express.Request,
    res: express.Response,
    _next: express.NextFunction,
  ) => {
    res
      .status(error.status ?? 500)
      .type('text/plain')
      .send(error.stack);
  },
);
