/**
 * Test helpers for the outbox: a real HTTP server on 127.0.0.1 that answers each POST as the test
 * scripts it (201, 400, 409, 429, 500, a dropped connection ...), and what it received.
 * It imitates no logic of our server: it only replays the answers it is given.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReportSubmissionInput } from '../../../src/shared/report';

export interface Received {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
  contentType: string;
  fields: Array<[string, string]>;
  files: Array<{ field: string; name: string; type: string; bytes: Uint8Array }>;
}

export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { drop: true }
  /** Never answers (until the server closes). */
  | { hang: true };

export type Script = Answer | ((req: Received) => Answer | Promise<Answer>);

export interface ScriptedServer {
  url: string;
  received: Received[];
  /** Queue answers for the next requests, in order. */
  answer(...answers: Script[]): void;
  /** Used when the queue is empty (default: 500). */
  fallback: Script;
  close(): Promise<void>;
}

export function created(
  reference: string,
  notice = 'We aim to look at this within 2 working days.',
) {
  return {
    status: 201,
    body: [{ service_request_id: reference, service_notice: notice, account_id: null }],
  };
}

export function open311Error(status: number, ...descriptions: string[]) {
  return { status, body: descriptions.map((description) => ({ code: status, description })) };
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Script[] = [];
  const received: Received[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const scripted: ScriptedServer = {
    url: '',
    received,
    answer: (...answers) => void queue.push(...answers),
    fallback: { status: 500, body: [{ code: 500, description: 'Internal error' }] },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const fields: Received['fields'] = [];
    const files: Received['files'] = [];
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(body, {
        headers: { 'content-type': contentType },
      }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') fields.push([field, value]);
        else
          files.push({
            field,
            name: value.name,
            type: value.type,
            bytes: new Uint8Array(await value.arrayBuffer()),
          });
      }
    }
    const request: Received = {
      method: req.method ?? '',
      url: req.url ?? '',
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      contentType,
      fields,
      files,
    };
    received.push(request);
    const next = queue.shift() ?? scripted.fallback;
    const answer = typeof next === 'function' ? await next(request) : next;
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

export const report: ReportSubmissionInput = {
  service_code: 'fly-tipping',
  lat: 51.7636,
  long: -0.2237,
  description: 'Bags by the bins',
  attributes: { size: 'car_boot', waste_types: ['household', 'tyres'] },
};

export const summary = { serviceName: 'Fly-tipping', riskBand: null };

export function photo(text = 'jpeg bytes', name = 'photo-1.jpg') {
  const bytes = new TextEncoder().encode(text);
  return { bytes: bytes.buffer.slice(0) as ArrayBuffer, type: 'image/jpeg', name };
}

let counter = 0;
/** A database name of its own for each test. */
export function dbName(): string {
  return `outbox-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;
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
