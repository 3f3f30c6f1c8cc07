/**
 * The council's privacy notice, retention schedule and accessibility statement, as configuration
 * (part of `CouncilConfigSchema`). A council cannot go live without them: UK GDPR Articles 13-14
 * ask for the controller, purposes, lawful bases, recipients, retention and rights at the point
 * of collection; the Public Sector Bodies Accessibility Regulations 2018 ask for a statement.
 *
 * Notes
 * - Lawful bases and retention are set per NSIR group, because the groups hold different data:
 *   Personal reports (hate incidents, harassment) hold special category data and victims'
 *   details; Environmental reports rarely hold more than a location and a photo.
 * - Retention counts months after a report is closed. The retention job (server/privacy/)
 *   anonymises contact details and free text, deletes media, and keeps the times and categories
 *   the published figures are made of.
 */
import { z } from 'zod';

const NSIR = ['Personal', 'Nuisance', 'Environmental'] as const;

const Code = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]*$/,
    'use lower-case letters, digits, "-" or "_", starting with a letter',
  );

const IsoDate = z.iso.date('use a date like 2026-11-30');
const Months = z.number().int().min(1, 'give at least 1 month').max(600, 'give at most 600 months');

/** What happens to a closed report of one group, in months after it was closed. */
export const GroupRetentionSchema = z.object({
  /** Contact details (name, email, phone) and free text (description, notes, answers) are removed. */
  anonymiseAfterMonths: Months,
  /** Photos and recordings are deleted. */
  deleteMediaAfterMonths: Months,
});
export type GroupRetention = z.infer<typeof GroupRetentionSchema>;

export const RetentionScheduleSchema = z.object({
  Personal: GroupRetentionSchema,
  Nuisance: GroupRetentionSchema,
  Environmental: GroupRetentionSchema,
  /** What a reporting centre recorded (its reference, what not to share), after closure. */
  centreFilingsMonths: Months,
  /** Audit entries (who read or changed what), after they were written. */
  auditMonths: Months,
});
export type RetentionSchedule = z.infer<typeof RetentionScheduleSchema>;

export const SharingPartnerSchema = z.object({
  id: Code,
  /** e.g. "Hertfordshire Constabulary". */
  name: z.string().min(1),
  /** When and why, e.g. "Hate incidents, only when you agree". */
  why: z.string().min(1),
});

export const PrivacyConfigSchema = z.object({
  controller: z.object({
    name: z.string().min(1),
    address: z.string().min(1),
    email: z.email('give an email address'),
    /** The Information Commissioner's register number, e.g. Z1234567. */
    icoRegistration: z.string().regex(/^[A-Z0-9]{6,10}$/, 'give the ICO registration number'),
  }),
  dpo: z.object({
    email: z.email('give an email address'),
    phone: z.string().min(1).optional(),
    address: z.string().min(1),
  }),
  /** Why the council uses the data, in plain words. */
  purpose: z.string().min(1),
  /** The lawful basis (Article 6) for each group, in plain words. */
  lawfulBases: z.object(
    Object.fromEntries(NSIR.map((g) => [g, z.string().min(1)])) as Record<
      (typeof NSIR)[number],
      z.ZodString
    >,
  ),
  /** The Article 9 condition for special category data (hate incidents). */
  specialCategory: z.string().min(1),
  sharing: z.array(SharingPartnerSchema).default([]),
  retention: RetentionScheduleSchema,
  complaintsUrl: z.url().default('https://ico.org.uk/make-a-complaint/'),
});
export type PrivacyConfig = z.infer<typeof PrivacyConfigSchema>;

export const AccessibilityConfigSchema = z.object({
  /** When the statement was prepared, and last reviewed. */
  statementDate: IsoDate,
  reviewedDate: IsoDate.optional(),
  /** How far the service meets WCAG 2.2 AA. */
  compliance: z.enum(['full', 'partial', 'none']),
  /** Known issues, in plain words (each a sentence). */
  knownIssues: z.array(z.string().min(1)).default([]),
  /** Where to report a problem or ask for another format. */
  contactEmail: z.email('give an email address'),
});
export type AccessibilityConfig = z.infer<typeof AccessibilityConfigSchema>;

/** The date `months` calendar months before `now` (the retention cut-off). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
