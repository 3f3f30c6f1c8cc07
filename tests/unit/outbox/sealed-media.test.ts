/**
 * Photos and recordings in the sealed centre outbox (src/app/outbox/sealed-outbox.ts, sealed.ts)
 * on fake-indexeddb, Node's WebCrypto and a real HTTP server answering as scripted: media are
 * sealed bytes bound to their report, owner and place; nothing of them is readable in IndexedDB;
 * they go as `media` file parts of the one POST under the report's key, the same bytes on a
 * retry; they leave the tablet with the report; a full disk saves nothing; and a database made
 * by the first release (version 1, no media store) is upgraded with its queued reports kept.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveSealKey, seal, sealBytes, unsealBytes } from '../../../src/app/outbox/sealed';
import { SealedOutbox } from '../../../src/app/outbox/sealed-outbox';
import { SEALED_DB_VERSION, type SealedPayloadInput } from '../../../src/app/outbox/sealed-schema';
import { created, dbName, startScriptedServer, type ScriptedServer } from './helpers';

const OWNER = 'centre-user-1';
const CAMERA = 'Example Camera Co';
const payload: SealedPayloadInput = {
  report: {
    service_code: 'hate-incident',
    address_string: 'Bus stop on the high street',
    description: 'Graffiti sprayed on the victim door',
    attributes: { strands: ['race'] },
  },
  centre: {
    centre_consent_to_report: 'yes',
    centre_police_consent: 'no',
    centre_contact: 'centre',
    centre_reference: 'LIB-0042',
    centre_victim_support: 'no',
  },
  summary: { serviceName: 'Hate incident or hate crime', centreReference: 'LIB-0042' },
};

/** Bytes that start like a camera JPEG (SOI, APP1 Exif with a camera make), then noise. */
function jpegLike(seed: number): ArrayBuffer {
  const head = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40]),
    Buffer.from(`Exif\0\0${CAMERA} seed ${seed}`, 'latin1'),
  ]);
  const bytes = Buffer.concat([head, randomBytes(2048)]);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}
const photo = (seed: number) => ({
  bytes: jpegLike(seed),
  type: 'image/jpeg',
  name: `photo-${seed}.jpg`,
});

let server: ScriptedServer;
let key: CryptoKey;
const opened: SealedOutbox[] = [];

beforeEach(async () => {
  server = await startScriptedServer();
  key = await deriveSealKey(randomBytes(32).toString('base64url'), OWNER);
});

afterEach(async () => {
  for (const o of opened.splice(0)) o.close();
  await server.close();
});

async function open(name = dbName()) {
  const o = await SealedOutbox.open({ dbName: name, baseUrl: server.url, locks: null });
  opened.push(o);
  return { o, name };
}

/** Every store of the database as the test (or a thief) reads it, bytes as latin1 text. */
async function rawDump(name: string): Promise<Record<string, string>> {
  const db = await openDB(name);
  const out: Record<string, string> = {};
  for (const store of Array.from(db.objectStoreNames)) {
    out[store] = JSON.stringify(await db.getAll(store), (_k, v: unknown) =>
      v instanceof ArrayBuffer ? Buffer.from(v).toString('latin1') : v,
    );
  }
  db.close();
  return out;
}

const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]).toString('latin1');

function expectNothingPlain(dump: Record<string, string>) {
  const all = Object.values(dump).join('\n');
  expect(all).not.toContain(JPEG_SOI);
  expect(all).not.toContain('Exif');
  expect(all).not.toContain(CAMERA);
  expect(all).not.toContain('photo-1.jpg');
  expect(all).not.toContain('image/jpeg');
  expect(all).not.toContain('Graffiti');
}

/** Makes `put` on one store throw QuotaExceededError after `room` more puts, as a full disk does. */
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

