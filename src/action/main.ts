import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import pkg from '../../package.json' with { type: 'json' };
import { defaultChecks } from '../checks/index.js';
import type { Config } from '../config/define-config.js';
import { loadApp } from '../config/load-app.js';
import { findConfig, loadConfig } from '../config/load-config.js';
import { ConfigError, describeError, TargetError } from '../core/errors.js';
import { hideCredentials } from '../config/url-credentials.js';
import { unreadSite } from '../core/unread-site.js';
import { failsAt, runFails } from '../core/fail-on.js';
import type { Target } from '../probe/target.js';
import { toCheck } from '../core/registry.js';
import { planAnnotations } from '../report/annotations.js';
import { mergeReports } from '../report/merge-reports.js';
import { REPORT_FORMATS, reportFormat, type RenderContext } from '../report/formats.js';
import { scan } from '../core/scan.js';
import type { Report } from '../core/types.js';
import { commentBody } from './comment-body.js';
import { commentKey } from './comment-key.js';
import { fallbackLocation, findComposingFile, locateIn, type FixLocation } from './fix-location.js';
import { githubFailure } from './github-failure.js';
import { crawlOver } from './crawl-over.js';
import { headerSecrets, parseInputs, type ActionInputs } from './inputs.js';
import { actionBaseline } from './baseline-input.js';
import { compareWithBaseline } from '../report/baseline.js';
import { mergeInput } from './merge-input.js';
import { planScans } from './plan-scans.js';
import {
  deployedCommit,
  pullRequestOf,
  pullRequestOfCommit,
  type CommitPullsClient,
  type PullRequestContext,
} from './pull-request.js';
import type { StartedServer } from './start-server.js';
import { upsertStickyComment, type CommentClient } from './sticky-comment.js';
import { suggestFix, type SuggestClient } from './suggest.js';
import { workspaceFile } from './workspace-file.js';

let started: { server: StartedServer; command: string } | undefined;

