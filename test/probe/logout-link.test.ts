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
  ])('%s is an ordinary page', (path) => {
    expect(isLogoutLink(at(path))).toBe(false);
  });
});
