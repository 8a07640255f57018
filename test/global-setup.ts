import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Builds dist/ once before the tests that spawn the built CLI or load the package by name. */
export default async function setup(): Promise<void> {
  await promisify(execFile)('npx', ['tsdown'], { cwd: new URL('..', import.meta.url).pathname });
}
