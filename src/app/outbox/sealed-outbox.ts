/**
 * The sealed outbox: a reporting centre's reports kept on a shared tablet, encrypted, until the
 * council has them. The resident outbox's rules (one UUID per report as its Idempotency-Key,
 * claim -> send -> record, backoff, one sender across tabs through drain-loop.ts) with the
 * victim's details sealed.
 *
 * Notes
 * - Its own IndexedDB database, so the resident outbox's schema and its service worker are
 *   untouched. The service worker never sends these: it has no key, and cannot get one (the key
 *   lives only in the page's memory while the user is signed in). Reports wait until the user
 *   signs in again; signing out never deletes them.
 * - Only bookkeeping is readable (sealed-schema.ts). Adding, listing and sending need the key;
 *   the list of entries without opening them does not.
 * - Once the council answers with a reference the record is deleted: the victim's details leave
 *   the tablet as soon as the council has them; the centre's list on the server shows the rest.
 * - Decrypting and encrypting are never done inside an IndexedDB transaction (they are async
 *   work that would let it commit half-way), like the network.
 * - Photos and recordings are sealed too, each as its own record of sealed bytes in the `media`
 *   store (bound to the report's id, owner and place in the report); their types and names are
 *   inside the sealed payload. A report and its media are written in one transaction, so a full
 *   disk leaves nothing half-saved (`storage-full`, and the form still holds everything), and are
 *   deleted together: when the council has the report, or when the centre removes it.
 * - They are sent as the resident outbox sends them: `media` file parts of the one multipart POST
 *   under the report's Idempotency-Key (send.ts `buildBody`). The server hashes the files' bytes
 *   into the key's request hash, and unsealing gives the same bytes every time, so a retry after a
 *   lost answer is the same request and gets the first answer back; nothing is filed twice.
 * - Database version 2 added the `media` store; opening an older database adds it and keeps every
 *   queued report. A connection steps aside (closes) when a newer version wants to upgrade.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { err, ok, type Result } from '../../shared/result';
import { nextToClaim, retryFields, stillClaimed } from './attempts';
import { DEFAULT_BACKOFF } from './backoff';
import { locksOf, passUnderLock } from './drain-loop';
import { checkInput } from './input';
import type { MediaInput } from './schema';
import { seal, sealBytes, unseal, unsealBytes, type Sealed } from './sealed';
import {
  SEALED_DB_NAME,
  SEALED_DB_VERSION,
  SEALED_MEDIA_BY_REPORT,
  SEALED_MEDIA_STORE,
  SEALED_STORE,
  SealedMediaRecordSchema,
  SealedPayloadSchema,
  SealedRecordSchema,
  entryOf,
  type OpenedEntry,
  type SealedEntry,
  type SealedMediaRecord,
  type SealedPayload,
  type SealedPayloadInput,
  type SealedRecord,
} from './sealed-schema';
import { sendSealed, type SealedSendOutcome } from './sealed-send';
import type { LockManagerLike, SendingOptions } from './types';

export interface SealedOutboxOptions extends SendingOptions {
  requestTimeoutMs?: number;
  staleSendingMs?: number;
}

export interface SealedDrainResult {
  /** Accepted by the council (and deleted here), with their references. */
  sent: Array<{ id: string; reference: string }>;
  failed: string[];
  attention: string[];
  /** The centre session has ended: sign in again to send the rest. */
  signedOut: boolean;
  /** Another tab was sending. */
  busy: boolean;
}

const contextOf = (id: string, owner: string) => `${id}\n${owner}`;
/** A photo's or recording's binding: its report, owner and place in the report. */
const mediaContextOf = (id: string, owner: string, index: number) =>
  `${contextOf(id, owner)}\nmedia ${index}`;
const BOTH = [SEALED_STORE, SEALED_MEDIA_STORE];
const storageError = (e: unknown) => {
  const name = (e as { name?: string } | null)?.name ?? 'Error';
  return name === 'QuotaExceededError' ? 'storage-full' : `storage-error: ${name}`;
};
const iso = (ms: number) => new Date(ms).toISOString();

export class SealedOutbox {
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly locks: LockManagerLike | null;

