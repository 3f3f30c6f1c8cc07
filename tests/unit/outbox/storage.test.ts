import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
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

/**
 * Makes `put` on one store throw QuotaExceededError after `room` more puts succeed, as a disk
 * filling up does; returns the undo.
 */
function fillStorage(store: string, room = 0): () => void {
  const proto = IDBObjectStore.prototype;
  const put = proto.put;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
    if (this.name === store && room-- <= 0) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.apply(this, args);
  };
  return () => void (proto.put = put);
}

describe('draft', () => {
  it('saves as the resident goes, survives closing the app, and clears', async () => {
    expect(await outbox.loadDraft()).toBeNull();
    const draft = {
      id: crypto.randomUUID(),
      step: 'where',
      answers: { size: 'car_boot' },
      lat: 51.76,
    };
    expect(await outbox.saveDraft(draft)).toEqual({ ok: true, value: undefined });
    expect(await outbox.saveDraft({ ...draft, step: 'what' })).toEqual({
      ok: true,
      value: undefined,
    });
    outbox.close();
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
    expect(await outbox.loadDraft()).toEqual({ ...draft, step: 'what' });
    await outbox.clearDraft();
    expect(await outbox.loadDraft()).toBeNull();
  });

  it('enqueue can clear the draft in the same transaction', async () => {
    await outbox.saveDraft({ step: 'check' });
    const r = await outbox.enqueue(report, [], summary, undefined, { clearDraft: true });
    expect(r.ok).toBe(true);
    expect(await outbox.loadDraft()).toBeNull();
  });

  it('a value that cannot be stored is a clear error', async () => {
    const r = await outbox.saveDraft({ callback: () => 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^storage-error: DataCloneError/);
  });
});

describe('enqueue', () => {
  it('validates the report with the shared schema first', async () => {
    const r = await outbox.enqueue({ service_code: '' }, [], summary);
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^invalid-report: service_code: is required; lat: a location is required/,
      ),
    });
    expect((await outbox.list()).records).toEqual([]);
  });

  it('refuses a Blob where bytes belong (Safari and test fakes lose Blobs)', async () => {
    const blob = new Blob(['x'], { type: 'image/jpeg' });
    const r = await outbox.enqueue(
      report,
      [{ bytes: blob as unknown as ArrayBuffer, type: 'image/jpeg', name: 'a.jpg' }],
      summary,
    );
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^invalid-media: item 0: bytes/) });
  });

  it('uses the given id, and the same id twice is the same report', async () => {
    const id = crypto.randomUUID();
    const first = await outbox.enqueue(report, [photo()], summary, id);
    const again = await outbox.enqueue({ ...report, description: 'double tap' }, [], summary, id);
    expect(first.ok && first.value.id).toBe(id);
    expect(again).toEqual(first);
    expect((await outbox.list()).records).toHaveLength(1);
    expect(await outbox.enqueue(report, [], summary, 'not-a-uuid')).toEqual({
      ok: false,
      error: 'invalid-id: must be a UUID',
    });
  });

  it('keeps photo bytes, type and name exactly', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i).buffer;
    const r = await outbox.enqueue(
      report,
      [{ bytes, type: 'image/jpeg', name: 'bins.jpg' }],
      summary,
    );
    if (!r.ok) throw new Error(r.error);
    const [m] = await outbox.getMedia(r.value.id);
    expect(m!.name).toBe('bins.jpg');
    expect(m!.type).toBe('image/jpeg');
    expect(new Uint8Array(m!.bytes)).toEqual(new Uint8Array(bytes));
  });
});

describe('storage full', () => {
  it('enqueue says storage-full and leaves nothing half-written; what was saved stays', async () => {
    const saved = await outbox.enqueue(report, [photo('saved')], summary);
    expect(saved.ok).toBe(true);
    await outbox.saveDraft({ step: 'check' });

    // The first photo fits, the second does not: the whole report must be refused.
    const restore = fillStorage('media', 1);
    let r;
    try {
      r = await outbox.enqueue(report, [photo('one'), photo('two')], summary);
    } finally {
      restore();
    }
    expect(r).toEqual({ ok: false, error: 'storage-full' });
    const { records } = await outbox.list();
    expect(records.map((x) => x.id)).toEqual([saved.ok && saved.value.id]);
    expect(await outbox.getMedia(records[0]!.id)).toHaveLength(1);
    // The draft the resident was writing is still there.
    expect(await outbox.loadDraft()).toEqual({ step: 'check' });
    const db = await openOutboxDb(name);
    expect(await db.count('media')).toBe(1);
    db.close();

    // With space again, the same report goes in.
    expect((await outbox.enqueue(report, [photo('one')], summary)).ok).toBe(true);
  });

  it('saveDraft says storage-full and keeps the previous draft', async () => {
    await outbox.saveDraft({ step: 'where' });
    const restore = fillStorage('draft');
    try {
      expect(await outbox.saveDraft({ step: 'what' })).toEqual({
        ok: false,
        error: 'storage-full',
      });
    } finally {
      restore();
    }
    expect(await outbox.loadDraft()).toEqual({ step: 'where' });
  });

  it('update says storage-full and the report stays as it was', async () => {
    const r = await outbox.enqueue(report, [], summary);
    if (!r.ok) throw new Error(r.error);
    const restore = fillStorage('reports');
    try {
      expect(await outbox.update(r.value.id, { ...report, description: 'new' })).toEqual({
        ok: false,
        error: 'storage-full',
      });
    } finally {
      restore();
    }
    expect((await outbox.get(r.value.id))!.report.description).toBe(report.description);
  });
});

describe('connection', () => {
  it('closes when another connection needs the database, and reopens on next use', async () => {
    await outbox.enqueue(report, [], summary);
    // Deleting the database fires versionchange on our connection, as an upgrade in another tab does.
    await deleteDB(name);
    expect((await outbox.list()).records).toEqual([]);
    const r = await outbox.enqueue(report, [], summary);
    expect(r.ok).toBe(true);
    server.answer(created('NR-1'));
    expect((await outbox.drain()).sent).toEqual([r.ok && r.value.id]);
  });

  it('tells listeners of changes, including changes made by another instance (another tab)', async () => {
    const other = await openOutbox({ dbName: name, baseUrl: server.url });
    const seen: string[] = [];
    const seenHere: string[] = [];
    const off = outbox.subscribe((c) => seen.push(c.kind));
    other.subscribe((c) => seenHere.push(c.kind));
    try {
      await other.enqueue(report, [], summary);
      await other.saveDraft({ step: 1 });
      await expect.poll(() => seen).toEqual(['reports', 'draft']);
      expect(seenHere).toEqual(['reports', 'draft']);
      off();
      await other.clearDraft();
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual(['reports', 'draft']);
    } finally {
      other.close();
    }
  });

  it('rejects use after close', async () => {
    outbox.close();
    await expect(outbox.list()).rejects.toThrow('closed');
    outbox = await openOutbox({ dbName: name, baseUrl: server.url });
  });
});
