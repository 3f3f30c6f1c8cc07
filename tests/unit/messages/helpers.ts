/**
 * Test helpers for the messages queue: a real HTTP server on 127.0.0.1 that answers each POST as
 * the test scripts it (201, 409, 422, 503, a dropped connection ...) and records the form fields
 * and headers it received. It imitates no logic of our server: it only replays what it is given.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseReviewPayload, SurveyPayload } from '../../../src/app/messages';
import type { LockManagerLike } from '../../../src/app/outbox';

export interface FormReceived {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  fields: Array<[string, string]>;
}

export type FormAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Reads the request, then drops the connection: the answer is lost. */
  | { drop: true }
  /** Answers `then` once `until` resolves. */
  | { until: Promise<void>; then: FormAnswer };

export interface FormServer {
  url: string;
  received: FormReceived[];
  answer(...answers: FormAnswer[]): void;
  /** Used when nothing is queued (default 500). */
  fallback: FormAnswer;
  close(): Promise<void>;
}

export async function startFormServer(): Promise<FormServer> {
  const queue: FormAnswer[] = [];
  const received: FormReceived[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const scripted: FormServer = {
    url: '',
    received,
    answer: (...a) => void queue.push(...a),
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
    received.push({
      url: req.url ?? '',
      headers: req.headers,
      fields: [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))],
    });
    let answer = queue.shift() ?? scripted.fallback;
    while ('until' in answer) {
      await answer.until;
      answer = answer.then;
    }
    if ('drop' in answer) {
      req.socket.destroy();
      return;
    }
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

export const errorBody = (status: number, ...descriptions: string[]) => ({
  status,
  body: descriptions.map((description) => ({ code: status, description })),
});

export const survey = (over: Partial<SurveyPayload> = {}): SurveyPayload => ({
  kind: 'survey',
  reportSecret: '6f1c1d9e-3a52-4c44-9a0b-0d7f7e0c4a11',
  reference: 'DBC-12345678',
  satisfaction: '4',
  comment: 'Quick, thanks',
  ...over,
});

export const application = (over: Partial<CaseReviewPayload> = {}): CaseReviewPayload => ({
  kind: 'case-review',
  applicationId: crypto.randomUUID(),
  name: 'Sam Example',
  email: 'sam@example.com',
  phone: '',
  address: '',
  details: 'It happens every weekend.',
  consent: true,
  reports: [
    ['DBC-00000001', 'secret-one'],
    ['DBC-00000002', 'secret-two'],
    ['DBC-00000003', 'secret-three'],
  ],
  ...over,
});

export const reviewCreated = (reference = 'DBC-CR-12345678', status = 201) => ({
  status,
  body: {
    case_review_id: reference,
    service_request_ids: ['DBC-00000001', 'DBC-00000002', 'DBC-00000003'],
    received_datetime: '2026-11-21T10:00:00Z',
  },
});

/** Web Locks as browsers implement `ifAvailable` (Node 20 has none); shared by two "tabs". */
export function webLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error('waiting for a lock is not needed here');
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

let counter = 0;
export function dbName(): string {
  return `messages-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;
}

export function clock(start = Date.parse('2026-11-21T10:00:00.000Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
