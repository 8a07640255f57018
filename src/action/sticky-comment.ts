import type { PullRequestContext } from './pull-request.js';

/** The hidden marker that identifies checksecure's own comment among a PR's comments. */
export const COMMENT_MARKER = '<!-- checksecure:sticky-comment -->';

interface Comment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string } | null;
}

/** The slice of Octokit this module uses, so tests and other clients can stand in. */
export interface CommentClient {
  paginate<T>(route: unknown, params: Record<string, unknown>): Promise<T[]>;
  rest: {
    issues: {
      listComments: unknown;
      createComment(params: Record<string, unknown>): Promise<unknown>;
      updateComment(params: Record<string, unknown>): Promise<unknown>;
    };
  };
}

export type CommentOutcome = 'created' | 'updated' | { skipped: string };

/**
 * Creates checksecure's comment on the pull request once, then updates it on every run: found
 * by marker and bot author across every page of comments. A fork's read-only token or a 403
 * skips it with a reason; it never fails the step.
 */
export async function upsertStickyComment(
  client: CommentClient,
  pr: PullRequestContext,
  markdown: string,
): Promise<CommentOutcome> {
  if (pr.fromFork) return { skipped: 'the pull request comes from a fork, where the token cannot comment' };
  const body = `${COMMENT_MARKER}\n${markdown}`;
  try {
    const comments = await client.paginate<Comment>(client.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    const ours = comments.find(
      (c) => c.body?.includes(COMMENT_MARKER) && (c.user?.type === 'Bot' || c.user?.login?.endsWith('[bot]')),
    );
    if (ours) {
      await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
      return 'updated';
    }
    await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    return 'created';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404)
      return {
        skipped: `GitHub answered ${status}: the token may not comment (pull-requests: write is needed)`,
      };
    throw error;
  }
}
