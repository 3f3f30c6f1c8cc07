import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, type Outbox } from '../../../src/app/outbox';
import { openOutboxDb } from '../../../src/app/outbox/db';
import {
  created,
  dbName,
  photo,
  report,
  startScriptedServer,
  summary,
  type ScriptedServer,
} from './helpers';

let server: ScriptedServer;
let name: string;
let outbox: Outbox;

beforeEach(async () => {
  server = await startScriptedServer();
  name = dbName();
  outbox = await openOutbox({ dbName: name, baseUrl: server.url });
});

afterEach(async () => {
  outbox.close();
  await server.close();
});

async function queued() {
  const r = await outbox.enqueue(report, [photo()], summary);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Writes straight to the database, as a bug, an old release or the browser might. */
async function tamper(store: 'reports' | 'media' | 'draft', value: unknown, key?: string) {
  const db = await openOutboxDb(name);
  if (key === undefined) await db.put(store, value);
  else await db.put(store, value, key);
  db.close();
}

describe('corrupt records', () => {
  it('a report that fails validation is moved aside and listed, not dropped', async () => {
    const good = await queued();
    const bad = await queued();
    await tamper('reports', {
      ...bad,
      state: 'lost-in-space',
      report: { ...bad.report, lat: 'north' },
    });

    const { records, corrupt } = await outbox.list();
    expect(records.map((r) => r.id)).toEqual([good.id]);
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toMatchObject({ key: `reports:${bad.id}`, store: 'reports' });
    expect(corrupt[0]!.problem).toMatch(/state: .*; report\.lat: /);
    // Listed again next time (it lives in the quarantine store), with its original value.
    expect((await outbox.list()).corrupt).toEqual(corrupt);
    const db = await openOutboxDb(name);
    expect(await db.get('quarantine', `reports:${bad.id}`)).toMatchObject({
      value: { id: bad.id, state: 'lost-in-space' },
    });
    // Its photo is kept while the record is in quarantine.
    expect(await db.count('media')).toBe(2);
    db.close();

    // It is never sent.
    server.answer(created('NR-1'));
    expect((await outbox.drain()).sent).toEqual([good.id]);
    expect(server.received).toHaveLength(1);

    await outbox.discardCorrupt(`reports:${bad.id}`);
    expect((await outbox.list()).corrupt).toEqual([]);
    const after = await openOutboxDb(name);
    expect(await after.count('media')).toBe(0);
    after.close();
  });

  it('get() quarantines a corrupt record and returns null', async () => {
    const bad = await queued();
    await tamper('reports', { ...bad, createdAt: 'yesterday' });
    const changes: string[] = [];
    outbox.subscribe((c) => changes.push(c.kind));
    expect(await outbox.get(bad.id)).toBeNull();
    expect(changes).toEqual(['reports']);
    expect((await outbox.list()).corrupt.map((c) => c.key)).toEqual([`reports:${bad.id}`]);
  });

  it('a photo that cannot be read back makes the report need attention instead of sending without it', async () => {
    const record = await queued();
    await tamper('media', {
      id: record.mediaIds[0],
      reportId: record.id,
      bytes: {},
      type: 'image/jpeg',
      name: 'p.jpg',
    });
    const result = await outbox.drain();
    expect(result.attention).toEqual([record.id]);
    expect(server.received).toHaveLength(0);
    expect(await outbox.get(record.id)).toMatchObject({
      state: 'needs-attention',
      lastErrorKind: 'local',
      lastError: '1 of the photos or recordings saved with this report could not be read back',
    });
    expect((await outbox.list()).corrupt).toEqual([
      expect.objectContaining({ key: `media:${record.mediaIds[0]}`, store: 'media' }),
    ]);
    // The resident sends it again without the photo (or with a new one).
    expect((await outbox.update(record.id, report, { media: [] })).ok).toBe(true);
    server.answer(created('NR-2'));
    expect((await outbox.drain()).sent).toEqual([record.id]);
    expect(server.received[0]!.files).toEqual([]);
  });

  it('a corrupt draft is quarantined and loadDraft returns null', async () => {
    await tamper('draft', { savedAt: 12, value: 'x' }, 'current');
    expect(await outbox.loadDraft()).toBeNull();
    expect((await outbox.list()).corrupt.map((c) => c.key)).toEqual(['draft:current']);
  });
});
