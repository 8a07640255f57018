import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint } from './part.js';
import type { Answer, RequestView } from './types.js';

/**
 * Sends a gate's answer (a refusal or a redirect) and ends the response.
 *
 * @example
 * writeAnswer(res, { status: 400, headers: {}, body: 'Bad Request\n' });
 */
export function writeAnswer(res: ServerResponse, answer: Answer): void {
  // Whatever the engine holds (a standalone csrf() holds no header of its own), an answer of
  // ours never names the framework.
  res.removeHeader('x-powered-by');
  res.writeHead(answer.status, { 'Content-Length': Buffer.byteLength(answer.body), ...answer.headers });
  res.end(answer.body);
}

/**
 * Reads a POST body for an endpoint (cspReport's), never more than its limit: a declared
 * Content-Length over the limit is refused before a byte is read, and a body that grows past it
 * is cut off. The endpoint's answer is written when the body is in.
 *
 * @example
 * receiveNode(engine.endpoint, nodeView(req), req, res);
 */
export function receiveNode(
  endpoint: Endpoint,
  view: RequestView,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const declared = Number(req.headers['content-length']);
  const finish = (body: Buffer | undefined) => {
    const answer = endpoint.receive(view, contentType, body);
    // HTTP/2 has no Connection header (Node drops it with a warning): the stream ends alone.
    if (body === undefined && req.httpVersionMajor < 2)
      answer.headers = { ...answer.headers, Connection: 'close' };
    writeAnswer(res, answer);
  };
  if (Number.isFinite(declared) && declared > endpoint.maxBodyBytes) {
    finish(undefined);
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > endpoint.maxBodyBytes) {
      done = true;
      chunks.length = 0;
      finish(undefined);
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    finish(Buffer.concat(chunks, size));
  });
  req.on('error', () => {
    done = true;
  });
}
