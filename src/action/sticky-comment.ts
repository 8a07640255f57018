import { commentMarker } from './comment-body.js';
import type { PullRequestContext } from './pull-request.js';

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
    users: { getAuthenticated(): Promise<{ data: { login?: string } }> };
  };
}

export type CommentOutcome = 'created' | 'updated' | { skipped: string };

/**
 * Who the token writes as: a user's login for a personal access token, or undefined for an
 * installation token (GITHUB_TOKEN or an app's), which GitHub refuses `GET /user` and whose
 * comments carry a Bot author.
 */
async function tokenLogin(client: CommentClient): Promise<string | undefined> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) return undefined;
    throw error;
  }
}

/**
 * Creates this scan's comment on the pull request once, then updates it on every run: found by
 * its marker (which carries the scan's key) and by the token's own identity, across every page
 * of comments, so that a comment someone else wrote with our marker is never taken for ours. A
 * fork's read-only token or a 403 skips it with a reason.
 */
export async function upsertStickyComment(
  client: CommentClient,
  pr: PullRequestContext,
  body: string,
  key: string,
): Promise<CommentOutcome> {
  if (pr.fromFork) return { skipped: 'the pull request comes from a fork, where the token cannot comment' };
  const marker = commentMarker(key);
  try {
    const login = await tokenLogin(client);
    const comments = await client.paginate<Comment>(client.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    const mine = (c: Comment) =>
      login !== undefined
        ? c.user?.login === login
        : c.user?.type === 'Bot' || (c.user?.login?.endsWith('[bot]') ?? false);
    const ours = comments.find((c) => (c.body?.startsWith(`${marker}\n`) ?? false) && mine(c));
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
