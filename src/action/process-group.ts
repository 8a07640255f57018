import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether any process of the group is still running. On Linux the group's members are read from
 * /proc, so that a zombie (killed, but not yet reaped by a container's PID 1) counts as gone;
 * elsewhere signal 0 to the group answers.
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return signalAlive(pgid);
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended while we looked
      }
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read from its end.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
    }
    return false;
  }
  return signalAlive(pgid);
}

function signalAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends a signal to every process of the group; a group already gone is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left to signal
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a whole process group as a service manager does: SIGTERM, a grace period for a clean
 * shutdown, then SIGKILL for whatever is left (a server that ignores SIGTERM, or one a shell
 * started in the background). Resolves once no process of the group runs, or `graceMs` after
 * the SIGKILL at the latest.
 *
 * @example
 * const how = await stopGroup(child.pid, 5000); // 'exited' | 'killed' | 'stuck'
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<'exited' | 'killed' | 'stuck'> {
  if (!groupAlive(pgid)) return 'exited';
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(50);
    if (!groupAlive(pgid)) return 'exited';
  }
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + Math.max(graceMs, 1000);
  while (Date.now() < killDeadline) {
    if (!groupAlive(pgid)) return 'killed';
    await sleep(50);
  }
  return 'stuck';
}
