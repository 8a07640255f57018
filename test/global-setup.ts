import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Builds dist/ once before the tests that spawn the built CLI or load the package by name, and
 * gives the run a temporary folder of its own: the workers, and every process they start, take
 * TMPDIR from here, so the folders the tests make (an Action's workspace, a bundle, a browser's
 * profile) go in it and leave with it. Without it each run left hundreds of folders in /tmp.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await promisify(execFile)('npx', ['tsdown'], { cwd: new URL('..', import.meta.url).pathname });
  const root = await mkdtemp(path.join(tmpdir(), 'checksecure-test-'));
  process.env.TMPDIR = root;
  return () => rm(root, { recursive: true, force: true });
}
