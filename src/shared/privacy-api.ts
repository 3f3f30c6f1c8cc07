/**
 * The contract of the staff privacy endpoints (docs/privacy.md): the access audit, legal holds
 * and people's rights (find, export, erase or anonymise, correct). Admin role only, except
 * reading a report's legal hold, which any case officer may do.
 */
import { z } from 'zod';
import { ReportSubmissionSchema } from './report';

const { email: Email, phone: Phone } = ReportSubmissionSchema.shape;

/** Whose records: exactly one of an email address, a phone number or a report reference. */
export const SubjectSchema = z
  .object({
    email: z.string().trim().pipe(Email.unwrap()).optional(),
    phone: z.string().trim().pipe(Phone.unwrap()).optional(),
    reference: z.string().trim().min(1).max(40).optional(),
  })
  .refine((s) => [s.email, s.phone, s.reference].filter(Boolean).length === 1, {
    message: 'give one of email, phone or reference',
    path: ['email'],
  });
export type Subject = z.infer<typeof SubjectSchema>;

export const Reason = z
  .string()
  .trim()
  .min(5, 'say why in at least 5 characters (it is kept in the audit)')
  .max(500, 'keep the reason to 500 characters');

export const EraseFormSchema = z.object({
  mode: z.enum(['erase', 'anonymise'], 'choose erase or anonymise'),
  reason: Reason,
});

export const CorrectFormSchema = z
  .object({
    reference: z.string().trim().min(1, 'give the report reference').max(40),
    field: z.enum(
      ['email', 'phone', 'first_name', 'last_name'],
      'choose email, phone, first_name or last_name',
    ),
    value: z.string().trim().max(254),
    reason: Reason,
  })
  .superRefine((f, ctx) => {
    const checked =
      f.value === '' ? null : f.field === 'email' ? Email : f.field === 'phone' ? Phone : null;
    const result = checked?.safeParse(f.value);
    if (result && !result.success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: result.error.issues[0]!.message });
    }
  });

/** A contact detail that can be corrected. */
export type ContactField = z.infer<typeof CorrectFormSchema>['field'];

export const HoldFormSchema = z.object({
  hold: z.enum(['yes', 'no'], 'choose yes or no'),
  reason: Reason,
});

export const AuditQuerySchema = z.object({
  report: z.string().trim().max(40).optional(),
  /** A staff member's email address (or another actor's id, as the audit names it). */
  actor: z.string().trim().max(254, 'give an email address of at most 254 characters').optional(),
  from: z.iso.date('use a date like 2026-11-30').optional(),
  to: z.iso.date('use a date like 2026-11-30').optional(),
  /** The `next` of the previous page. */
  before: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** One access audit entry as the staff console and the CSV show it. */
export const AuditLineSchema = z.object({
  at: z.string(),
  action: z.string(),
  actor_kind: z.string(),
  actor: z.string(),
  report: z.string().nullable(),
  detail: z.string(),
});
export type AuditLine = z.infer<typeof AuditLineSchema>;

/** One page of the audit, newest first; `next` is the `before` of the next (older) page. */
export const AuditPageSchema = z.object({
  entries: z.array(AuditLineSchema),
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** What was found for a subject: counts by kind, and the references. */
export const SubjectSummarySchema = z.object({
  reports: z.array(z.string()),
  updates: z.number(),
  surveys: z.number(),
  media: z.number(),
  case_reviews: z.number(),
  centre_filings: z.number(),
  audit_entries: z.number(),
  /** References on legal hold: kept when erasing or anonymising. */
  held: z.array(z.string()),
  /** True when more reports matched than one request handles; narrow the search. */
  truncated: z.boolean(),
});
export type SubjectSummary = z.infer<typeof SubjectSummarySchema>;

/** What an erasure or anonymisation did. */
export const EraseOutcomeSchema = z.object({
  mode: z.enum(['erase', 'anonymise']),
  reports: z.number(),
  caseReviews: z.number(),
  mediaFiles: z.number(),
  /** References on legal hold, left as they were. */
  held: z.array(z.string()),
});
export type EraseOutcome = z.infer<typeof EraseOutcomeSchema>;
