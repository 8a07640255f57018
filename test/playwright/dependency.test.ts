import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as {
  packages: Record<
    string,
    { version: string; hasInstallScript?: boolean; dependencies?: Record<string, string> }
  >;
};

describe('@playwright/test, the peer of checksecure/playwright', () => {
  it('is an optional peer: a project without Playwright installs none', () => {
    expect(manifest.peerDependencies['@playwright/test']).toBeDefined();
    expect(manifest.peerDependenciesMeta['@playwright/test']).toEqual({ optional: true });
  });

  it('installs for development without running anything (no browser download), at the playwright-core version the browser tests use', () => {
    const chain = ['@playwright/test', 'playwright', 'playwright-core'].map(
      (name) => lock.packages[`node_modules/${name}`],
    );
    expect(chain.map((entry) => entry?.hasInstallScript ?? false)).toEqual([false, false, false]);
    // One playwright-core, so the runner drives the same client the browser tests use.
    expect(new Set(chain.map((entry) => entry?.version)).size).toBe(1);
    expect(Object.keys(lock.packages).filter((p) => /node_modules\/playwright-core$/.test(p))).toEqual([
      'node_modules/playwright-core',
    ]);
  });
});
