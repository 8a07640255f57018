import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { ROOT } from './cli.js';

const run = promisify(execFile);

/** What one subpath of the package gives each kind of consumer. */
export interface EntrySurface {
  /** `import * as m from 'checksecure/…'`: the names at run time. */
  esm: string[];
  /** `require('checksecure/…')` with require(esm) off, as under Jest: the names, or the error. */
  cjs: string[] | { error: string };
  /**
   * Whether the CommonJS exports say `__esModule`: compiled ESM then reads a default import of
   * them as `.default` (undefined here) instead of taking the whole exports object for it.
   */
  cjsEsModule: boolean;
  /** The names the declarations give an ESM (`import`) and a CommonJS (`require`) compilation. */
  dts: string[];
  dcts: string[];
  /** Of those, the ones with a value (the rest are types only). */
  dtsValues: string[];
}

/** The package as installed from its tarball, in a fresh folder of its own. */
export interface InstalledPackage {
  dir: string;
  manifest: {
    exports: Record<string, unknown>;
    bin: Record<string, string>;
    main: string;
    module: string;
    types: string;
  };
}

/**
 * `npm pack`s the repository and unpacks the tarball as `node_modules/checksecure` of a fresh
 * folder. Its dependencies, peers and type packages are links to the repository's installed
 * ones: what they resolve is what a registry install would give, without the network.
 *
 * @example
 * const pkg = await installPacked();
 * const surface = await entrySurface(pkg, './middleware');
 */
export async function installPacked(): Promise<InstalledPackage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'checksecure-surface-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT });
  const tarball = path.join(dir, stdout.trim().split('\n').at(-1)!);
  const modules = path.join(dir, 'node_modules');
  const own = path.join(modules, 'checksecure');
  await mkdir(own, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', own, '--strip-components=1']);
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'checksecure') continue;
    if (name.startsWith('@')) {
      await mkdir(path.join(modules, name), { recursive: true });
      for (const scoped of await readdir(path.join(ROOT, 'node_modules', name)))
        await symlink(path.join(ROOT, 'node_modules', name, scoped), path.join(modules, name, scoped));
    } else {
      await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
    }
  }
  const manifest = JSON.parse(
    await readFile(path.join(own, 'package.json'), 'utf8'),
  ) as InstalledPackage['manifest'];
  return { dir, manifest };
}

async function runtimeNames(
  pkg: InstalledPackage,
  specifier: string,
  format: 'esm' | 'cjs',
): Promise<{ names: string[]; esModule: boolean } | { error: string }> {
  // Vitest's and Jest's entries extend the runner's expect on load: a stand-in global takes it.
  const stub = 'globalThis.expect ??= { extend() {} };';
  const print = 'console.log(JSON.stringify({ names: Object.keys(m), esModule: m.__esModule === true }));';
  const args =
    format === 'esm'
      ? [
          '--input-type=module',
          '-e',
          `${stub} const m = await import(${JSON.stringify(specifier)}); ${print}`,
        ]
      : [
          '--no-experimental-require-module',
          '-e',
          `${stub} const m = require(${JSON.stringify(specifier)}); ${print}`,
        ];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: pkg.dir });
    const { names, esModule } = JSON.parse(stdout) as { names: string[]; esModule: boolean };
    return { names: names.sort(), esModule };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return { error: stderr.split('\n').find((l) => /^\w*Error\b/.test(l)) ?? 'failed' };
  }
}

/** The names `import` and `require` compilations see, under NodeNext resolution, with real tsc. */
export function declaredNames(pkg: InstalledPackage, specifiers: string[]) {
  const files = specifiers.flatMap((specifier, i) =>
    (['mts', 'cts'] as const).map((ext) => ({
      specifier,
      ext,
      file: path.join(pkg.dir, `probe${i}.${ext}`),
      text: `import * as m from ${JSON.stringify(specifier)};\nexport { m };\n`,
    })),
  );
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const texts = new Map(files.map((f) => [f.file, f.text]));
  const readFileText = host.readFile.bind(host);
  host.readFile = (name) => texts.get(name) ?? readFileText(name);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => texts.has(name) || fileExists(name);
  const program = ts.createProgram([...texts.keys()], options, host);
  const checker = program.getTypeChecker();
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const names = new Map<string, { all: string[]; values: string[] }>();
  for (const f of files) {
    const source = program.getSourceFile(f.file)!;
    const statement = source.statements.find(ts.isImportDeclaration)!;
    const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    const exported = symbol ? checker.getExportsOfModule(symbol) : [];
    const value = (s: ts.Symbol) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    };
    names.set(`${f.specifier} ${f.ext}`, {
      all: exported.map((s) => s.name).sort(),
      values: exported
        .filter(value)
        .map((s) => s.name)
        .sort(),
    });
  }
  return { diagnostics, names };
}

/**
 * The run-time and declared names of every subpath package.json exports.
 *
 * @example
 * const surfaces = await packageSurface(await installPacked());
 */
export async function packageSurface(pkg: InstalledPackage): Promise<{
  entries: Record<string, EntrySurface>;
  diagnostics: string[];
}> {
  const subpaths = Object.keys(pkg.manifest.exports).filter((s) => s !== './package.json');
  const specifiers = subpaths.map((s) => (s === '.' ? 'checksecure' : `checksecure/${s.slice(2)}`));
  const declared = declaredNames(pkg, specifiers);
  const entries: Record<string, EntrySurface> = {};
  for (const [i, subpath] of subpaths.entries()) {
    const specifier = specifiers[i]!;
    const esm = await runtimeNames(pkg, specifier, 'esm');
    const cjs = await runtimeNames(pkg, specifier, 'cjs');
    entries[subpath] = {
      esm: 'names' in esm ? esm.names : [],
      cjs: 'names' in cjs ? cjs.names : cjs,
      cjsEsModule: 'esModule' in cjs && cjs.esModule,
      dts: declared.names.get(`${specifier} mts`)!.all,
      dcts: declared.names.get(`${specifier} cts`)!.all,
      dtsValues: declared.names.get(`${specifier} mts`)!.values,
    };
  }
  return { entries, diagnostics: declared.diagnostics };
}
