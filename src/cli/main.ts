import { existsSync } from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Config } from '../config/define-config.js';
import { findConfig, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { loadApp } from '../config/load-app.js';
import { CheckError, ConfigError, describeError, TargetError } from '../core/errors.js';
import { runFails, type FailOn } from '../core/fail-on.js';
import { terminalText } from '../report/escape.js';
import { DEFAULT_FORMAT, reportFormat } from '../report/formats.js';
import type { Check, Report, ScanOptions } from '../core/types.js';
import type { Target } from '../probe/target.js';
import { toCheck } from '../core/registry.js';
import { renderFix, type ModuleSyntax } from '../report/render-fix.js';
import { compareWithBaseline } from '../report/baseline.js';
import { readBaseline } from '../report/read-baseline.js';
import { formatExplain, formatList, nearestExplainable } from './catalogue.js';
import { parseCliArgs, UsageError, type CliArgs } from './args.js';
import { crawlOption } from './crawl-args.js';
import { HELP } from './help.js';
import { isCommonJsProject } from './module-syntax.js';
import { DEFAULT_SITE_CONCURRENCY } from '../config/targets.js';
import { siteList } from './site-list.js';

/** What the CLI reads and writes, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export const VERSION: string = pkg.version;

async function resolveConfig(args: CliArgs, io: CliIo): Promise<LoadedConfig | undefined> {
  const named = args.config ?? io.env.CHECKSECURE_CONFIG;
  if (named) return loadConfig(path.resolve(io.cwd, named));
  const found = findConfig(io.cwd);
  return found ? loadConfig(found) : undefined;
}

async function resolveTarget(args: CliArgs, loaded: LoadedConfig | undefined, io: CliIo): Promise<Target> {
  if (args.url) return args.url;
  if (args.app) return loadApp(args.app, io.cwd);
  const config = loaded?.config;
  if (config?.app) return loadApp(config.app, path.dirname(loaded!.file), 'app');
  if (config?.target) return config.target;
  throw new UsageError(
    'no target: pass a URL, --app MODULE, or set target in checksecure.config.* (see --help)',
  );
}

/** The module the scanned app comes from (`--app`, or the config's `app` when no URL is given). */
function appModuleOf(args: CliArgs, loaded: LoadedConfig | undefined, io: CliIo): string | undefined {
  if (args.url) return undefined;
  if (args.app) return path.resolve(io.cwd, args.app);
  if (loaded?.config.app) return path.resolve(path.dirname(loaded.file), loaded.config.app);
  return undefined;
}

/**
 * A check as --explain and SARIF's rules show it in the project (never run): each fix written
 * out for Express in the project's module syntax, which the reports then show as given.
 */
function withFixesFor(check: Check, syntax: ModuleSyntax): Check {
  const messages = Object.fromEntries(
    Object.entries(check.messages).map(([code, spec]) => [
      code,
      spec.fix ? { ...spec, fix: renderFix(spec.fix, { syntax }) } : spec,
    ]),
  );
  return { ...check, messages };
}

function progressLine(io: CliIo): ((done: number) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (done) => io.stderr.write(`\r\u001b[2Kchecksecure: ${done} requests answered…`);
}

/**
 * Runs the command line and resolves to the exit status: 0 nothing at or above --fail-on, 1
 * something is (or a check errored, or a page could not be read), 2 a usage, config or target
 * error (no page could be read; one line on stderr, never a stack).
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    // `checksecure reports --help`: the help, which describes every command, rather than the
    // subcommand's parser refusing an unknown flag.
    if (
      (argv[0] === 'reports' || argv[0] === 'csp' || argv[0] === 'merge') &&
      argv.some((arg) => arg === '--help' || arg === '-h')
    ) {
      io.stdout.write(HELP);
      return 0;
    }
    if (argv[0] === 'reports') {
      const { reportsCommand } = await import('./reports.js');
      return await reportsCommand(argv.slice(1), (text) => io.stdout.write(text));
    }
    if (argv[0] === 'merge') {
      const { mergeCommand } = await import('./merge.js');
      return await mergeCommand(argv.slice(1), io);
    }
    if (argv[0] === 'csp') {
      // Its own module: no other command loads playwright-core.
      const { cspCommand } = await import('./csp.js');
      return await cspCommand(argv.slice(1), io);
    }
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (args.version) {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    // Loaded only now: --help and --version start without the checks, the probe or a reporter.
    const [{ defaultChecks }, { scanFor }] = await Promise.all([
      import('../checks/index.js'),
      import('../core/scan.js'),
    ]);
    const loaded = await resolveConfig(args, io);
    const config: Config = loaded?.config ?? {};
    const checks = (config.checks ?? defaultChecks).map(toCheck);
    if (args.list) {
      io.stdout.write(formatList(checks));
      return 0;
    }
    const appModule = appModuleOf(args, loaded, io);
    // Snippets are pasted where fixes go: written as that file (or project) loads modules.
    const syntax: ModuleSyntax = isCommonJsProject(
      config.fixSource === undefined ? appModule : path.resolve(io.cwd, config.fixSource),
      io.cwd,
    )
      ? 'commonjs'
      : 'esm';
    const shownChecks = checks.map((check) => withFixesFor(check, syntax));
    if (args.explain !== undefined) {
      const text = formatExplain(shownChecks, args.explain);
      if (!text) {
        const near = nearestExplainable(checks, args.explain);
        throw new UsageError(
          `--explain: ${args.explain} is not a code or a check name (${near ? `did you mean ${near}? ` : ''}see --list)`,
        );
      }
      io.stdout.write(text);
      return 0;
    }
    const sites = await siteList(args, config, io.cwd);
    const target = sites ? undefined : await resolveTarget(args, loaded, io);
    const failOn = args.failOn ?? config.failOn ?? 'warning';
    const {
      target: _t,
      app: _a,
      failOn: _f,
      fixSource,
      targets: _s,
      siteConcurrency,
      ...fromConfig
    } = config;
    const options: ScanOptions = {
      ...fromConfig,
      checks,
      ...(args.paths.length > 0 ? { paths: args.paths } : {}),
      headers: { ...config.headers, ...args.headers },
      skip: [...(config.skip ?? []), ...args.skip],
      ...(args.timeout !== undefined ? { timeout: args.timeout } : {}),
      crawl: crawlOption(args, config.crawl),
      onProgress: progressLine(io) ?? fromConfig.onProgress,
    };
    // Read before the scan: a wrong file is said in a second, not after the whole site.
    const earlier =
      args.baseline === undefined
        ? undefined
        : await readBaseline(path.resolve(io.cwd, args.baseline), '--baseline', args.baseline);
    const scanned = sites
      ? await (
          await import('../core/scan-sites.js')
        ).scanSites(sites, options, {
          concurrency: args.siteConcurrency ?? siteConcurrency ?? DEFAULT_SITE_CONCURRENCY,
          syntax,
        })
      : await scanFor(target!, options, syntax);
    const report = earlier ? compareWithBaseline(scanned, earlier) : scanned;
    if (io.stderr.isTTY) io.stderr.write('\r\u001b[2K');
    io.stdout.write(
      await render(args, report, {
        checks: shownChecks,
        fixSource,
        appModule,
        configFile: loaded?.file,
        io,
        failOn,
      }),
    );
    // A check that could not run, or a page that could not be read, fails the run: said on
    // stderr at every verbosity and in every format, since stdout may be a file (SARIF, JSON)
    // nobody reads when the step goes red.
    for (const c of report.checks.filter((s) => s.status === 'errored'))
      io.stderr.write(`checksecure: the ${c.name} check errored: ${terminalText(c.reason ?? '')}\n`);
    for (const page of report.unscanned ?? [])
      io.stderr.write(
        `checksecure: GET ${terminalText(page.url)} was not scanned: ${terminalText(page.reason)}\n`,
      );
    return runFails(report, failOn) ? 1 : 0;
  } catch (error) {
    if (io.stderr.isTTY) io.stderr.write('\r\u001b[2K');
    // A target error quotes what the site answered (a redirect's Location, its error page's words).
    if (error instanceof ConfigError || error instanceof TargetError || error instanceof CheckError) {
      io.stderr.write(`checksecure: ${terminalText(error.message)}\n`);
    } else {
      io.stderr.write(`checksecure: unexpected error: ${terminalText(describeError(error))}\n`);
    }
    return 2;
  }
}

async function render(
  args: CliArgs,
  report: Report,
  ctx: {
    checks: ReturnType<typeof toCheck>[];
    fixSource?: string;
    /** Absolute path of the module the app was loaded from. */
    appModule?: string;
    configFile?: string;
    io: CliIo;
    failOn: FailOn;
  },
): Promise<string> {
  const relative = (file: string) =>
    path.relative(ctx.io.cwd, path.resolve(ctx.io.cwd, file)).split(path.sep).join('/');
  // Where SARIF results and annotations point: a file that exists, never one made up. The app's
  // own module is where its middleware is mounted, which package.json never is.
  const given = (files: (string | undefined)[]) =>
    files.filter((f): f is string => f !== undefined).map(relative);
  const sources = given([ctx.fixSource, ctx.appModule]);
  const file = [...sources, ...given([ctx.configFile, 'package.json'])].find(
    (f) => !f.startsWith('../') && existsSync(path.join(ctx.io.cwd, f)),
  );
  const format = reportFormat(args.format ?? DEFAULT_FORMAT);
  const pointsAtSource = format.reads.includes('location');
  // In a source file, the line that creates the app (express(), new Hono(), …) when one does.
  const line =
    file !== undefined && sources.includes(file) && pointsAtSource
      ? (await (await import('../action/fix-location.js')).locateIn(ctx.io.cwd, file)).line
      : undefined;
  if (pointsAtSource && format.locationNeededBy && !file)
    ctx.io.stderr.write(
      `checksecure: the ${format.title} results point at no file (no fixSource, app module, config file or package.json here); ${format.locationNeededBy} needs one: set fixSource\n`,
    );
  const color =
    !!ctx.io.stdout.isTTY &&
    !('NO_COLOR' in ctx.io.env && ctx.io.env.NO_COLOR !== '') &&
    ctx.io.env.TERM !== 'dumb';
  return format.render(report, {
    checks: ctx.checks,
    location: file ? { file, ...(line !== undefined ? { line } : {}) } : undefined,
    verbosity: args.verbosity ?? 1,
    color,
    failOn: ctx.failOn,
    toolVersion: VERSION,
  });
}
