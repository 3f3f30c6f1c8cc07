/**
 * What the sealed centre outbox keeps in IndexedDB (its own database, `neighbourhood-reporter-
 * centre`), as zod schemas. Only the bookkeeping is readable: which user's key opens a record,
 * its state and timings. The report, the victim's details, the centre's fields and any message
 * from the council are inside `payload` and `error`, encrypted (sealed.ts).
 *
 * Notes
 * - Version 1: the `sealed` store. Version 2: adds `media` (by-report index) for the report's
 *   photos and recordings, each one record holding only sealed bytes; their type and name are
 *   listed inside the sealed payload (`media`, empty for a version-1 record), so nothing about
 *   them is readable, not even what kind of file it is. The upgrade keeps every record as it is.
 */
import { z } from 'zod';
import { CentreFieldsSchema } from '../../shared/centre-report';
import { MAX_PHOTOS, MAX_RECORDINGS } from '../../shared/media';
import { ReportSubmissionSchema } from '../../shared/report';
import { ErrorKindSchema } from './schema';

export const SEALED_DB_NAME = 'neighbourhood-reporter-centre';
export const SEALED_DB_VERSION = 2;
export const SEALED_STORE = 'sealed';
export const SEALED_MEDIA_STORE = 'media';
export const SEALED_MEDIA_BY_REPORT = 'by-report';

const Time = z.iso.datetime({ offset: true });
const Bytes = z.custom<ArrayBuffer>(
  (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]',
  'must be an ArrayBuffer',
);
export const SealedBytesSchema = z.object({ iv: Bytes, data: Bytes });

export const SealedStateSchema = z.enum(['queued', 'sending', 'needs-attention']);
export type SealedState = z.infer<typeof SealedStateSchema>;

export const SealedRecordSchema = z.object({
  /** UUID: the record's key here and the report's Idempotency-Key. */
  id: z.uuid(),
  /** The centre user whose key sealed it (their id; not a name). */
  owner: z.string().min(1).max(100),
  state: SealedStateSchema,
  createdAt: Time,
  updatedAt: Time,
  attempts: z.number().int().min(0),
  nextAttemptAt: Time.nullable(),
  notBefore: Time.nullable(),
  lastErrorKind: ErrorKindSchema.nullable(),
  lastStatus: z.number().int().nullable(),
  payload: SealedBytesSchema,
  /** The last error's message (it may quote the report), sealed too. */
  error: SealedBytesSchema.nullable(),
});
export type SealedRecord = z.infer<typeof SealedRecordSchema>;

/** A record's bookkeeping, without its sealed bytes. */
export type SealedEntry = Omit<SealedRecord, 'payload' | 'error'>;

/** One photo or recording of a report: sealed bytes only, in its own record. */
export const SealedMediaRecordSchema = z.object({
  /** `${reportId}:${index}` */
  id: z.string().min(1),
  reportId: z.uuid(),
  index: z.number().int().min(0),
  data: SealedBytesSchema,
});
export type SealedMediaRecord = z.infer<typeof SealedMediaRecordSchema>;

/** What the sealed payload says of each photo or recording (in the order they are sent). */
export const SealedMediaInfoSchema = z.object({
  type: z.string().max(200),
  name: z.string().max(500),
  bytes: z.number().int().min(0),
});

/** What is sealed: the report, the centre's fields, its media's types and what the list shows. */
export const SealedPayloadSchema = z.object({
  report: ReportSubmissionSchema,
  centre: CentreFieldsSchema,
  summary: z.object({ serviceName: z.string().max(200), centreReference: z.string().max(200) }),
  /** Filled in by the outbox from the files it seals; absent in version-1 records. */
  media: z
    .array(SealedMediaInfoSchema)
    .max(MAX_PHOTOS + MAX_RECORDINGS)
    .default([]),
});
export type SealedPayload = z.infer<typeof SealedPayloadSchema>;
export type SealedPayloadInput = z.input<typeof SealedPayloadSchema>;

/** A record opened with the user's key. */
export interface OpenedEntry {
  entry: SealedEntry;
  /** null: the key does not open it (sealed by another key). */
  payload: SealedPayload | null;
  error: string | null;
}

export const entryOf = ({ payload: _p, error: _e, ...entry }: SealedRecord): SealedEntry => entry;
