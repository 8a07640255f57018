import { describe, expect, it } from 'vitest';
import { isLogoutLink } from '../../src/probe/crawl/logout-link.js';

const at = (path: string) => new URL(path, 'https://shop.example');

describe('isLogoutLink', () => {
  it.each([
    '/logout',
    '/Logout/',
    '/account/log-out',
    '/users/sign_out',
    '/signoff.php',
    '/auth/logoff?next=/',
    '/?action=logout',
    '/session?do=sign-out&x=1',
    '/account/%6Cogout',
    '/end-session',
    '/oidc/endsession',
    '/connect/end_session?id_token_hint=x',
    '/signout',
    '/logoff',
    '/session/destroy',
    '/destroy-session',
    '/auth/logout',
    '/?logout=1',
    '/account/logout.php',
    '/deconnexion',
    '/compte/d%C3%A9connexion',
    '/konto/abmelden',
    '/exit',
    '/session/exit?to=/',
    '/integrations/github/disconnect',
    '/oauth/disconnect',
    // What Tomcat, Jetty and Spring serve as /logout, and a query the crawl sends decoded.
    '/logout;jsessionid=1',
    '/logout;',
    '/auth/logout;x',
    '/?action=log%6Fut',
  ])('%s ends the session: never followed', (path) => {
    expect(isLogoutLink(at(path))).toBe(true);
  });

  it.each([
    '/',
    '/login',
    '/blog/logging-outages',
    '/catalog/outdoor',
    '/signup',
    '/blog?tag=signal-off',
    '/%zz',
    '/log-outline',
    '/blog/session-ending-tips',
    '/sessions',
    '/weekend-sessions',
    '/friend-session',
    '/blog/destroying-myths',
    '/connexion',
    '/exits-and-entrances',
    '/disconnected-mode',
    '/connect',
  ])('%s is an ordinary page', (path) => {
    expect(isLogoutLink(at(path))).toBe(false);
  });
});
