/**
 * The outbox: reports kept on the phone until the council has them, sent exactly once.
 *
 * Notes
 * - Runs in the page and in the service worker, so it uses only what both have: IndexedDB (idb),
 *   fetch, FormData, Blob, crypto.randomUUID, BroadcastChannel, navigator.locks, setTimeout.
 * - The record's UUID is its key, its Idempotency-Key and the reporter's secret: resending after
 *   any doubt (lost answer, crashed tab, two senders) is harmless because the server answers a
 *   repeat with the first answer.
 * - Sending: drain-loop.ts (who sends and when: Web Locks, folding calls), drain.ts (claim, send,
 *   record), send.ts (the request and what its answer means).
 * - Listeners hear of every change, including changes made by other tabs and the service worker
 *   (BroadcastChannel `outbox`).
 * - If another tab opens a newer schema version, this connection closes and reopens on next use;
 *   if the database is now newer than this code, operations fail until the page reloads.
 */
import type { ReportSubmissionInput } from '../../shared/report';
import { err, ok, type Result } from '../../shared/result';
import { DEFAULT_BACKOFF } from './backoff';
import { NOT_TRIED } from './attempts';
import { ALL_STORES, inTx, openOutboxDb, storageProblem, type Db, type RwTx } from './db';
import { drainPass, emptyResult, type DrainContext, type DrainResult } from './drain';
import { DrainLoop, locksOf } from './drain-loop';
import { checkInput, isEditable, isUuid } from './input';
import {
  DB_VERSION,
  DEFAULT_DB_NAME,
  DRAFT,
  DRAFT_KEY,
  DraftRecordSchema,
  QUARANTINE,
  QuarantineRecordSchema,
  REPORTS,
  describeProblem,
  type DraftRecord,
  type MediaInput,
  type OutboxRecord,
  type ReportSummary,
} from './schema';
import {
  deleteMedia,
  moveToQuarantine,
  readMedia,
  readQuarantine,
  readReport,
  readReports,
  writeMedia,
} from './store';
import type { ListResult, OpenOutboxOptions, Outbox, OutboxChange, UpdateOptions } from './types';

/** Opens (and if needed creates or upgrades) the outbox. */
export async function openOutbox(opts: OpenOutboxOptions = {}): Promise<Outbox> {
  const outbox = new OutboxImpl(opts);
  await outbox.ready();
  return outbox;
}

class OutboxImpl implements Outbox {
  private readonly dbName: string;
  private readonly now: () => number;
  private readonly ctx: DrainContext;
  private readonly listeners = new Set<(change: OutboxChange) => void>();
  private readonly channel: BroadcastChannel | null;
  private conn: Promise<Db> | null = null;
  private closed = false;
  private readonly sender: DrainLoop<DrainResult>;

  constructor(opts: OpenOutboxOptions) {
    this.dbName = opts.dbName ?? DEFAULT_DB_NAME;
    this.now = opts.now ?? Date.now;
    this.ctx = {
      db: () => this.db(),
      now: this.now,
      random: opts.random ?? Math.random,
      fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
      baseUrl: opts.baseUrl ?? '',
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      requestTimeoutMs: opts.requestTimeoutMs ?? 120_000,
      staleSendingMs: opts.staleSendingMs ?? 60_000,
      notify: () => this.notify({ kind: 'reports' }),
    };
    this.sender = new DrainLoop({
      pass: (pass) => drainPass(this.ctx, pass),
      empty: emptyResult,
      locks: locksOf(opts.locks),
      lockName: opts.lockName ?? 'outbox-send',
    });
    this.channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(
            this.dbName === DEFAULT_DB_NAME ? 'outbox' : `outbox:${this.dbName}`,
          );
    if (this.channel) {
      this.channel.onmessage = (e: MessageEvent) => this.emit(parseChange(e.data));
      // Node (tests) would otherwise stay alive for an open channel.
      (this.channel as { unref?: () => void }).unref?.();
    }
  }

