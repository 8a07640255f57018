import { main } from '../../src/cli/main.js';
import { ROOT } from './cli.js';

/** Runs the command line in-process (the browser tests' CLI runs take seconds, not a spawn each). */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd: ROOT,
  });
  return { code, stdout, stderr, ms: Date.now() - started };
}
