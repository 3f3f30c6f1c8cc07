/**
 * A real HTTP server on 127.0.0.1 that answers each request as the test scripts it (201, 409,
 * 503, a dropped connection, no answer ...) and records what it received; plus the small tools
 * the queue tests share: a controllable clock, a gate that holds an answer, a database name per
 * test.
 *
 * Notes
 * - It imitates no logic of our server: it only replays the answers it is given, so the queues
 *   under test (src/app/outbox, src/app/messages) meet real sockets and real HTTP.
 * - What a request is recorded as differs per queue (the outbox reads multipart forms, the
 *   messages queue url-encoded ones), so each helpers.ts passes its own `record`.
 * - The answers are taken in order; when none is queued `fallback` answers (a 500 by default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Reads the request, then drops the connection: the answer is lost. */
  | { drop: true }
  /** Never answers (until the server closes). */
  | { hang: true }
  /** Answers `then` once `until` resolves. */
  | { until: Promise<void>; then: LoopbackAnswer };

/** An answer, or a function of the request that gives one. */
export type LoopbackScript<R> =
  LoopbackAnswer | ((req: R) => LoopbackAnswer | Promise<LoopbackAnswer>);

export interface LoopbackServer<R, S = LoopbackScript<R>> {
  url: string;
  received: R[];
  /** Queue answers for the next requests, in order. */
  answer(...answers: S[]): void;
  /** Used when the queue is empty (default: 500). */
  fallback: S;
  close(): Promise<void>;
}

/** Starts a scripted server; `record` turns each request and its body into what is kept. */
export async function startLoopback<R, S extends LoopbackScript<R> = LoopbackScript<R>>(
  record: (req: IncomingMessage, body: Buffer<ArrayBuffer>) => R | Promise<R>,
): Promise<LoopbackServer<R, S>> {
  const queue: S[] = [];
  const received: R[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const scripted: LoopbackServer<R, S> = {
    url: '',
    received,
    answer: (...answers) => void queue.push(...answers),
    fallback: { status: 500, body: [{ code: 500, description: 'Internal error' }] } as S,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = await record(req, Buffer.concat(chunks));
    received.push(request);
    const next: LoopbackScript<R> = queue.shift() ?? scripted.fallback;
    let answer = typeof next === 'function' ? await next(request) : next;
    while ('until' in answer) {
      await answer.until;
      answer = answer.then;
    }
    if ('drop' in answer) {
      req.socket.destroy();
      return;
    }
    if ('hang' in answer) return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
    res.writeHead(answer.status, {
      'content-type': typeof answer.body === 'string' ? 'text/html' : 'application/json',
      ...answer.headers,
    });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  scripted.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return scripted;
}

let counter = 0;
/** An IndexedDB database name of its own for each test. */
export function dbName(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;
}

/** A controllable clock. */
export function clock(start = Date.parse('2026-11-21T10:00:00.000Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    set: (ms: number) => void (t = ms),
  };
}

/** A promise with its resolve function, to hold an answer until the test lets it go. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
