import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS_BOT, BODY_LIMIT, FakeGitHub } from '../helpers/github-api.js';

// The Action's tests are only as good as the stand-in they talk to: it must refuse and page as
// GitHub does, through the same client the Action uses.

let api: FakeGitHub;
const client = (token: string) => getOctokit(token, { baseUrl: api.url });
const where = { owner: 'octo', repo: 'site', issue_number: 7 };

beforeAll(async () => {
  api = await new FakeGitHub().start();
});
afterAll(() => api.stop());

describe('the stand-in of GitHub’s REST API', () => {
  it('refuses a comment over 65,536 characters with 422, counting characters, not UTF-16 units', async () => {
    const octokit = client('ghs_x');
    await expect(
      octokit.rest.issues.createComment({ ...where, body: 'x'.repeat(BODY_LIMIT + 1) }),
    ).rejects.toMatchObject({
      status: 422,
    });
    // 65,536 emoji are 131,072 UTF-16 units but 65,536 characters: accepted, as GitHub does.
    await expect(
      octokit.rest.issues.createComment({ ...where, body: '🔴'.repeat(BODY_LIMIT) }),
    ).resolves.toMatchObject({
      status: 201,
    });
    const [created] = api.comments;
    await expect(
      octokit.rest.issues.updateComment({
        owner: 'octo',
        repo: 'site',
        comment_id: created!.id,
        body: 'y'.repeat(BODY_LIMIT + 1),
      }),
    ).rejects.toMatchObject({ status: 422 });
    api.reset();
  });

  it('pages comment lists, and octokit.paginate reads every page', async () => {
    for (let i = 0; i < 250; i++) api.comments.push({ id: i, body: `c${i}`, user: ACTIONS_BOT });
    const octokit = client('ghs_x');
    const first = await octokit.rest.issues.listComments({ ...where, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...where, per_page: 100 });
    expect(all.map((c) => c.id)).toEqual(api.comments.map((c) => c.id));
    api.reset();
  });

  it('writes as the token’s identity: a Bot for an installation token, the user of a personal token', async () => {
    api.users.set('ghp_pat', { login: 'octocat', type: 'User' });
    await expect(client('ghs_x').rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    expect((await client('ghp_pat').rest.users.getAuthenticated()).data.login).toBe('octocat');
    const viewer = (token: string) =>
      client(token).graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect((await viewer('ghs_x')).viewer.login).toBe('github-actions');
    expect((await viewer('ghp_pat')).viewer.login).toBe('octocat');
    await client('ghs_x').rest.issues.createComment({ ...where, body: 'a' });
    await client('ghp_pat').rest.issues.createComment({ ...where, body: 'b' });
    expect(api.comments.map((c) => c.user)).toEqual([ACTIONS_BOT, { login: 'octocat', type: 'User' }]);
    api.reset();
  });
});
