import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** A literal in a test file that names a path outside the repository, and why it counts. */
export interface OutsidePath {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Calls that open, read, write or list what their first argument names. */
const FILE_CALLS = new Set([
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'existsSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'readdir',
  'readdirSync',
  'access',
  'accessSync',
  'open',
  'openSync',
  'opendir',
  'createReadStream',
  'createWriteStream',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'mkdir',
  'mkdirSync',
  'rm',
  'rmSync',
  'realpath',
  'realpathSync',
  'readlink',
  'readlinkSync',
  'watch',
]);
/** Calls every argument of which is a path. */
const PATH_CALLS = new Set(['join', 'resolve', 'fileURLToPath', 'pathToFileURL', 'require']);
/** Object keys whose value is a directory or file to use. */
const PATH_KEYS = new Set(['cwd', 'executablePath', 'root', 'rootDir', 'configFile', 'tsconfig']);
/** tsconfig and package.json keys whose values are paths. */
const JSON_PATH_KEYS = new Set(['extends', 'files', 'include', 'paths', 'typeRoots', 'rootDir', 'baseUrl']);

/** A file path, relative or absolute, not a URL, a regular expression or prose. */
const PATHLIKE = /^[\w@.+~\-/\\:]*$/;
const ABSOLUTE = /^(?:\/[^/]|[A-Za-z]:[\\/]|~\/|file:)/;
/** A `..` segment: only a path that has one can climb out of the directory it starts from. */
const CLIMBS = /(?:^|[\\/])\.\.(?:[\\/]|$)/;
/** Names a reader gives the repository root (`path.join(ROOT, …)`, `${root}/…`). */
const ROOT_NAME = /^(?:ROOT|root|repoRoot|REPO_ROOT)$/;

/** A marker for a literal that only looks like a path (a hostile input): say why after it. */
const MARKER = 'outside-repo:';

const inside = (root: string, target: string) => {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** The directory a relative literal is resolved from: the repository for `join(ROOT, …)`. */
function baseOf(node: ts.Node, root: string, dir: string): string {
  const parent = node.parent;
  if (parent && ts.isCallExpression(parent) && ['join', 'resolve'].includes(calleeName(parent) ?? '')) {
    const first = parent.arguments[0];
    if (first && ts.isIdentifier(first) && ROOT_NAME.test(first.text)) return root;
  }
  return dir;
}

/** Whether the literal sits where a file path is expected (so an absolute path there is read). */
function inPathContext(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent)
  )
    return true;
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isCallExpression(parent)) {
    const name = calleeName(parent) ?? '';
    if (PATH_CALLS.has(name)) return true;
    if (FILE_CALLS.has(name) && parent.arguments[0] === node) return true;
  }
  if (ts.isNewExpression(parent) && calleeName(parent) === 'URL') return true;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const key = parent.name;
    if ((ts.isIdentifier(key) || ts.isStringLiteral(key)) && PATH_KEYS.has(key.text)) return true;
  }
  return false;
}

function judge(text: string, node: ts.Node, root: string, dir: string): string | undefined {
  if (text.startsWith('file://')) {
    // A file: URL elsewhere is data (a Location a redirect test refuses to follow).
    if (!inPathContext(node)) return undefined;
    let target: string;
    try {
      target = fileURLToPath(text);
    } catch {
      return undefined;
    }
    return inside(root, target)
      ? 'an absolute file: URL (ties the test to one checkout)'
      : 'a file: URL outside the repository';
  }
  if (!PATHLIKE.test(text) || text.includes('://')) return undefined;
  if (ABSOLUTE.test(text)) {
    if (!inPathContext(node)) return undefined;
    return inside(root, text)
      ? 'an absolute path (ties the test to one checkout)'
      : 'an absolute path outside the repository';
  }
  // A relative path that climbs: resolved from the file (imports, new URL(…, import.meta.url))
  // or from the repository (join(ROOT, …)), it must stay inside.
  if (!CLIMBS.test(text)) return undefined;
  return inside(root, path.resolve(baseOf(node, root, dir), text))
    ? undefined
    : 'a relative path that climbs out of the repository';
}

/**
 * The template `${ROOT}/…`: its text after the root, judged as a path joined to the root; other
 * templates are built at run time from values a static scan cannot know.
 */
function templateText(node: ts.TemplateExpression, root: string): string | undefined {
  if (node.head.text !== '' || node.templateSpans.length !== 1) return undefined;
  const [span] = node.templateSpans;
  if (!span || !ts.isIdentifier(span.expression) || !ROOT_NAME.test(span.expression.text)) return undefined;
  const rest = span.literal.text.replace(/^[\\/]/, '');
  return rest === '' ? undefined : path.join(root, rest);
}

function marked(source: ts.SourceFile, node: ts.Node): boolean {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const lines = source.text.split('\n');
  return [lines[line], lines[line - 1]].some((l) => l?.includes(MARKER));
}

/**
 * The string literals of a TypeScript or JavaScript test file that name a path outside the
 * repository root: a relative path that climbs out of it (from the file, or from the root for
 * `join(ROOT, …)` and `${ROOT}/…`), or an absolute path where a file path is expected (an
 * import, a file-system call, `join`, `new URL`, `cwd:`). Absolute strings elsewhere are URL
 * paths and data (`/home/`, `/srv/app/index.js` in a stack trace, a `file:` Location), not files
 * the test opens.
 * Comments are not read, so a note of a fixture's origin may name where it came from.
 *
 * @example
 * outsidePathsInCode('test/x.test.ts', "readFileSync('../../shared/CHECKS.md')", '/repo')
 * // [{ file: 'test/x.test.ts', line: 1, text: '../../shared/CHECKS.md', why: '…climbs out…' }]
 */
export function outsidePathsInCode(file: string, code: string, root: string): OutsidePath[] {
  const absolute = path.resolve(root, file);
  const dir = path.dirname(absolute);
  const source = ts.createSourceFile(absolute, code, ts.ScriptTarget.Latest, true);
  const found: OutsidePath[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    let why: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      text = node.text;
      why = judge(text, node, root, dir);
    } else if (ts.isTemplateExpression(node)) {
      const joined = templateText(node, root);
      if (joined !== undefined && !inside(root, joined)) {
        text = node.getText(source);
        why = 'a path joined to the repository root that climbs out of it';
      }
    }
    if (why && text !== undefined && !marked(source, node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ file, line: line + 1, text, why });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The same for a JSON file (tsconfig.json, package.json, a fixture): a string value that is a
 * relative path climbing out of the repository from the file's directory, or an absolute path
 * under a key that names files (`extends`, `files`, `include`, `paths`, …).
 */
export function outsidePathsInJson(file: string, json: string, root: string): OutsidePath[] {
  const dir = path.dirname(path.resolve(root, file));
  const found: OutsidePath[] = [];
  const walk = (value: unknown, key: string | undefined, pathKey: boolean): void => {
    if (typeof value === 'string') {
      if (!PATHLIKE.test(value) || value.includes('://')) return;
      if (ABSOLUTE.test(value) && pathKey)
        found.push({ file, line: 0, text: value, why: `an absolute path in "${key}"` });
      else if (!ABSOLUTE.test(value) && CLIMBS.test(value) && !inside(root, path.resolve(dir, value)))
        found.push({ file, line: 0, text: value, why: 'a relative path that climbs out of the repository' });
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key, pathKey);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k, pathKey || JSON_PATH_KEYS.has(k));
    }
  };
  walk(JSON.parse(json) as unknown, undefined, false);
  return found;
}
