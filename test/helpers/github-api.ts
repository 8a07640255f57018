import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization?: string;
}

export interface Author {
  login: string;
  type: 'User' | 'Bot';
}

interface Comment {
  id: number;
  body: string;
  user: Author;
}

/** What GITHUB_TOKEN writes as: an installation, refused `GET /user`. */
export const ACTIONS_BOT: Author = { login: 'github-actions[bot]', type: 'Bot' };

/** GitHub refuses a comment body longer than this, counted in characters (code points). */
export const BODY_LIMIT = 65_536;

/**
 * A stand-in for GitHub's REST API on 127.0.0.1, answering as GitHub does where it matters:
 * issue comments paginated (per_page up to 100, a Link header to the next page), written by the
 * token's own identity (a Bot for installation tokens, a User for personal access tokens, which
 * alone may read `GET /user`; GraphQL's `viewer` answers both), 422 for a body over 65,536
 * characters; pull request files, review
 * comments, and the pull requests of a commit. It records every call; `forbidden` answers 403 to
 * all, `failWith` answers that status to comment writes.
 */
export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly comments: Comment[] = [];
  readonly reviewComments: { id: number; body: string; path: string; line: number }[] = [];
  files: { filename: string; patch?: string }[] = [];
  /** The pull requests `GET /repos/:o/:r/commits/:sha/pulls` answers, whatever the sha. */
  commitPulls: object[] = [];
  /** Personal access tokens and the user each belongs to; any other token is GITHUB_TOKEN's. */
  readonly users = new Map<string, Author>();
  forbidden = false;
  failWith?: number;
  #server = http.createServer((req, res) => this.#handle(req, res));
  #nextId = 1000;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  reset(): void {
    this.calls.length = 0;
    this.comments.length = 0;
    this.reviewComments.length = 0;
    this.files = [];
    this.commitPulls = [];
    this.users.clear();
    this.forbidden = false;
    this.failWith = undefined;
  }

  #author(authorization: string | undefined): Author {
    const token = (authorization ?? '').replace(/^(token|bearer) /i, '');
    return this.users.get(token) ?? ACTIONS_BOT;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      const body = raw ? JSON.parse(raw) : undefined;
      this.calls.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        body,
        authorization: req.headers.authorization,
      });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      if (this.forbidden) return json(403, { message: 'Resource not accessible by integration' });
      const author = this.#author(req.headers.authorization);
      const page = Number(url.searchParams.get('page') ?? 1);
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const paged = <T>(items: T[]) => {
        const slice = items.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < items.length;
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return json(200, slice, more ? { link: `<${next.href}>; rel="next"` } : {});
      };
      const tooLong = (text: string) =>
        [...text].length > BODY_LIMIT &&
        json(422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'unprocessable',
              field: 'data',
              message: `Body is too long (maximum is ${BODY_LIMIT} characters)`,
            },
          ],
          status: '422',
        });
      let m: RegExpExecArray | null;
      // GraphQL's viewer answers every kind of token; it names bots without "[bot]".
      if (req.method === 'POST' && url.pathname === '/graphql') {
        const query = (body as { query?: string }).query ?? '';
        if (!/\bviewer\s*\{\s*login\s*\}/.test(query))
          return json(200, {
            errors: [{ message: `the stand-in answers viewer { login } only, not ${query}` }],
          });
        return json(200, { data: { viewer: { login: author.login.replace(/\[bot\]$/, '') } } });
      }
      if (req.method === 'GET' && url.pathname === '/user')
        return author.type === 'User'
          ? json(200, { login: author.login, type: 'User' })
          : json(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname))
        return paged(this.comments);
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname)) {
        const text = (body as { body: string }).body;
        if (this.failWith) return json(this.failWith, { message: 'Server Error' });
        if (tooLong(text)) return;
        const comment = { id: this.#nextId++, body: text, user: author };
        this.comments.push(comment);
        return json(201, comment);
      }
      if (
        req.method === 'PATCH' &&
        (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname))
      ) {
        const comment = this.comments.find((c) => c.id === Number(m![1]));
        if (!comment) return json(404, { message: 'Not Found' });
        const text = (body as { body: string }).body;
        if (this.failWith) return json(this.failWith, { message: 'Server Error' });
        if (tooLong(text)) return;
        comment.body = text;
        return json(200, comment);
      }
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]+\/pulls$/.test(url.pathname))
        return paged(this.commitPulls);
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.test(url.pathname))
        return paged(this.files);
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(url.pathname))
        return paged(this.reviewComments);
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(url.pathname)) {
        const b = body as { body: string; path: string; line: number };
        const comment = { id: this.#nextId++, body: b.body, path: b.path, line: b.line };
        this.reviewComments.push(comment);
        return json(201, comment);
      }
      json(404, { message: 'Not Found' });
    });
  }
}
