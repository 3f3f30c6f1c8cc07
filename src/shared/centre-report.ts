/**
 * What a third-party reporting centre records when it files a report on a victim's behalf: the
 * wire extension `centre_*` on POST requests.json, checked by the app before it seals a report
 * and by the server on arrival (the same schema both sides).
 *
 * Notes
 * - A request carrying any `centre_*` field is a centre report: it is taken only from a signed-in
 *   centre user (session cookie, same origin), and every field below is then checked. Other
 *   callers sending `centre_*` fields are refused, never silently filed as a resident's report.
 * - Consent to the report being made is required and must be "yes": a centre report without it
 *   is refused with a 400 naming `centre_consent_to_report`.
 * - `centre_contact` says how the victim may be contacted: not at all, through the centre, or
 *   directly by a safe method at safe times. Directly needs an email or phone on the report;
 *   the other two must not carry the victim's email or phone (the council contacts the centre).
 */
import { z } from 'zod';
import type { FieldProblem, ReportSubmission } from './report';
import { safeText } from './report';

export const CENTRE_FIELD_PREFIX = 'centre_';
export const CENTRE_REFERENCE_MAX = 60;
export const NOT_TO_SHARE_MAX = 1000;

export const CENTRE_CONTACTS = ['none', 'centre', 'direct'] as const;
export const CentreContact = z.enum(CENTRE_CONTACTS);
export type CentreContact = z.infer<typeof CentreContact>;

const YesNo = z.enum(['yes', 'no'], { error: 'give "yes" or "no"' });

export const CentreFieldsSchema = z
  .object({
    centre_consent_to_report: z.literal('yes', {
      error:
        'the victim must agree to this report being made: record their consent as "yes", or do not send the report',
    }),
    centre_police_consent: YesNo,
    centre_contact: z.enum(CENTRE_CONTACTS, {
      error: 'give "none" (do not contact), "centre" (through the centre) or "direct"',
    }),
    centre_not_to_share: safeText(NOT_TO_SHARE_MAX).default(''),
    centre_reference: safeText(CENTRE_REFERENCE_MAX)
      .refine((s) => s.trim() !== '', "give the centre's own case reference")
      .transform((s) => s.trim()),
    centre_victim_support: YesNo,
  })
  .strict();
export type CentreFields = z.infer<typeof CentreFieldsSchema>;
export type CentreFieldsInput = z.input<typeof CentreFieldsSchema>;

/**
 * The fields a centre may change after filing (everything but the consent to report). Written out
 * rather than `.partial()`, which would fill in the default of a field that was not sent.
 */
export const CentreAmendSchema = z
  .object({
    centre_police_consent: CentreFieldsSchema.shape.centre_police_consent.optional(),
    centre_contact: CentreFieldsSchema.shape.centre_contact.optional(),
    centre_not_to_share: safeText(NOT_TO_SHARE_MAX).optional(),
    centre_reference: CentreFieldsSchema.shape.centre_reference.optional(),
    centre_victim_support: CentreFieldsSchema.shape.centre_victim_support.optional(),
  })
  .strict();
export type CentreAmend = z.infer<typeof CentreAmendSchema>;

export const isCentreField = (name: string) => name.startsWith(CENTRE_FIELD_PREFIX);

/** Splits wire fields into the centre's fields and the rest (the ordinary report). */
export function splitCentreFields(fields: ReadonlyArray<readonly [string, string]>): {
  centre: Array<[string, string]>;
  rest: Array<[string, string]>;
} {
  const centre: Array<[string, string]> = [];
  const rest: Array<[string, string]> = [];
  for (const [k, v] of fields) (isCentreField(k) ? centre : rest).push([k, v]);
  return { centre, rest };
}

/** Wire fields -> checked centre fields, or every problem naming its field. */
export function parseCentreFields(
  fields: ReadonlyArray<readonly [string, string]>,
  schema: z.ZodType = CentreFieldsSchema,
): { ok: true; value: Record<string, string> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: Record<string, string> = {};
  for (const [k, v] of fields) {
    if (k in out) problems.push({ field: k.slice(0, 80), message: 'is given more than once' });
    else out[k] = v;
  }
  const parsed = schema.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push({ field: key.slice(0, 80), message: 'is not a field of a centre report' });
        }
      } else {
        const field = String(issue.path[0] ?? 'centre');
        const missing = out[field] === undefined;
        problems.push({
          field,
          message:
            missing && field === 'centre_consent_to_report'
              ? 'is required: the victim must agree to this report being made, recorded as "yes"'
              : missing
                ? 'is required'
                : issue.message,
        });
      }
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: parsed.data as Record<string, string> };
}

/** What the contact choice asks of the report's contact fields. */
export function centreContactProblems(
  contact: CentreContact,
  report: Pick<ReportSubmission, 'email' | 'phone'>,
): FieldProblem[] {
  const has = report.email !== undefined || report.phone !== undefined;
  if (contact === 'direct' && !has) {
    return [
      {
        field: 'centre_contact',
        message: 'is "direct", so give the victim\'s email address or phone number',
      },
    ];
  }
  if (contact !== 'direct' && has) {
    return [
      {
        field: 'centre_contact',
        message: `is "${contact}", so the report must not carry the victim's email address or phone number`,
      },
    ];
  }
  return [];
}

/** The centre's part of a report as staff and the filing centre read it (API extension). */
export interface CentreView {
  centre_code: string;
  centre_name: string;
  filed_by: string;
  filed_at: string;
  consent_to_report: 'yes';
  police_consent: 'yes' | 'no';
  contact: CentreContact;
  not_to_share: string;
  centre_reference: string;
  victim_support: 'yes' | 'no';
}
