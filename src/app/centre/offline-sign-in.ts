/**
 * Signing in to centre mode without signal, on a tablet where the same user has signed in with
 * signal before (a drop-in session in a church hall): the server's seal secret, kept on the
 * tablet wrapped under a key derived from the user's password.
 *
 * Notes
 * - After an online sign-in (when the council allows it: `offline_days` > 0 in the sign-in answer)
 *   the app stores, in its own IndexedDB database, the seal secret and the user's profile
 *   encrypted with AES-GCM under PBKDF2-SHA-256(password, random salt, 600,000 iterations). The
 *   record is found by a SHA-256 of the normalised email, so the tablet does not show who uses it.
 *   Signing in without signal re-derives that key from the typed password; if it opens the record,
 *   the app has the same seal key as an online sign-in would give, and can open and add sealed
 *   reports. Sending still needs a server session: the page holds the typed password in memory
 *   until the network is back and completes the server sign-in with it (centre-session.tsx).
 * - The trade-off (docs/decisions/centres.md): a lost tablet can be attacked offline by guessing
 *   the password, at 600,000 PBKDF2 rounds a guess, for as long as the record lives. So the record
 *   expires after the council's `offline_days` (default 14; 0 turns offline sign-in off and
 *   deletes records at the next online sign-in), is replaced (new salt) at every online sign-in,
 *   is deleted when the server refuses that email's password, and is deleted after 10 wrong
 *   offline passwords; after 5 the form waits 1, 2, 4... minutes between guesses.
 * - Nothing queued depends on this record: reports are sealed with the server-derived key, so
 *   deleting the record never loses a report (the next online sign-in opens them).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import type { CentreMe } from './centre-api';

export const OFFLINE_DB_NAME = 'neighbourhood-reporter-centre-sign-in';
const DB_VERSION = 1;
const STORE = 'users';
export const PBKDF2_ITERATIONS = 600_000;
/** Wrong passwords after which the record is deleted (offline sign-in then needs signal). */
export const MAX_OFFLINE_FAILURES = 10;
/** Wrong passwords after which each further guess must wait (1, 2, 4... minutes). */
const FREE_FAILURES = 5;

const Bytes = z.custom<ArrayBuffer>(
  (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]',
  'must be an ArrayBuffer',
);
const Time = z.iso.datetime({ offset: true });

const RecordSchema = z.object({
  lookup: z.string().regex(/^[0-9a-f]{64}$/),
  salt: Bytes,
  iterations: z.number().int().min(100_000),
  iv: Bytes,
  data: Bytes,
  savedAt: Time,
  expiresAt: Time,
  failures: z.number().int().min(0),
  waitUntil: Time.nullable(),
});
type OfflineRecord = z.infer<typeof RecordSchema>;

const OpenedSchema = z.object({
  seal_secret: z.string().min(40),
  me: z.object({
    name: z.string(),
    email: z.string(),
    user_id: z.string().min(1),
    centre: z.object({ code: z.string(), name: z.string() }),
    idle_seconds: z.number().int().min(1),
  }),
});
export type OfflineIdentity = z.infer<typeof OpenedSchema>;

export type OfflineSignInError =
  /** No record for this email on this tablet (never signed in here, expired, or deleted). */
  | { kind: 'unknown' }
  | { kind: 'wrong'; left: number }
  | { kind: 'wait'; until: number }
  /** IndexedDB or WebCrypto refused (private mode, storage blocked). */
  | { kind: 'unavailable' };

