import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { defaultChecks } from '../src/checks/index.js';
import { installProject, installedVersion, packPackage, sh } from './helpers/pack.js';

/**
 * The main entry's API, as `import * as api from 'checksecure'` sees it. A name added here is
 * public for good: it must be documented (README.md or docs/), and internals stay importable by
 * our own code from their modules instead.
 */
const API_VALUES = [
  'CheckError',
  'ConfigError',
  'SkipCheck',
  'TargetError',
  'defaultChecks',
  'defineCheck',
  'defineConfig',
  'findConfig',
  'formatGithub',
  'formatJson',
  'formatMarkdown',
  'formatSarif',
  'formatText',
  'loadConfig',
  'parseCacheControl',
  'parseContentTypeOptions',
  'parseCrossOrigin',
  'parseCsp',
  'parseFrameOptions',
  'parseHsts',
  'parsePermissionsPolicy',
  'parseReferrerPolicy',
  'parseSetCookie',
  'runChecks',
  'scan',
];

/**
 * Each built-in check is exported by name too (`hstsCheck`...): derived from the registry, so a
 * new check is public, and documented by the generated catalogue, without an edit here.
 */
const VALUES = [...API_VALUES, ...defaultChecks.map((check) => `${check.name}Check`)].sort();

/** The type-only exports: the contracts of src/core/types.ts and what the API's signatures name. */
const TYPES = [
  'Acceptance',
  'AcceptedWarning',
  'Adapter',
  'AppTarget',
  'CapturedResponse',
  'Check',
  'CheckContext',
  'CheckDefinition',
  'CheckInput',
  'CheckResult',
  'CheckState',
  'CheckStatus',
  'CheckYield',
  'Config',
  'CrawlOptions',
  'CrossOriginHeader',
  'CspPolicy',
  'CspProblem',
  'CspProblemKind',
  'CspSource',
  'CsrfPair',
  'CsrfSameOrigin',
  'CsrfToken',
  'CsrfTokenContext',
  'Exchange',
  'FailOn',
  'FastifyLike',
  'FetchHandler',
  'Fix',
  'FixImport',
  'FixSpec',
  'FixValue',
  'FunctionCheck',
  'GithubOptions',
  'HapiLike',
  'HstsCheckOptions',
  'KoaLike',
  'LoadedConfig',
  'ManualFix',
  'MarkdownOptions',
  'MessageSpec',
  'PageSource',
  'ParsedCacheControl',
  'ParsedContentTypeOptions',
  'ParsedCookie',
  'ParsedCrossOrigin',
  'ParsedFrameOptions',
  'ParsedHsts',
  'ParsedPermissionsPolicy',
  'ParsedReferrerPolicy',
  'PartFix',
  'PlainResponse',
  'ProbeApi',
  'ProbeRequest',
  'RedirectHop',
  'ReferrerPolicyToken',
  'Report',
  'RequestListener',
  'ResolvedCsrfToken',
  'ResolvedOptions',
  'SarifLocation',
  'SarifOptions',
  'ScanOptions',
  'ScannedPage',
  'Severity',
  'Target',
  'TargetInfo',
  'TextOptions',
  'UnscannedPage',
  'Verbosity',
  'Warning',
  'WarningInit',
];

/** What the engine, the probe and the reports share among themselves: never the API. */
const INTERNALS = [
  'ATTACKER_HOST',
  'Probe',
  'checkExchange',
  'codesOf',
  'cspEffective',
  'cspFindings',
  'fingerprint',
  'fromCaptured',
  'judgeHttpsRedirect',
  'makeContext',
  'markdownCell',
  'openTarget',
  'pagePolicies',
  'resolveOptions',
  'runCheck',
  'runCheckSync',
  'toCheck',
  'toHeaderMap',
];

/** A check written as a user writes one, against the contract types, as ESM and as CommonJS. */
const USAGE = `import {
  defineCheck,
  scan,
  SkipCheck,
  type CheckContext,
  type Config,
  type Exchange,
  type Fix,
  type ProbeApi,
  type Report,
  type ScanOptions,
  type Target,
  type Warning,
} from 'checksecure';

async function plainHttpStatus(probe: ProbeApi, path: string): Promise<number> {
  const exchange: Exchange = await probe.plainHttp(path);
  return exchange.status;
}

export const plainHttpAnswers = defineCheck({
  name: 'plainHttpAnswers',
  messages: { PLAIN_HTTP_ANSWERS: { severity: 'warning', message: 'plain HTTP answers 200' } },
  async *run(ctx: CheckContext) {
    if (ctx.pages.length === 0) throw new SkipCheck('no page was read');
    if ((await plainHttpStatus(ctx.probe, '/')) === 200) yield 'PLAIN_HTTP_ANSWERS';
  },
});

export async function fixes(target: Target): Promise<(Fix | undefined)[]> {
  const options: ScanOptions = { checks: [plainHttpAnswers] };
  const config: Config = { target, ...options };
  const report: Report = await scan(target, config);
  const warnings: Warning[] = report.warnings;
  return warnings.map((warning) => warning.fix);
}
`;

