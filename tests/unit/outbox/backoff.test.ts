import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  openOutbox,
  parseRetryAfter,
  type Outbox,
} from '../../../src/app/outbox';
import {
  clock,
  created,
  dbName,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

const NOW = Date.parse('2026-11-21T10:00:00.000Z');

describe('backoff policy', () => {
  it('is full jitter: random() * min(cap, base * 2^attempts)', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 2_000, capMs: 300_000 });
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.5)).toBe(1_000);
    expect(backoffDelay(3, () => 0.5)).toBe(8_000);
    expect(backoffDelay(7, () => 0.999999)).toBe(255_999);
    // From 2 s * 2^8 = 512 s the cap of 5 minutes applies, however many attempts.
    expect(backoffDelay(8, () => 0.999999)).toBe(299_999);
    expect(backoffDelay(10_000, () => 0.999999)).toBe(299_999);
    expect(backoffDelay(10_000, () => 1)).toBe(300_000);
  });

  it('stays within [0, min(cap, base * 2^attempts)] for any random value', () => {
    for (let attempts = 0; attempts < 40; attempts++) {
      const ceiling = Math.min(300_000, 2_000 * 2 ** attempts);
      for (const r of [0, 1e-9, 0.25, 0.5, 0.75, 0.999999, 1, -1, 2]) {
        const d = backoffDelay(attempts, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('reads Retry-After as seconds or as an HTTP date, capped at an hour', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(NOW);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:02:30 GMT', NOW)).toBe(NOW + 150_000);
    // A date in the past means "now".
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', NOW)).toBe(NOW);
    expect(parseRetryAfter('86400', NOW)).toBe(NOW + 3_600_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
  });
});

describe('backoff through drain', () => {
  let server: ScriptedServer;
  let outbox: Outbox;
  const time = clock(NOW);
  let random = () => 0.999999;

  beforeEach(async () => {
    server = await startScriptedServer();
    time.set(NOW);
    outbox = await openOutbox({
      dbName: dbName(),
      baseUrl: server.url,
      now: time.now,
      random: () => random(),
    });
  });

  afterEach(async () => {
    outbox.close();
    await server.close();
  });

  async function queue() {
    const r = await outbox.enqueue(report, [], summary);
    if (!r.ok) throw new Error(r.error);
    return r.value.id;
  }

  it('doubles the ceiling after each failure up to the 5 minute cap', async () => {
    const id = await queue();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      server.answer({ status: 503, body: '' });
      expect((await outbox.drain()).failed).toEqual([id]);
      const r = (await outbox.get(id))!;
      expect(r.attempts).toBe(i + 1);
      const at = Date.parse(r.nextAttemptAt!);
      delays.push(at - time.now());
      expect(await outbox.nextWakeUp()).toBe(at);
      // Just before it is due nothing is sent; at the time it is.
      time.set(at - 1);
      expect((await outbox.drain()).failed).toEqual([]);
      time.set(at);
    }
    expect(delays).toEqual([
      1_999, 3_999, 7_999, 15_999, 31_999, 63_999, 127_999, 255_999, 299_999, 299_999,
    ]);
    expect(server.received).toHaveLength(10);
  });

  it('spreads retries with the injected random value', async () => {
    const id = await queue();
    random = () => 0.25;
    server.answer({ status: 500, body: '' });
    await outbox.drain();
    expect((await outbox.get(id))!.nextAttemptAt).toBe('2026-11-21T10:00:00.500Z');
    random = () => 0;
    time.advance(500);
    server.answer({ status: 500, body: '' });
    await outbox.drain();
    // Zero jitter: due at once (the next trigger sends it).
    expect((await outbox.get(id))!.nextAttemptAt).toBe('2026-11-21T10:00:00.500Z');
    random = () => 0.999999;
  });

  it('a 429 Retry-After (seconds) is a floor, even for "Send now"', async () => {
    random = () => 0;
    const id = await queue();
    server.answer({
      status: 429,
      body: [{ code: 429, description: 'Too many requests' }],
      headers: { 'retry-after': '30' },
    });
    await outbox.drain();
    const r = (await outbox.get(id))!;
    expect(r).toMatchObject({
      state: 'queued',
      lastStatus: 429,
      lastErrorKind: 'server',
      nextAttemptAt: '2026-11-21T10:00:30.000Z',
      notBefore: '2026-11-21T10:00:30.000Z',
    });
    time.advance(29_999);
    expect((await outbox.drain({ force: true })).sent).toEqual([]);
    expect(server.received).toHaveLength(1);
    time.advance(1);
    server.answer(created('NR-429'));
    expect((await outbox.drain()).sent).toEqual([id]);
    random = () => 0.999999;
  });

  it('Retry-After as an HTTP date; the jittered delay wins when it is longer', async () => {
    const id = await queue();
    server.answer({
      status: 503,
      body: '',
      headers: { 'retry-after': 'Sat, 21 Nov 2026 10:00:01 GMT' },
    });
    await outbox.drain();
    // random 0.999999 * 2 s = 1.999 s > the 1 s floor
    expect((await outbox.get(id))!).toMatchObject({
      nextAttemptAt: '2026-11-21T10:00:01.999Z',
      notBefore: '2026-11-21T10:00:01.000Z',
    });
    // "Send now" skips our own backoff but not the server's floor.
    time.advance(1_000);
    server.answer(created('NR-503'));
    expect((await outbox.drain({ force: true })).sent).toEqual([id]);
  });

  it('"Send now" (force) skips our own backoff after a network error', async () => {
    const id = await queue();
    server.answer({ drop: true });
    await outbox.drain();
    expect((await outbox.get(id))!.nextAttemptAt).toBe('2026-11-21T10:00:01.999Z');
    expect((await outbox.drain()).sent).toEqual([]);
    server.answer(created('NR-now'));
    expect((await outbox.drain({ force: true })).sent).toEqual([id]);
  });
});