export interface OfflineSignInOptions {
  dbName?: string;
  now?: () => number;
  iterations?: number;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const normalise = (email: string) => email.trim().toLowerCase();

async function lookupOf(email: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    utf8(`neighbourhood-reporter centre user\n${normalise(email)}`),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function passwordKey(
  password: string,
  salt: ArrayBuffer,
  iterations: number,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The tablet's offline sign-in records. */
export class OfflineSignIn {
  private constructor(
    private readonly db: IDBPDatabase,
    private readonly now: () => number,
    private readonly iterations: number,
  ) {}

  static async open(opts: OfflineSignInOptions = {}): Promise<OfflineSignIn> {
    const db = await openDB(opts.dbName ?? OFFLINE_DB_NAME, DB_VERSION, {
      upgrade(d) {
        if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: 'lookup' });
      },
    });
    return new OfflineSignIn(db, opts.now ?? Date.now, opts.iterations ?? PBKDF2_ITERATIONS);
  }

  close(): void {
    this.db.close();
  }

  /**
   * After an online sign-in: keeps the seal secret for `days`, wrapped under the password (a new
   * salt each time). `days` 0 deletes any record for this email instead.
   */
  async remember(
    email: string,
    password: string,
    identity: OfflineIdentity,
    days: number,
  ): Promise<void> {
    const lookup = await lookupOf(email);
    if (days <= 0) {
      await this.db.delete(STORE, lookup);
      return;
    }
    const salt = crypto.getRandomValues(new Uint8Array(16)).buffer;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await passwordKey(password, salt, this.iterations);
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(lookup) },
      key,
      utf8(JSON.stringify(OpenedSchema.parse(identity))),
    );
    const now = this.now();
    const record: OfflineRecord = {
      lookup,
      salt,
      iterations: this.iterations,
      iv: iv.buffer,
      data,
      savedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + days * 24 * 60 * 60 * 1000).toISOString(),
      failures: 0,
      waitUntil: null,
    };
    await this.db.put(STORE, record);
  }

  /** Deletes this email's record (the server refused its password, or the council said so). */
  async forget(email: string): Promise<void> {
    await this.db.delete(STORE, await lookupOf(email));
  }

  /** Opens this email's record with the password, counting wrong guesses. */
  async signIn(
    email: string,
    password: string,
  ): Promise<Result<OfflineIdentity, OfflineSignInError>> {
    const lookup = await lookupOf(email);
    const parsed = RecordSchema.safeParse(await this.db.get(STORE, lookup));
    if (!parsed.success) {
      await this.db.delete(STORE, lookup);
      return err({ kind: 'unknown' });
    }
    const record = parsed.data;
    const now = this.now();
    if (Date.parse(record.expiresAt) <= now) {
      await this.db.delete(STORE, lookup);
      return err({ kind: 'unknown' });
    }
    if (record.waitUntil && Date.parse(record.waitUntil) > now) {
      return err({ kind: 'wait', until: Date.parse(record.waitUntil) });
    }
    const key = await passwordKey(password, record.salt, record.iterations);
    let opened: OfflineIdentity | null = null;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: new Uint8Array(record.iv), additionalData: utf8(lookup) },
        key,
        record.data,
      );
      const r = OpenedSchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
      if (r.success) opened = r.data;
    } catch {
      opened = null;
    }
    if (opened) {
      if (record.failures > 0)
        await this.db.put(STORE, { ...record, failures: 0, waitUntil: null });
      return ok(opened);
    }
    const failures = record.failures + 1;
    if (failures >= MAX_OFFLINE_FAILURES) {
      await this.db.delete(STORE, lookup);
      return err({ kind: 'wrong', left: 0 });
    }
    const waitMs = failures >= FREE_FAILURES ? 2 ** (failures - FREE_FAILURES) * 60_000 : 0;
    await this.db.put(STORE, {
      ...record,
      failures,
      waitUntil: waitMs ? new Date(now + waitMs).toISOString() : null,
    });
    return err({ kind: 'wrong', left: MAX_OFFLINE_FAILURES - failures });
  }
}

/** The identity an online sign-in answer gives, in the form the record keeps. */
export const identityOf = (me: CentreMe, sealSecret: string): OfflineIdentity => ({
  seal_secret: sealSecret,
  me: {
    name: me.name,
    email: me.email,
    user_id: me.user_id,
    centre: me.centre,
    idle_seconds: me.idle_seconds,
  },
});
