/**
 * The messages queue: survey answers and case-review applications kept on the phone in their own
 * IndexedDB database until the council has them, each sent exactly once.
 *
 * Notes
 * - Its own database (`neighbourhood-reporter-messages`), not a new store in the report outbox:
 *   the outbox's schema and upgrade ladder stay as they are, and the two queues cannot block each
 *   other's upgrades. Runs in the page and in the service worker (no DOM).
 * - Every write is one record in one transaction, validated first; a full disk aborts it, so
 *   nothing half-written is kept and `save` answers `storage-full` (the form keeps what was typed).
 * - Sending mirrors the outbox (src/app/outbox/drain.ts): claim (mark `sending`), fetch with no
 *   transaction open, record the answer, with the rules all queues share (attempts.ts: which
 *   record next, the claim's token, the retry bookkeeping). One sender at a time across tabs and
 *   the service worker through the Web Lock `messages-send`, and folding of calls, as the outbox
 *   (src/app/outbox/drain-loop.ts).
 * - Failures back off with the outbox's full-jitter backoff; the server's Retry-After is a floor
 *   that even a forced send respects. Refusals are kept with the council's words, never retried
 *   by themselves.
 * - Changes are announced to this instance's listeners and, through the BroadcastChannel
 *   `neighbourhood-reporter-messages`, to other tabs and the service worker.
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { err, ok, type Result } from '../../shared/result';
import { INTERRUPTED, NOT_TRIED, nextToClaim, retryFields, stillClaimed } from '../outbox/attempts';
import { DEFAULT_BACKOFF } from '../outbox/backoff';
import { isQuotaError, runTx, storageProblem } from '../outbox/db';
import { DrainLoop, locksOf } from '../outbox/drain-loop';
import type { SendingOptions } from '../outbox/types';
import {
  MESSAGES_DB_NAME,
  MESSAGES_DB_VERSION,
  MESSAGES_STORE,
  MessagePayloadSchema,
  MessageRecordSchema,
  describeProblem,
  messageId,
  type MessagePayload,
  type MessageRecord,
} from './schema';
import { sendMessage, type MessageOutcome } from './send';

export interface OpenMessagesOptions extends SendingOptions {
  lockName?: string;
  /** Give up waiting for one answer after this long and retry later (default 60 s). */
  requestTimeoutMs?: number;
  /** A record `sending` this long with no lock held is taken over (default 60 s). */
  staleSendingMs?: number;
}

export interface MessagesDrainResult {
  sent: string[];
  failed: string[];
  refused: string[];
  /** Another tab or the service worker was sending, so this drain sent nothing. */
  busy: boolean;
}

export interface MessagesList {
  records: MessageRecord[];
  /** Records that no longer fit the schema: left where they are, never sent, counted here. */
  unreadable: number;
}

