import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ConfigError, describeError } from '../../core/errors.js';

/** Where a Chromium usually is when nobody says: Debian's and Ubuntu's packages, then Chrome. */
const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const HOW =
  'npm i -D playwright-core, then apt-get install chromium or npx playwright install chromium (or pass --browser PATH, or set CHROMIUM_PATH)';

/**
 * Starts a headless Chromium through playwright-core, an optional peer dependency loaded only
 * here: importing checksecure, or any other command, never loads it. `browser` (--browser), then
 * CHROMIUM_PATH, then a system Chromium, then playwright's own download. Whatever is missing is
 * one ConfigError line that says how to get it.
 *
 * @example
 * const browser = await launchChromium(undefined, process.env);
 */
export async function launchChromium(
  browser: string | undefined,
  env: Record<string, string | undefined>,
): Promise<Browser> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new ConfigError(
      `csp draft needs playwright-core and a Chromium, and playwright-core is not installed: ${HOW}`,
    );
  }
  const named = browser ?? (env.CHROMIUM_PATH || undefined);
  let executablePath: string | undefined;
  if (named !== undefined) {
    if (!existsSync(named))
      throw new ConfigError(
        `${browser !== undefined ? '--browser' : 'CHROMIUM_PATH'}: ${named} does not exist; to get a Chromium: ${HOW}`,
      );
    executablePath = named;
  } else {
    executablePath = SYSTEM_BROWSERS.find((file) => existsSync(file));
    if (executablePath === undefined) {
      const own = playwright.chromium.executablePath();
      if (own && existsSync(own)) executablePath = own;
    }
  }
  if (executablePath === undefined)
    throw new ConfigError(`csp draft needs a Chromium and found none: ${HOW}`);
  try {
    return await playwright.chromium.launch({
      executablePath,
      // Root in a container has no sandbox to enter; the pages are the user's own site.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
    });
  } catch (error) {
    throw new ConfigError(
      `csp draft: ${executablePath} did not start as a headless Chromium (${describeError(error).split('\n')[0]}); ${HOW}`,
      { cause: error },
    );
  }
}
