import { DEFAULT_CRAWL_PAGES, MAX_CRAWL_PAGES, crawlGlob } from '../core/crawl-option.js';
import { ConfigError } from '../core/errors.js';
import type { CrawlOptions, ScanOptions } from '../core/types.js';

/** What the command line says of the crawl: `--crawl [N]`, `--crawl-include`, `--crawl-exclude`. */
export interface CrawlArgs {
  /** `true` for a bare `--crawl` (the default number of pages). */
  crawl?: number | true;
  crawlInclude: string[];
  crawlExclude: string[];
}

/** A value that looks like it was meant as a number of pages (digits, a sign, an exponent). */
const NUMBERISH = /^[-+]?(?:\d|\.\d)/;
/** A value that names a target: a URL or a host, never a number of pages. */
const TARGETISH = /[:/.]/;

function pagesOf(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > MAX_CRAWL_PAGES)
    throw new ConfigError(
      `--crawl: "${value}" is not a number of pages from 1 to ${MAX_CRAWL_PAGES} (or give --crawl alone for ${DEFAULT_CRAWL_PAGES})`,
    );
  return n;
}

/**
 * Takes `--crawl` and its optional number out of `argv`, which node's parseArgs cannot do (an
 * option there has a value always or never). `--crawl=50` and `--crawl 50` give 50; `--crawl`
 * followed by a URL, another flag or nothing means the default. A following word that is neither
 * a number nor a URL (`--crawl abc`, `--crawl -3`) is refused rather than read as the target.
 *
 * @example
 * takeCrawlFlag(['--crawl', 'https://shop.example']); // { argv: ['https://shop.example'], crawl: true }
 */
export function takeCrawlFlag(argv: readonly string[]): { argv: string[]; crawl?: number | true } {
  const rest: string[] = [];
  let crawl: number | true | undefined;
  let given = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--crawl' || arg.startsWith('--crawl=')) {
      given++;
      if (arg !== '--crawl') crawl = pagesOf(arg.slice('--crawl='.length));
      else {
        const next = argv[i + 1];
        if (
          next !== undefined &&
          (NUMBERISH.test(next) || (!next.startsWith('-') && !TARGETISH.test(next)))
        ) {
          crawl = pagesOf(next);
          i++;
        } else crawl = true;
      }
      continue;
    }
    rest.push(arg);
  }
  if (given > 1)
    throw new ConfigError(`--crawl is given ${given} times; pass it once (only the last would count)`);
  return crawl === undefined ? { argv: rest } : { argv: rest, crawl };
}

/**
 * The scan's `crawl` option from the command line over the config's: `--crawl N` replaces the
 * config's number of pages, `--crawl-include`/`--crawl-exclude` add to its globs.
 *
 * @example
 * crawlOption({ crawl: 50, crawlInclude: [], crawlExclude: ['/admin/**'] }, true);
 * // { pages: 50, include: [], exclude: ['/admin/**'] }
 */
export function crawlOption(args: CrawlArgs, config: ScanOptions['crawl']): ScanOptions['crawl'] {
  const globs = args.crawlInclude.length + args.crawlExclude.length > 0;
  if (args.crawl === undefined && !globs) return config;
  if (args.crawl === undefined && (config === undefined || config === false))
    throw new ConfigError(
      `${args.crawlInclude.length > 0 ? '--crawl-include' : '--crawl-exclude'} selects the pages a crawl follows: add --crawl (or crawl in the config)`,
    );
  const base: CrawlOptions =
    typeof config === 'object' ? config : typeof config === 'number' ? { pages: config } : {};
  const out: CrawlOptions = { ...base };
  if (typeof args.crawl === 'number') out.pages = args.crawl;
  if (globs) {
    // Checked here, not only as the scan option, so a refusal names the flag the user typed
    // rather than `crawl.exclude.0`.
    for (const g of args.crawlInclude) crawlGlob(g, '--crawl-include');
    for (const g of args.crawlExclude) crawlGlob(g, '--crawl-exclude');
    out.include = [...(base.include ?? []), ...args.crawlInclude];
    out.exclude = [...(base.exclude ?? []), ...args.crawlExclude];
  }
  return out;
}
