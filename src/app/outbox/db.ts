/**
 * The outbox database: schema versions, the upgrade ladder and small transaction helpers.
 *
 * Notes
 * - The ladder runs every step from the stored version up, so a phone that skipped releases is
 *   carried through each one. Steps keep and repair existing records; a record that cannot be
 *   repaired goes to the quarantine store with the reason (never dropped).
 * - Version 1 (the first release): stores `reports` (records without `summary`, `serviceNotice`,
 *   `notBefore`, `lastErrorKind`,
 *   `lastStatus`; a refused report was state `failed`), `media` (by-report index)
 *   and `draft`. Version 2 (now): adds `quarantine` and repairs reports to the current shape.
 * - Values are typed `unknown` on purpose: everything read is validated by the caller.
 * - `inTx` aborts the transaction on any error, so a failed multi-store write (quota) leaves
 *   nothing half-written. Only IndexedDB requests may be awaited inside it: a transaction commits
 *   by itself as soon as it has no pending request, e.g. across a fetch or an image decode.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import {
  DB_VERSION,
  DRAFT,
  MEDIA,
  MEDIA_BY_REPORT,
  OutboxRecordSchema,
  QUARANTINE,
  REPORTS,
  describeProblem,
  type QuarantineRecord,
} from './schema';

export interface OutboxDB extends DBSchema {
  reports: { key: string; value: unknown };
  media: { key: string; value: unknown; indexes: { 'by-report': string } };
  draft: { key: string; value: unknown };
  quarantine: { key: string; value: unknown };
}
export type Db = IDBPDatabase<OutboxDB>;
export type StoreName = 'reports' | 'media' | 'draft' | 'quarantine';
export type Tx<S extends StoreName[], M extends IDBTransactionMode> = IDBPTransaction<
  OutboxDB,
  S,
  M
>;

/** The outbox's transactions span every store: simple, and they are all short. */
export const ALL_STORES: StoreName[] = [REPORTS, MEDIA, DRAFT, QUARANTINE];
export type RwTx = Tx<StoreName[], 'readwrite'>;

export interface OpenHandlers {
  /** This connection was closed because another one needs a newer version, or the browser ended it. */
  onClosed?: () => void;
  /** An older connection (another tab) is holding up the upgrade; it resolves once that tab closes. */
  onBlocked?: () => void;
}

/** Opens (creating or upgrading) the outbox database at `version` (tests open older versions). */
export function openOutboxDb(
  name: string,
  version: number = DB_VERSION,
  handlers: OpenHandlers = {},
  now: () => number = Date.now,
): Promise<Db> {
  let db: Db | undefined;
  const p = openDB<OutboxDB>(name, version, {
    upgrade(database, oldVersion, _newVersion, tx) {
      // Schema changes are synchronous; data repairs run on the upgrade transaction, which
      // stays open while they issue requests.
      if (oldVersion < 1 && version >= 1) {
        database.createObjectStore(REPORTS, { keyPath: 'id' });
        const media = database.createObjectStore(MEDIA, { keyPath: 'id' });
        media.createIndex(MEDIA_BY_REPORT, 'reportId');
        database.createObjectStore(DRAFT);
      }
      if (oldVersion < 2 && version >= 2) {
        database.createObjectStore(QUARANTINE, { keyPath: 'key' });
        if (oldVersion >= 1) void repairToV2(tx, now).catch(() => tx.abort());
      }
    },
    blocked() {
      handlers.onBlocked?.();
    },
    blocking() {
      // A newer version (another tab after an update) is waiting for us: step aside.
      db?.close();
      handlers.onClosed?.();
    },
    terminated() {
      handlers.onClosed?.();
    },
  });
  return p.then((d) => (db = d));
}

