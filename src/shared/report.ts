/**
 * A report as the resident submits it: the one schema the app validates before queueing and the
 * server validates on arrival. `validateForCouncil` adds the checks that need the council's
 * configuration (category exists, answers fit its questions, location inside the boundary).
 */
import { z } from 'zod';
import type { Attribute, CouncilConfig, Service } from './council-config';
import { parseDiary } from './diary';
import { isInside } from './geo';
import { COMPUTED_CODES, computedAttributes } from './pspo';
import { effectiveAttributes } from './risk';

export const DESCRIPTION_MAX = 4000;
export const STRING_ANSWER_MAX = 200;
export const TEXT_ANSWER_MAX = 2000;

/** Control characters other than tab, newline and carriage return have no place in a report. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function safeText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), {
      message: 'contains characters that are not allowed (control characters or broken encoding)',
    });
}

export const AnswerValue = z.union([z.string(), z.array(z.string()).max(100)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);

export const ReportSubmissionSchema = z
  .object({
    service_code: z.string().min(1, 'is required').max(64),
    lat: Latitude.optional(),
    long: Longitude.optional(),
    address_string: safeText(500).optional(),
    address_id: safeText(100).optional(),
    description: safeText(DESCRIPTION_MAX).default(''),
    attributes: z.record(z.string().max(64), AnswerValue).default({}),
    email: z.email('must be an email address like name@example.com').max(254).optional(),
    first_name: safeText(100).optional(),
    last_name: safeText(100).optional(),
    phone: z
      .string()
      .max(30)
      .regex(/^[0-9 +()-]{6,30}$/, 'must be a phone number using digits, spaces, + ( ) or -')
      .optional(),
    device_id: safeText(100).optional(),
    /** Extension: when it happened (W3C datetime), if the resident said. */
    occurred_datetime: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.lat === undefined) !== (r.long === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [r.lat === undefined ? 'lat' : 'long'],
        message: 'lat and long must be given together',
      });
    }
    if (r.lat === undefined && !r.address_string && !r.address_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: 'a location is required: give lat and long, address_string or address_id',
      });
    }
  });
export type ReportSubmission = z.infer<typeof ReportSubmissionSchema>;
export type ReportSubmissionInput = z.input<typeof ReportSubmissionSchema>;

export interface FieldProblem {
  /** The field in Open311 wire terms, e.g. `attribute[size]` or `lat`. */
  field: string;
  message: string;
}

/** Whether a conditional question is asked, given the answers so far. */
export function isAsked(
  attr: Attribute,
  answers: Record<string, AnswerValue | undefined>,
): boolean {
  if (!attr.showIf) return true;
  const parent = answers[attr.showIf.code];
  const given = Array.isArray(parent) ? parent : parent === undefined ? [] : [parent];
  return given.some((v) => attr.showIf!.anyOf.includes(v));
}

function isBlank(v: AnswerValue | undefined): boolean {
  return v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
}

/** Checks one answer against its question; returns a message or null. */
export function checkAnswer(attr: Attribute, value: AnswerValue): string | null {
  const keys = new Set(attr.values?.map((v) => v.key) ?? []);
  switch (attr.datatype) {
    case 'singlevaluelist':
      if (Array.isArray(value)) return 'choose one answer only';
      return keys.has(value) ? null : `"${value}" is not one of the answers to choose from`;
    case 'multivaluelist': {
      const list = Array.isArray(value) ? value : [value];
      const bad = list.find((v) => !keys.has(v));
      if (bad !== undefined) return `"${bad}" is not one of the answers to choose from`;
      if (new Set(list).size !== list.length) return 'an answer is given twice';
      const alone = list.length > 1 ? list.find((v) => attr.exclusive?.includes(v)) : undefined;
      if (alone !== undefined) {
        const name = attr.values?.find((v) => v.key === alone)?.name ?? alone;
        return `"${name}" cannot be combined with another answer`;
      }
      return null;
    }
    case 'number': {
      if (Array.isArray(value)) return 'give one number';
      if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return 'must be a number, like 5';
      const n = Number(value);
      if (attr.min !== undefined && n < attr.min) return `must be ${attr.min} or more`;
      if (attr.max !== undefined && n > attr.max) return `must be ${attr.max} or less`;
      return null;
    }
    case 'datetime':
      if (Array.isArray(value)) return 'give one date and time';
      return z.iso.datetime({ offset: true, local: true }).safeParse(value).success ||
        z.iso.date().safeParse(value).success
        ? null
        : 'must be a date and time like 2026-11-21T18:30';
    case 'string':
    case 'text': {
      if (Array.isArray(value)) return 'give one answer';
      const max =
        attr.maxLength ?? (attr.datatype === 'string' ? STRING_ANSWER_MAX : TEXT_ANSWER_MAX);
      const r = safeText(max).safeParse(value);
      if (!r.success) return r.error.issues[0]?.message ?? 'is not valid';
      if (attr.format === 'diary') {
        const d = parseDiary(value, attr.maxEntries);
        return d.ok ? null : d.error;
      }
      return null;
    }
  }
}

/**
 * Answers to the questions that are asked, normalised (trimmed, blanks dropped). `attributes`
 * defaults to the category's own questions; `validateForCouncil` adds the risk questions.
 */
