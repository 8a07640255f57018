/** CHECKS.md: without configured names, a cookie is a session cookie when its name says so. */
export const SESSION_COOKIE_NAME = /sess|sid|login|auth/i;

/** The rule the checker and the `sessionCookie()` middleware share. */
export function sessionCookieMatcher(names?: readonly string[]): (name: string) => boolean {
  if (names) {
    const set = new Set(names);
    return (name) => set.has(name);
  }
  return (name) => SESSION_COOKIE_NAME.test(name);
}
