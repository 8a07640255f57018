import { DEFAULT_FORMAT, REPORT_FORMATS } from '../report/formats.js';

const offered = REPORT_FORMATS.filter((format) => format.cli);
const width = Math.max(...offered.map((format) => format.name.length));
const formatLines = offered
  .map((format) => `                             ${format.name.padEnd(width)}  ${format.description}`)
  .join('\n');

/** `checksecure --help`; the formats are the table's (src/report/formats.ts). */
export const HELP = `Usage: checksecure [URL] [options]

Checks how a site answers over HTTP (HSTS, framing, cookies, CSP, CSRF, redirects, leaks)
and prints stable warning codes with their fixes.

Target (one of):
  URL                      a site to scan, e.g. https://staging.example.com
  --app MODULE             a module exporting an app (default export or named "app"):
                           Express, Connect, Fastify, Koa, hapi, Hono, a (req, res)
                           listener or a fetch handler
  --targets FILE           many sites, one URL per line (# comments allowed), scanned
                           into one report; a site that cannot be read is listed as
                           not scanned and fails the run (config "targets")
  (config "target"/"app")  from checksecure.config.* when neither is given; a URL
                           with --app, or both in the config, is a usage error

Options:
      --site-concurrency N sites of --targets scanned at once (default 4, at most 32)
  -c, --config FILE        config file (default: checksecure.config.{ts,mts,js,mjs,cjs,json},
                           looked for upward from here; or $CHECKSECURE_CONFIG)
  -p, --path P             a path to check, repeatable (default: /)
  -H, --header 'N: v'      an extra request header, repeatable (e.g. a session cookie)
  -f, --format F           the report's format (default ${DEFAULT_FORMAT}):
${formatLines}
  -v, --verbosity N        0: codes only; 1: with messages (default); 2: evidence and fixes
      --fail-on S          error, warning (default), info or never: exit 1 at or above it
      --skip CODE          leave a code out, repeatable
      --baseline REPORT    compare with an earlier --format json report: findings are
                           new, unchanged or not-compared (on a page it did not
                           judge), fixed ones are listed, and --fail-on counts only
                           new ones
  -t, --timeout SECONDS    per request (default 10)
      --crawl [N]          also judge the pages found from the start pages, breadth
                           first: their links and GET forms, and theirs in turn
                           (same origin), and what sitemap.xml and robots.txt's
                           Sitemap: lines list: up to N pages in all (default 100);
                           logout links are never followed, nor redirected to
      --crawl-include GLOB crawl only paths that match, e.g. '/blog/**' (repeatable)
      --crawl-exclude GLOB never crawl paths that match, in any case (repeatable)
      --list               list every check with its codes and severities
      --explain NAME       explain a code and show its fix, or every code of a check
                           (any case; a typo gets the nearest name)
  -h, --help               this help
  -V, --version            the version

Other commands:
  checksecure reports FILE [--top N] [--format text|json]
                           summarise a CSP report file (cspReport's jsonlSink) by
                           directive, blocked URI and page
  checksecure reports FILE --propose [--policy P] [--site ORIGIN] [--preview]
                           [--format text|json|ts] [--top N]
                           drop the noise (extensions, injected code, other sites,
                           retries) and propose the smallest change to the policy
                           (P, else the reports' own); --preview lists the pages
                           that would break if it were enforced (--preview
                           --policy P previews P)
  checksecure merge REPORT.json... [--format F] [--fail-on S] [-v N]
                           combine JSON reports (a matrix's shards) into one report,
                           in any format; exits as the scan of them all would
  checksecure csp draft <URL | --app MODULE> [--pages N] [--path P]
                    [--format text|ts|header|json] [--timeout SECONDS]
                    [--browser PATH] [-H 'N: v']
                           crawl the site in headless Chromium (needs playwright-core;
                           Chromium from --browser, $CHROMIUM_PATH or the system) and
                           propose a Content-Security-Policy from what its pages load
                           and run, with what must change in the app (default 20 pages,
                           15 s per page)

Exit status: 0 nothing at or above --fail-on; 1 something is; 2 usage, config or target error.

Examples:
  checksecure https://staging.example.com
  checksecure http://localhost:3000 --path / --path /login --verbosity 2
  checksecure --app ./src/app.ts --format sarif > checksecure.sarif
  checksecure https://staging.example.com --crawl 50 --crawl-exclude '/admin/**'
  checksecure --explain CSP_UNSAFE_INLINE
  checksecure csp draft http://localhost:3000 --pages 50 --format ts
`;
