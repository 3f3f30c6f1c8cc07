/**
 * The messages queue (survey answers, case-review applications) on fake-indexeddb, sending to a
 * real loopback HTTP server: exactly once through a lost answer, backoff and Retry-After,
 * refusals kept with the council's words, a full disk, two tabs, and Background Sync.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KEEP_SENT_MS,
  MESSAGES_SYNC_TAG,
  createMessagesSyncHandler,
  openMessages,
  type Messages,
  type OpenMessagesOptions,
} from '../../../src/app/messages';
import {
  application,
  clock,
  dbName,
  errorBody,
  gate,
  reviewCreated,
  startFormServer,
  survey,
  webLocks,
  type FormServer,
} from './helpers';

let server: FormServer;
let name: string;
const opened: Messages[] = [];

beforeEach(async () => {
  server = await startFormServer();
  name = dbName();
});

afterEach(async () => {
  for (const q of opened.splice(0)) q.close();
  await server.close();
});

async function queue(opts: OpenMessagesOptions = {}): Promise<Messages> {
  const q = await openMessages({ dbName: name, baseUrl: server.url, locks: null, ...opts });
  opened.push(q);
  return q;
}

const field = (i: number, key: string) => server.received[i]!.fields.find(([k]) => k === key)?.[1];

describe('saving', () => {
  it('keeps a valid message once per id and refuses one that is not valid, naming the field', async () => {
    const q = await queue();
    const first = await q.save(survey());
    expect(first.ok && first.value).toMatchObject({
      id: `survey:${survey().reportSecret}`,
      state: 'queued',
      attempts: 0,
    });
    const again = await q.save(survey({ satisfaction: '1' }));
    // The same report's answer again: the first one stands (it may already be on its way).
    expect(again.ok && again.value.payload).toMatchObject({ satisfaction: '4' });
    const bad = await q.save(application({ applicationId: 'not-a-uuid', reports: [] }));
    expect(bad).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid-message: .*applicationId.*reports/),
    });
    expect((await q.list()).records).toHaveLength(1);
    expect(server.received).toHaveLength(0);
  });

  it('a full disk keeps nothing of the failed save and says storage-full', async () => {
    const q = await queue();
    await q.save(survey());
    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const r = await q.save(application());
      expect(r).toEqual({ ok: false, error: 'storage-full' });
    } finally {
      proto.put = put;
    }
    const { records } = await q.list();
    expect(records.map((r) => r.payload.kind)).toEqual(['survey']);
    // Room again: the same application saves.
    expect((await q.save(application())).ok).toBe(true);
  });

  it('survives closing the app, and a record that no longer fits is left alone and never sent', async () => {
    const q = await queue();
    await q.save(application());
    q.close();
    const raw = await openDB(name);
    await raw.put('messages', { id: 'case-review:broken', state: 'queued' });
    raw.close();
    const again = await queue();
    const { records, unreadable } = await again.list();
    expect(records.map((r) => r.state)).toEqual(['queued']);
    expect(unreadable).toBe(1);
    server.answer(reviewCreated());
    expect((await again.drain()).sent).toHaveLength(1);
    expect(server.received).toHaveLength(1);
  });
});

describe('sending exactly once', () => {
  it('a case review whose answer is lost is sent again with the same application_id and kept as sent', async () => {
    const c = clock();
    const q = await queue({ now: c.now, random: () => 0.5 });
    const app = application();
    const saved = await q.save(app);
    expect(saved.ok).toBe(true);
    server.answer({ drop: true });
    const first = await q.drain();
    expect(first.failed).toHaveLength(1);
    const waiting = (await q.list()).records[0]!;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastErrorKind: 'network' });

    server.answer(reviewCreated('DBC-CR-00000042', 200));
    c.advance(60_000);
    const second = await q.drain();
    expect(second.sent).toEqual([`case-review:${app.applicationId}`]);
    expect(server.received.map((r) => r.url)).toEqual(['/api/case-reviews', '/api/case-reviews']);
    expect(field(0, 'application_id')).toBe(app.applicationId);
    expect(field(1, 'application_id')).toBe(app.applicationId);
    expect(server.received[1]!.fields).toEqual(server.received[0]!.fields);
    expect(field(0, 'report[DBC-00000002]')).toBe('secret-two');
    expect(field(0, 'consent')).toBe('yes');
    const sent = (await q.get(`case-review:${app.applicationId}`))!;
    expect(sent).toMatchObject({
      state: 'sent',
      answer: { kind: 'case-review', reference: 'DBC-CR-00000042' },
    });
    // Sent is final: nothing more goes out.
    await q.drain({ force: true });
    expect(server.received).toHaveLength(2);
  });

  it('forgets a sent message 30 days on, when the app opens the queue; waiting ones are kept', async () => {
    const c = clock();
    const q = await queue({ now: c.now });
    const app = application();
    await q.save(app);
    server.answer(reviewCreated('DBC-CR-00000043', 200));
    expect((await q.drain()).sent).toHaveLength(1);
    await q.save(survey());
    q.close();
    opened.splice(opened.indexOf(q), 1);

    c.advance(KEEP_SENT_MS - 1);
    const soon = await queue({ now: c.now });
    expect((await soon.list()).records.map((r) => r.state).sort()).toEqual(['queued', 'sent']);
    soon.close();
    opened.splice(opened.indexOf(soon), 1);

    c.advance(1);
    const later = await queue({ now: c.now });
    const left = (await later.list()).records;
    expect(left.map((r) => r.id)).toEqual([`survey:${survey().reportSecret}`]);
    expect(left[0]!.state).toBe('queued');
  });

  it("a survey answer is sent with the report's secret; a lost answer is repeated byte for byte", async () => {
    const q = await queue();
    await q.save(survey());
    server.answer({ drop: true }, { status: 200, body: { service_request_id: 'DBC-12345678' } });
    await q.drain();
    await q.drain({ force: true });
    expect(server.received).toHaveLength(2);
    for (const r of server.received) {
      expect(r.url).toBe('/api/surveys');
      expect(r.headers['x-report-secret']).toBe(survey().reportSecret);
    }
    expect(server.received[1]!.fields).toEqual([
      ['service_request_id', 'DBC-12345678'],
      ['satisfaction', '4'],
      ['comment', 'Quick, thanks'],
    ]);
    expect((await q.list()).records[0]).toMatchObject({
      state: 'sent',
      answer: { kind: 'survey', outcome: 'thanks' },
    });
  });

  it('a survey the council already has an answer for counts as delivered, never retried', async () => {
    const q = await queue();
    await q.save(survey());
    server.answer(
      errorBody(409, 'You have already answered the survey for this report. Thank you.'),
    );
    const r = await q.drain();
    expect(r.sent).toHaveLength(1);
    expect((await q.list()).records[0]).toMatchObject({
      state: 'sent',
      answer: { kind: 'survey', outcome: 'already' },
    });
  });

  it('two tabs draining at once send each message once', async () => {
    const locks = webLocks();
    const a = await queue({ locks });
    const b = await queue({ locks });
    await a.save(application());
    const held = gate();
    server.answer({ until: held.promise, then: reviewCreated() });
    const first = a.drain();
    // The first tab's request is at the server, unanswered: the second tab finds the lock held.
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = await b.drain();
    expect(second).toMatchObject({ busy: true, sent: [] });
    held.open();
    expect((await first).sent).toHaveLength(1);
    expect((await b.drain()).sent).toHaveLength(0);
    expect(server.received).toHaveLength(1);
    expect((await b.list()).records[0]!.state).toBe('sent');
  });
});

describe('failures', () => {
  it('backs off with full jitter, and the server Retry-After holds even a forced send', async () => {
    const c = clock();
    const q = await queue({ now: c.now, random: () => 1 });
    await q.save(survey());
    server.answer({ status: 503, body: 'Down for maintenance', headers: { 'retry-after': '120' } });
    const r = await q.drain();
    expect(r.failed).toHaveLength(1);
    const rec = (await q.list()).records[0]!;
    expect(rec).toMatchObject({ state: 'queued', attempts: 1, lastStatus: 503 });
    expect(Date.parse(rec.notBefore!)).toBe(c.now() + 120_000);
    expect(await q.nextWakeUp()).toBe(c.now() + 120_000);

    c.advance(60_000);
    await q.drain({ force: true });
    expect(server.received).toHaveLength(1);

    c.advance(60_000);
    server.answer({ status: 500, body: [{ code: 500, description: 'Internal error' }] });
    await q.drain();
    const after = (await q.list()).records[0]!;
    // Second failure: the ceiling doubles (2 s base * 2^1), random() = 1 takes all of it.
    expect(after.attempts).toBe(2);
    expect(Date.parse(after.nextAttemptAt!)).toBe(c.now() + 4_000);
    await q.drain();
    expect(server.received).toHaveLength(2);
    c.advance(4_000);
    server.answer({ status: 201, body: { service_request_id: 'DBC-12345678' } });
    expect((await q.drain()).sent).toHaveLength(1);
  });

  it('a refusal is kept with the council message and not retried; sending it again replaces it', async () => {
    const q = await queue();
    const app = application();
    await q.save(app);
    server.answer(
      errorBody(
        422,
        'report: DBC-00000003 was made outside the window.',
        'A case review needs 3 qualifying reports within 6 months; these make 2.',
      ),
    );
    const r = await q.drain();
    expect(r.refused).toEqual([`case-review:${app.applicationId}`]);
    const refused = (await q.list()).records[0]!;
    expect(refused).toMatchObject({
      state: 'refused',
      lastStatus: 422,
      lastErrorKind: 'refused',
      lastError:
        'report: DBC-00000003 was made outside the window. A case review needs 3 qualifying reports within 6 months; these make 2.',
    });
    expect(await q.nextWakeUp()).toBeNull();
    await q.drain({ force: true });
    expect(server.received).toHaveLength(1);

    // The resident changes it and sends again, under the same application_id.
    const changed = await q.save({ ...app, details: 'Also on weekdays now.' });
    expect(changed.ok && changed.value.state).toBe('queued');
    server.answer(reviewCreated());
    expect((await q.drain()).sent).toHaveLength(1);
    expect(field(1, 'details')).toBe('Also on weekdays now.');
    expect(field(1, 'application_id')).toBe(app.applicationId);
  });

  it("a survey for a report that is not closed is refused, not retried; a portal's page is retried", async () => {
    const q = await queue();
    await q.save(survey());
    server.answer(
      { status: 200, body: '<html>Sign in to the Wi-Fi</html>' },
      errorBody(409, 'This report is not closed yet: the survey opens when it is closed.'),
    );
    expect((await q.drain()).failed).toHaveLength(1);
    expect((await q.drain({ force: true })).refused).toHaveLength(1);
    expect((await q.list()).records[0]).toMatchObject({
      state: 'refused',
      lastStatus: 409,
      lastError: 'This report is not closed yet: the survey opens when it is closed.',
    });
  });
});

describe('Background Sync', () => {
  it('the service worker drains on the messages tag only, and asks again while messages wait', async () => {
    const q = await queue();
    await q.save(survey());
    const handle = createMessagesSyncHandler(() => queue());
    const waits: Array<Promise<unknown>> = [];
    handle({ tag: 'outbox', waitUntil: (p) => void waits.push(p) });
    expect(waits).toHaveLength(0);

    server.answer({ status: 503, body: 'busy' });
    handle({ tag: MESSAGES_SYNC_TAG, waitUntil: (p) => void waits.push(p) });
    await expect(waits[0]).rejects.toThrow('1 message(s) still waiting');

    server.answer({ status: 201, body: { service_request_id: 'DBC-12345678' } });
    handle({ tag: MESSAGES_SYNC_TAG, waitUntil: (p) => void waits.push(p) });
    // Our backoff is not skipped by a sync event: only due messages go.
    await waits[1];
    expect(server.received).toHaveLength(1);
  });
});
