/**
 * A loopback HTTP proxy for end-to-end tests, placed between the browser and the real server so a
 * test can break the network the way phones see it: the council's server failing (503 without
 * the report reaching it) or the answer lost after the server has stored the report.
 *
 * Notes
 * - The browser loads everything from the proxy's URL (app shell, service worker, API), so the
 *   page's origin is the proxy and every request of the app goes through it.
 * - Only POST /open311/v2/requests.json is ever tampered with; every other request is relayed.
 * - "Drop" forwards the POST, waits for the server's whole answer (so the report is committed),
 *   then destroys the browser's socket without sending a byte of it: the phone cannot know.
 * - When the server is down the proxy destroys the browser's socket too (no answer), as a dead
 *   server looks to a phone, rather than inventing a 502.
 * - `latencyMs` delays each report POST, half before it is forwarded and half before the answer
 *   is relayed, like a slow mobile network; it widens the window in which a disruption (a server
 *   kill, the phone going offline) catches a report in flight.
 * - Responses carry `Connection: close`, so the browser opens a fresh connection for every
 *   request. Chromium transparently resends a request whose *reused* keep-alive connection closes
 *   before any answer; with fresh connections only the app itself can resend.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const REQUESTS_PATH = '/open311/v2/requests.json';

export type PostOutcome = 'failed' | 'dropped' | 'forwarded' | 'unreachable';

export interface SeenPost {
  /** The Idempotency-Key header, or null. */
  key: string | null;
  outcome: PostOutcome;
  /** The server's status (forwarded and dropped) or ours (failed); null when unreachable. */
  status: number | null;
  at: number;
}

export interface NetProxy {
  url: string;
  port: number;
  /** Answers the next `n` report POSTs itself with `status` (default 503), never forwarding them. */
  failNextPosts(n: number, status?: number, headers?: Record<string, string>): void;
  /** Forwards the next `n` report POSTs, then drops the connection instead of relaying the answer. */
  dropNextResponses(n: number): void;
  /** Every report POST the browser made, in order. */
  readonly posts: SeenPost[];
  /** How many requests of `method` had a path starting with `prefix`. */
  count(method: string, prefix: string): number;
  close(): Promise<void>;
}

export async function startNetProxy(target: {
  port: number;
  host?: string;
  /** Added to each report POST (default 0). */
  latencyMs?: number;
}): Promise<NetProxy> {
  const host = target.host ?? '127.0.0.1';
  const half = (target.latencyMs ?? 0) / 2;
  const later = (fn: () => void) => (half > 0 ? setTimeout(fn, half) : fn());
  let failing = 0;
  let failStatus = 503;
  let failHeaders: Record<string, string> = {};
  let dropping = 0;
  const posts: SeenPost[] = [];
  const sockets = new Set<Socket>();

  const relay = (
    req: IncomingMessage,
    res: ServerResponse,
    drop: boolean,
    post: SeenPost | null,
  ) => {
    const headers = { ...req.headers, connection: 'close' };
    const upstream = request(
      { host, port: target.port, method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        if (post) post.status = answer.statusCode ?? null;
        if (drop) {
          // Read the whole answer (the server has committed by then), then vanish.
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          answer.on('error', () => req.socket.destroy());
          return;
        }
        answer.on('error', () => req.socket.destroy());
        const pass = () => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
          answer.pipe(res);
        };
        if (post) later(pass);
        else pass();
      },
    );
    upstream.on('error', () => {
      if (post) post.outcome = 'unreachable';
      req.socket.destroy();
    });
    req.pipe(upstream);
  };

  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const line = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    seen.set(line, (seen.get(line) ?? 0) + 1);
    const isPost = req.method === 'POST' && (req.url ?? '').split('?')[0] === REQUESTS_PATH;
    if (!isPost) return relay(req, res, false, null);
    const key = req.headers['idempotency-key'];
    const post: SeenPost = {
      key: typeof key === 'string' ? key : null,
      outcome: 'forwarded',
      status: null,
      at: Date.now(),
    };
    posts.push(post);
    if (failing > 0) {
      failing--;
      post.outcome = 'failed';
      post.status = failStatus;
      req.resume();
      req.on('end', () => {
        res.writeHead(failStatus, {
          'content-type': 'application/json; charset=utf-8',
          connection: 'close',
          ...failHeaders,
        });
        res.end(JSON.stringify([{ code: failStatus, description: 'Service unavailable (test)' }]));
      });
      return;
    }
    const drop = dropping > 0;
    if (drop) {
      dropping--;
      post.outcome = 'dropped';
    }
    later(() => relay(req, res, drop, post));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    posts,
    count(method, prefix) {
      let n = 0;
      for (const [line, c] of seen) if (line.startsWith(`${method} ${prefix}`)) n += c;
      return n;
    },
    failNextPosts(n, status = 503, headers = {}) {
      failing = n;
      failStatus = status;
      failHeaders = headers;
    },
    dropNextResponses(n) {
      dropping = n;
    },
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}