/** Version 1 -> 2: add the fields version 2 has, rename `failed`, quarantine what cannot be saved. */
async function repairToV2(
  tx: IDBPTransaction<OutboxDB, StoreName[], 'versionchange'>,
  now: () => number,
): Promise<void> {
  const reports = tx.objectStore(REPORTS);
  const quarantine = tx.objectStore(QUARANTINE);
  let cursor = await reports.openCursor();
  while (cursor) {
    const repaired = repairV1Report(cursor.value);
    const checked = OutboxRecordSchema.safeParse(repaired);
    if (checked.success) {
      await cursor.update(checked.data);
    } else {
      await quarantine.put(
        quarantineEntry(
          REPORTS,
          String(cursor.key),
          cursor.value,
          describeProblem(checked.error),
          now,
        ),
      );
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
}

/** Best-effort repair of a version-1 report record; validation decides if it worked. */
export function repairV1Report(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const r = value as Record<string, unknown>;
  const report = (r.report ?? {}) as Record<string, unknown>;
  const state = r.state === 'failed' ? 'needs-attention' : r.state;
  return {
    ...r,
    state,
    mediaIds: Array.isArray(r.mediaIds) ? r.mediaIds : [],
    attempts: typeof r.attempts === 'number' ? r.attempts : 0,
    nextAttemptAt: r.nextAttemptAt ?? null,
    notBefore: null,
    lastError: r.lastError ?? null,
    lastErrorKind: state === 'needs-attention' ? 'rejected' : r.lastError ? 'network' : null,
    lastStatus: null,
    reference: r.reference ?? null,
    serviceNotice: r.serviceNotice ?? null,
    sentAt: r.sentAt ?? null,
    // Version 1 kept no display name; the category code stands in until the report is edited.
    summary: r.summary ?? { serviceName: String(report.service_code ?? ''), riskBand: null },
  };
}

export function quarantineEntry(
  store: StoreName,
  key: string,
  value: unknown,
  problem: string,
  now: () => number,
): QuarantineRecord {
  return {
    key: `${store}:${key}`,
    store,
    originalKey: key,
    problem,
    quarantinedAt: new Date(now()).toISOString(),
    value,
  };
}

/**
 * Runs `fn` in one transaction and resolves once it has committed. Any error aborts the whole
 * transaction (nothing half-written) and is rethrown.
 */
export async function inTx<S extends StoreName[], M extends IDBTransactionMode, T>(
  db: Db,
  stores: S,
  mode: M,
  fn: (tx: Tx<S, M>) => Promise<T>,
): Promise<T> {
  return runTx(db.transaction(stores, mode), fn);
}

/** What runTx needs of a transaction (any idb transaction, of any database, has it). */
interface TxLike {
  readonly done: Promise<void>;
  readonly error: DOMException | null;
  abort(): void;
}

/**
 * `inTx` for a transaction already opened, on any database (the messages queue's too): resolves
 * once it has committed; any error aborts it and is rethrown.
 */
export async function runTx<X extends TxLike, T>(tx: X, fn: (tx: X) => Promise<T>): Promise<T> {
  const done = tx.done;
  done.catch(() => undefined); // observed below; avoids an unhandled rejection on abort
  try {
    const value = await fn(tx);
    await done;
    return value;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already committed or aborted by the browser
    }
    // The transaction's own error (e.g. QuotaExceededError at commit) says more than AbortError.
    throw isAbort(e) && tx.error ? tx.error : e;
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error || isDomLike(e) ? (e as { name: string }).name === 'AbortError' : false;
}

function isDomLike(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e;
}

/** Storage is full (names differ by browser and era). */
export function isQuotaError(e: unknown): boolean {
  if (!isDomLike(e)) return false;
  const name = (e as { name: unknown }).name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** A short description of a storage error for a Result. */
export function storageProblem(e: unknown): string {
  if (isQuotaError(e)) return 'storage-full';
  const name = isDomLike(e) ? String((e as { name: unknown }).name) : 'Error';
  const message =
    e instanceof Error || isDomLike(e)
      ? String((e as { message?: unknown }).message ?? '')
      : String(e);
  return `storage-error: ${name}${message ? `: ${message}` : ''}`;
}
