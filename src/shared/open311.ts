/**
 * Open311 GeoReport v2 wire format: turning form fields into a submission and the council's
 * configuration and stored reports into the documents the spec defines, plus our extensions.
 *
 * Notes
 * - POST bodies are flat key/value pairs (x-www-form-urlencoded or multipart). Answers arrive as
 *   `attribute[code]=v` or, for multi-value lists, repeated `attribute[code][]=v`.
 * - Spec fields we accept but do not use (api_key, jurisdiction_id, media_url, account_id) are
 *   listed so that a client following the spec is not refused; anything else is an error naming it.
 */
import { z } from 'zod';
import type { Attribute, CouncilConfig, NsirGroup, Service } from './council-config';
import type { FieldProblem, ReportSubmissionInput } from './report';
import { RequestUpdateSchema } from './request-updates';
import { ReportStatus } from './statuses';

export const OPEN311_BASE = '/open311/v2';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPORT_SECRET_HEADER = 'x-report-secret';
/** Multipart file parts carrying photos and recordings. */
export const MEDIA_FIELD = 'media';

const NUMBER_FIELDS = new Set(['lat', 'long']);
const TEXT_FIELDS = new Set([
  'service_code',
  'address_string',
  'address_id',
  'description',
  'email',
  'first_name',
  'last_name',
  'phone',
  'device_id',
  'occurred_datetime',
]);
const IGNORED_FIELDS = new Set(['api_key', 'jurisdiction_id', 'media_url', 'account_id']);
const ATTRIBUTE_FIELD = /^attribute\[([^\][]{1,64})\](\[\])?$/;

/**
 * A coordinate as any client prints it (JavaScript writes -0.2177600000000001, or -1e-7 near
 * Greenwich), rounded to 7 places (about 1 cm); null when it is not a finite decimal number.
 */
export function parseCoordinate(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed.length > 32 || !/^[-+]?\d{1,3}(\.\d+)?([eE][-+]?\d{1,3})?$/.test(trimmed))
    return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 1e7) / 1e7 || 0;
}

export type FieldsResult =
  { ok: true; value: ReportSubmissionInput } | { ok: false; problems: FieldProblem[] };

/**
 * Flat wire fields -> a submission object for `ReportSubmissionSchema`. Reports repeated scalar
 * fields, unknown fields and unparseable numbers as problems naming the field.
 */
export function submissionFromFields(fields: Iterable<readonly [string, string]>): FieldsResult {
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = {};
  // Keyed by question codes the client chose: no prototype, so "toString" is just a name.
  const attributes = Object.create(null) as Record<string, string | string[] | undefined>;
  const seen = new Set<string>();
  for (const [key, value] of fields) {
    const attr = ATTRIBUTE_FIELD.exec(key);
    if (attr) {
      const code = attr[1]!;
      // The one key an object cannot hold as data (parsers drop it silently): say so instead.
      if (code === '__proto__') {
        problems.push({ field: key, message: 'is not the code of a question' });
        continue;
      }
      const prev = attributes[code];
      if (attr[2]) {
        if (typeof prev === 'string') {
          problems.push({ field: key, message: 'give either one value or a list, not both' });
        } else attributes[code] = [...(prev ?? []), value];
      } else if (prev !== undefined) {
        problems.push({
          field: key,
          message: 'is given more than once; use attribute[code][] for a list',
        });
      } else attributes[code] = value;
      continue;
    }
    if (IGNORED_FIELDS.has(key)) continue;
    if (!NUMBER_FIELDS.has(key) && !TEXT_FIELDS.has(key)) {
      problems.push({ field: key.slice(0, 80), message: 'is not a field of a service request' });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ field: key, message: 'is given more than once' });
      continue;
    }
    seen.add(key);
    if (NUMBER_FIELDS.has(key)) {
      const n = parseCoordinate(value);
      if (n === null) problems.push({ field: key, message: 'must be a decimal number like 51.8' });
      else out[key] = n;
    } else if (value !== '') {
      out[key] = value;
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { ...out, attributes: { ...attributes } } as ReportSubmissionInput,
  };
}

/** A submission -> flat wire fields (what the app posts). */
export function fieldsFromSubmission(r: ReportSubmissionInput): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(r)) {
    if (k === 'attributes' || v === undefined || v === null) continue;
    fields.push([k, String(v)]);
  }
  for (const [code, v] of Object.entries(r.attributes ?? {})) {
    if (Array.isArray(v)) for (const item of v) fields.push([`attribute[${code}][]`, item]);
    else fields.push([`attribute[${code}]`, v]);
  }
  return fields;
}