  private constructor(
    private readonly db: IDBPDatabase,
    private readonly opts: SealedOutboxOptions,
    name: string,
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.locks = locksOf(opts.locks);
    this.channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`sealed:${name}`);
    if (this.channel) {
      this.channel.onmessage = () => this.emit();
      (this.channel as { unref?: () => void }).unref?.();
    }
  }

  static async open(opts: SealedOutboxOptions = {}): Promise<SealedOutbox> {
    const name = opts.dbName ?? SEALED_DB_NAME;
    const db = await openDB(name, SEALED_DB_VERSION, {
      // Every step from the stored version up; existing records are kept as they are.
      upgrade(database, oldVersion) {
        if (oldVersion < 1) database.createObjectStore(SEALED_STORE, { keyPath: 'id' });
        if (oldVersion < 2) {
          const media = database.createObjectStore(SEALED_MEDIA_STORE, { keyPath: 'id' });
          media.createIndex(SEALED_MEDIA_BY_REPORT, 'reportId');
        }
      },
      blocking(_current, _wanted, event) {
        // A newer version (another tab after an update) is waiting for us: step aside.
        (event.target as IDBDatabase).close();
      },
    });
    return new SealedOutbox(db, opts, name);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // one listener's error must not stop the others
      }
    }
  }

  private notify(): void {
    this.emit();
    try {
      this.channel?.postMessage('changed');
    } catch {
      // closed: nobody else to tell
    }
  }

  /** Every readable record (unreadable ones are left in place, never deleted). */
  private async records(): Promise<SealedRecord[]> {
    const values = await this.db.getAll(SEALED_STORE);
    return values.flatMap((v) => {
      const r = SealedRecordSchema.safeParse(v);
      return r.success ? [r.data] : [];
    });
  }

  /**
   * Seals and queues a report for this user with its photos and recordings (sent in this order);
   * the same id twice keeps the first. `storage-full` when the tablet has no room: nothing is
   * written then.
   */
  async add(
    key: CryptoKey,
    owner: string,
    input: SealedPayloadInput,
    id: string = crypto.randomUUID(),
    media: MediaInput[] = [],
  ): Promise<Result<SealedEntry, string>> {
    const parsed = SealedPayloadSchema.safeParse({
      ...input,
      media: media.map((m) => ({ type: m.type, name: m.name, bytes: m.bytes?.byteLength ?? 0 })),
    });
    if (!parsed.success) {
      return err(`invalid-report: ${parsed.error.issues.map((i) => i.path.join('.')).join('; ')}`);
    }
    const checked = checkInput(parsed.data.report, media, {
      serviceName: parsed.data.summary.serviceName,
    });
    if (!checked.ok) return err(checked.error);
    // Sealed before the transaction: encryption must not run inside it.
    const payload = await seal(key, parsed.data, contextOf(id, owner));
    const sealedMedia: SealedMediaRecord[] = [];
    for (const [index, m] of media.entries()) {
      sealedMedia.push({
        id: `${id}:${index}`,
        reportId: id,
        index,
        data: await sealBytes(key, m.bytes, mediaContextOf(id, owner, index)),
      });
    }
    const at = iso(this.now());
    const record: SealedRecord = {
      id,
      owner,
      state: 'queued',
      createdAt: at,
      updatedAt: at,
      attempts: 0,
      nextAttemptAt: null,
      notBefore: null,
      lastErrorKind: null,
      lastStatus: null,
      payload,
      error: null,
    };
    let tx;
    try {
      tx = this.db.transaction(BOTH, 'readwrite');
    } catch (e) {
      return err(storageError(e));
    }
    try {
      const existing = SealedRecordSchema.safeParse(await tx.objectStore(SEALED_STORE).get(id));
      if (!existing.success) {
        // Media left by an unreadable record of the same id go with it.
        await deleteMediaOf(tx, id);
        for (const m of sealedMedia) await tx.objectStore(SEALED_MEDIA_STORE).put(m);
        await tx.objectStore(SEALED_STORE).put(record);
      }
      await tx.done;
      this.notify();
      return ok(entryOf(existing.success ? existing.data : record));
    } catch (e) {
      // All or nothing: a report is never kept without its photos.
      try {
        tx.abort();
      } catch {
        // already aborted by the failed request
      }
      await tx.done.catch(() => undefined);
      return err(storageError(e));
    }
  }

  /** The report's media unsealed, in order; null if one is missing or will not open. */
  private async openMedia(
    key: CryptoKey,
    r: SealedRecord,
    payload: SealedPayload,
  ): Promise<MediaInput[] | null> {
    if (payload.media.length === 0) return [];
    const values = await this.db.getAllFromIndex(SEALED_MEDIA_STORE, SEALED_MEDIA_BY_REPORT, r.id);
    const byIndex = new Map<number, SealedMediaRecord>();
    for (const v of values) {
      const m = SealedMediaRecordSchema.safeParse(v);
      if (m.success) byIndex.set(m.data.index, m.data);
    }
    const out: MediaInput[] = [];
    for (const [index, info] of payload.media.entries()) {
      const sealed = byIndex.get(index);
      if (!sealed) return null;
      const bytes = await unsealBytes(key, sealed.data, mediaContextOf(r.id, r.owner, index));
      if (!bytes.ok || bytes.value.byteLength !== info.bytes) return null;
      out.push({ bytes: bytes.value, type: info.type, name: info.name });
    }
    return out;
  }

  /** Bookkeeping of every record, oldest first (no key needed, nothing about the victim). */
  async entries(): Promise<SealedEntry[]> {
    return (await this.records())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(entryOf);
  }

  /** This user's records, opened with their key. */
  async openAll(key: CryptoKey, owner: string): Promise<OpenedEntry[]> {
    const mine = (await this.records()).filter((r) => r.owner === owner);
    const out: OpenedEntry[] = [];
    for (const r of mine.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      out.push({ entry: entryOf(r), ...(await this.openRecord(key, r)) });
    }
    return out;
  }

  private async openRecord(key: CryptoKey, r: SealedRecord) {
    const ctx = contextOf(r.id, r.owner);
    const opened = await unseal(key, r.payload, ctx);
    const payload = opened.ok ? SealedPayloadSchema.safeParse(opened.value) : null;
    const error = r.error ? await unseal(key, r.error, ctx) : null;
    return {
      payload: payload?.success ? payload.data : null,
      error: error?.ok && typeof error.value === 'string' ? error.value : null,
    };
  }

  /** Deletes a report and its photos and recordings from the tablet. */
  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(BOTH, 'readwrite');
    await tx.objectStore(SEALED_STORE).delete(id);
    await deleteMediaOf(tx, id);
    await tx.done;
    this.notify();
  }

  /** When this user's earliest waiting report is due (ms epoch), or null. */
  async nextWakeUp(owner: string): Promise<number | null> {
    const times = (await this.records())
      .filter((r) => r.owner === owner && r.state === 'queued')
      .map((r) => (r.nextAttemptAt === null ? this.now() : Date.parse(r.nextAttemptAt)));
    return times.length ? Math.min(...times) : null;
  }

  /** Sends this user's due reports once each, oldest first. Needs their key. */
  async drain(
    key: CryptoKey,
    owner: string,
    opts: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<SealedDrainResult> {
    const empty: SealedDrainResult = {
      sent: [],
      failed: [],
      attention: [],
      signedOut: false,
      busy: false,
    };
    const r = await passUnderLock(this.locks, 'centre-outbox-send', (exclusive) =>
      this.pass(key, owner, !!opts.force, exclusive, opts.signal),
    );
    return r ?? { ...empty, busy: true };
  }

  private async pass(
    key: CryptoKey,
    owner: string,
    force: boolean,
    exclusive: boolean,
    signal?: AbortSignal,
  ): Promise<SealedDrainResult> {
    const result: SealedDrainResult = {
      sent: [],
      failed: [],
      attention: [],
      signedOut: false,
      busy: false,
    };
    const tried = new Set<string>();
    while (!signal?.aborted) {
      const claimed = await this.claim(owner, force, exclusive, tried);
      if (!claimed) break;
      tried.add(claimed.id);
      const { payload } = await this.openRecord(key, claimed);
      const media = payload ? await this.openMedia(key, claimed, payload) : null;
      const outcome: SealedSendOutcome | { kind: 'cannot-open' } =
        payload && media
          ? await sendSealed({
              fetch: this.fetchFn,
              baseUrl: this.opts.baseUrl ?? '',
              id: claimed.id,
              payload,
              media,
              now: this.now,
              timeoutMs: this.opts.requestTimeoutMs ?? 120_000,
              signal,
            })
          : { kind: 'cannot-open' };
      const applied = await this.record(key, claimed, outcome);
      if (outcome.kind === 'sent' && applied) {
        result.sent.push({ id: claimed.id, reference: outcome.reference });
      } else if (outcome.kind === 'retry') result.failed.push(claimed.id);
      else if (outcome.kind === 'rejected' || outcome.kind === 'cannot-open') {
        result.attention.push(claimed.id);
      } else if (outcome.kind === 'signed-out') {
        result.signedOut = true;
        break;
      } else if (outcome.kind === 'aborted') break;
    }
    return result;
  }

  /** Marks the next due record of this user `sending` (one transaction) and returns it. */
  private async claim(
    owner: string,
    force: boolean,
    exclusive: boolean,
    tried: Set<string>,
  ): Promise<SealedRecord | null> {
    const tx = this.db.transaction(SEALED_STORE, 'readwrite');
    const nowMs = this.now();
    const stale = this.opts.staleSendingMs ?? 60_000;
    const mine = (await tx.store.getAll())
      .flatMap((v) => {
        const r = SealedRecordSchema.safeParse(v);
        return r.success ? [r.data] : [];
      })
      .filter((r) => r.owner === owner);
    const candidate = nextToClaim(mine, { nowMs, force, exclusive, staleMs: stale, tried });
    if (!candidate) {
      await tx.done;
      return null;
    }
    const claimed: SealedRecord = { ...candidate, state: 'sending', updatedAt: iso(nowMs) };
    await tx.store.put(claimed);
    await tx.done;
    this.notify();
    return claimed;
  }

  /** Records the answer; false when the record was no longer ours to record (or gone). */
  private async record(
    key: CryptoKey,
    claimed: SealedRecord,
    outcome: SealedSendOutcome | { kind: 'cannot-open' },
  ): Promise<boolean> {
    const message =
      outcome.kind === 'rejected' || outcome.kind === 'retry'
        ? outcome.message
        : outcome.kind === 'cannot-open'
          ? 'This report cannot be opened with your sign-in.'
          : null;
    // Sealed before the transaction: encryption must not run inside it.
    const error: Sealed | null =
      message === null ? null : await seal(key, message, contextOf(claimed.id, claimed.owner));
    const tx = this.db.transaction(BOTH, 'readwrite');
    const reports = tx.objectStore(SEALED_STORE);
    const cur = SealedRecordSchema.safeParse(await reports.get(claimed.id));
    let applied = true;
    if (outcome.kind === 'sent') {
      // The council has it: the victim's details and photos leave the tablet now.
      if (cur.success) await reports.delete(claimed.id);
      await deleteMediaOf(tx, claimed.id);
    } else if (!cur.success || !stillClaimed(cur.data, claimed)) {
      applied = false;
    } else {
      const base = { ...cur.data, updatedAt: iso(this.now()) };
      const next = this.after(base, outcome, error);
      await reports.put(next);
    }
    await tx.done;
    this.notify();
    return applied;
  }

  private after(
    cur: SealedRecord,
    outcome: Exclude<SealedSendOutcome, { kind: 'sent' }> | { kind: 'cannot-open' },
    error: Sealed | null,
  ): SealedRecord {
    switch (outcome.kind) {
      case 'aborted':
      case 'signed-out':
        // Not the report's fault: queued again as it was, no backoff.
        return { ...cur, state: 'queued' };
      case 'cannot-open':
        return {
          ...cur,
          state: 'needs-attention',
          lastErrorKind: 'local',
          lastStatus: null,
          error,
        };
      case 'rejected':
        return {
          ...cur,
          state: 'needs-attention',
          nextAttemptAt: null,
          notBefore: null,
          lastErrorKind: 'rejected',
          lastStatus: outcome.status,
          error,
        };
      case 'retry':
        return {
          ...cur,
          ...retryFields(
            cur.attempts,
            outcome,
            this.now(),
            this.random,
            this.opts.backoff ?? DEFAULT_BACKOFF,
          ),
          error,
        };
    }
  }

  close(): void {
    this.channel?.close();
    this.listeners.clear();
    this.db.close();
  }
}

/** Deletes a report's media records in the caller's transaction (over both stores). */
async function deleteMediaOf(
  tx: IDBPTransaction<unknown, string[], 'readwrite'>,
  id: string,
): Promise<void> {
  const store = tx.objectStore(SEALED_MEDIA_STORE);
  for (const k of await store.index(SEALED_MEDIA_BY_REPORT).getAllKeys(id)) await store.delete(k);
}
