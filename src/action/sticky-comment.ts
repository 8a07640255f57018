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
  };
  graphql<T>(query: string): Promise<T>;
}

export type CommentOutcome = 'created' | 'updated' | { skipped: string };

/**
 * Who the token writes as, from GraphQL's `viewer`, which answers for every kind of token: a
 * personal access token's user, GITHUB_TOKEN's `github-actions[bot]`, an app's `<slug>[bot]`
 * (REST `GET /user` refuses installation tokens). Undefined when GitHub will not say.
 */
async function tokenLogin(client: CommentClient): Promise<string | undefined> {
  try {
    const { viewer } = await client.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    return viewer?.login || undefined;
  } catch (error) {
    // A refusal, or an answer with GraphQL errors in it (a GHES without the field).
    const { status, errors } = error as { status?: number; errors?: unknown };
    if (status === 401 || status === 403 || status === 404 || errors !== undefined) return undefined;
    throw error;
  }
}

/** GraphQL names a bot `github-actions`, REST `github-actions[bot]`: compare them as one. */
const sameLogin = (a: string | undefined, b: string) =>
  a !== undefined && a.replace(/\[bot\]$/i, '').toLowerCase() === b.replace(/\[bot\]$/i, '').toLowerCase();

/**
 * Creates this scan's comment on the pull request once, then updates it on every run: found by
 * its marker (which carries the scan's key) and by the token's own identity, across every page
 * of comments, so that a comment someone else (a user, another app) wrote with our marker is
 * never taken for ours. A fork's read-only token or a 403 skips it with a reason.
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
    // Without an answer from GitHub on who we are, the bot GITHUB_TOKEN writes as, and no other.
    const mine = (c: Comment) => sameLogin(c.user?.login, login ?? 'github-actions[bot]');
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
