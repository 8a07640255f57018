import { randomBytes } from 'node:crypto';
import express from 'express';
import session from 'express-session';
import type { CsrfTokenContext } from '../../src/core/types.js';

/** What the shop's POST handler saw: where the request came from, its cookies and its token. */
export interface SeenPost {
  site: string | undefined;
  cookie: string | undefined;
  token: string | undefined;
}

/**
 * A shop with the synchronizer-token defence csurf and lusca give (no token middleware is
 * installed here): the form page puts the session's token in a hidden field, and a POST without
 * it is refused with 403. With `checksToken: false` it is the same shop with the check removed.
 */
export function tokenShop({ checksToken }: { checksToken: boolean }) {
  const seen: SeenPost[] = [];
  let transfers = 0;
  const app = express();
  app.use(session({ secret: 'test', resave: false, saveUninitialized: true }));
  app.use(express.urlencoded({ extended: false }));
  const tokenOf = (req: express.Request) => req.session as unknown as { csrf?: string };
  app.get('/transfer', (req, res) => {
    tokenOf(req).csrf ??= randomBytes(16).toString('hex');
    res.send(
      `<form method="post"><input type="hidden" name="_csrf" value="${tokenOf(req).csrf}"><button>Send</button></form>`,
    );
  });
  app.post('/transfer', (req, res) => {
    const token = (req.body as { _csrf?: string })._csrf;
    seen.push({ site: req.get('sec-fetch-site'), cookie: req.get('cookie'), token });
    const expected = tokenOf(req).csrf;
    if (checksToken && (expected === undefined || token !== expected))
      return void res.status(403).send('invalid csrf token');
    res.redirect(303, `/transfers/${++transfers}`);
  });
  return { app, seen };
}

/** The token function a user of this shop writes: GET the form page, read the hidden field. */
export async function shopToken({ get }: CsrfTokenContext) {
  const page = await get('/transfer');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (token === undefined) throw new Error(`no _csrf field on /transfer (${page.status})`);
  return { form: { _csrf: token } };
}
