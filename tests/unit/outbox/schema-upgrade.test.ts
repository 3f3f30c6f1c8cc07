import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, type Outbox } from '../../../src/app/outbox';
import { openOutboxDb } from '../../../src/app/outbox/db';
import { created, dbName, photo, startScriptedServer, type ScriptedServer } from './helpers';

/** Records as the first release (schema version 1) wrote them. */
const QUEUED = '6f1c2a4e-8b7d-4c3e-9a10-2b3c4d5e6f70';
const FAILED = '7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c80';
const SENT = '8b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d90';
const GARBAGE = '9c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9ea0';

const v1Report = (id: string, extra: Record<string, unknown>) => ({
  id,
  report: {
    service_code: 'graffiti',
    lat: 51.7636,
    long: -0.2237,
    description: 'Tags on the underpass',
    attributes: {},
  },
  mediaIds: [] as string[],
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  reference: null,
  sentAt: null,
  ...extra,
});

let server: ScriptedServer;
let name: string;
let outbox: Outbox | undefined;

beforeEach(async () => {
  server = await startScriptedServer();
  name = dbName();
  const v1 = await openOutboxDb(name, 1);
  expect([...v1.objectStoreNames].sort()).toEqual(['draft', 'media', 'reports']);
  const tx = v1.transaction(['reports', 'media', 'draft'], 'readwrite');
  await tx
    .objectStore('reports')
    .put(v1Report(QUEUED, { state: 'queued', mediaIds: [`${QUEUED}:0`] }));
  await tx.objectStore('media').put({ id: `${QUEUED}:0`, reportId: QUEUED, ...photo('v1 photo') });
  await tx
    .objectStore('reports')
    .put(v1Report(FAILED, { state: 'failed', lastError: 'there is no category "graffiti"' }));
  await tx
    .objectStore('reports')
    .put(
      v1Report(SENT, { state: 'sent', reference: 'NR-OLD', sentAt: '2026-10-01T09:01:00.000Z' }),
    );
  await tx.objectStore('reports').put({ id: GARBAGE, state: 'queued', report: 'not a report' });
  await tx
    .objectStore('draft')
    .put({ savedAt: '2026-10-01T08:00:00.000Z', value: { step: 'where' } }, 'current');
  await tx.done;
  v1.close();
});

afterEach(async () => {
  outbox?.close();
  await server.close();
});

describe('schema upgrade from version 1', () => {
  it('keeps and repairs every record, quarantines what cannot be repaired, keeps media and draft', async () => {
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
    const { records, corrupt } = await outbox.list();
    const byId = new Map(records.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([QUEUED, FAILED, SENT].sort());
    expect(byId.get(QUEUED)).toMatchObject({
      state: 'queued',
      summary: { serviceName: 'graffiti', riskBand: null },
      serviceNotice: null,
      notBefore: null,
      lastErrorKind: null,
      lastStatus: null,
    });
    expect(byId.get(FAILED)).toMatchObject({
      state: 'needs-attention',
      lastError: 'there is no category "graffiti"',
      lastErrorKind: 'rejected',
    });
    expect(byId.get(SENT)).toMatchObject({ state: 'sent', reference: 'NR-OLD' });
    expect(corrupt).toEqual([
      expect.objectContaining({ key: `reports:${GARBAGE}`, store: 'reports' }),
    ]);
    expect(corrupt[0]!.problem).toContain('report');
    expect(await outbox.loadDraft()).toEqual({ step: 'where' });

    // The upgraded report is sent with the photo the first release stored.
    server.answer(created('NR-NEW'));
    expect((await outbox.drain()).sent).toEqual([QUEUED]);
    expect(server.received[0]!.idempotencyKey).toBe(QUEUED);
    expect(new TextDecoder().decode(server.received[0]!.files[0]!.bytes)).toBe('v1 photo');
  });

  it('the quarantined original is kept as it was, and can be discarded', async () => {
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
    outbox.close();
    const db = await openOutboxDb(name);
    expect(db.version).toBe(2);
    expect(await db.get('quarantine', `reports:${GARBAGE}`)).toMatchObject({
      originalKey: GARBAGE,
      value: { id: GARBAGE, state: 'queued', report: 'not a report' },
    });
    db.close();
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
    await outbox.discardCorrupt(`reports:${GARBAGE}`);
    expect((await outbox.list()).corrupt).toEqual([]);
  });

  it('an open version-1 connection is asked to close and the upgrade goes ahead', async () => {
    let closed = false;
    const old = await openOutboxDb(name, 1, { onClosed: () => (closed = true) });
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
    expect(closed).toBe(true);
    expect((await outbox.list()).records).toHaveLength(3);
    expect(() => old.transaction('reports')).toThrow();
  });
});