describe('sealing raw bytes', () => {
  it('opens only with the same key and the same binding, and leaves no JPEG marker', async () => {
    const bytes = jpegLike(1);
    const sealed = await sealBytes(key, bytes, 'report-1\nuser-1\nmedia 0');
    const text = Buffer.from(sealed.data).toString('latin1');
    expect(text).not.toContain(JPEG_SOI);
    expect(text).not.toContain(CAMERA);
    // AES-GCM: the same length plus the 16-byte tag, no JSON or base64 on the way.
    expect(sealed.data.byteLength).toBe(bytes.byteLength + 16);
    const back = await unsealBytes(key, sealed, 'report-1\nuser-1\nmedia 0');
    expect(back.ok && Buffer.from(back.value).equals(Buffer.from(bytes))).toBe(true);
    // Another place in the report, another report, another key: nothing opens.
    for (const [k, ctx] of [
      [key, 'report-1\nuser-1\nmedia 1'],
      [key, 'report-2\nuser-1\nmedia 0'],
      [
        await deriveSealKey(randomBytes(32).toString('base64url'), 'user-1'),
        'report-1\nuser-1\nmedia 0',
      ],
    ] as const) {
      expect(await unsealBytes(k, sealed, ctx)).toEqual({ ok: false, error: 'cannot-open' });
    }
  });
});

describe('photos in the sealed centre outbox', () => {
  it('keeps them sealed, sends them once with the report, then deletes them', async () => {
    const { o, name } = await open();
    const media = [photo(1), photo(2)];
    const added = await o.add(key, OWNER, payload, undefined, media);
    expect(added.ok).toBe(true);
    const id = added.ok ? added.value.id : '';
    const dump = await rawDump(name);
    expect(Object.keys(dump).sort()).toEqual(['media', 'sealed']);
    // Both photos' sealed bytes are there (as text), so a plain copy would have shown.
    expect(dump.media!.length).toBeGreaterThan(4000);
    expectNothingPlain(dump);
    const [mine] = await o.openAll(key, OWNER);
    expect(mine!.payload!.media).toEqual([
      { type: 'image/jpeg', name: 'photo-1.jpg', bytes: media[0]!.bytes.byteLength },
      { type: 'image/jpeg', name: 'photo-2.jpg', bytes: media[1]!.bytes.byteLength },
    ]);

    // The first answer is lost; the retry sends the same bytes under the same key.
    server.answer({ drop: true }, created('DBC-7K2M9Q4X'));
    expect((await o.drain(key, OWNER)).failed).toEqual([id]);
    expectNothingPlain(await rawDump(name));
    const r = await o.drain(key, OWNER, { force: true });
    expect(r.sent).toEqual([{ id, reference: 'DBC-7K2M9Q4X' }]);
    expect(server.received).toHaveLength(2);
    for (const got of server.received) {
      expect(got.idempotencyKey).toBe(id);
      expect(got.fields).toEqual(expect.arrayContaining([['centre_reference', 'LIB-0042']]));
      expect(got.files.map((f) => [f.field, f.name, f.type])).toEqual([
        ['media', 'photo-1.jpg', 'image/jpeg'],
        ['media', 'photo-2.jpg', 'image/jpeg'],
      ]);
      expect(got.files.map((f) => Buffer.from(f.bytes))).toEqual(
        media.map((m) => Buffer.from(m.bytes)),
      );
    }
    // The council has it: the report and its photos have left the tablet.
    expect(await rawDump(name)).toEqual({ media: '[]', sealed: '[]' });
  });

  it('a full disk saves nothing, not the report without its photos', async () => {
    const { o, name } = await open();
    const undo = fillStorage('media', 1);
    let added;
    try {
      added = await o.add(key, OWNER, payload, undefined, [photo(1), photo(2)]);
    } finally {
      undo();
    }
    expect(added).toEqual({ ok: false, error: 'storage-full' });
    expect(await rawDump(name)).toEqual({ media: '[]', sealed: '[]' });
    // With room again, the same report saves.
    expect((await o.add(key, OWNER, payload, undefined, [photo(1), photo(2)])).ok).toBe(true);
    expect(await o.entries()).toHaveLength(1);
  });

  it('a photo moved from another report, or missing, stops the report instead of sending it without', async () => {
    const { o, name } = await open();
    const a = await o.add(key, OWNER, payload, undefined, [photo(1)]);
    const b = await o.add(key, OWNER, payload, undefined, [photo(2)]);
    const aId = a.ok ? a.value.id : '';
    const bId = b.ok ? b.value.id : '';
    // Someone with the database swaps A's sealed photo for B's.
    const db = await openDB(name);
    const bMedia = (await db.get('media', `${bId}:0`)) as Record<string, unknown>;
    await db.put('media', { ...bMedia, id: `${aId}:0`, reportId: aId });
    await db.delete('media', `${bId}:0`);
    db.close();
    const r = await o.drain(key, OWNER);
    expect(r.attention.sort()).toEqual([aId, bId].sort());
    expect(server.received).toHaveLength(0);
    const states = (await o.entries()).map((e) => [e.id, e.state, e.lastErrorKind]);
    expect(states).toEqual(
      expect.arrayContaining([
        [aId, 'needs-attention', 'local'],
        [bId, 'needs-attention', 'local'],
      ]),
    );
    // Removing a report removes its photos.
    await o.remove(aId);
    const left = await rawDump(name);
    expect(left.media).toBe('[]');
  });

  it('refuses media that are not bytes, and more than a report may carry, before sealing', async () => {
    const { o } = await open();
    const blob = await o.add(key, OWNER, payload, undefined, [
      { bytes: new Blob(['x']) as unknown as ArrayBuffer, type: 'image/jpeg', name: 'a.jpg' },
    ]);
    expect(!blob.ok && blob.error).toMatch(/^invalid-media: item 0/);
    const many = await o.add(
      key,
      OWNER,
      payload,
      undefined,
      Array.from({ length: 9 }, (_, i) => photo(i)),
    );
    expect(!many.ok && many.error).toContain('invalid-report: media');
    expect(await o.entries()).toEqual([]);
  });
});

