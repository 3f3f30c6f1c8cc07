import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSyncHandler,
  openOutbox,
  requestBackgroundSync,
  type Outbox,
} from '../../../src/app/outbox';
import {
  created,
  dbName,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

describe('requestBackgroundSync', () => {
  it('registers the outbox tag where Background Sync exists', async () => {
    const tags: string[] = [];
    const registration = { sync: { register: async (tag: string) => void tags.push(tag) } };
    expect(await requestBackgroundSync(registration)).toBe(true);
    expect(tags).toEqual(['outbox']);
  });

  it('does nothing where it does not exist or is refused', async () => {
    expect(await requestBackgroundSync({})).toBe(false);
    expect(await requestBackgroundSync(undefined)).toBe(false);
    const refusing = { sync: { register: () => Promise.reject(new Error('NotAllowedError')) } };
    expect(await requestBackgroundSync(refusing)).toBe(false);
  });
});

describe('the service worker sync handler', () => {
  let server: ScriptedServer;
  let outbox: Outbox;
  let name: string;
  let opened = 0;

  beforeEach(async () => {
    server = await startScriptedServer();
    name = dbName();
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
  });

  afterEach(async () => {
    outbox.close();
    await server.close();
  });

  function handler() {
    return createSyncHandler(() => {
      opened++;
      return openOutbox({ dbName: name, baseUrl: server.url });
    });
  }

  function fire(handle: ReturnType<typeof handler>, tag: string) {
    const waited: Array<Promise<unknown>> = [];
    handle({ tag, waitUntil: (p) => void waited.push(p) });
    return waited;
  }

  it('drains inside waitUntil, opening the outbox once', async () => {
    const r = await outbox.enqueue(report, [], summary);
    if (!r.ok) throw new Error(r.error);
    const handle = handler();
    server.answer(created('NR-1'));
    const [first] = fire(handle, 'outbox');
    await expect(first).resolves.toBeUndefined();
    expect(await outbox.get(r.value.id)).toMatchObject({ state: 'sent', reference: 'NR-1' });
    const [second] = fire(handle, 'outbox');
    await second;
    expect(opened).toBe(1);
  });

  it('rejects while reports are still waiting, so the browser syncs again later', async () => {
    await outbox.enqueue(report, [], summary);
    server.answer({ status: 503, body: '' });
    const [waited] = fire(handler(), 'outbox');
    await expect(waited).rejects.toThrow('1 report(s) still waiting');
  });

  it('ignores other sync tags', () => {
    expect(fire(handler(), 'something-else')).toEqual([]);
  });
});
