/**
 * What keeps one client from starving the others: the published figures cached with ETags (304)
 * and computed once per interval however many ask, the per-address rate limit on the public
 * endpoints (429 + Retry-After), and load shedding when the event loop lags (503 + Retry-After).
 */
import { expect, it, vi } from 'vitest';
import { OPEN311_BASE } from '../../src/shared/open311';
import { newReference } from '../../src/server/reports/reference';
import { describeEachStore, storedReport } from './helpers';

describeEachStore('load limits', (t) => {
  it('answers 304 to a matching If-None-Match, for the JSON and the CSV', async () => {
    for (const path of ['/api/performance.json', '/api/performance.csv']) {
      const first = await t.app.inject(path);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await t.app.inject({ url: path, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const other = await t.app.inject({ url: path, headers: { 'if-none-match': '"other"' } });
      expect(other.statusCode).toBe(200);
      expect(other.body).toBe(first.body);
    }
  });

  it('gives a new ETag when a figure changes', async () => {
    const before = await t.app.inject('/api/performance.json');
    const created = await t.store.createReport(storedReport({ service_code: 'fly-tipping' }), {
      newId: () => newReference('DBC'),
    });
    expect(created.ok).toBe(true);
    const after = await t.app.inject({
      url: '/api/performance.json',
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('computes the figures once per interval however many clients ask', async () => {
    const app = await t.openInstance({
      load: { figuresCacheSeconds: 60, rateLimitMax: 1000, maxEventLoopDelayMs: 0 },
    });
    // Counts the computations (the call goes through to the store).
    const reads = vi.spyOn(app.store.stats, 'read');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.inject('/api/performance.json')),
    );
    expect(answers.every((a) => a.statusCode === 200 && a.body === answers[0]!.body)).toBe(true);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(answers[0]!.headers['cache-control']).toBe('public, max-age=60');
    // A change within the interval is published after it, not before.
    await t.store.createReport(storedReport({ service_code: 'fly-tipping' }), {
      newId: () => newReference('DBC'),
    });
    const later = await app.inject('/api/performance.csv');
    expect(later.statusCode).toBe(200);
    expect((await app.inject('/api/performance.json')).body).toBe(answers[0]!.body);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('answers 429 with Retry-After past the per-address limit, and counts addresses apart', async () => {
    const app = await t.openInstance({
      load: { rateLimitMax: 5, rateLimitWindowSeconds: 60, maxEventLoopDelayMs: 0 },
    });
    const url = `${OPEN311_BASE}/services.json`;
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url, remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    }
    const refused = await app.inject({ url, remoteAddress: '203.0.113.7' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const body = JSON.parse(refused.body) as Array<{ code: number; description: string }>;
    expect(body[0]!.code).toBe(429);
    expect(body[0]!.description).toMatch(/Too many requests/);
    // Another address is not held up; the health check is never counted.
    expect((await app.inject({ url, remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
    const health = await app.inject({ url: '/api/health', remoteAddress: '203.0.113.7' });
    expect(health.statusCode).not.toBe(429);
  });

  it('sheds load with 503 and Retry-After while the event loop lags', async () => {
    const app = await t.openInstance({
      load: { maxEventLoopDelayMs: 50, retryAfterSeconds: 7, rateLimitMax: 1000 },
    });
    await app.ready();
    // Keep the event loop busy, as CPU-bound requests would: 150 ms blocks with a turn of the
    // loop between, until the monitor's mean lag (sampled each second) is past the limit.
    let shed = await app.inject(`${OPEN311_BASE}/services.json`);
    const giveUp = Date.now() + 10_000;
    while (shed.statusCode !== 503 && Date.now() < giveUp) {
      const until = Date.now() + 150;
      while (Date.now() < until) {
        /* busy */
      }
      await new Promise((resolve) => setImmediate(resolve));
      shed = await app.inject(`${OPEN311_BASE}/services.json`);
    }
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('7');
    expect((JSON.parse(shed.body) as Array<{ description: string }>)[0]!.description).toMatch(
      /busy/,
    );
  });
});
