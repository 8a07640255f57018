import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/**
 * A stand-in for GitHub's REST API on 127.0.0.1: issue comments (paginated, 100 a page), pull
 * request files and review comments. It records every call; `forbidden` answers 403 to all.
 */
export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly comments: Comment[] = [];
  readonly reviewComments: { id: number; body: string; path: string; line: number }[] = [];
  files: { filename: string; patch?: string }[] = [];
  forbidden = false;
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

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      const body = raw ? JSON.parse(raw) : undefined;
      this.calls.push({
        method: req.method ?? '',
        path: url.pathname,
        body,
        authorization: req.headers.authorization,
      });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      if (this.forbidden) return json(403, { message: 'Resource not accessible by integration' });
      const page = Number(url.searchParams.get('page') ?? 1);
      const paged = <T>(items: T[]) => {
        const slice = items.slice((page - 1) * 100, page * 100);
        const more = page * 100 < items.length;
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return json(200, slice, more ? { link: `<${next.href}>; rel="next"` } : {});
      };
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname))
        return paged(this.comments);
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(url.pathname)) {
        const comment = {
          id: this.#nextId++,
          body: (body as { body: string }).body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        this.comments.push(comment);
        return json(201, comment);
      }
      if (
        req.method === 'PATCH' &&
        (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname))
      ) {
        const comment = this.comments.find((c) => c.id === Number(m![1]));
        if (!comment) return json(404, { message: 'Not Found' });
        comment.body = (body as { body: string }).body;
        return json(200, comment);
      }
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