  async ready(): Promise<void> {
    await this.db();
  }

  private db(): Promise<Db> {
    if (this.closed) return Promise.reject(new Error('The outbox has been closed.'));
    if (!this.conn) {
      const opening: Promise<Db> = openOutboxDb(
        this.dbName,
        DB_VERSION,
        { onClosed: () => void (this.conn === opening && (this.conn = null)) },
        this.now,
      );
      opening.catch(() => void (this.conn === opening && (this.conn = null)));
      this.conn = opening;
    }
    return this.conn;
  }

  private async tx<T>(fn: (tx: RwTx) => Promise<T>): Promise<T> {
    return inTx(await this.db(), ALL_STORES, 'readwrite', fn);
  }

  private emit(change: OutboxChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // one listener's error must not stop the others
      }
    }
  }

  private notify(change: OutboxChange): void {
    this.emit(change);
    try {
      this.channel?.postMessage(change);
    } catch {
      // closed channel: nobody else to tell
    }
  }

  async saveDraft(draft: unknown): Promise<Result<void>> {
    const record: DraftRecord = { savedAt: new Date(this.now()).toISOString(), value: draft };
    try {
      await this.tx((tx) => tx.objectStore(DRAFT).put(record, DRAFT_KEY));
    } catch (e) {
      return err(storageProblem(e));
    }
    this.notify({ kind: 'draft' });
    return ok(undefined);
  }

  async loadDraft(): Promise<unknown | null> {
    let moved = false;
    const value = await this.tx(async (tx) => {
      const raw = await tx.objectStore(DRAFT).get(DRAFT_KEY);
      if (raw === undefined) return null;
      const parsed = DraftRecordSchema.safeParse(raw);
      if (parsed.success) return parsed.data.value;
      await moveToQuarantine(tx, DRAFT, DRAFT_KEY, raw, describeProblem(parsed.error), this.now);
      moved = true;
      return null;
    });
    if (moved) this.notify({ kind: 'reports' });
    return value;
  }

  async clearDraft(): Promise<void> {
    await this.tx((tx) => tx.objectStore(DRAFT).delete(DRAFT_KEY));
    this.notify({ kind: 'draft' });
  }

  async enqueue(
    report: ReportSubmissionInput,
    media: MediaInput[],
    summary: ReportSummary,
    id: string = crypto.randomUUID(),
    opts: { clearDraft?: boolean } = {},
  ): Promise<Result<OutboxRecord, string>> {
    const checked = checkInput(report, media, summary);
    if (!checked.ok) return checked;
    if (!isUuid(id)) return err('invalid-id: must be a UUID');
    const at = new Date(this.now()).toISOString();
    let result: Result<OutboxRecord, string>;
    try {
      result = await this.tx(async (tx) => {
        const { record: existing } = await readReport(tx, id, this.now);
        // The same id twice (a double tap on Send) is the same report: keep the first.
        if (existing) return ok(existing);
        const mediaIds = await writeMedia(tx, id, media);
        const record: OutboxRecord = {
          id,
          state: 'queued',
          report: checked.value.report,
          mediaIds,
          createdAt: at,
          updatedAt: at,
          ...NOT_TRIED,
          reference: null,
          serviceNotice: null,
          sentAt: null,
          summary: checked.value.summary,
        };
        await tx.objectStore(REPORTS).put(record);
        if (opts.clearDraft) await tx.objectStore(DRAFT).delete(DRAFT_KEY);
        return ok(record);
      });
    } catch (e) {
      return err(storageProblem(e));
    }
    this.notify({ kind: 'reports' });
    if (opts.clearDraft) this.notify({ kind: 'draft' });
    return result;
  }

  async list(): Promise<ListResult> {
    const { records, corrupt, quarantined } = await this.tx(async (tx) => {
      const r = await readReports(tx, this.now);
      return { ...r, corrupt: await readQuarantine(tx) };
    });
    if (quarantined) this.notify({ kind: 'reports' });
    records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { records, corrupt };
  }

  async get(id: string): Promise<OutboxRecord | null> {
    const { record, quarantined } = await this.tx((tx) => readReport(tx, id, this.now));
    if (quarantined) this.notify({ kind: 'reports' });
    return record;
  }

  async getMedia(id: string): Promise<MediaInput[]> {
    const { media, quarantined } = await this.tx(async (tx) => {
      const { record, quarantined: q } = await readReport(tx, id, this.now);
      if (!record) return { media: [], quarantined: q };
      const m = await readMedia(tx, record, this.now);
      return { media: m.media, quarantined: q + m.quarantined };
    });
    if (quarantined) this.notify({ kind: 'reports' });
    return media;
  }

  async update(
    id: string,
    report: ReportSubmissionInput,
    opts: UpdateOptions = {},
  ): Promise<Result<OutboxRecord, string>> {
    const checked = checkInput(report, opts.media ?? [], opts.summary ?? { serviceName: '' });
    if (!checked.ok) return checked;
    let result: Result<OutboxRecord, string>;
    try {
      result = await this.tx(async (tx) => {
        const { record: cur } = await readReport(tx, id, this.now);
        if (!cur) return err('not-found');
        if (!isEditable(cur)) return err('not-editable');
        const mediaIds = opts.media ? await writeMedia(tx, id, opts.media) : cur.mediaIds;
        const record: OutboxRecord = {
          ...cur,
          state: 'queued',
          report: checked.value.report,
          summary: opts.summary ? checked.value.summary : cur.summary,
          mediaIds,
          updatedAt: new Date(this.now()).toISOString(),
          ...NOT_TRIED,
        };
        await tx.objectStore(REPORTS).put(record);
        return ok(record);
      });
    } catch (e) {
      return err(storageProblem(e));
    }
    if (result.ok) this.notify({ kind: 'reports' });
    return result;
  }

  async remove(id: string): Promise<void> {
    await this.tx(async (tx) => {
      await tx.objectStore(REPORTS).delete(id);
      await deleteMedia(tx, id);
    });
    this.notify({ kind: 'reports' });
  }

  async discardCorrupt(key: string): Promise<void> {
    await this.tx(async (tx) => {
      const entry = QuarantineRecordSchema.safeParse(await tx.objectStore(QUARANTINE).get(key));
      await tx.objectStore(QUARANTINE).delete(key);
      // A report's photos are kept while the report is in quarantine; they go with it.
      if (entry.success && entry.data.store === REPORTS)
        await deleteMedia(tx, entry.data.originalKey);
    });
    this.notify({ kind: 'reports' });
  }

  drain(opts: { signal?: AbortSignal; force?: boolean } = {}): Promise<DrainResult> {
    return this.sender.drain(opts);
  }

  subscribe(listener: (change: OutboxChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async nextWakeUp(): Promise<number | null> {
    const { records } = await this.list();
    let earliest: number | null = null;
    for (const r of records) {
      let at: number | null = null;
      if (r.state === 'queued')
        at = r.nextAttemptAt === null ? this.now() : Date.parse(r.nextAttemptAt);
      else if (r.state === 'sending') at = Date.parse(r.updatedAt) + this.ctx.staleSendingMs;
      if (at !== null && (earliest === null || at < earliest)) earliest = at;
    }
    return earliest;
  }

  close(): void {
    this.closed = true;
    this.sender.stop();
    this.channel?.close();
    this.listeners.clear();
    const conn = this.conn;
    this.conn = null;
    conn?.then((d) => d.close()).catch(() => undefined);
  }
}

function parseChange(data: unknown): OutboxChange {
  const kind = (data as { kind?: unknown } | null)?.kind;
  return { kind: kind === 'draft' ? 'draft' : 'reports' };
}
