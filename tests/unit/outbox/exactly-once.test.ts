import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, type LockManagerLike, type Outbox } from '../../../src/app/outbox';
import {
  clock,
  created,
  dbName,
  gate,
  photo,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

/**
 * Web Locks as browsers implement `ifAvailable` (one holder per name, others get null at once):
 * Node 20 has no navigator.locks, so two "tabs" here share this one.
 */
function webLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error('waiting for a lock is not needed by the outbox');
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

let server: ScriptedServer;
const opened: Outbox[] = [];
let name: string;

beforeEach(async () => {
  server = await startScriptedServer();
  name = dbName();
});

afterEach(async () => {
  for (const o of opened.splice(0)) o.close();
  await server.close();
});

async function tab(opts: Parameters<typeof openOutbox>[0] = {}) {
  const o = await openOutbox({ dbName: name, baseUrl: server.url, locks: null, ...opts });
  opened.push(o);
  return o;
}

async function queued(o: Outbox) {
  const r = await o.enqueue(report, [photo()], summary);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('exactly once', () => {
  it('two tabs draining the same report at once send it once (atomic claim)', async () => {
    const a = await tab();
    const b = await tab();
    const record = await queued(a);
    const hold = gate();
    server.answer(async () => {
      await hold.promise;
      return created('NR-1');
    });
    const both = Promise.all([a.drain(), b.drain()]);
    await expect.poll(() => server.received.length).toBe(1);
    hold.open();
    const [ra, rb] = await both;
    expect([...ra.sent, ...rb.sent]).toEqual([record.id]);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([record.id]);
    expect(await b.get(record.id)).toMatchObject({ state: 'sent', reference: 'NR-1' });
  });

  it('the same outbox drained twice concurrently sends once and both callers see the result', async () => {
    const a = await tab();
    const record = await queued(a);
    server.answer(created('NR-2'));
    const [r1, r2] = await Promise.all([a.drain(), a.drain({ force: true })]);
    expect(r1.sent).toEqual([record.id]);
    expect(r2.sent).toEqual([record.id]);
    expect(server.received).toHaveLength(1);
  });

  it('a report left `sending` by a crashed tab is resent with the same key; the late answers agree', async () => {
    const time = clock();
    const a = await tab({ now: time.now });
    const b = await tab({ now: time.now, staleSendingMs: 60_000 });
    const record = await queued(a);
    // Tab A's request reaches the council but its answer is slow.
    const holdA = gate();
    server.answer(async () => {
      await holdA.promise;
      return created('NR-3');
    });
    const drainingA = a.drain();
    await expect.poll(() => server.received.length).toBe(1);

    // Within 60 s tab B leaves it alone ...
    time.advance(59_999);
    expect((await b.drain()).sent).toEqual([]);
    expect(server.received).toHaveLength(1);
    // ... after 60 s it takes it over, under the same key; the server says the first is in flight.
    time.advance(1);
    server.answer({ status: 409, body: [{ code: 409, description: 'still being processed' }] });
    expect((await b.drain()).failed).toEqual([record.id]);
    expect(await b.get(record.id)).toMatchObject({ state: 'queued', lastStatus: 409 });

    holdA.open();
    expect((await drainingA).sent).toEqual([record.id]);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([record.id, record.id]);
    expect(await b.get(record.id)).toMatchObject({ state: 'sent', reference: 'NR-3' });
    // Nothing more to send.
    time.advance(3_600_000);
    expect((await b.drain({ force: true })).sent).toEqual([]);
    expect(server.received).toHaveLength(2);
  });

  it('a late failure from a taken-over attempt never undoes `sent`', async () => {
    const time = clock();
    const a = await tab({ now: time.now });
    const b = await tab({ now: time.now });
    const record = await queued(a);
    const holdA = gate();
    server.answer(async () => {
      await holdA.promise;
      return { status: 500, body: '' };
    });
    const drainingA = a.drain();
    await expect.poll(() => server.received.length).toBe(1);
    time.advance(60_000);
    server.answer(created('NR-4'));
    expect((await b.drain()).sent).toEqual([record.id]);
    holdA.open();
    expect(await drainingA).toMatchObject({ sent: [], failed: [] });
    expect(await a.get(record.id)).toMatchObject({ state: 'sent', reference: 'NR-4' });
  });

  it('a success recorded after the resident deleted the report is not resurrected', async () => {
    const a = await tab();
    const record = await queued(a);
    const hold = gate();
    server.answer(async () => {
      await hold.promise;
      return created('NR-5');
    });
    const draining = a.drain();
    await expect.poll(() => server.received.length).toBe(1);
    await a.remove(record.id);
    hold.open();
    expect((await draining).sent).toEqual([record.id]);
    expect(await a.get(record.id)).toBeNull();
  });

  describe('with Web Locks', () => {
    it('only one sender at a time: the other returns at once, busy, sending nothing', async () => {
      const locks = webLocks();
      const a = await tab({ locks });
      const b = await tab({ locks });
      const record = await queued(a);
      const hold = gate();
      server.answer(async () => {
        await hold.promise;
        return created('NR-6');
      });
      const drainingA = a.drain();
      await expect.poll(() => server.received.length).toBe(1);
      expect(await b.drain({ force: true })).toEqual({
        sent: [],
        failed: [],
        attention: [],
        busy: true,
      });
      hold.open();
      expect((await drainingA).sent).toEqual([record.id]);
      expect(server.received).toHaveLength(1);
    });

    it('the lock holder takes over a `sending` record at once (its claimer is gone)', async () => {
      const locks = webLocks();
      const crashed = await tab({ locks: null });
      const record = await queued(crashed);
      server.answer({ hang: true });
      void crashed.drain();
      await expect.poll(() => server.received.length).toBe(1);
      crashed.close(); // the tab is gone; its request never answers

      const b = await tab({ locks });
      server.answer(created('NR-7'));
      expect((await b.drain()).sent).toEqual([record.id]);
      expect(server.received.map((r) => r.idempotencyKey)).toEqual([record.id, record.id]);
    });
  });
});
