import http from 'node:http';
import net from 'node:net';

/**
 * Fresh, real node:http request/response pairs, as a server hands them to its listener: built
 * outside a timed region, so that a benchmark times what runs on them and not their making.
 */
export function freshPairs(
  count: number,
  url: string,
  headers: http.IncomingHttpHeaders,
): [http.IncomingMessage, http.ServerResponse][] {
  const socket = new net.Socket();
  return Array.from({ length: count }, () => {
    const req = new http.IncomingMessage(socket);
    req.method = 'GET';
    req.url = url;
    req.headers = { ...headers };
    return [req, new http.ServerResponse(req)];
  });
}
