/**
 * The sealed centre outbox (src/app/outbox/sealed-outbox.ts) against a real HTTP server that
 * answers as scripted, on fake-indexeddb and Node's WebCrypto: what IndexedDB holds, sending with
 * the centre's fields exactly once, the victim's details deleted once the council has them, a
 * report kept when the session has ended and sent after signing in again, and refusals kept with
 * their message sealed.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveSealKey } from '../../../src/app/outbox/sealed';
import { SealedOutbox } from '../../../src/app/outbox/sealed-outbox';
import type { SealedPayloadInput } from '../../../src/app/outbox/sealed-schema';
import {
  clock,
  created,
  dbName,
  open311Error,
  startScriptedServer,
  type ScriptedServer,
} from './helpers';

const OWNER = 'centre-user-1';
const payload: SealedPayloadInput = {
  report: {
    service_code: 'hate-incident',
    address_string: 'Bus stop on the high street',
    description: 'Slurs shouted at the bus stop',
    attributes: { strands: ['race'], anonymity: 'safe_contact' },
    first_name: 'Victimname',
    phone: '07700 900123',
  },
  centre: {
    centre_consent_to_report: 'yes',
    centre_police_consent: 'no',
    centre_contact: 'direct',
    centre_not_to_share: 'Not the employer',
    centre_reference: 'LIB-0042',
    centre_victim_support: 'yes',
  },
  summary: { serviceName: 'Hate incident or hate crime', centreReference: 'LIB-0042' },
};
const PLAIN = ['Victimname', '07700 900123', 'Slurs shouted', 'Bus stop', 'Not the employer'];

let server: ScriptedServer;
let secret: string;
let key: CryptoKey;
const opened: SealedOutbox[] = [];
const headers: Array<Record<string, string>> = [];

/** fetch that remembers the request headers the server cannot report. */
const recordingFetch: typeof fetch = (input, init) => {
  headers.push(Object.fromEntries(new Headers(init?.headers).entries()));
  return fetch(input, init);
};

beforeEach(async () => {
  server = await startScriptedServer();
  secret = randomBytes(32).toString('base64url');
  key = await deriveSealKey(secret, OWNER);
  headers.length = 0;
});

afterEach(async () => {
  for (const o of opened.splice(0)) o.close();
  await server.close();
});

async function open(name = dbName(), opts: Parameters<typeof SealedOutbox.open>[0] = {}) {
  const o = await SealedOutbox.open({
    dbName: name,
    baseUrl: server.url,
    locks: null,
    fetch: recordingFetch,
    ...opts,
  });
  opened.push(o);
  return { o, name };
}

/** Everything in the database, as the test (or a thief) reads it, bytes as latin1 text. */
async function rawDump(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const values = await new Promise<unknown[]>((res) => {
    const r = db.transaction('sealed').objectStore('sealed').getAll();
    r.onsuccess = () => res(r.result);
  });
  db.close();
  return JSON.stringify(values, (_k, v: unknown) =>
    v instanceof ArrayBuffer ? Buffer.from(v).toString('latin1') : v,
  );
}