export interface Messages {
  /**
   * Validates and keeps a message (one transaction). The same id again returns the record already
   * kept, unless that one was refused: then this one replaces it and is sent afresh.
   * Errors: `invalid-message: <field>: <problem>`, `storage-full`, `storage-error: ...`.
   */
  save(payload: MessagePayload): Promise<Result<MessageRecord, string>>;
  list(): Promise<MessagesList>;
  get(id: string): Promise<MessageRecord | null>;
  remove(id: string): Promise<void>;
  /** Sends every due message once; `force` skips our backoff (never the server's Retry-After). */
  drain(opts?: { force?: boolean; signal?: AbortSignal }): Promise<MessagesDrainResult>;
  /** When the earliest queued message is due (ms epoch), or null when none waits. */
  nextWakeUp(): Promise<number | null>;
  /** Called after any change here, in another tab or the service worker; returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

export const MESSAGES_LOCK = 'messages-send';
export const MESSAGES_CHANNEL = 'neighbourhood-reporter-messages';

const iso = (ms: number) => new Date(ms).toISOString();
const emptyResult = (): MessagesDrainResult => ({ sent: [], failed: [], refused: [], busy: false });

type Db = IDBPDatabase;
type RwStore = IDBPObjectStore<unknown, ['messages'], 'messages', 'readwrite'>;

/** Whether a queued message may be sent now (the rule all queues share). */
export { isDue } from '../outbox/attempts';

class MessagesQueue implements Messages {
  private dbPromise: Promise<Db> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;
  private closed = false;
  private readonly sender: DrainLoop<MessagesDrainResult>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: OpenMessagesOptions) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.sender = new DrainLoop({
      pass: ({ force, exclusive, signal }) => this.pass(force, exclusive, signal),
      empty: emptyResult,
      locks: locksOf(opts.locks),
      lockName: opts.lockName ?? MESSAGES_LOCK,
    });
    this.channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(`${MESSAGES_CHANNEL}:${opts.dbName ?? MESSAGES_DB_NAME}`);
    this.channel?.addEventListener('message', () => this.emit());
  }

  /** Opens the database, again after the browser or a newer version closed it. */
  db(): Promise<Db> {
    if (this.closed) return Promise.reject(new Error('the messages queue is closed'));
    this.dbPromise ??= openDB(this.opts.dbName ?? MESSAGES_DB_NAME, MESSAGES_DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) database.createObjectStore(MESSAGES_STORE, { keyPath: 'id' });
      },
      blocking: () => {
        // A newer version (another tab after an update) waits for us: step aside.
        void this.dbPromise?.then((d) => d.close());
        this.dbPromise = null;
      },
      terminated: () => {
        this.dbPromise = null;
      },
    }).catch((e: unknown) => {
      this.dbPromise = null;
      throw e;
    });
    return this.dbPromise;
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // one listener's error must not stop the others (as in the outbox)
      }
    }
  }

  private notify(): void {
    this.emit();
    try {
      this.channel?.postMessage('changed');
    } catch {
      // closed: nobody left to tell
    }
  }

  /** One readwrite transaction; any error aborts it (nothing half-written) and is rethrown. */
  private async write<T>(fn: (store: RwStore) => Promise<T>): Promise<T> {
    const db = await this.db();
    return runTx(db.transaction(MESSAGES_STORE, 'readwrite'), (tx) =>
      fn(tx.objectStore(MESSAGES_STORE)),
    );
  }

  /** Deletes sent messages last changed at or before `cutoffMs` (nothing waiting is touched). */
  async forgetSentBefore(cutoffMs: number): Promise<number> {
    const removed = await this.write(async (store) => {
      let n = 0;
      for (const value of (await store.getAll()) as unknown[]) {
        const r = MessageRecordSchema.safeParse(value);
        if (r.success && r.data.state === 'sent' && Date.parse(r.data.updatedAt) <= cutoffMs) {
          await store.delete(r.data.id);
          n++;
        }
      }
      return n;
    });
    if (removed) this.notify();
    return removed;
  }

  async save(payload: MessagePayload): Promise<Result<MessageRecord, string>> {
    const parsed = MessagePayloadSchema.safeParse(payload);
    if (!parsed.success) return err(`invalid-message: ${describeProblem(parsed.error)}`);
    const nowIso = iso(this.now());
    const fresh: MessageRecord = {
      id: messageId(parsed.data),
      payload: parsed.data,
      state: 'queued',
      createdAt: nowIso,
      updatedAt: nowIso,
      ...NOT_TRIED,
      sentAt: null,
      answer: null,
    };
    try {
      const kept = await this.write(async (store) => {
        const existing = MessageRecordSchema.safeParse(await store.get(fresh.id));
        if (existing.success && existing.data.state !== 'refused') return existing.data;
        await store.put(MessageRecordSchema.parse(fresh));
        return fresh;
      });
      this.notify();
      return ok(kept);
    } catch (e) {
      return err(isQuotaError(e) ? 'storage-full' : storageProblem(e));
    }
  }

  async list(): Promise<MessagesList> {
    const db = await this.db();
    const values = await db.getAll(MESSAGES_STORE);
    const records: MessageRecord[] = [];
    let unreadable = 0;
    for (const v of values) {
      const parsed = MessageRecordSchema.safeParse(v);
      if (parsed.success) records.push(parsed.data);
      else unreadable++;
    }
    records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { records, unreadable };
  }

  async get(id: string): Promise<MessageRecord | null> {
    const db = await this.db();
    const parsed = MessageRecordSchema.safeParse(await db.get(MESSAGES_STORE, id));
    return parsed.success ? parsed.data : null;
  }

  async remove(id: string): Promise<void> {
    await this.write((store) => store.delete(id));
    this.notify();
  }

  async nextWakeUp(): Promise<number | null> {
    const { records } = await this.list();
    const times = records
      .filter((r) => r.state === 'queued' || r.state === 'sending')
      .map((r) =>
        r.state === 'sending'
          ? Date.parse(r.updatedAt) + (this.opts.staleSendingMs ?? 60_000)
          : Math.max(
              r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : 0,
              r.notBefore ? Date.parse(r.notBefore) : 0,
            ),
      );
    return times.length ? Math.min(...times) : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  close(): void {
    this.sender.stop();
    this.closed = true;
    this.channel?.close();
    this.listeners.clear();
    void this.dbPromise?.then((d) => d.close()).catch(() => undefined);
    this.dbPromise = null;
  }

  drain(opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<MessagesDrainResult> {
    return this.sender.drain(opts);
  }

  /** Claims, sends and records every due message once, oldest first. */
  private async pass(
    force: boolean,
    exclusive: boolean,
    signal: AbortSignal,
  ): Promise<MessagesDrainResult> {
    const result = emptyResult();
    const tried = new Set<string>();
    while (!signal.aborted) {
      const claim = await this.claimNext(force, exclusive, tried);
      if (!claim) break;
      tried.add(claim.id);
      const outcome = await sendMessage({
        fetch: this.fetchImpl,
        baseUrl: this.opts.baseUrl ?? '',
        payload: claim.payload,
        now: this.now,
        timeoutMs: this.opts.requestTimeoutMs ?? 60_000,
        signal,
      });
      const applied = await this.record(claim, outcome);
      if (applied === 'sent') result.sent.push(claim.id);
      else if (applied === 'failed') result.failed.push(claim.id);
      else if (applied === 'refused') result.refused.push(claim.id);
      else if (applied === 'aborted') break;
    }
    return result;
  }

  private async claimNext(
    force: boolean,
    exclusive: boolean,
    tried: Set<string>,
  ): Promise<MessageRecord | null> {
    const staleMs = this.opts.staleSendingMs ?? 60_000;
    const claim = await this.write(async (store) => {
      const nowMs = this.now();
      const records = (await store.getAll()).flatMap((v) => {
        const p = MessageRecordSchema.safeParse(v);
        return p.success ? [p.data] : [];
      });
      const candidate = nextToClaim(records, { nowMs, force, exclusive, staleMs, tried });
      if (!candidate) return null;
      const claimed: MessageRecord = { ...candidate, state: 'sending', updatedAt: iso(nowMs) };
      await store.put(claimed);
      return claimed;
    });
    if (claim) this.notify();
    return claim;
  }

  private async record(
    claim: MessageRecord,
    outcome: MessageOutcome,
  ): Promise<'sent' | 'failed' | 'refused' | 'aborted' | 'gone'> {
    const applied = await this.write(async (store) => {
      const nowMs = this.now();
      const parsed = MessageRecordSchema.safeParse(await store.get(claim.id));
      if (!parsed.success) return outcome.kind === 'sent' ? ('sent' as const) : ('gone' as const);
      const cur = parsed.data;
      const base = { ...cur, updatedAt: iso(nowMs) };
      if (outcome.kind === 'sent') {
        if (cur.state !== 'sent') {
          await store.put({
            ...base,
            state: 'sent',
            sentAt: iso(nowMs),
            answer: outcome.answer,
            nextAttemptAt: null,
            notBefore: null,
            lastError: null,
            lastErrorKind: null,
            lastStatus: outcome.status,
          } satisfies MessageRecord);
        }
        return 'sent' as const;
      }
      if (!stillClaimed(cur, claim)) return 'gone' as const;
      switch (outcome.kind) {
        case 'aborted':
          await store.put({ ...base, ...INTERRUPTED } satisfies MessageRecord);
          return 'aborted' as const;
        case 'refused':
          await store.put({
            ...base,
            state: 'refused',
            nextAttemptAt: null,
            notBefore: null,
            lastError: outcome.message,
            lastErrorKind: 'refused',
            lastStatus: outcome.status,
          } satisfies MessageRecord);
          return 'refused' as const;
        case 'retry':
          await store.put({
            ...base,
            ...retryFields(
              cur.attempts,
              outcome,
              nowMs,
              this.random,
              this.opts.backoff ?? DEFAULT_BACKOFF,
            ),
            lastError: outcome.message,
          } satisfies MessageRecord);
          return 'failed' as const;
      }
    });
    this.notify();
    return applied;
  }
}

/**
 * How long a sent message stays on the phone: long enough for its page to show the council's
 * answer, not for ever (a case-review application holds the resident's name and contact details;
 * the page keeps its reference in localStorage, the survey its "answered" in the status cache).
 */
export const KEEP_SENT_MS = 30 * 24 * 60 * 60 * 1000;

/** Opens the messages queue (creating its database the first time); forgets old sent messages. */
export async function openMessages(opts: OpenMessagesOptions = {}): Promise<Messages> {
  const queue = new MessagesQueue(opts);
  await queue.db();
  await queue.forgetSentBefore((opts.now ?? Date.now)() - KEEP_SENT_MS).catch(() => undefined);
  return queue;
}
