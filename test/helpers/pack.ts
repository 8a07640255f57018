import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './cli.js';

/** Runs a command to its end and resolves with its exit code and stdout+stderr, never rejecting. */
export function sh(
  cmd: string,
  args: string[],
  cwd: string,
  timeout = 240_000,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile(
      cmd,
      args,
      { cwd, timeout, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );
}

/** The version of a package installed in this repository, so that a fresh project gets the same one. */
export const installedVersion = async (name: string): Promise<string> =>
  JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;

/**
 * Packs the repository as `npm publish` would (dist/lib must be built) and returns the tarball's
 * path, so that tests judge what users install rather than the build tool's output folder.
 */
export async function packPackage(destination: string): Promise<string> {
  const packed = await sh('npm', ['pack', '--silent', '--pack-destination', destination], ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  return path.join(destination, packed.output.trim().split('\n').at(-1)!);
}

/**
 * Writes a project's package.json and runs `npm install` in it from the local cache where it can;
 * resolves with npm's output, for the caller to assert on (with `logLevel: 'warn'`, npm's warnings
 * too, EBADENGINE among them).
 */
export async function installProject(
  dir: string,
  packageJson: object,
  { logLevel = 'error' }: { logLevel?: 'error' | 'warn' } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(packageJson));
  const install = await sh(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', `--loglevel=${logLevel}`],
    dir,
  );
  return install.output;
}