describe('the sealed centre outbox', () => {
  it('holds nothing of the victim in plain text, and lists without the key', async () => {
    const { o, name } = await open();
    const added = await o.add(key, OWNER, payload);
    expect(added.ok).toBe(true);
    const dump = await rawDump(name);
    expect(dump).toContain(OWNER);
    // The sealed bytes are in the dump (as text), so a plain copy would have shown.
    expect(dump.length).toBeGreaterThan(400);
    for (const text of PLAIN) expect(dump).not.toContain(text);
    const entries = await o.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ owner: OWNER, state: 'queued', attempts: 0 });
    expect(JSON.stringify(entries)).not.toContain('Victimname');
    const [mine] = await o.openAll(key, OWNER);
    expect(mine!.payload!.report.first_name).toBe('Victimname');
    expect(mine!.payload!.summary.centreReference).toBe('LIB-0042');
    // Another key (another user, or a forged secret) opens nothing.
    const other = await deriveSealKey(randomBytes(32).toString('base64url'), OWNER);
    expect((await o.openAll(other, OWNER))[0]!.payload).toBeNull();
  });

  it('refuses a payload that is not a valid centre report before sealing anything', async () => {
    const { o } = await open();
    const bad = await o.add(key, OWNER, {
      ...payload,
      centre: { ...payload.centre, centre_consent_to_report: 'no' as 'yes' },
    });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toContain('centre.centre_consent_to_report');
    expect(await o.entries()).toEqual([]);
  });

  it('sends with the centre fields once, in the background, then deletes the victim details', async () => {
    const { o, name } = await open();
    const added = await o.add(key, OWNER, payload);
    const id = added.ok ? added.value.id : '';
    server.answer(created('DBC-7K2M9Q4X'));
    const r = await o.drain(key, OWNER);
    expect(r).toMatchObject({ sent: [{ id, reference: 'DBC-7K2M9Q4X' }], signedOut: false });
    expect(server.received).toHaveLength(1);
    const got = server.received[0]!;
    expect(got.idempotencyKey).toBe(id);
    expect(got.fields).toEqual(
      expect.arrayContaining([
        ['service_code', 'hate-incident'],
        ['first_name', 'Victimname'],
        ['attribute[strands][]', 'race'],
        ['centre_consent_to_report', 'yes'],
        ['centre_reference', 'LIB-0042'],
        ['centre_not_to_share', 'Not the employer'],
      ]),
    );
    expect(headers[0]).toMatchObject({ 'x-centre-background': '1', 'idempotency-key': id });
    expect(await o.entries()).toEqual([]);
    expect(await rawDump(name)).toBe('[]');
    // Nothing left to send.
    expect((await o.drain(key, OWNER)).sent).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('keeps the report when the session has ended, and sends it after signing in again', async () => {
    const { o, name } = await open();
    await o.add(key, OWNER, payload);
    server.answer(open311Error(401, 'Sign in as a reporting centre to use this.'));
    const first = await o.drain(key, OWNER);
    expect(first).toMatchObject({ sent: [], signedOut: true });
    const [entry] = await o.entries();
    expect(entry).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: null });

    // "Signed out": the key is gone. A new page (or the service worker) has only the bytes.
    o.close();
    opened.splice(0);
    const { o: later } = await open(name);
    expect(await later.entries()).toHaveLength(1);
    // Signing in again gives the same secret, so the same key.
    const again = await deriveSealKey(secret, OWNER);
    server.answer(created('DBC-00000001'));
    const second = await later.drain(again, OWNER);
    expect(second.sent.map((s) => s.reference)).toEqual(['DBC-00000001']);
    expect(server.received.map((r) => r.idempotencyKey)).toEqual([entry!.id, entry!.id]);
    expect(await later.entries()).toEqual([]);
  });

  it("sends only the signed-in user's reports", async () => {
    const { o } = await open();
    const otherKey = await deriveSealKey(randomBytes(32).toString('base64url'), 'centre-user-2');
    await o.add(otherKey, 'centre-user-2', payload);
    await o.add(key, OWNER, payload);
    server.answer(created('DBC-00000002'));
    const r = await o.drain(key, OWNER);
    expect(r.sent).toHaveLength(1);
    expect(server.received).toHaveLength(1);
    expect((await o.entries()).map((e) => e.owner)).toEqual(['centre-user-2']);
  });

  it('a refusal needs attention with the council message sealed; a failure backs off', async () => {
    const time = clock();
    const { o, name } = await open(undefined, { now: time.now, random: () => 0.5 });
    await o.add(key, OWNER, payload);
    server.answer({ status: 503, body: [{ code: 503, description: 'busy' }] });
    const failed = await o.drain(key, OWNER);
    expect(failed.failed).toHaveLength(1);
    const [queued] = await o.entries();
    expect(queued).toMatchObject({ state: 'queued', attempts: 1, lastErrorKind: 'server' });
    expect(Date.parse(queued!.nextAttemptAt!)).toBe(time.now() + 1000);
    // Not due yet: nothing is sent.
    expect((await o.drain(key, OWNER)).failed).toEqual([]);
    expect(server.received).toHaveLength(1);

    server.answer(open311Error(400, 'attribute[strands]: "Victimname" is not one of the answers'));
    const refused = await o.drain(key, OWNER, { force: true });
    expect(refused.attention).toHaveLength(1);
    const [opened1] = await o.openAll(key, OWNER);
    expect(opened1!.entry).toMatchObject({ state: 'needs-attention', lastStatus: 400 });
    expect(opened1!.error).toContain('is not one of the answers');
    expect(await rawDump(name)).not.toContain('Victimname');
    // A report that needs attention is not sent again by itself.
    expect((await o.drain(key, OWNER, { force: true })).attention).toEqual([]);
    expect(server.received).toHaveLength(2);
  });
});