describe('upgrading the sealed database from version 1', () => {
  it('adds the media store and keeps the queued reports, which still open and send', async () => {
    expect(SEALED_DB_VERSION).toBe(2);
    const name = dbName();
    // The first release's database and a report it sealed (no media list in the payload).
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('sealed', { keyPath: 'id' });
      },
    });
    const id = crypto.randomUUID();
    const at = '2026-10-01T09:00:00.000Z';
    await v1.put('sealed', {
      id,
      owner: OWNER,
      state: 'queued',
      createdAt: at,
      updatedAt: at,
      attempts: 0,
      nextAttemptAt: null,
      notBefore: null,
      lastErrorKind: null,
      lastStatus: null,
      payload: await seal(key, payload, `${id}\n${OWNER}`),
      error: null,
    });
    v1.close();

    const { o } = await open(name);
    const upgraded = await openDB(name);
    expect(upgraded.version).toBe(2);
    expect([...upgraded.objectStoreNames].sort()).toEqual(['media', 'sealed']);
    expect([...upgraded.transaction('media').store.indexNames]).toEqual(['by-report']);
    upgraded.close();
    const [entry] = await o.openAll(key, OWNER);
    expect(entry!.entry).toMatchObject({ id, state: 'queued' });
    expect(entry!.payload!.media).toEqual([]);
    expect(entry!.payload!.summary.centreReference).toBe('LIB-0042');

    server.answer(created('DBC-00000001'));
    expect((await o.drain(key, OWNER)).sent).toEqual([{ id, reference: 'DBC-00000001' }]);
    expect(server.received[0]!.files).toEqual([]);
    expect(server.received[0]!.idempotencyKey).toBe(id);
  });

  it('an open connection closes itself when a newer version wants to upgrade', async () => {
    // A tablet tab left open must not hold up the next release's upgrade in another tab.
    const { o, name } = await open();
    const newer = await openDB(name, SEALED_DB_VERSION + 1);
    expect(newer.version).toBe(SEALED_DB_VERSION + 1);
    newer.close();
    await expect(o.entries()).rejects.toThrow();
  });
});
