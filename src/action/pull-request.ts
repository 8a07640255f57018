/** What the Action needs from a pull_request event payload. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** The head branch lives in another repository: the token is read-only there. */
  fromFork: boolean;
}

/** Reads the pull request from the event payload, or undefined for other events. */
export function pullRequestOf(
  payload: unknown,
  repository: string | undefined,
): PullRequestContext | undefined {
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
    fromFork:
      !!head?.repo?.full_name && !!base?.repo?.full_name && head.repo.full_name !== base.repo.full_name,
  };
}
