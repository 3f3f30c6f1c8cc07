import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, type Outbox } from '../../../src/app/outbox';
import { fieldsFromSubmission } from '../../../src/shared/open311';
import { ReportSubmissionSchema } from '../../../src/shared/report';
import {
  clock,
  created,
  dbName,
  gate,
  open311Error,
  photo,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

let server: ScriptedServer;
let outbox: Outbox;
const time = clock();

beforeEach(async () => {
  server = await startScriptedServer();
  time.set(Date.parse('2026-11-21T10:00:00.000Z'));
  outbox = await openOutbox({
    dbName: dbName(),
    baseUrl: server.url,
    now: time.now,
    random: () => 0.5,
  });
});

afterEach(async () => {
  outbox.close();
  await server.close();
});

async function queue(media = [photo()]) {
  const r = await outbox.enqueue(report, media, summary);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('outbox state machine against a real HTTP server', () => {
  it('queues, sends multipart with the Idempotency-Key, and records the reference', async () => {
    const record = await queue([photo('first'), photo('second', 'photo-2.jpg')]);
    expect(record.state).toBe('queued');
    expect(await outbox.getMedia(record.id)).toHaveLength(2);
    server.answer(created('NR-1001', 'We aim to look at this within 2 working days.'));

    const result = await outbox.drain();

    expect(result).toEqual({ sent: [record.id], failed: [], attention: [], busy: false });
    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(req.url).toBe('/open311/v2/requests.json');
    expect(req.idempotencyKey).toBe(record.id);
    expect(req.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.fields).toEqual(fieldsFromSubmission(ReportSubmissionSchema.parse(report)));
    expect(
      req.files.map((f) => [f.field, f.name, f.type, new TextDecoder().decode(f.bytes)]),
    ).toEqual([
      ['media', 'photo-1.jpg', 'image/jpeg', 'first'],
      ['media', 'photo-2.jpg', 'image/jpeg', 'second'],
    ]);
    const sent = await outbox.get(record.id);
    expect(sent).toMatchObject({
      state: 'sent',
      reference: 'NR-1001',
      serviceNotice: 'We aim to look at this within 2 working days.',
      sentAt: '2026-11-21T10:00:00.000Z',
      lastError: null,
      lastStatus: 201,
    });
    // The council has the photos: their bytes are freed, the record stays with its reference.
    expect(await outbox.getMedia(record.id)).toEqual([]);
    expect(await outbox.drain()).toEqual({ sent: [], failed: [], attention: [], busy: false });
    expect(server.received).toHaveLength(1);
  });

  it('a 400 with Open311 errors needs attention; after an edit it is sent under the same key', async () => {
    const record = await queue();
    server.answer(
      open311Error(
        400,
        '"Fly-tipping" no longer takes new reports; choose another category',
        'lat: outside',
      ),
    );
    expect((await outbox.drain()).attention).toEqual([record.id]);
    const refused = await outbox.get(record.id);
    expect(refused).toMatchObject({
      state: 'needs-attention',
      lastError: '"Fly-tipping" no longer takes new reports; choose another category; lat: outside',
      lastErrorKind: 'rejected',
      lastStatus: 400,
      nextAttemptAt: null,
    });
    // Not retried by itself.
    time.advance(3_600_000);
    expect(await outbox.drain({ force: true })).toEqual({
      sent: [],
      failed: [],
      attention: [],
      busy: false,
    });

    const edited = await outbox.update(
      record.id,
      { ...report, service_code: 'litter' },
      { summary: { serviceName: 'Litter' } },
    );
    expect(edited.ok && edited.value).toMatchObject({
      id: record.id,
      state: 'queued',
      attempts: 0,
      lastError: null,
      summary: { serviceName: 'Litter' },
    });
    server.answer(created('NR-2002'));
    expect((await outbox.drain()).sent).toEqual([record.id]);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([record.id, record.id]);
    expect(server.received[1]!.fields).toContainEqual(['service_code', 'litter']);
    expect(await outbox.get(record.id)).toMatchObject({ state: 'sent', reference: 'NR-2002' });
  });

  it.each([403, 404, 422])('a %i with an Open311 error body needs attention', async (status) => {
    const record = await queue();
    server.answer(open311Error(status, 'refused for a reason'));
    await outbox.drain();
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'needs-attention',
      lastError: 'refused for a reason',
      lastStatus: status,
    });
  });

  it.each([413, 415])('a %i needs attention even without a readable body', async (status) => {
    const record = await queue();
    server.answer({ status, body: '<html>too big</html>' });
    await outbox.drain();
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'needs-attention',
      lastError: `HTTP ${status}`,
      lastErrorKind: 'rejected',
    });
  });

  it('a 400 that is not an Open311 answer (a portal page) stays queued', async () => {
    const record = await queue();
    server.answer({ status: 400, body: '<html>Sign in to the hotel wifi</html>' });
    expect((await outbox.drain()).failed).toEqual([record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'queued',
      lastErrorKind: 'server',
      attempts: 1,
    });
  });

  it.each([
    [
      '409 (same key in flight)',
      { status: 409, body: [{ code: 409, description: 'in progress' }] },
    ],
    ['408', { status: 408, body: '' }],
    ['500', { status: 500, body: [{ code: 500, description: 'Internal error' }] }],
    ['503', { status: 503, body: 'Service Unavailable' }],
    ['200 with a page instead of JSON', { status: 200, body: '<html>captive portal</html>' }],
    ['201 with no created request in it', { status: 201, body: [] }],
  ])('%s keeps it queued with backoff, then it is sent', async (_name, answer) => {
    const record = await queue();
    server.answer(answer);
    expect(await outbox.drain()).toEqual({
      sent: [],
      failed: [record.id],
      attention: [],
      busy: false,
    });
    const waiting = await outbox.get(record.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastErrorKind: 'server' });
    // random 0.5 * min(cap, 2 s * 2^0) = 1 s
    expect(waiting!.nextAttemptAt).toBe('2026-11-21T10:00:01.000Z');
    expect(await outbox.getMedia(record.id)).toHaveLength(1);
    // Not due yet: nothing is sent.
    expect((await outbox.drain()).sent).toEqual([]);
    expect(server.received).toHaveLength(1);
    time.advance(1_000);
    server.answer(created('NR-3003'));
    expect((await outbox.drain()).sent).toEqual([record.id]);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([record.id, record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'sent',
      reference: 'NR-3003',
      attempts: 1,
    });
  });

  it('a 201 that gives the reference but not every field still counts as sent', async () => {
    const record = await queue();
    server.answer({ status: 201, body: [{ service_request_id: 'NR-MIN' }] });
    expect((await outbox.drain()).sent).toEqual([record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'sent',
      reference: 'NR-MIN',
      serviceNotice: null,
    });
  });

  it('a connection dropped after the body was read keeps it queued (network)', async () => {
    const record = await queue();
    server.answer({ drop: true });
    expect((await outbox.drain()).failed).toEqual([record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'queued',
      lastErrorKind: 'network',
      lastStatus: null,
      attempts: 1,
    });
    expect(server.received).toHaveLength(1);
  });

  it('a server that is not there at all keeps it queued (network)', async () => {
    const record = await queue();
    await server.close();
    expect((await outbox.drain()).failed).toEqual([record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'queued',
      lastErrorKind: 'network',
    });
  });

  it('a request with no answer is abandoned after the timeout and retried later', async () => {
    outbox.close();
    outbox = await openOutbox({ dbName: dbName(), baseUrl: server.url, requestTimeoutMs: 200 });
    const record = await queue();
    server.answer({ hang: true });
    expect((await outbox.drain()).failed).toEqual([record.id]);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'queued',
      lastErrorKind: 'network',
      lastError: expect.stringContaining('no answer'),
    });
  });

  it('shows `sending` while the request is in flight', async () => {
    const record = await queue();
    const hold = gate();
    server.answer(async () => {
      await hold.promise;
      return created('NR-4004');
    });
    const draining = outbox.drain();
    await expect.poll(async () => (await outbox.get(record.id))?.state).toBe('sending');
    hold.open();
    await draining;
    expect((await outbox.get(record.id))?.state).toBe('sent');
  });

  it('an aborted drain puts the report back in the queue without backoff', async () => {
    const record = await queue();
    server.answer({ hang: true });
    const controller = new AbortController();
    const draining = outbox.drain({ signal: controller.signal });
    await expect.poll(async () => (await outbox.get(record.id))?.state).toBe('sending');
    controller.abort();
    expect(await draining).toEqual({ sent: [], failed: [], attention: [], busy: false });
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      nextAttemptAt: null,
    });
    // It may have reached the council, so it can no longer be edited.
    expect(await outbox.update(record.id, report)).toEqual({ ok: false, error: 'not-editable' });
  });

  it('sends several reports oldest first, each once', async () => {
    const a = await queue();
    time.advance(1);
    const b = await queue();
    time.advance(1);
    const c = await queue();
    server.answer(created('NR-1'), { status: 500, body: '' }, created('NR-3'));
    const result = await outbox.drain();
    expect(result).toEqual({ sent: [a.id, c.id], failed: [b.id], attention: [], busy: false });
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([a.id, b.id, c.id]);
    const { records } = await outbox.list();
    expect(records.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
  });

  it('a queued report never tried can be edited; a sent one cannot be', async () => {
    const record = await queue();
    const edited = await outbox.update(record.id, { ...report, description: 'More bags' });
    expect(edited.ok).toBe(true);
    server.answer(created('NR-5'));
    await outbox.drain();
    expect(server.received[0]!.fields).toContainEqual(['description', 'More bags']);
    expect(await outbox.update(record.id, report)).toEqual({ ok: false, error: 'not-editable' });
    expect(await outbox.update(crypto.randomUUID(), report)).toEqual({
      ok: false,
      error: 'not-found',
    });
  });

  it('remove deletes the report and its media', async () => {
    const record = await queue();
    await outbox.remove(record.id);
    expect(await outbox.get(record.id)).toBeNull();
    expect(await outbox.getMedia(record.id)).toEqual([]);
    expect((await outbox.list()).records).toEqual([]);
    expect((await outbox.drain()).sent).toEqual([]);
    expect(server.received).toHaveLength(0);
  });
});
