/**
 * What the sealed centre outbox keeps in IndexedDB (its own database, `neighbourhood-reporter-
 * centre`), as zod schemas. Only the bookkeeping is readable: which user's key opens a record,
 * its state and timings. The report, the victim's details, the centre's fields and any message
 * from the council are inside `payload` and `error`, encrypted (sealed.ts).
 */
import { z } from 'zod';
import { CentreFieldsSchema } from '../../shared/centre-report';
import { ReportSubmissionSchema } from '../../shared/report';
import { ErrorKindSchema } from './schema';

export const SEALED_DB_NAME = 'neighbourhood-reporter-centre';
export const SEALED_DB_VERSION = 1;
export const SEALED_STORE = 'sealed';

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

/** What is sealed: the report, the centre's fields and what the list shows. */
export const SealedPayloadSchema = z.object({
  report: ReportSubmissionSchema,
  centre: CentreFieldsSchema,
  summary: z.object({ serviceName: z.string().max(200), centreReference: z.string().max(200) }),
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
