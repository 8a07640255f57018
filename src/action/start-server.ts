import { spawn } from 'node:child_process';
import { Agent, request } from '../probe/undici-lite.js';
import { groupAlive, stopGroup } from './process-group.js';
import { hideCredentials } from '../config/url-credentials.js';

/** How the start command's shell ended. */
export interface ShellExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedServer {
  /**
   * Stops the command and every process it started (its whole process group, background jobs
   * included): SIGTERM, `graceMs`, then SIGKILL. Safe to call more than once.
   */
  stop(graceMs?: number): Promise<'exited' | 'killed' | 'stuck'>;
  /** What the command printed, stdout and stderr interleaved (the last `OUTPUT_KEPT` characters). */
  output(): string;
  /** Characters of output dropped from the front to keep it bounded. */
  dropped(): number;
  /**
   * Set once the command failed: its shell ended with a non-zero status or a signal. A shell that
   * exits 0 has not failed: it may have started `node srv.js &`, or a server that detached
   * itself (setsid, pm2, `docker compose up -d`) and answers soon.
   */
  failed(): ShellExit | undefined;
  /** The shell exited 0 and no process of its group runs: the server crashed or detached itself. */
  leftNothing(): boolean;
}

/** Enough for a server's start-up log and the stack trace of its crash. */
export const OUTPUT_KEPT = 64 * 1024;

/**
 * Starts the `start` input's command through a shell in a process group of its own (POSIX),
 * so that stopping it also stops what `npm start` or the shell spawned under it.
 */
export function startServer(command: string, cwd: string): StartedServer {
  const child = spawn(command, { cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid;
  let out = '';
  let dropped = 0;
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > OUTPUT_KEPT) {
      dropped += out.length - OUTPUT_KEPT;
      out = out.slice(-OUTPUT_KEPT);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let shell: ShellExit | undefined;
  child.once('exit', (code, signal) => (shell = { code, signal }));
  // A shell that cannot be spawned at all (no /bin/sh): report it as an exit, not a crash.
  child.once('error', (error) => {
    keep(Buffer.from(`${error.message}\n`));
    shell ??= { code: null, signal: null };
  });
  let stopping: Promise<'exited' | 'killed' | 'stuck'> | undefined;
  return {
    output: () => out,
    dropped: () => dropped,
    failed: () => (shell && shell.code !== 0 ? shell : undefined),
    leftNothing: () => shell?.code === 0 && (pgid === undefined || !groupAlive(pgid)),
    stop(graceMs = 5000) {
      stopping ??= pgid === undefined ? Promise.resolve('exited') : stopGroup(pgid, graceMs);
      return stopping;
    },
  };
}

/** "exited with code 1", "was killed by SIGSEGV". */
export function describeExit(exit: ShellExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}

/**
 * Polls `url` until it answers with any HTTP status. Fails at once when `server`'s command
 * failed (it crashed or ended with an error before serving), else after `timeoutMs`.
 */
export async function waitFor(url: string, timeoutMs: number, server?: StartedServer): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const shown = hideCredentials(url);
  let last = '';
  // Its own agent, closed when done: no socket of the wait outlives it.
  const agent = new Agent({ connections: 1 });
  const failed = () => {
    const exit = server?.failed();
    if (exit) throw new Error(`the start command ${describeExit(exit)} before ${shown} answered`);
  };
  try {
    while (Date.now() < deadline) {
      failed();
      try {
        const res = await request(agent, url, {
          method: 'GET',
          signal: AbortSignal.timeout(Math.min(2000, Math.max(1, deadline - Date.now()))),
        });
        await res.body.dump();
        return;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    failed();
  } finally {
    await agent.destroy();
  }
  const why = server?.leftNothing()
    ? '; the start command exited with code 0 and left no process running: a server started in the background that crashed, or one that detached itself (setsid, pm2, docker compose up -d)'
    : '';
  throw new Error(`${shown} did not answer within ${timeoutMs / 1000} s (${last})${why}`);
}
