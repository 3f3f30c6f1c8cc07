/** The outbox's public types (index.ts re-exports them). */
import type { ReportSubmissionInput } from '../../shared/report';
import type { Result } from '../../shared/result';
import type { BackoffPolicy } from './backoff';
import type { DrainResult } from './drain';
import type { MediaInput, OutboxRecord, ReportSummary } from './schema';
import type { Corrupt } from './store';

/** The part of the Web Locks API the outbox uses (navigator.locks satisfies it). */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/** What every queue that sends is opened with (the outbox, the sealed outbox, the messages queue). */
export interface SendingOptions {
  dbName?: string;
  fetch?: typeof fetch;
  /** Origin of the API; '' (default) = same origin as the page or service worker. */
  baseUrl?: string;
  now?: () => number;
  random?: () => number;
  /** Default navigator.locks where it exists; null = no cross-tab lock. */
  locks?: LockManagerLike | null;
  backoff?: BackoffPolicy;
}

export interface OpenOutboxOptions extends SendingOptions {
  lockName?: string;
  /** Give up waiting for one answer after this long and retry later (default 120 s). */
  requestTimeoutMs?: number;
  /** A record `sending` for longer than this with no lock held is taken over (default 60 s). */
  staleSendingMs?: number;
}

/** What changed: the reports (and quarantine) or the draft. */
export interface OutboxChange {
  kind: 'reports' | 'draft';
}

export interface ListResult {
  /** Newest first. */
  records: OutboxRecord[];
  corrupt: Corrupt[];
}

export interface UpdateOptions {
  summary?: ReportSummary;
  /** Replaces the report's photos and recordings. */
  media?: MediaInput[];
}

/** The outbox as the UI and the service worker use it. Errors in Results are codes, see README.md. */
export interface Outbox {
  /** Saves the report being written (any structured-cloneable value), replacing the last one. */
  saveDraft(draft: unknown): Promise<Result<void>>;
  loadDraft(): Promise<unknown | null>;
  clearDraft(): Promise<void>;
  /** Validates and queues a report with its media in one transaction; the same id twice returns the first. */
  enqueue(
    report: ReportSubmissionInput,
    media: MediaInput[],
    summary: ReportSummary,
    id?: string,
    opts?: { clearDraft?: boolean },
  ): Promise<Result<OutboxRecord, string>>;
  list(): Promise<ListResult>;
  get(id: string): Promise<OutboxRecord | null>;
  /** A report's photos and recordings (none once it is sent: they are freed then). */
  getMedia(id: string): Promise<MediaInput[]>;
  /** Edits a report that needs attention (or was never tried) and queues it again, same id. */
  update(
    id: string,
    report: ReportSubmissionInput,
    opts?: UpdateOptions,
  ): Promise<Result<OutboxRecord, string>>;
  /** Deletes a report and its media, whatever its state. */
  remove(id: string): Promise<void>;
  /** Deletes a quarantined entry (and a quarantined report's media). */
  discardCorrupt(key: string): Promise<void>;
  /** Sends every due report once; `force` = "Send now" (skips our backoff, not Retry-After). */
  drain(opts?: { signal?: AbortSignal; force?: boolean }): Promise<DrainResult>;
  /** Called after any change here, in another tab or in the service worker; returns unsubscribe. */
  subscribe(listener: (change: OutboxChange) => void): () => void;
  /** When the earliest queued report is due (ms epoch), or null when none is waiting. */
  nextWakeUp(): Promise<number | null>;
  close(): void;
}