export function checkAnswers(
  service: Service,
  answers: Record<string, AnswerValue>,
  attributes: readonly Attribute[] = service.attributes,
): { problems: FieldProblem[]; answers: Record<string, AnswerValue> } {
  const problems: FieldProblem[] = [];
  const clean: Record<string, AnswerValue> = {};
  const known = new Map(attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(answers)) {
    if (COMPUTED_CODES.includes(code) && !known.has(code)) {
      problems.push({
        field: `attribute[${code}]`,
        message: `"${code}" is worked out by the council from the location; do not send it`,
      });
    } else if (!known.has(code)) {
      problems.push({
        field: `attribute[${code}]`,
        message: `"${service.service_name}" has no question "${code}"`,
      });
    }
  }
  for (const attr of [...attributes].sort((a, b) => a.order - b.order)) {
    if (!attr.variable) continue;
    const value = answers[attr.code];
    const field = `attribute[${attr.code}]`;
    if (!isAsked(attr, clean)) {
      if (!isBlank(value)) {
        problems.push({
          field,
          message: `"${attr.description}" is only asked when "${attr.showIf!.code}" is ${attr.showIf!.anyOf.join(' or ')}`,
        });
      }
      continue;
    }
    if (isBlank(value)) {
      if (attr.required) {
        problems.push({ field, message: `"${attr.description}" needs an answer` });
      }
      continue;
    }
    const message = checkAnswer(attr, value!);
    if (message) problems.push({ field, message: `"${attr.description}": ${message}` });
    // Multipart bodies turn line breaks into CRLF: text answers are stored with plain \n.
    else clean[attr.code] = Array.isArray(value) ? value : value!.trim().replace(/\r\n?/g, '\n');
  }
  return { problems, answers: clean };
}

export type CouncilCheck =
  | { ok: true; service: Service; report: ReportSubmission }
  | { ok: false; problems: FieldProblem[] };

const CONTACT_FIELDS = ['email', 'phone', 'first_name', 'last_name'] as const;

/**
 * The rule of a question with the `contact` extension, given its answer: whether contact details
 * must be absent ('none'), must be given ('required'), or are the resident's choice.
 */
export function contactRuleFor(
  attributes: readonly Attribute[],
  answers: Record<string, AnswerValue | undefined>,
): { attr: Attribute; rule: 'none' | 'required' } | null {
  const attr = attributes.find((a) => a.contact);
  const answer = attr ? answers[attr.code] : undefined;
  if (!attr?.contact || typeof answer !== 'string') return null;
  if (attr.contact.none.includes(answer)) return { attr, rule: 'none' };
  if (attr.contact.required.includes(answer)) return { attr, rule: 'required' };
  return null;
}

function checkContactRule(
  attributes: readonly Attribute[],
  answers: Record<string, AnswerValue>,
  report: ReportSubmission,
): FieldProblem[] {
  const found = contactRuleFor(attributes, answers);
  if (!found) return [];
  const { attr, rule } = found;
  const answer = answers[attr.code] as string;
  const name = attr.values?.find((v) => v.key === answer)?.name ?? answer;
  if (rule === 'none') {
    return CONTACT_FIELDS.filter((f) => report[f] !== undefined).map((f) => ({
      field: f,
      message: `"${attr.description}" is "${name}", so the report must not carry contact details`,
    }));
  }
  if (report.email === undefined && report.phone === undefined) {
    return [
      {
        field: 'email',
        message: `"${attr.description}" is "${name}": give an email address or a phone number`,
      },
    ];
  }
  return [];
}

/**
 * Everything the council's configuration says about a submission that the schema cannot. The
 * accepted report carries the answers normalised and, unless `computed: false` (the app, which
 * must not send them), the attributes the server works out itself (PSPO zone flag).
 */
export function validateForCouncil(
  report: ReportSubmission,
  council: CouncilConfig,
  opts: { computed?: boolean } = {},
): CouncilCheck {
  const service = council.services.find((s) => s.service_code === report.service_code);
  if (!service) {
    return {
      ok: false,
      problems: [
        { field: 'service_code', message: `there is no category "${report.service_code}"` },
      ],
    };
  }
  if (!service.active) {
    return {
      ok: false,
      problems: [
        {
          field: 'service_code',
          message: `"${service.service_name}" no longer takes new reports; choose another category`,
        },
      ],
    };
  }
  const attributes = effectiveAttributes(council, service);
  const { problems, answers } = checkAnswers(service, report.attributes, attributes);
  problems.push(...checkContactRule(attributes, answers, report));
  if (report.lat !== undefined && report.long !== undefined) {
    if (!isInside({ lat: report.lat, long: report.long }, council.boundary)) {
      problems.push({
        field: 'lat',
        message: `this location is outside ${council.name}'s area; report it to the council for that place`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  const point =
    report.lat !== undefined && report.long !== undefined
      ? { lat: report.lat, long: report.long }
      : null;
  const computed = opts.computed === false ? {} : computedAttributes(council, service, point);
  return { ok: true, service, report: { ...report, attributes: { ...answers, ...computed } } };
}

/** Flattens zod issues into wire-named field problems. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const [head, ...rest] = i.path.map(String);
    const field = head === 'attributes' && rest.length ? `attribute[${rest[0]}]` : (head ?? 'body');
    const message =
      i.code === 'unrecognized_keys'
        ? `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`
        : i.code === 'invalid_type' && i.input === undefined
          ? 'is required'
          : i.message;
    return { field, message };
  });
}
