/**
 * Test helpers for the messages queue: a real HTTP server on 127.0.0.1 that answers each POST as
 * the test scripts it (201, 409, 422, 503, a dropped connection ...) and records the form fields
 * and headers it received; survey and case-review payloads, Web Locks, a clock and a database
 * name per test.
 *
 * Notes
 * - The server, the clock and the gate are the shared ones in tests/unit/loopback.ts (the
 *   outbox's tests use them too); here is only how a url-encoded form is recorded. It imitates
 *   no logic of our server: it only replays what it is given.
 */
import type { CaseReviewPayload, SurveyPayload } from '../../../src/app/messages';
import type { LockManagerLike } from '../../../src/app/outbox';
import {
  startLoopback,
  dbName as loopbackDbName,
  type LoopbackAnswer,
  type LoopbackServer,
} from '../loopback';

export { clock, gate } from '../loopback';

export interface FormReceived {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  fields: Array<[string, string]>;
}

export type FormAnswer = LoopbackAnswer;
export type FormServer = LoopbackServer<FormReceived, FormAnswer>;

/** The scripted server, recording each url-encoded form with its headers. */
export function startFormServer(): Promise<FormServer> {
  return startLoopback<FormReceived, FormAnswer>((req, body) => ({
    url: req.url ?? '',
    headers: req.headers,
    fields: [...new URLSearchParams(body.toString('utf8'))],
  }));
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

export const dbName = (): string => loopbackDbName('messages-test');
