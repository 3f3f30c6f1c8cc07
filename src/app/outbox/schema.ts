/**
 * What the outbox keeps in IndexedDB, as zod schemas: every record read back is checked against
 * these before use (storage can hold anything an older release, a bug or the browser left there).
 */
import { z } from 'zod';
import { ReportSubmissionSchema } from '../../shared/report';

export const DEFAULT_DB_NAME = 'neighbourhood-reporter';
/** The schema version this release writes; `db.ts` holds the ladder from every older one. */
export const DB_VERSION = 2;

export const REPORTS = 'reports';
export const MEDIA = 'media';
export const DRAFT = 'draft';
export const QUARANTINE = 'quarantine';
export const MEDIA_BY_REPORT = 'by-report';
/** The one key of the draft store: the report the resident is writing now. */
export const DRAFT_KEY = 'current';

export const OutboxStateSchema = z.enum(['draft', 'queued', 'sending', 'sent', 'needs-attention']);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

/**
 * Why the last attempt did not end in "sent": `rejected` = the council's server refused the report
 * (its message is in lastError, the resident must fix it); `network` = no answer (offline, dropped
 * connection, timeout); `server` = the server answered but could not take it now (5xx, 408, 409,
 * 429, an unreadable answer); `local` = something on the phone (a photo could not be read back).
 */
export const ErrorKindSchema = z.enum(['rejected', 'network', 'server', 'local']);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

const Time = z.iso.datetime({ offset: true });

export const SummarySchema = z.object({
  serviceName: z.string(),
  riskBand: z.string().nullable().optional(),
});
export type ReportSummary = z.infer<typeof SummarySchema>;

export const OutboxRecordSchema = z.object({
  /** UUID: the report's key here, its Idempotency-Key and the reporter's secret. */
  id: z.uuid(),
  state: OutboxStateSchema,
  report: ReportSubmissionSchema,
  mediaIds: z.array(z.string()),
  createdAt: Time,
  updatedAt: Time,
  /** Attempts that ended without an answer we could act on (drives the backoff). */
  attempts: z.number().int().min(0),
  nextAttemptAt: Time.nullable(),
  /** The server's Retry-After as a time: "Send now" does not send before it. */
  notBefore: Time.nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: ErrorKindSchema.nullable(),
  /** HTTP status of the last answer (null: none yet, or no answer). */
  lastStatus: z.number().int().nullable(),
  reference: z.string().nullable(),
  serviceNotice: z.string().nullable(),
  sentAt: Time.nullable(),
  summary: SummarySchema,
});
export type OutboxRecord = z.infer<typeof OutboxRecordSchema>;

/** A photo or recording as the UI hands it over and gets it back. */
export interface MediaInput {
  bytes: ArrayBuffer;
  type: string;
  name: string;
}

/** ArrayBuffer check that also holds across realms (worker, iframe, test environments). */
const Bytes = z.custom<ArrayBuffer>(
  (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]',
  'must be an ArrayBuffer',
);

export const MediaRecordSchema = z.object({
  id: z.string().min(1),
  reportId: z.string().min(1),
  bytes: Bytes,
  type: z.string(),
  name: z.string(),
});
export type MediaRecord = z.infer<typeof MediaRecordSchema>;

export const DraftRecordSchema = z.object({ savedAt: Time, value: z.unknown() });
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

/** A stored value that failed validation, kept aside with what was wrong (never dropped). */
export const QuarantineRecordSchema = z.object({
  /** `${store}:${original key}` */
  key: z.string(),
  store: z.string(),
  originalKey: z.string(),
  problem: z.string(),
  quarantinedAt: Time,
  value: z.unknown(),
});
export type QuarantineRecord = z.infer<typeof QuarantineRecordSchema>;

/** One line per zod issue: `path: message`. */
export function describeProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`)
    .join('; ');
}
