import type { FixLocation } from './fix-location.js';
import type { PullRequestContext } from './pull-request.js';

export const SUGGESTION_MARKER = '<!-- checksecure:suggestion -->';

export interface SuggestClient {
  paginate<T>(route: unknown, params: Record<string, unknown>): Promise<T[]>;
  rest: {
    pulls: {
      listFiles: unknown;
      listReviewComments: unknown;
      createReviewComment(params: Record<string, unknown>): Promise<unknown>;
    };
  };
}

export type SuggestOutcome = 'posted' | { skipped: string };

/** Whether a new-side line falls inside one of a unified diff's hunks. */
export function lineInPatch(patch: string | undefined, line: number): boolean {
  if (!patch) return false;
  for (const match of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const length = match[2] === undefined ? 1 : Number(match[2]);
    if (line >= start && line < start + length) return true;
  }
  return false;
}

/** The suggestion that mounts secure() right after the line that composes the app, or undefined. */
export function suggestionFor(location: FixLocation, fileText: string): string | undefined {
  const line = location.text;
  if (line === undefined || /checksecure\/(middleware|fastify|fetch|koa)/.test(fileText)) return undefined;
  const name = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/.exec(line)?.[1] ?? 'app';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const commonjs = /\brequire\s*\(/.test(fileText) && !/^\s*import\s/m.test(fileText);
  const mount = (subpath: string, call: string) =>
    `${
      commonjs
        ? `const { secure } = require('checksecure/${subpath}');`
        : `import { secure } from 'checksecure/${subpath}';`
    }\n${line}\n${indent}${name}.${call};`;
  if (/\b(?:fastify|Fastify)\s*\(/.test(line)) return mount('fastify', 'register(secure)');
  if (/\bnew\s+Koa\s*\(|\bkoa\s*\(/.test(line)) return mount('koa', 'use(secure())');
  if (/\b(?:express|connect)\s*\(/.test(line)) return mount('middleware', 'use(secure())');
  return undefined;
}

/**
 * When the file that composes the app is part of the pull request's diff, posts one review
 * comment on that line with a suggestion that mounts secure(): the fix is one click. Once per
 * pull request; skipped (never failing) otherwise.
 */
export async function suggestFix(
  client: SuggestClient,
  pr: PullRequestContext,
  location: FixLocation,
  fileText: string,
  codes: string[],
): Promise<SuggestOutcome> {
  if (pr.fromFork) return { skipped: 'the pull request comes from a fork' };
  const suggestion = suggestionFor(location, fileText);
  if (!suggestion)
    return {
      skipped: `no suggestion for ${location.file}:${location.line} (not an Express, Connect, Fastify or Koa app, or checksecure is already imported)`,
    };
  try {
    const files = await client.paginate<{ filename: string; patch?: string }>(client.rest.pulls.listFiles, {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      per_page: 100,
    });
    const changed = files.find((f) => f.filename === location.file);
    if (!changed || !lineInPatch(changed.patch, location.line))
      return { skipped: `${location.file}:${location.line} is not part of this pull request's diff` };
    const existing = await client.paginate<{ body?: string }>(client.rest.pulls.listReviewComments, {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      per_page: 100,
    });
    if (existing.some((c) => c.body?.includes(SUGGESTION_MARKER)))
      return { skipped: 'the suggestion was already posted' };
    const body = `${SUGGESTION_MARKER}\n**checksecure** found ${codes
      .slice(0, 6)
      .map((c) => `\`${c}\``)
      .join(
        ', ',
      )}${codes.length > 6 ? ` and ${codes.length - 6} more` : ''}. Mounting \`secure()\` fixes most of them:\n\n\`\`\`suggestion\n${suggestion}\n\`\`\``;
    await client.rest.pulls.createReviewComment({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      commit_id: pr.headSha,
      path: location.file,
      line: location.line,
      side: 'RIGHT',
      body,
    });
    return 'posted';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404 || status === 422)
      return { skipped: `GitHub answered ${status} to the review comment` };
    throw error;
  }
}
