import { execFile } from 'node:child_process';
import { readFileSync as readText } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cli.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
  /** How long the step took, start to exit. */
  ms: number;
}

let actionNode: string[] = [process.execPath];

/** The node binary the following runs use: the runner runs actions on node24. */
export function useNode(command: string[]): void {
  actionNode = command;
}

export const TOKEN = 'ghs_tokenThatMustNeverBePrinted0123456789';
/** The pull request's head commit in pullRequestEvent(). */
export const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';

/** A pull_request event from octo/site (or from a fork). */
export function pullRequestEvent(fork = false) {
  return {
    action: 'synchronize',
    pull_request: {
      number: 7,
      head: { sha: HEAD_SHA, repo: { full_name: fork ? 'mallory/site' : 'octo/site' } },
      base: { repo: { full_name: 'octo/site' } },
    },
    repository: { full_name: 'octo/site' },
  };
}

/** The event name the runner gives for a payload of that shape. */
function eventName(event: object | undefined): string {
  if (!event) return 'push';
  if ('pull_request' in event) return 'pull_request';
  if ('deployment_status' in event) return 'deployment_status';
  return 'push';
}

/**
 * What the runner sets for each input action.yml declares: the workflow's value, else the
 * declared default (with `${{ github.token }}` evaluated), as INPUT_<NAME> with hyphens kept.
 */
const declared = parse(readText(path.join(ROOT, 'action.yml'), 'utf8')).inputs as Record<
  string,
  { default?: string }
>;
function inputEnv(given: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = (spec.default ?? '').replace(
      '${{ github.token }}',
      TOKEN,
    );
  for (const [name, value] of Object.entries(given))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/** Reads $GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

/**
 * Runs dist/index.js the way the runner does: inputs as INPUT_<NAME> with hyphens kept, the
 * event in GITHUB_EVENT_PATH, outputs and summary files, the workspace, and the REST API URL.
 */
let shipped: Promise<string> | undefined;

/**
 * The bundle built from the sources by scripts/bundle.mjs (not the committed dist/) into a
 * folder of its own with no node_modules above it, as the runner has one; its index.js.
 *
 * @example
 * const bundle = await bundleFromSources('crawl');
 */
export async function bundleFromSources(name: string): Promise<string> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), `${name}-bundle-`)), 'dist');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), out], { cwd: ROOT }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return path.join(out, 'index.js');
}

/**
 * The bundle as the runner has it: dist/index.js and its chunks in a folder of their own, with
 * no node_modules above it, so that nothing the bundle leaves out (jiti) can be found from there.
 */
export function shippedBundle(): Promise<string> {
  shipped ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'action-dist-'));
    await cp(path.join(ROOT, 'dist/index.js'), path.join(dir, 'dist/index.js'));
    await cp(path.join(ROOT, 'dist/chunks'), path.join(dir, 'dist/chunks'), { recursive: true });
    return path.join(dir, 'dist/index.js');
  })();
  return shipped;
}

export async function runAction(options: {
  inputs: Record<string, string>;
  files?: Record<string, string>;
  event?: object;
  api?: string;
  node?: string[];
  env?: Record<string, string>;
  workspace?: string;
  /** The bundle to run: the repository's dist/index.js unless given (see shippedBundle). */
  bundle?: string;
}): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'action-'));
  const workspace = options.workspace ?? path.join(dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  for (const [name, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await writeFile(path.join(workspace, name), content);
  }
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary'),
    event: path.join(dir, 'event.json'),
  };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  await writeFile(files.event, JSON.stringify(options.event ?? { ref: 'refs/heads/main' }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName(options.event),
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.api ?? 'http://127.0.0.1:9',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_WORKFLOW_REF: 'octo/site/.github/workflows/ci.yml@refs/pull/7/merge',
    GITHUB_JOB: 'scan',
    GITHUB_ACTION: '__org_checksecure-action',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: dir,
    ...inputEnv(options.inputs),
    ...options.env,
  };
  const [cmd, ...args] = options.node ?? actionNode;
  const begun = Date.now();
  const run = await new Promise<{ ms: number; code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      cmd!,
      [...args, options.bundle ?? path.join(ROOT, 'dist/index.js')],
      { cwd: workspace, env, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ ms: Date.now() - begun, code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
  // Read after the run, outside execFile's callback: a file that cannot be read fails the test
  // with its error instead of leaving the promise unsettled until the test times out.
  return {
    ...run,
    outputs: parseOutputs(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    workspace,
  };
}

/** A workflow command the Action printed: its level, properties and message. */
interface Annotation {
  level: string;
  title?: string;
  file?: string;
  line?: string;
  message: string;
}

/** The annotation commands in a log. */
export function annotations(stdout: string): Annotation[] {
  return [...stdout.matchAll(/^::(error|warning|notice) (.*?)::(.*)$/gm)].map((m) => {
    const props = Object.fromEntries(m[2]!.split(',').map((kv) => kv.split('=') as [string, string]));
    return { level: m[1]!, ...props, message: m[3]! };
  });
}

/** A process that is gone or a zombie (killed, not yet reaped by a container's PID 1) is not running. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readText(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

let node24Binary: Promise<string> | undefined;

/** Node 24 as the runner has it: npx runs commands through a shell, which drops the
 * INPUT_FAIL-ON-style variables (a hyphen is not valid in a shell name), so find the binary. */
export function node24(): Promise<string> {
  node24Binary ??= (async () => {
    const bin = await new Promise<string>((resolve, reject) =>
      execFile('npx', ['-y', 'node@24', '-p', 'process.execPath'], { timeout: 240_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      ),
    );
    const version = await new Promise<string>((resolve) =>
      execFile(bin, ['--version'], (_e, stdout) => resolve(stdout.trim())),
    );
    if (!version.startsWith('v24.')) throw new Error(`expected Node 24, got ${version}`);
    return bin;
  })();
  return node24Binary;
}
