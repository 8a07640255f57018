import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The nearest package.json at or above `dir` (as Node looks for it), with its `type`. */
function nearestPackage(dir: string): { dir: string; type: unknown } | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json');
    if (existsSync(file)) {
      try {
        return { dir: current, type: (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type };
      } catch {
        return { dir: current, type: undefined };
      }
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * Whether code pasted into the project is CommonJS, so that fix snippets `require()` rather than
 * `import`. `file` is where fixes go (fixSource, the app's module): `.cjs` is, `.mjs` and
 * TypeScript are not (TypeScript writes `import` whatever it compiles to), and `.js` follows its
 * package.json's `type`, as Node does. Without a file, the project at `cwd` decides: a package
 * without `"type": "module"` and without a tsconfig.json.
 *
 * @example
 * isCommonJsProject('/srv/app/server.cjs', '/srv/app'); // true
 */
export function isCommonJsProject(file: string | undefined, cwd: string): boolean {
  if (file !== undefined) {
    const extension = path.extname(file);
    if (extension === '.cjs') return true;
    if (extension !== '.js') return false;
    return nearestPackage(path.dirname(file))?.type !== 'module';
  }
  const pkg = nearestPackage(cwd);
  if (!pkg || pkg.type === 'module') return false;
  return !existsSync(path.join(pkg.dir, 'tsconfig.json'));
}
