import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where a fix belongs: a file of the repository and the line to point at. */
export interface FixLocation {
  /** Relative to the workspace, with forward slashes. */
  file: string;
  line: number;
  /** The text of that line (for a review suggestion). */
  text?: string;
}

// A framework's factory called on its own (`express()`, not `mongoose.connect()`), or an HTTP
// server created from node:http(s)/http2 (not `net.createServer()`).
const COMPOSES_APP =
  /(?<![\w$.])(?:express|fastify|Fastify|connect|polka|koa)\s*\(\s*[^)]*\)|\bnew\s+(?:Hono|Koa)\s*\(|\b[Hh]api\.[Ss]erver\s*\(|(?<![\w$.])createServer\s*\(|\bhttps?2?\.create(?:Secure)?Server\s*\(/;
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', 'out', 'vendor']);
const MAX_FILES = 3000;

/** The first line of `text` where the app is composed, 1-based, or undefined. */
export function composingLine(text: string): { line: number; text: string } | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(?:\/\/|\*|\/\*)/.test(line)) continue;
    if (COMPOSES_APP.test(line)) return { line: i + 1, text: line };
  }
  return undefined;
}

/**
 * Finds the file that composes the app (where `express()`, `fastify()`, `new Hono()`,
 * `new Koa()`, `Hapi.server()` or `createServer(` is called), shallowest path first, so
 * annotations land where middleware is mounted. Test files and build output are passed over.
 */
export async function findComposingFile(workspace: string): Promise<FixLocation | undefined> {
  const queue = [''];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_FILES) {
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = await readdir(path.join(workspace, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) queue.push(rel);
        continue;
      }
      if (
        !entry.isFile() ||
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u001f\u007f]/.test(entry.name) ||
        !SOURCE.test(entry.name) ||
        /\.(test|spec)\.|\.d\.ts$/.test(entry.name) ||
        /(^|\/)(test|tests|__tests__)\//.test(rel)
      )
        continue;
      seen++;
      const file = path.join(workspace, rel);
      if ((await stat(file)).size > 512 * 1024) continue;
      const found = composingLine(await readFile(file, 'utf8'));
      if (found) return { file: rel, line: found.line, text: found.text };
    }
  }
  return undefined;
}

/** The line a given file composes the app on (1 when it does not), for annotate-file and fixSource. */
export async function locateIn(workspace: string, file: string): Promise<FixLocation> {
  const rel = path.relative(workspace, path.resolve(workspace, file)).split(path.sep).join('/');
  try {
    const found = composingLine(await readFile(path.join(workspace, rel), 'utf8'));
    return found ? { file: rel, line: found.line, text: found.text } : { file: rel, line: 1 };
  } catch {
    return { file: rel, line: 1 };
  }
}

/**
 * Where SARIF results point when no file composes the app: a file that exists, since code
 * scanning needs a location and shows a made-up one as a broken link. The repository's
 * package.json, else the workflow file that ran the scan (from GITHUB_WORKFLOW_REF), else none.
 */
export async function fallbackLocation(
  workspace: string,
  workflowRef: string | undefined,
): Promise<FixLocation | undefined> {
  // "octo/site/.github/workflows/ci.yml@refs/heads/main": the path after owner and name.
  const workflow = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@/.exec(workflowRef ?? '')?.[1];
  for (const file of ['package.json', workflow]) {
    if (!file || file.split('/').includes('..')) continue;
    const found = await stat(path.join(workspace, file)).catch(() => undefined);
    if (found?.isFile()) return { file, line: 1 };
  }
  return undefined;
}
