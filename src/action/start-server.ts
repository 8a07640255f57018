import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from '../probe/undici-lite.js';

export interface StartedServer {
  /** Stops the command and everything it started (its whole process group). */
  stop(): Promise<void>;
  /** What the command printed, for the error when it dies early. */
  output(): string;
}

/**
 * Starts the `start` input's command in its own process group, so that stopping it also stops
 * what `npm start` or a shell spawned under it.
 */
export function startServer(command: string, cwd: string): StartedServer {
  const child: ChildProcess = spawn(command, {
    cwd,
    shell: true,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid as number), signal);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers with any HTTP status, or fails after `timeoutMs`. */
export async function waitFor(
  url: string,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  // Its own agent, closed when done: no socket of the wait outlives it.
  const agent = new Agent({ connections: 1 });
  try {
    while (Date.now() < deadline) {
      if (!alive()) throw new Error(`the start command exited before ${url} answered`);
      try {
        const res = await request(agent, url, {
          method: 'GET',
          signal: AbortSignal.timeout(Math.min(5000, Math.max(1, deadline - Date.now()))),
        });
        await res.body.dump();
        return;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await agent.destroy();
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}
