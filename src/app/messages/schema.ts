/**
 * The messages queue's records: a satisfaction survey answer or an ASB Case Review application,
 * kept on the phone until the council has it, checked with zod on every write and every read.
 *
 * Notes
 * - The record's id is the message's own idempotency: `survey:<report secret>` (the server takes
 *   one answer per report and replays the first for the same answer) and
 *   `case-review:<application_id>` (the server replays an application with the same id).
 * - `refused` is final until the resident sends it again: the council read it and said no (the
 *   report is not closed, the reports do not qualify); `lastError` keeps the council's words.
 */
import { z } from 'zod';
import { SURVEY_COMMENT_MAX } from '../../shared/request-updates';

export const MESSAGES_DB_NAME = 'neighbourhood-reporter-messages';
export const MESSAGES_DB_VERSION = 1;
export const MESSAGES_STORE = 'messages';

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date and time');

export const SurveyPayloadSchema = z.object({
  kind: z.literal('survey'),
  /** The report's secret (its outbox record id), sent as X-Report-Secret. */
  reportSecret: z.string().min(1).max(200),
  reference: z.string().min(1).max(40),
  satisfaction: z.enum(['1', '2', '3', '4', '5']),
  comment: z.string().max(SURVEY_COMMENT_MAX),
});

export const CaseReviewPayloadSchema = z.object({
  kind: z.literal('case-review'),
  applicationId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  email: z.string().max(320),
  phone: z.string().max(30),
  address: z.string().max(500),
  details: z.string().max(4000),
  consent: z.literal(true),
  /** [reference, secret] of each qualifying report. */
  reports: z
    .array(z.tuple([z.string().min(1).max(40), z.string().min(1).max(200)]))
    .min(1)
    .max(50),
});

export const MessagePayloadSchema = z.discriminatedUnion('kind', [
  SurveyPayloadSchema,
  CaseReviewPayloadSchema,
]);
export type SurveyPayload = z.infer<typeof SurveyPayloadSchema>;
export type CaseReviewPayload = z.infer<typeof CaseReviewPayloadSchema>;
export type MessagePayload = z.infer<typeof MessagePayloadSchema>;

/** What the council said when it took the message. */
export const MessageAnswerSchema = z.discriminatedUnion('kind', [
  /** `already`: the council already had an answer for this report (counted once). */
  z.object({ kind: z.literal('survey'), outcome: z.enum(['thanks', 'already']) }),
  z.object({
    kind: z.literal('case-review'),
    reference: z.string().min(1),
    receivedAt: Iso,
    reports: z.array(z.string()),
  }),
]);
export type MessageAnswer = z.infer<typeof MessageAnswerSchema>;

export const MessageState = z.enum(['queued', 'sending', 'sent', 'refused']);
export type MessageState = z.infer<typeof MessageState>;

export const MessageRecordSchema = z.object({
  id: z.string().min(1).max(250),
  payload: MessagePayloadSchema,
  state: MessageState,
  createdAt: Iso,
  updatedAt: Iso,
  attempts: z.number().int().min(0),
  nextAttemptAt: Iso.nullable(),
  /** The server's Retry-After: even a forced send waits for it. */
  notBefore: Iso.nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: z.enum(['network', 'server', 'refused']).nullable(),
  lastStatus: z.number().int().nullable(),
  sentAt: Iso.nullable(),
  answer: MessageAnswerSchema.nullable(),
});
export type MessageRecord = z.infer<typeof MessageRecordSchema>;

/** The id a message is kept (and deduplicated) under. */
export function messageId(payload: MessagePayload): string {
  return payload.kind === 'survey'
    ? `survey:${payload.reportSecret}`
    : `case-review:${payload.applicationId.toLowerCase()}`;
}

/** `field: problem; field: problem` from a zod error. */
export function describeProblem(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'value'}: ${i.message}`)
    .join('; ');
}
