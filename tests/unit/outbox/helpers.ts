/**
 * Test helpers for the outbox: a real HTTP server on 127.0.0.1 that answers each POST as the test
 * scripts it (201, 400, 409, 429, 500, a dropped connection ...), and what it received; a report,
 * a photo, a clock and a database name per test.
 *
 * Notes
 * - The server, the clock and the gate are the shared ones in tests/unit/loopback.ts (the
 *   messages queue's tests use them too); here is only how the outbox's multipart requests are
 *   recorded. It imitates no logic of our server: it only replays the answers it is given.
 */
import type { ReportSubmissionInput } from '../../../src/shared/report';
import {
  startLoopback,
  dbName as loopbackDbName,
  type LoopbackAnswer,
  type LoopbackScript,
  type LoopbackServer,
} from '../loopback';

export { clock, gate } from '../loopback';

export interface Received {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
  contentType: string;
  fields: Array<[string, string]>;
  files: Array<{ field: string; name: string; type: string; bytes: Uint8Array }>;
}

export type Answer = LoopbackAnswer;
export type Script = LoopbackScript<Received>;
export type ScriptedServer = LoopbackServer<Received>;

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

/** The scripted server, recording multipart forms (fields and files) as the outbox sends them. */
export function startScriptedServer(): Promise<ScriptedServer> {
  return startLoopback(async (req, body): Promise<Received> => {
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
    return {
      method: req.method ?? '',
      url: req.url ?? '',
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      contentType,
      fields,
      files,
    };
  });
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

/** A database name of its own for each test. */
export const dbName = (): string => loopbackDbName('outbox-test');