/** Text from the scanned site or the started server, with workflow commands switched off. */
function writeFenced(text: string): void {
  const fence = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${fence}\n${text}${text.endsWith('\n') ? '' : '\n'}::${fence}::\n`);
}

/**
 * Stops what the `start` input started, every process of its group, and shows its output in a
 * collapsed group of the log. Also called when the step ends on an uncaught error.
 */
export async function stopStarted(): Promise<void> {
  if (!started) return;
  const { server, command } = started;
  started = undefined;
  const how = await server.stop();
  core.startGroup(`checksecure: output of the start command (${command})`);
  const dropped = server.dropped();
  writeFenced(
    (dropped > 0 ? `[${dropped} earlier characters not kept]\n` : '') + (server.output() || '(no output)'),
  );
  core.endGroup();
  if (how === 'killed')
    core.info(
      'checksecure: the start command did not stop within 5 s of SIGTERM, so its processes were killed',
    );
  if (how === 'stuck')
    core.warning('checksecure: processes of the start command were still running after SIGKILL');
}

async function startAndWait(inputs: ActionInputs, config: Config, workspace: string): Promise<void> {
  if (!inputs.start) return;
  const url =
    inputs.waitFor ?? inputs.urls[0] ?? (typeof config.target === 'string' ? config.target : undefined);
  if (!url)
    throw new ConfigError('input start: no URL to wait for: give wait-for, or the url the server answers on');
  // A config's target may hold credentials, refused only when the scan opens it.
  core.info(`checksecure: starting ${inputs.start}, then waiting for ${hideCredentials(url)}`);
  // Loaded only when asked: it brings undici's HTTP client into the start-up path.
  const { startServer, waitFor } = await import('./start-server.js');
  const server = startServer(inputs.start, workspace);
  started = { server, command: inputs.start };
  await waitFor(url, inputs.waitTimeoutSeconds * 1000, server).catch((error: Error) => {
    const tail = server.output().trimEnd().slice(-500);
    throw new ConfigError(
      `input start: ${error.message}. ${tail ? `Its output ended with: ${tail}` : 'It printed nothing.'}`,
    );
  });
}

async function resolveTargets(
  inputs: ActionInputs,
  config: Config,
  configFile: string | undefined,
  workspace: string,
): Promise<{ target: Target; label: string }[]> {
  const targets: { target: Target; label: string }[] = inputs.urls.map((url) => ({
    target: url,
    label: url,
  }));
  if (inputs.app)
    targets.push({ target: await loadApp(inputs.app, workspace, 'input app'), label: inputs.app });
  if (targets.length === 0 && config.app && configFile)
    targets.push({ target: await loadApp(config.app, path.dirname(configFile), 'app'), label: config.app });
  if (targets.length === 0 && config.targets)
    targets.push(...config.targets.map((url) => ({ target: url, label: url })));
  if (targets.length === 0 && config.target)
    targets.push({
      target: config.target,
      label: typeof config.target === 'string' ? config.target : 'config target',
    });
  if (targets.length === 0)
    throw new ConfigError('no target: set the url or app input, or target/app in checksecure.config.*');
  return targets;
}

/** The pull request to comment on, and the commit the scan describes, from the event. */
async function eventContext(
  octokit: () => Promise<unknown>,
): Promise<{ pr?: PullRequestContext; commit?: string; skipped?: string }> {
  const file = process.env.GITHUB_EVENT_PATH;
  const event: unknown = file ? JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) : {};
  const pr = pullRequestOf(event, process.env.GITHUB_REPOSITORY, process.env.GITHUB_EVENT_NAME);
  if (pr) return { pr, commit: pr.headSha };
  // deployment_status carries no pull request: the deployed commit's open one is the place.
  const name = process.env.GITHUB_EVENT_NAME;
  const sha =
    !name || name === 'deployment' || name === 'deployment_status' ? deployedCommit(event) : undefined;
  if (!sha) return {};
  try {
    const found = await pullRequestOfCommit(
      (await octokit()) as CommitPullsClient,
      process.env.GITHUB_REPOSITORY,
      sha,
    );
    return { pr: found, commit: sha };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 403 && status !== 404) throw error;
    return {
      commit: sha,
      skipped: `GitHub answered ${status} to the pull requests of the deployed commit (contents: read is needed)`,
    };
  }
}

/** The one place that talks to the runner (@actions/core); everything it calls is plain code. */
export async function run(): Promise<void> {
  // Masked first: a value printed by anything below (the site echoing a cookie, an error of
  // ours) then reaches the log as ***. The runner matches a secret only whole, so each value is
  // registered on its own.
  for (const secret of headerSecrets(core.getInput('headers'))) core.setSecret(secret);
  try {
    const env = process.env;
    const inputs = parseInputs((name) => core.getInput(name));
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const configFile = inputs.config ? path.resolve(workspace, inputs.config) : findConfig(workspace);
    const loaded = configFile ? await loadConfig(configFile) : undefined;
    const config: Config = loaded?.config ?? {};
    const failOn = inputs.failOn ?? config.failOn ?? 'warning';
    // Where fixes belong, checked before anything starts.
    const named = inputs.annotateFile
      ? await workspaceFile(workspace, inputs.annotateFile, 'input annotate-file')
      : config.fixSource
        ? await workspaceFile(workspace, config.fixSource, 'fixSource')
        : undefined;

    // Read before anything starts: a corrupt baseline fails the step at once.
    const base = inputs.baseline ? await actionBaseline(workspace, inputs.baseline) : {};

    // A fan-in step: the shards' reports, combined; nothing is started or scanned.
    const fromShards = inputs.merge.length > 0 ? await mergeInput(inputs.merge, workspace) : undefined;
    if (!fromShards) await startAndWait(inputs, config, workspace);
    const targets = fromShards ? [] : await resolveTargets(inputs, config, loaded?.file, workspace);
    const paths = inputs.paths.length > 0 ? inputs.paths : (config.paths ?? ['/']);
    const scans = planScans(targets, paths, inputs.shard);
    if (inputs.shard)
      core.info(
        `checksecure: shard ${inputs.shard.index}/${inputs.shard.total} takes ${targets.length > 1 ? `${scans.length} of ${targets.length} sites, ` : ''}${scans.reduce((n, s) => n + s.paths.length, 0)} of ${targets.length * paths.length} URL-path pairs`,
      );
    const checks = (config.checks ?? defaultChecks).map(toCheck);
    const {
      target: _t,
      app: _a,
      failOn: _f,
      fixSource: _s,
      targets: _m,
      siteConcurrency: _c,
      ...options
    } = config;
    const reports: Report[] = [];
    for (const planned of scans) {
      reports.push(
        await scan(planned.target, {
          ...options,
          checks,
          paths: planned.paths,
          headers: { ...config.headers, ...inputs.headers },
          crawl: crawlOver(config.crawl, inputs.crawl),
        }).catch((error: unknown) => {
          // One site down among several is reported as not scanned, as --targets does, so the
          // others are still judged and the shard's report still reaches the merge.
          if (targets.length > 1 && error instanceof TargetError && typeof planned.target === 'string')
            return unreadSite(planned.target, error, planned.paths.length);
          throw error;
        }),
      );
    }
    // One target keeps the name it was given (the app's module); several say how many sites.
    const merged = fromShards ?? mergeReports(reports, scans.length === 1 ? { target: scans[0]!.label } : {});
    const report = base.earlier ? compareWithBaseline(merged, base.earlier) : merged;
    const empty = !fromShards && scans.length === 0;
    if (empty) report.target = 'nothing: this shard has no URL-path pair';
    const context: RenderContext = { checks, verbosity: inputs.verbosity, failOn, toolVersion: pkg.version };
    writeFenced(await reportFormat('text').render(report, context));

    // Outputs, summary and comment first: they cannot fail the step, and nothing after them can
    // keep them from being written.
    const count = (severity: string) => report.warnings.filter((w) => w.severity === severity).length;
    const errors = count('error');
    const warnings = count('warning');
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    core.setOutput('info', count('info'));
    const codes = [...new Set(report.warnings.map((w) => w.code))];
    core.setOutput('codes', codes.join(','));
    // With a baseline, what the step fails, annotates and counts on: the findings it did not have.
    const judged = report.warnings.filter((w) => w.baseline === undefined || w.baseline === 'new');
    core.setOutput('new', report.baseline ? judged.length : '');
    core.setOutput('fixed', report.baseline ? report.baseline.fixed.length : '');

    const problems: string[] = [];
    const notices: string[] = base.notice ? [base.notice] : [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        problems.push(
          `${what} failed: ${githubFailure(error, env.GITHUB_API_URL ?? 'https://api.github.com')}`,
        );
      }
    };
    const runUrl =
      env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}`
        : undefined;
    await attempt('the job summary', async () =>
      core.summary
        .addRaw(
          empty
            ? `### checksecure: shard ${inputs.shard?.index}/${inputs.shard?.total} has nothing to scan\n\nIts slice of the ${targets.length * paths.length} URL-path pairs is empty.\n`
            : // 1 MiB of bytes is all a step's summary may hold; the fold note comes after.
              await reportFormat('markdown').render(report, {
                ...context,
                markdown: { maxLength: 1_000_000, unit: 'utf8', more: 'The JSON report has them all.' },
              }),
        )
        .write(),
    );

    const location: FixLocation | undefined = named
      ? await locateIn(workspace, named)
      : await findComposingFile(workspace);

    if (empty) core.info('checksecure: nothing was scanned, so no pull request comment');
    else if (inputs.comment || inputs.suggest) {
      await attempt('the pull request comment', async () => {
        if (!inputs.token) return notices.push('checksecure: no github-token, so no pull request comment');
        // Octokit loads only for a pull request that wants a comment or a suggestion.
        let client: unknown;
        const octokit = async () => (client ??= (await import('@actions/github')).getOctokit(inputs.token));
        const { pr, commit, skipped } = await eventContext(octokit);
        if (skipped) return notices.push(`checksecure: pull request comment skipped: ${skipped}`);
        if (!pr) return core.info('checksecure: no pull request for this event, so no comment');
        if (inputs.comment) {
          const key = commentKey(inputs.commentKey, env, inputs.shard);
          const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
          const body = commentBody(report, {
            key,
            runUrl,
            commit: commit
              ? { sha: commit, url: `${server}/${pr.owner}/${pr.repo}/commit/${commit}` }
              : undefined,
          });
          const outcome = await upsertStickyComment((await octokit()) as CommentClient, pr, body, key);
          if (typeof outcome === 'object')
            notices.push(`checksecure: pull request comment skipped: ${outcome.skipped}`);
          else core.info(`checksecure: pull request comment ${outcome} (key ${key})`);
        }
        if (inputs.suggest && location && report.warnings.some((w) => w.fix)) {
          const text = await readFile(path.join(workspace, location.file), 'utf8').catch(() => '');
          const outcome = await suggestFix(
            (await octokit()) as SuggestClient,
            pr,
            location,
            text,
            codes,
          ).catch((error: unknown) => ({ skipped: describeError(error) }));
          if (typeof outcome === 'object') core.info(`checksecure: suggestion skipped: ${outcome.skipped}`);
          else core.info('checksecure: suggested the fix on the pull request');
        }
      });
    }

    // The report files, as the formats table says: a file named by its input, or one in a folder
    // of its own per step, so that two checksecure steps never share a report.
    for (const format of REPORT_FORMATS) {
      const spec = format.action;
      if (!spec) continue;
      const named = spec.input === undefined ? undefined : inputs.formatFiles[format.name];
      if (spec.input !== undefined && named === undefined) {
        core.setOutput(spec.output, '');
        continue;
      }
      await attempt(
        named === undefined ? `writing the ${format.title} report` : `writing ${spec.input} ${named}`,
        async () => {
          const file =
            named === undefined
              ? path.join(
                  await mkdtemp(path.join(env.RUNNER_TEMP ?? os.tmpdir(), 'checksecure-')),
                  spec.fileName ?? `report.${format.name}`,
                )
              : path.resolve(workspace, named);
          let at: FixLocation | undefined;
          if (format.reads.includes('location')) {
            at = location ?? (await fallbackLocation(workspace, env.GITHUB_WORKFLOW_REF));
            if (!at && format.locationNeededBy)
              core.info(
                `checksecure: the ${format.title} results point at no file (none composes the app, and there is no package.json): set annotate-file`,
              );
          }
          const text = await format.render(report, {
            ...context,
            location: at ? { file: at.file, line: at.line } : undefined,
          });
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, text);
          core.setOutput(spec.output, file);
        },
      );
    }

    // Annotations last, when it is known how many slots the step's own messages take.
    const findingsFail = failsAt(report.warnings, failOn);
    // A check that could not run judged nothing: not a pass (unless fail-on is never).
    const erroredChecks = report.checks.filter((c) => c.status === 'errored').map((c) => c.name);
    const unscannedUrls = (report.unscanned ?? []).map((page) => page.url);
    const failing = runFails(report, failOn) || (problems.length > 0 && failOn !== 'never');
    const plan = planAnnotations(judged, location, {
      max: inputs.maxAnnotations,
      pagesJudged: report.pages?.length,
      reserve: {
        error: failing ? 1 : 0,
        warning: !failing && problems.length > 0 ? 1 : 0,
        notice: notices.length,
      },
    });
    for (const a of plan.annotations) {
      const props = { title: a.title, ...(a.file ? { file: a.file, startLine: a.line } : {}) };
      if (a.level === 'error') core.error(a.message, props);
      else if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    }
    for (const notice of notices) core.notice(notice);
    if (plan.foldedFindings > 0)
      await attempt('the job summary', () =>
        core.summary
          .addRaw(
            `\n_${judged.length} ${report.baseline ? 'new ' : ''}findings are shown as ${plan.annotations.length} annotations: grouped by code${plan.foldedCodes > 0 ? `, ${plan.foldedCodes} codes folded into summary annotations` : ''} (GitHub shows at most 10 per level)._\n`,
          )
          .write(),
      );

    const reasons = [
      ...(findingsFail
        ? [
            report.baseline
              ? `${judged.filter((w) => w.severity === 'error').length} new errors and ${judged.filter((w) => w.severity === 'warning').length} new warnings; fail-on is ${failOn}`
              : `${errors} errors and ${warnings} warnings; fail-on is ${failOn}`,
          ]
        : []),
      ...(erroredChecks.length > 0 && failOn !== 'never'
        ? [`checks that could not run: ${erroredChecks.join(', ')}`]
        : []),
      ...(unscannedUrls.length > 0 && failOn !== 'never'
        ? [`pages that could not be scanned: ${unscannedUrls.join(', ')}`]
        : []),
      ...problems,
    ];
    if (failing) core.setFailed(`checksecure: ${reasons.join('; ')}`);
    else if (problems.length > 0)
      core.warning(`checksecure: ${problems.join('; ')} (fail-on is never, so the step passes)`);
  } catch (error) {
    core.setFailed(`checksecure: ${describeError(error)}`);
  } finally {
    await stopStarted();
  }
}