export const Open311ErrorSchema = z.array(
  z.object({ code: z.number().int(), description: z.string().min(1) }),
);
export type Open311Error = z.infer<typeof Open311ErrorSchema>;

/** services.json entry. */
export interface ServiceListItem {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: NsirGroup;
}

export function serviceListItem(s: Service): ServiceListItem {
  return {
    service_code: s.service_code,
    service_name: s.service_name,
    description: s.description,
    metadata: s.attributes.length > 0,
    type: 'realtime',
    keywords: s.keywords.join(','),
    group: s.group,
  };
}

/**
 * services/{code}.json: Open311's attribute fields first, then our extensions. Pass
 * `effectiveAttributes(council, s)` (src/shared/risk.ts) to include the risk questions.
 */
export function serviceDefinition(s: Service, attributes: readonly Attribute[] = s.attributes) {
  return {
    service_code: s.service_code,
    attributes: [...attributes]
      .sort((a, b) => a.order - b.order)
      .map((a: Attribute) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatype_description,
        order: a.order,
        description: a.description,
        ...(a.values ? { values: a.values } : {}),
        ...(a.hint ? { hint: a.hint } : {}),
        ...(a.min !== undefined ? { min: a.min } : {}),
        ...(a.max !== undefined ? { max: a.max } : {}),
        ...(a.maxLength !== undefined ? { maxLength: a.maxLength } : {}),
        ...(a.showIf ? { showIf: a.showIf } : {}),
        ...(a.exclusive ? { exclusive: a.exclusive } : {}),
        ...(a.format ? { format: a.format } : {}),
        ...(a.maxEntries !== undefined ? { maxEntries: a.maxEntries } : {}),
        ...(a.contact ? { contact: a.contact } : {}),
      })),
    // Extensions
    group: s.group,
    target: s.target,
    media: s.media,
  };
}

/** The council's discovery document (spec: discovery.json). */
export function discoveryDocument(council: CouncilConfig, baseUrl: string) {
  return {
    changeset: '2026-11-21T00:00:00Z',
    contact: `${council.name}, ${council.contacts.councilPhone}`,
    key_service: 'API keys are issued by the council for integrations and reporting centres.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl}${OPEN311_BASE}`,
        changeset: '2026-11-21T00:00:00Z',
        type: 'production',
        formats: ['application/json'],
      },
    ],
  };
}

/** One request as GET requests/{id}.json returns it; fields absent from a restricted view are omitted. */
export const ServiceRequestViewSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  extended_status: ReportStatus,
  status_notes: z.string().nullable().optional(),
  service_name: z.string(),
  service_code: z.string(),
  group: z.string(),
  description: z.string().optional(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable().optional(),
  address_id: z.string().nullable().optional(),
  zipcode: z.string().nullable().optional(),
  lat: z.number().nullable().optional(),
  long: z.number().nullable().optional(),
  media_url: z.string().nullable().optional(),
  media_urls: z.array(z.string()).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** Extension: when it happened, if the resident said (public and full views). */
  occurred_datetime: z.string().nullable().optional(),
  /** Contact details: only in the reporter's full view. */
  email: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  /** Extension: the priority band from the risk assessment (reporter and staff only). */
  risk_band: z.enum(['low', 'medium', 'high']).nullable().optional(),
  /** Which view this is: status only, public fields, or the reporter's / staff's full view. */
  visibility: z.enum(['status_only', 'public', 'full']),
  /** Extension: the report's updates, oldest first (reporter and staff only). */
  updates: z.array(RequestUpdateSchema).optional(),
  /** Extension: whether the reporter has answered the satisfaction survey (reporter and staff). */
  survey_answered: z.boolean().optional(),
});
export type ServiceRequestView = z.infer<typeof ServiceRequestViewSchema>;

/** POST requests.json answer. */
export const CreatedRequestSchema = z
  .array(
    z.object({
      service_request_id: z.string(),
      service_notice: z.string(),
      account_id: z.string().nullable(),
      expected_datetime: z.string().nullable().optional(),
    }),
  )
  .length(1);
export type CreatedRequest = z.infer<typeof CreatedRequestSchema>;
