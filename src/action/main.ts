import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import pkg from '../../package.json' with { type: 'json' };
import { defaultChecks } from '../checks/index.js';
import type { Config } from '../config/define-config.js';
import { loadApp } from '../config/load-app.js';
import { findConfig, loadConfig } from '../config/load-config.js';
import { ConfigError, describeError } from '../errors.js';
import { failsAt } from '../fail-on.js';
import type { Target } from '../probe/target.js';
import { toCheck } from '../registry.js';
import { formatJson } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { scan } from '../scan.js';
import type { Report } from '../types.js';
import { planAnnotations } from './annotations.js';
import { findComposingFile, locateIn, type FixLocation } from './fix-location.js';
import { parseInputs } from './inputs.js';
import { planScans } from './plan-scans.js';
import { pullRequestOf } from './pull-request.js';
import type { StartedServer } from './start-server.js';
import { upsertStickyComment, type CommentClient } from './sticky-comment.js';
import { suggestFix, type SuggestClient } from './suggest.js';

/** The one place that talks to the runner (@actions/core); everything it calls is plain code. */
export async function run(): Promise<void> {
  let server: StartedServer | undefined;
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const configFile = inputs.config ? path.resolve(workspace, inputs.config) : findConfig(workspace);
    const loaded = configFile ? await loadConfig(configFile) : undefined;
    const config: Config = loaded?.config ?? {};

    if (inputs.start) {
      core.info(`checksecure: starting ${inputs.start}`);
      // Loaded only when asked: it brings undici's HTTP client into the start-up path.
      const { startServer, waitFor } = await import('./start-server.js');
      server = startServer(inputs.start, workspace);
      if (inputs.waitFor) {
        const s = server;
        let alive = true;
        await waitFor(inputs.waitFor, inputs.waitTimeoutSeconds * 1000, () => alive).catch((error: Error) => {
          alive = false;
          throw new ConfigError(
            `input start: ${error.message}. Its output ended with: ${s.output().slice(-500)}`,
          );
        });
      }
    }

    const targets: { target: Target; label: string }[] = [];
    for (const url of inputs.urls) targets.push({ target: url, label: url });
    if (inputs.app)
      targets.push({ target: await loadApp(inputs.app, workspace, 'input app'), label: inputs.app });
    if (targets.length === 0 && config.app)
      targets.push({
        target: await loadApp(config.app, path.dirname(loaded!.file), 'app'),
        label: config.app,
      });
    if (targets.length === 0 && config.target)
      targets.push({
        target: config.target as Target,
        label: typeof config.target === 'string' ? config.target : 'config target',
      });
    if (targets.length === 0)
      throw new ConfigError('no target: set the url or app input, or target/app in checksecure.config.*');

    const paths = inputs.paths.length > 0 ? inputs.paths : (config.paths ?? ['/']);
    const scans = planScans(targets, paths, inputs.shard);
    if (inputs.shard)
      core.info(
        `checksecure: shard ${inputs.shard.index}/${inputs.shard.total} takes ${scans.reduce((n, s) => n + s.paths.length, 0)} of ${targets.length * paths.length} URL-path pairs`,
      );
    const checks = (config.checks ?? defaultChecks).map(toCheck);
    const { target: _t, app: _a, failOn: _f, fixSource, ...options } = config;
    const reports: Report[] = [];
    for (const planned of scans) {
      reports.push(
        await scan(planned.target, {
          ...options,
          checks,
          paths: planned.paths,
          headers: { ...config.headers, ...inputs.headers },
        }),
      );
    }
    const report: Report = {
      version: 1,
      target: scans.map((s) => s.label).join(', ') || 'nothing (this shard has no URL)',
      targetKind: reports[0]?.targetKind ?? 'url',
      warnings: reports.flatMap((r) => r.warnings),
      checks: reports.flatMap((r) => r.checks),
      assumptions: [...new Set(reports.flatMap((r) => r.assumptions))],
      notes: reports.flatMap((r) => r.notes ?? []),
      durationMs: reports.reduce((n, r) => n + r.durationMs, 0),
    };

    // The log: the text report, with workflow commands switched off around what the site sent.
    const fence = randomBytes(16).toString('hex');
    process.stdout.write(
      `::stop-commands::${fence}\n${formatText(report, { verbosity: inputs.verbosity, failOn: inputs.failOn })}::${fence}::\n`,
    );

    const location: FixLocation | undefined = inputs.annotateFile
      ? await locateIn(workspace, inputs.annotateFile)
      : fixSource
        ? await locateIn(workspace, fixSource)
        : await findComposingFile(workspace);
    const plan = planAnnotations(report.warnings, location, inputs.maxAnnotations);
    for (const a of plan.annotations) {
      const props = { title: a.title, ...(a.file ? { file: a.file, startLine: a.line } : {}) };
      if (a.level === 'error') core.error(a.message, props);
      else if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    }

    const reportFile = path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'checksecure-report.json');
    await writeFile(reportFile, formatJson(report));
    let sarifFile = '';
    if (inputs.sarifFile) {
      sarifFile = path.resolve(workspace, inputs.sarifFile);
      await writeFile(
        sarifFile,
        formatSarif(report, {
          checks,
          location: { uri: location?.file ?? 'package.json', line: location?.line },
          toolVersion: pkg.version,
        }),
      );
    }

    const errors = report.warnings.filter((w) => w.severity === 'error').length;
    const warnings = report.warnings.filter((w) => w.severity === 'warning').length;
    const codes = [...new Set(report.warnings.map((w) => w.code))];
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    core.setOutput('codes', codes.join(','));
    core.setOutput('report', reportFile);
    core.setOutput('sarif', sarifFile);

    const markdown = formatMarkdown(report);
    const folded =
      plan.foldedFindings > 0
        ? `\n_${report.warnings.length} findings are shown as ${plan.annotations.length} annotations: grouped by code${plan.foldedCodes > 0 ? `, ${plan.foldedCodes} codes folded into summary annotations` : ''} (GitHub shows at most 10 per level)._\n`
        : '';
    await core.summary.addRaw(markdown + folded).write();

    const event = process.env.GITHUB_EVENT_PATH
      ? JSON.parse(await readFile(process.env.GITHUB_EVENT_PATH, 'utf8').catch(() => '{}'))
      : {};
    const pr = pullRequestOf(event, process.env.GITHUB_REPOSITORY);
    if (pr && (inputs.comment || inputs.suggest)) {
      if (!inputs.token) core.notice('checksecure: no github-token, so no pull request comment');
      else {
        // Octokit loads only for a pull request that wants a comment or a suggestion.
        const github = await import('@actions/github');
        const octokit = github.getOctokit(inputs.token);
        if (inputs.comment) {
          const outcome = await upsertStickyComment(octokit as unknown as CommentClient, pr, markdown).catch(
            (error: unknown) => ({ skipped: describeError(error) }),
          );
          if (typeof outcome === 'object')
            core.notice(`checksecure: pull request comment skipped: ${outcome.skipped}`);
          else core.info(`checksecure: pull request comment ${outcome}`);
        }
        if (inputs.suggest && location && report.warnings.some((w) => w.fix)) {
          const text = await readFile(path.join(workspace, location.file), 'utf8').catch(() => '');
          const outcome = await suggestFix(
            octokit as unknown as SuggestClient,
            pr,
            location,
            text,
            codes,
          ).catch((error: unknown) => ({ skipped: describeError(error) }));
          if (typeof outcome === 'object') core.info(`checksecure: suggestion skipped: ${outcome.skipped}`);
          else core.info('checksecure: suggested the fix on the pull request');
        }
      }
    }

    if (failsAt(report.warnings, inputs.failOn)) {
      core.setFailed(`checksecure: ${errors} errors and ${warnings} warnings; fail-on is ${inputs.failOn}`);
    }
  } catch (error) {
    core.setFailed(`checksecure: ${describeError(error)}`);
  } finally {
    await server?.stop();
  }
}
