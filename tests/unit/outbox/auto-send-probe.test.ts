/**
 * The health probe of automatic sending: a report that got no answer at all is sent as soon as
 * the server answers again, not when its (long) backoff ends; a server that answered 5xx keeps its
 * backoff; nothing is probed while the app is hidden; a probe that reaches the server but not the
 * report backs off. Against a real local HTTP server (helpers.ts), with a probe the test controls.
 */
import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthProbe, openOutbox, startAutoSend, type Outbox } from '../../../src/app/outbox';
import {
  created,
  dbName,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
}

let server: ScriptedServer;
let outbox: Outbox;
let win: EventTarget;
let doc: FakeDocument;
let up: boolean;
let probes: number;
const stops: Array<() => void> = [];

beforeEach(async () => {
  server = await startScriptedServer();
  // A minute of backoff after any failure: only the probe can send sooner.
  outbox = await openOutbox({
    dbName: dbName(),
    baseUrl: server.url,
    backoff: { baseMs: 60_000, capMs: 60_000 },
    random: () => 1,
  });
  win = new EventTarget();
  doc = new FakeDocument();
  up = false;
  probes = 0;
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  outbox.close();
  await server.close();
});

function start(probeEveryMs = 40, probeMaxMs = 400, onProbe?: () => void) {
  stops.push(
    startAutoSend(outbox, { window: win, document: doc }, undefined, {
      isOnline: () => true,
      probe: async () => {
        probes++;
        onProbe?.();
        return up;
      },
      probeEveryMs,
      probeMaxMs,
      random: () => 1,
    }),
  );
}

async function queue() {
  const r = await outbox.enqueue(report, [], summary);
  if (!r.ok) throw new Error(r.error);
  return r.value.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startAutoSend with a probe', () => {
  it('sends a report that got no answer as soon as the probe answers, long before its backoff', async () => {
    const id = await queue();
    server.answer({ drop: true });
    start();
    await expect.poll(async () => (await outbox.get(id))?.attempts).toBe(1);
    await expect.poll(() => probes).toBeGreaterThan(1); // probing while the server is "down"
    expect(server.received).toHaveLength(1);
    server.answer(created('NR-P1'));
    up = true;
    await expect.poll(async () => (await outbox.get(id))?.state).toBe('sent');
    expect((await outbox.get(id))?.reference).toBe('NR-P1');
    expect(server.received).toHaveLength(2);
    // Nothing left waiting: probing stops.
    const after = probes;
    await sleep(200);
    expect(probes).toBe(after);
  });

  it('leaves a report the server answered with 503 to its backoff', async () => {
    const id = await queue();
    server.answer({ status: 503, body: [{ code: 503, description: 'busy' }] });
    up = true;
    start();
    await expect.poll(async () => (await outbox.get(id))?.attempts).toBe(1);
    await sleep(300);
    expect(probes).toBe(0);
    expect(server.received).toHaveLength(1);
    expect((await outbox.get(id))?.state).toBe('queued');
  });

  it('does not probe while the app is hidden, and sends when it is visible again', async () => {
    const id = await queue();
    server.answer({ drop: true });
    doc.visibilityState = 'hidden';
    start();
    await expect.poll(async () => (await outbox.get(id))?.attempts).toBe(1);
    await sleep(250);
    expect(probes).toBe(0);
    server.answer(created('NR-P2'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(async () => (await outbox.get(id))?.state).toBe('sent');
  });

  it('probes less often while the probe answers but the report still gets no answer', async () => {
    const id = await queue();
    server.fallback = { drop: true };
    up = true;
    // Each probe is armed only after the drain the previous one started has ended, so the gap
    // between two probes is at least the interval; the sixth probe stops sending (no drain).
    const at = [performance.now()];
    start(20, 160, () => {
      at.push(performance.now());
      if (at.length === 7) for (const stop of stops.splice(0)) stop();
    });
    await expect.poll(() => probes).toBe(6);
    // Intervals 20, 40, 80, 160, 160, 160 ms (without the doubling: 20 each). Timers fire no
    // earlier than asked, give or take the event loop's millisecond clock.
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toHaveLength(6);
    [20, 40, 80, 160, 160, 160].forEach((least, i) =>
      expect(gaps[i]).toBeGreaterThanOrEqual(least - 2),
    );
    // Each of the first five probes drained once after the POST from starting; none since.
    expect(server.received).toHaveLength(6);
    const record = await outbox.get(id);
    expect(record?.state).toBe('queued');
    expect(record?.attempts).toBe(6);
  });
});

describe('healthProbe', () => {
  it('is true for a 2xx and false for a 503, a refused connection or no answer in time', async () => {
    let status = 200;
    const health = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => health.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
    try {
      expect(await healthProbe(`${base}/api/health`)()).toBe(true);
      status = 503;
      expect(await healthProbe(`${base}/api/health`)()).toBe(false);
      expect(await healthProbe(`${base}/slow`, 100)()).toBe(false);
    } finally {
      health.closeAllConnections();
      await new Promise<void>((r) => health.close(() => r()));
    }
    expect(await healthProbe(`${base}/api/health`)()).toBe(false);
  });
});
