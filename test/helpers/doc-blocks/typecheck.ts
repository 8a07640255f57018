import path from 'node:path';
import ts from 'typescript';

/**
 * The package's entry points, each compiled from its source (as the build's entries are), so a
 * block type-checks against the code it documents, not a stale build. The test holds this map to
 * the `exports` of package.json.
 */
export const ENTRIES: Readonly<Record<string, string>> = {
  checksecure: 'src/index.ts',
  'checksecure/middleware': 'middleware/index.ts',
  'checksecure/fastify': 'middleware/fastify.ts',
  'checksecure/koa': 'middleware/koa.ts',
  'checksecure/hapi': 'middleware/hapi.ts',
  'checksecure/fetch': 'middleware/fetch.ts',
  'checksecure/matchers': 'matchers/index.ts',
  'checksecure/vitest': 'matchers/vitest.ts',
  'checksecure/jest': 'matchers/jest.ts',
  'checksecure/playwright': 'playwright/index.ts',
};

/** A file of the program that exists only in memory: a block, or a module a prelude gives it. */
export interface VirtualFile {
  path: string;
  text: string;
  /** Where its diagnostics are reported: the doc's line of the block's first line, less the prelude's lines. */
  where: (line: number) => string;
}

/**
 * Compiles the files in one program with the repository's compiler options (strict, NodeNext)
 * and the package's names mapped to their sources; resolves to one line per error.
 *
 * @example
 * typecheck(root, [{ path: `${root}/.doc-blocks/a.ts`, text: 'const n: number = "1";', where: (l) => `a.md:${l}` }]);
 * // ['a.md:1: Type \'string\' is not assignable to type \'number\'.']
 */
export function typecheck(root: string, files: readonly VirtualFile[]): string[] {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    // Each block is a module of its own, so that two blocks never share a name.
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: Object.fromEntries(
      Object.entries(ENTRIES).map(([name, entry]) => [name, [path.join(root, entry)]]),
    ),
  };
  const byPath = new Map(files.map((file) => [path.resolve(file.path), file]));
  const host = ts.createCompilerHost(options);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- each is called below with host as this
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  // Module resolution looks for a file only in a folder that exists: the blocks' folders do in memory.
  const folders = new Set(
    [...byPath.keys()].flatMap((file) => [path.dirname(file), path.dirname(path.dirname(file))]),
  );
  host.directoryExists = (dir) =>
    folders.has(path.resolve(dir)) || (directoryExists?.call(host, dir) ?? true);
  host.fileExists = (file) => byPath.has(path.resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => byPath.get(path.resolve(file))?.text ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const virtual = byPath.get(path.resolve(file));
    return virtual
      ? ts.createSourceFile(file, virtual.text, language, true)
      : getSourceFile.call(host, file, language, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...byPath.keys()], options, host });
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...byPath.keys()].flatMap((file) => {
      const source = program.getSourceFile(file);
      return source
        ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
        : [];
    }),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const virtual = diagnostic.file && byPath.get(path.resolve(diagnostic.file.fileName));
    if (!virtual || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    return `${virtual.where(line)}: ${message}`;
  });
}
