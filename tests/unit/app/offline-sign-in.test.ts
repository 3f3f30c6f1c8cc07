/**
 * Signing a centre user in without signal (src/app/centre/offline-sign-in.ts), on fake-indexeddb
 * and Node's real WebCrypto: the record opens only with the right password, keeps nothing
 * readable, counts wrong guesses (a wait after 5, deleted after 10), expires, and follows the
 * council's setting.
 */
import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { deriveSealKey, seal, unseal } from '../../../src/app/outbox/sealed';
import {
  MAX_OFFLINE_FAILURES,
  OfflineSignIn,
  type OfflineIdentity,
} from '../../../src/app/centre/offline-sign-in';

// The lowest count the record accepts, so the suite stays quick; the app uses 600,000.
const ITERATIONS = 100_000;
const EMAIL = 'Worker.Person@centre.example.org';
const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 60 * 60 * 1000;

const identity = (): OfflineIdentity => ({
  seal_secret: randomBytes(32).toString('base64url'),
  me: {
    name: 'Centre Worker',
    email: EMAIL.toLowerCase(),
    user_id: randomUUID(),
    centre: { code: 'LIB', name: 'Central Library Hate Crime Reporting Centre' },
    idle_seconds: 900,
  },
});

async function fresh(start = Date.parse('2026-11-22T10:00:00Z')) {
  const clock = { now: start };
  const dbName = `offline-${randomUUID()}`;
  const records = await OfflineSignIn.open({
    dbName,
    now: () => clock.now,
    iterations: ITERATIONS,
  });
  return { records, clock, dbName };
}

/** Everything the database holds, as text (ArrayBuffers as latin1), for "nothing readable". */
async function rawContents(dbName: string): Promise<string> {
  const db = await openDB(dbName);
  const all = await db.getAll('users');
  db.close();
  return JSON.stringify(all, (_k, v: unknown) =>
    v instanceof ArrayBuffer ? Buffer.from(v).toString('latin1') : v,
  );
}

describe('offline sign-in on a shared tablet', () => {
  it('opens with the right password (any case or spacing of the email) and gives the same seal key', async () => {
    const { records } = await fresh();
    const id = identity();
    await records.remember(EMAIL, PASSWORD, id, 14);
    const r = await records.signIn(`  ${EMAIL.toUpperCase()} `, PASSWORD);
    expect(r).toEqual({ ok: true, value: id });
    // A report sealed after an online sign-in opens with the key made offline.
    const online = await deriveSealKey(id.seal_secret, id.me.user_id);
    const sealed = await seal(online, { victim: 'Victimname' }, `r\n${id.me.user_id}`);
    const offline = await deriveSealKey(r.ok ? r.value.seal_secret : '', id.me.user_id);
    expect(await unseal(offline, sealed, `r\n${id.me.user_id}`)).toEqual({
      ok: true,
      value: { victim: 'Victimname' },
    });
    expect(await records.signIn('someone.else@centre.example.org', PASSWORD)).toEqual({
      ok: false,
      error: { kind: 'unknown' },
    });
    records.close();
  });

  it('keeps nothing readable: no secret, email, name or centre', async () => {
    const { records, dbName } = await fresh();
    const id = identity();
    await records.remember(EMAIL, PASSWORD, id, 14);
    const text = await rawContents(dbName);
    for (const plain of [
      id.seal_secret,
      EMAIL,
      EMAIL.toLowerCase(),
      'Centre Worker',
      'Central Library',
      id.me.user_id,
      PASSWORD,
    ]) {
      expect(text).not.toContain(plain);
    }
    expect(text).toContain('"failures":0');
    records.close();
  });

  it('counts wrong passwords: a wait after 5, the record deleted after 10, nothing else lost', async () => {
    const { records, clock } = await fresh();
    const id = identity();
    await records.remember(EMAIL, PASSWORD, id, 14);
    for (let i = 1; i <= 4; i++) {
      expect(await records.signIn(EMAIL, `wrong ${i}`)).toEqual({
        ok: false,
        error: { kind: 'wrong', left: MAX_OFFLINE_FAILURES - i },
      });
    }
    // The fifth wrong guess starts the wait: one minute, then 2, 4...
    expect((await records.signIn(EMAIL, 'wrong 5')).ok).toBe(false);
    const waiting = await records.signIn(EMAIL, PASSWORD);
    expect(waiting).toEqual({ ok: false, error: { kind: 'wait', until: clock.now + 60_000 } });
    clock.now += 60_000;
    // The right password after the wait opens it and clears the count.
    expect((await records.signIn(EMAIL, PASSWORD)).ok).toBe(true);
    for (let i = 1; i <= MAX_OFFLINE_FAILURES; i++) {
      const r = await records.signIn(EMAIL, `wrong ${i}`);
      expect(r.ok).toBe(false);
      if (!r.ok && r.error.kind === 'wait') throw new Error(`waited at guess ${i}`);
      clock.now += 60 * 60_000;
    }
    // Deleted: even the right password no longer opens anything without signal.
    expect(await records.signIn(EMAIL, PASSWORD)).toEqual({
      ok: false,
      error: { kind: 'unknown' },
    });
    records.close();
  });

  it('expires after the council’s days, and 0 days forgets at once', async () => {
    const { records, clock } = await fresh();
    await records.remember(EMAIL, PASSWORD, identity(), 14);
    clock.now += 14 * DAY - 1;
    expect((await records.signIn(EMAIL, PASSWORD)).ok).toBe(true);
    clock.now += 1;
    expect(await records.signIn(EMAIL, PASSWORD)).toEqual({
      ok: false,
      error: { kind: 'unknown' },
    });
    await records.remember(EMAIL, PASSWORD, identity(), 14);
    await records.remember(EMAIL, PASSWORD, identity(), 0);
    expect((await records.signIn(EMAIL, PASSWORD)).ok).toBe(false);
    records.close();
  });

  it('a new sign-in with signal replaces the record (new salt, new password, count cleared); forget deletes it', async () => {
    const { records, dbName } = await fresh();
    await records.remember(EMAIL, PASSWORD, identity(), 14);
    await records.signIn(EMAIL, 'wrong');
    const before = await rawContents(dbName);
    const id = identity();
    await records.remember(EMAIL, 'a brand new password', id, 14);
    expect(await rawContents(dbName)).not.toEqual(before);
    expect((await records.signIn(EMAIL, PASSWORD)).ok).toBe(false);
    expect(await records.signIn(EMAIL, 'a brand new password')).toEqual({ ok: true, value: id });
    await records.forget(EMAIL.toUpperCase());
    expect(await records.signIn(EMAIL, 'a brand new password')).toEqual({
      ok: false,
      error: { kind: 'unknown' },
    });
    records.close();
  });

  it('a damaged record is dropped, not trusted', async () => {
    const { records, dbName } = await fresh();
    await records.remember(EMAIL, PASSWORD, identity(), 14);
    const db = await openDB(dbName);
    const [row] = (await db.getAll('users')) as Array<Record<string, unknown>>;
    await db.put('users', { ...row, iterations: 1 });
    db.close();
    expect(await records.signIn(EMAIL, PASSWORD)).toEqual({
      ok: false,
      error: { kind: 'unknown' },
    });
    records.close();
  });
});