/** Identifiers in the code of a Markdown text (inline code and fenced blocks), not its prose. */
function codeNames(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const [, block, inline] of markdown.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`/g))
    for (const [name] of (block ?? inline ?? '').matchAll(/[A-Za-z_$][\w$]*/g)) names.add(name);
  return names;
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(file);
      return Promise.resolve(entry.name.endsWith('.md') ? [file] : []);
    }),
  );
  return nested.flat();
}

describe('the public API of the main entry, as the packed package gives it', () => {
  let work: string;
  let project: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'checksecure-api-'));
    const tarball = await packPackage(work);
    project = path.join(work, 'project');
    const output = await installProject(project, {
      name: 'api-user',
      private: true,
      type: 'module',
      dependencies: {
        checksecure: `file:${tarball}`,
        typescript: await installedVersion('typescript'),
        '@types/node': await installedVersion('@types/node'),
      },
    });
    expect(output).not.toMatch(/ERR!/);
  }, 300_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    [
      'ESM',
      [
        '--input-type=module',
        '-e',
        "import * as api from 'checksecure'; console.log(JSON.stringify(Object.keys(api)));",
      ],
    ],
    ['CommonJS', ['-e', "console.log(JSON.stringify(Object.keys(require('checksecure'))));"]],
  ])('%s: exactly the documented runtime names', async (_kind, args) => {
    const run = await sh(process.execPath, args, project);
    expect(run.code, run.output).toBe(0);
    expect((JSON.parse(run.output) as string[]).sort()).toEqual(VALUES);
  });

  it('the declarations (.d.ts for import, .d.cts for require) export these values and these types, no more', async () => {
    const ts = createRequire(path.join(project, 'package.json'))('typescript') as typeof import('typescript');
    await writeFile(path.join(project, 'esm.mts'), "import * as api from 'checksecure';\nexport { api };\n");
    await writeFile(path.join(project, 'cjs.cts'), "import * as api from 'checksecure';\nexport { api };\n");
    const program = ts.createProgram([path.join(project, 'esm.mts'), path.join(project, 'cjs.cts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      types: ['node'],
    });
    const checker = program.getTypeChecker();
    for (const [file, declarations] of [
      ['esm.mts', /index\.d\.ts$/],
      ['cjs.cts', /index\.d\.cts$/],
    ] as const) {
      const source = program.getSourceFile(path.join(project, file))!;
      const specifier = (source.statements[0] as import('typescript').ImportDeclaration).moduleSpecifier;
      const entry = checker.getSymbolAtLocation(specifier)!;
      expect(entry.valueDeclaration?.getSourceFile().fileName).toMatch(declarations);
      const values: string[] = [];
      const types: string[] = [];
      for (const symbol of checker.getExportsOfModule(entry)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
      }
      expect(values.sort(), file).toEqual(VALUES);
      expect(types.sort(), file).toEqual(TYPES);
    }
  }, 120_000);

  it("a user's check compiles with the real tsc against the contract types, ESM and CommonJS; the internals do not resolve", async () => {
    await writeFile(path.join(project, 'check.mts'), USAGE);
    await writeFile(path.join(project, 'check.cts'), USAGE);
    await writeFile(
      path.join(project, 'internals.mts'),
      `import { ${INTERNALS.join(', ')} } from 'checksecure';\n`,
    );
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        files: ['check.mts', 'check.cts', 'internals.mts'],
      }),
    );
    const tsc = await sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], project);
    const errors = tsc.output.trim().split('\n');
    // Every error is an internal that is not exported, in internals.mts, and each internal has one.
    for (const line of errors)
      expect(line).toMatch(
        /^internals\.mts\(1,\d+\): error TS(2305|2724): (?:Module )?'"checksecure"' has no exported member/,
      );
    expect(errors.map((line) => /member (?:named )?'(\w+)'/.exec(line)?.[1]).sort()).toEqual(
      [...INTERNALS].sort(),
    );
  }, 120_000);

  it('every runtime name is mentioned in the docs (README.md, docs/**/*.md) as code', async () => {
    const files = [path.join(ROOT, 'README.md'), ...(await markdownFiles(path.join(ROOT, 'docs')))];
    const mentioned = new Set<string>();
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch(() => '');
      for (const name of codeNames(text)) mentioned.add(name);
    }
    const run = await sh(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import * as api from 'checksecure'; console.log(JSON.stringify(Object.keys(api)));",
      ],
      project,
    );
    expect((JSON.parse(run.output) as string[]).filter((name) => !mentioned.has(name))).toEqual([]);
  });
});
