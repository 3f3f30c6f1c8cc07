import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, startAutoSend, type Outbox } from '../../../src/app/outbox';
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
let online: boolean;
const stops: Array<() => void> = [];

beforeEach(async () => {
  server = await startScriptedServer();
  outbox = await openOutbox({
    dbName: dbName(),
    baseUrl: server.url,
    backoff: { baseMs: 40, capMs: 200 },
    random: () => 1,
  });
  win = new EventTarget();
  doc = new FakeDocument();
  online = true;
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  outbox.close();
  await server.close();
});

function start(opts: Parameters<typeof startAutoSend>[3] = {}) {
  const stop = startAutoSend(outbox, { window: win, document: doc }, undefined, {
    isOnline: () => online,
    ...opts,
  });
  stops.push(stop);
  return stop;
}

async function queue() {
  const r = await outbox.enqueue(report, [], summary);
  if (!r.ok) throw new Error(r.error);
  return r.value.id;
}

const stateOf = async (id: string) => (await outbox.get(id))?.state;

describe('startAutoSend', () => {
  it('sends what is queued when it starts', async () => {
    const id = await queue();
    server.answer(created('NR-1'));
    start();
    await expect.poll(() => stateOf(id)).toBe('sent');
  });

  it('sends a report queued while it runs', async () => {
    start();
    server.answer(created('NR-2'));
    const id = await queue();
    await expect.poll(() => stateOf(id)).toBe('sent');
  });

  it('waits while offline and sends on `online`', async () => {
    online = false;
    const id = await queue();
    start();
    await new Promise((r) => setTimeout(r, 150));
    expect(server.received).toHaveLength(0);
    online = true;
    server.answer(created('NR-3'));
    win.dispatchEvent(new Event('online'));
    await expect.poll(() => stateOf(id)).toBe('sent');
  });

  it('retries on the backoff timer with no other trigger', async () => {
    const id = await queue();
    server.answer({ status: 500, body: '' }, { status: 503, body: '' }, created('NR-4'));
    start();
    await expect.poll(() => stateOf(id), { timeout: 3_000 }).toBe('sent');
    expect(server.received).toHaveLength(3);
  });

  it('becoming visible sends at once, skipping our own backoff', async () => {
    outbox.close();
    outbox = await openOutbox({
      dbName: dbName(),
      baseUrl: server.url,
      backoff: { baseMs: 60_000, capMs: 60_000 },
      random: () => 1,
    });
    const id = await queue();
    server.answer({ drop: true });
    start();
    await expect.poll(async () => (await outbox.get(id))?.attempts).toBe(1);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 100));
    expect(server.received).toHaveLength(1);
    server.answer(created('NR-5'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(() => stateOf(id)).toBe('sent');
  });

  it('stops: nothing more is sent', async () => {
    const stop = start();
    stop();
    server.answer(created('NR-6'));
    const id = await queue();
    win.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 200));
    expect(server.received).toHaveLength(0);
    expect(await stateOf(id)).toBe('queued');
  });

  it('accepts window and document as two arguments', async () => {
    const id = await queue();
    online = false;
    stops.push(startAutoSend(outbox, win, doc, { isOnline: () => online }));
    online = true;
    server.answer(created('NR-7'));
    doc.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(() => stateOf(id)).toBe('sent');
  });
});
