import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const CLI = path.join(ROOT, 'dist/lib/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Spawns the built CLI as a user would, with stdout and stderr piped (so no colour). */
export function cli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH ?? '', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

/** A scratch directory inside the repository, so that `import 'checksecure'` resolves there. */
export async function scratch(files: Record<string, string> = {}): Promise<string> {
  await mkdir(path.join(ROOT, 'test/.tmp'), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, 'test/.tmp/cli-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}
