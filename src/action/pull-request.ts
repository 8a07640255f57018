/** What the Action needs from a pull_request event payload. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** The head branch lives in another repository: the token is read-only there. */
  fromFork: boolean;
}

/** The events whose pull request gets the comment; reviews and the like carry one too, but a
 * scan posted on each of them would be noise. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Reads the pull request from the payload of a pull_request or pull_request_target event (or of
 * any event when the name is not known), or undefined for other events.
 */
export function pullRequestOf(
  payload: unknown,
  repository: string | undefined,
  eventName?: string,
): PullRequestContext | undefined {
  if (eventName && !PULL_REQUEST_EVENTS.has(eventName)) return undefined;
  const pr = (payload as { pull_request?: Record<string, unknown> } | undefined)?.pull_request;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const [owner, repo] = (repository ?? '').split('/');
  const head = pr.head as { sha?: string; repo?: { full_name?: string } | null } | undefined;
  const base = pr.base as { repo?: { full_name?: string } } | undefined;
  if (!owner || !repo) return undefined;
  return {
    owner,
    repo,
    number: pr.number,
    headSha: head?.sha ?? '',
    // pull_request_target runs with the base repository's token, which may write on a fork's PR.
    fromFork:
      eventName !== 'pull_request_target' &&
      !!head?.repo?.full_name &&
      !!base?.repo?.full_name &&
      head.repo.full_name !== base.repo.full_name,
  };
}

/** The deployed commit of a deployment or deployment_status event, or undefined for other events. */
export function deployedCommit(payload: unknown): string | undefined {
  const sha = (payload as { deployment?: { sha?: unknown } } | undefined)?.deployment?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{40}$/i.test(sha) ? sha : undefined;
}

interface PullSummary {
  number: number;
  state?: string;
  head?: { sha?: string; repo?: { full_name?: string } | null };
  base?: { repo?: { full_name?: string } };
}

/** The slice of Octokit that finds a commit's pull requests. */
export interface CommitPullsClient {
  rest: {
    repos: {
      listPullRequestsAssociatedWithCommit(params: Record<string, unknown>): Promise<{ data: PullSummary[] }>;
    };
  };
}

/**
 * The open pull request a deployment belongs to (deployment_status events carry none): the one
 * whose head is the deployed commit, else the first open one that contains it.
 */
export async function pullRequestOfCommit(
  client: CommitPullsClient,
  repository: string | undefined,
  sha: string,
): Promise<PullRequestContext | undefined> {
  const [owner, repo] = (repository ?? '').split('/');
  if (!owner || !repo) return undefined;
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  const open = data.filter((pr) => pr.state === 'open');
  const pr = open.find((p) => p.head?.sha === sha) ?? open[0];
  if (!pr) return undefined;
  return pullRequestOf({ pull_request: pr }, repository);
}
