import { describeError } from '../core/errors.js';

/**
 * Why something the Action did failed, in one line, and for a call to GitHub's REST API whether
 * GitHub answered: Octokit gives an error status 500 to a request that got no answer at all (a
 * refused connection, a DNS failure, a timeout), so the status is named only when a response
 * came, and otherwise the API URL that could not be reached. `apiUrl` is the one Octokit uses
 * (GITHUB_API_URL).
 *
 * @example
 * githubFailure(refused, 'http://127.0.0.1:9') // 'could not reach GitHub at http://127.0.0.1:9: connect ECONNREFUSED …'
 */
export function githubFailure(error: unknown, apiUrl: string): string {
  const { status, response } = (error ?? {}) as { status?: unknown; response?: unknown };
  if (typeof status !== 'number') return describeError(error);
  if (response === undefined) return `could not reach GitHub at ${apiUrl}: ${describeError(error)}`;
  return `GitHub answered ${status}: ${describeError(error)}`;
}
