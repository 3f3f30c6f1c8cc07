/**
 * The report being written: what the resident has entered so far, the order of the pages that
 * follow from it, and the submission it becomes.
 *
 * Notes
 * - The draft is saved to the outbox's draft store as the resident goes and read back on reload,
 *   so it is validated with `DraftSchema` when read (an older or damaged draft becomes a new one).
 * - `seen` lists the steps the resident has completed. After a "Change" link from check answers,
 *   Continue goes to the first step not yet seen (e.g. a question newly asked because of the
 *   changed answer) or back to check answers.
 * - Answers to questions that are no longer asked (showIf) are kept in the draft, so changing an
 *   answer back restores them, but never submitted.
 * - The order of the pages is the `FLOW` list below: each part gives the steps it adds for this
 *   draft (none, one, or one per question). A new step is one more part there plus its page in
 *   `ReportFlow.tsx`'s `PAGES`.
 * - A noise diary answer (a `text` question with `format: "diary"`) is kept as rows while it is
 *   being written (see diary-rows.ts) and becomes the diary's text in `toSubmission`.
 */
import { z } from 'zod';
import type { Attribute, CouncilConfig, Service } from '../../shared/council-config';
import { effectiveAttributes, RISK_PREFIX } from '../../shared/risk';
import { STEP_MEDIA, takesMedia } from '../media/media-step';
import {
  contactRuleFor,
  isAsked,
  type AnswerValue,
  type ReportSubmissionInput,
} from '../../shared/report';
import { diaryRowsFromText, diaryTextFromRows } from './diary-rows';

export const DraftSchema = z.object({
  id: z.uuid(),
  serviceCode: z.string().optional(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
  address: z.string().default(''),
  lat: z.string().default(''),
  long: z.string().default(''),
  description: z.string().default(''),
  contact: z.enum(['anonymous', 'contact']).optional(),
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  email: z.string().default(''),
  phone: z.string().default(''),
  seen: z.array(z.string()).default([]),
  /** Set when the resident is fixing a report the council refused (needs attention). */
  editing: z.uuid().optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export function newDraft(id: string = crypto.randomUUID()): Draft {
  return DraftSchema.parse({ id });
}

/** Reads a stored draft back; anything unreadable gives null (the caller starts afresh). */
export function restoreDraft(stored: unknown): Draft | null {
  const r = DraftSchema.safeParse(stored);
  return r.success ? r.data : null;
}

export function findService(council: CouncilConfig, code: string | undefined): Service | undefined {
  return council.services.find((s) => s.service_code === code && s.active);
}

/**
 * The category's questions in order, asked or not: its own, then the council's risk questions
 * for the groups that are risk-assessed (shared `effectiveAttributes`, as the server checks).
 */
export function questionsOf(council: CouncilConfig, service: Service): Attribute[] {
  return effectiveAttributes(council, service)
    .filter((a) => a.variable)
    .sort((a, b) => a.order - b.order);
}

/** The questions asked given the answers so far (a showIf parent must itself be asked). */
export function askedQuestions(
  council: CouncilConfig,
  service: Service,
  answers: Draft['answers'],
) {
  const effective: Record<string, AnswerValue> = {};
  const asked = [];
  for (const q of questionsOf(council, service)) {
    if (!isAsked(q, effective)) continue;
    asked.push(q);
    const v = answers[q.code];
    if (v !== undefined) effective[q.code] = v;
  }
  return asked;
}

/**
 * The description is optional when the category already asks a long-text question (e.g.
 * harassment's "What happened?"), so nobody is asked the same thing twice.
 */
export function descriptionOptional(council: CouncilConfig, draft: Draft): boolean {
  const service = findService(council, draft.serviceCode);
  return (
    !!service &&
    askedQuestions(council, service, draft.answers).some(
      (q) => q.datatype === 'text' && q.format === undefined,
    )
  );
}

export const STEP_CATEGORY = 'category';
/** Emergency numbers (and, for sensitive flows, how to leave quickly): before Personal reports. */
export const STEP_EMERGENCY = 'emergency';
/** Why the risk questions are asked, before the first of them. */
export const STEP_RISK_INTRO = 'your-safety';
export const STEP_WHERE = 'where';
export const STEP_WHAT = 'what';
export const STEP_DETAILS = 'details';
export const STEP_CHECK = 'check';
export const questionStep = (code: string) => `question/${code}`;

export const isRiskQuestion = (q: Pick<Attribute, 'code'>) => q.code.startsWith(RISK_PREFIX);

/** Whether contact details must be absent ('none') or given ('required') given the answers. */
export function contactRequirement(
  council: CouncilConfig,
  draft: Draft,
): 'none' | 'required' | null {
  const service = findService(council, draft.serviceCode);
  if (!service) return null;
  const asked = askedQuestions(council, service, draft.answers);
  return contactRuleFor(asked, draft.answers)?.rule ?? null;
}

/** Whether the draft's category is a sensitive flow ("Exit this page", discard on exit). */
export function isSensitive(council: CouncilConfig, draft: Pick<Draft, 'serviceCode'>): boolean {
  return !!findService(council, draft.serviceCode)?.sensitive;
}

interface FlowInput {
  council: CouncilConfig;
  draft: Draft;
  service: Service | undefined;
  /** The questions asked given the answers so far, in order. */
  asked: Attribute[];
}

/** The report flow in order: each part gives its steps for this draft. */
const FLOW: ReadonlyArray<(f: FlowInput) => string[]> = [
  () => [STEP_CATEGORY],
  ({ service }) => (service?.group === 'Personal' ? [STEP_EMERGENCY] : []),
  ({ asked }) => asked.filter((q) => !isRiskQuestion(q)).map((q) => questionStep(q.code)),
  ({ asked }) => (asked.some(isRiskQuestion) ? [STEP_RISK_INTRO] : []),
  ({ asked }) => asked.filter(isRiskQuestion).map((q) => questionStep(q.code)),
  ({ service }) => (takesMedia(service) ? [STEP_MEDIA] : []),
  () => [STEP_WHERE],
  () => [STEP_WHAT],
  ({ council, draft }) => (contactRequirement(council, draft) === 'none' ? [] : [STEP_DETAILS]),
  () => [STEP_CHECK],
];

/** Steps in order for this draft, each the path under /report/. */
export function stepsFor(council: CouncilConfig, draft: Draft): string[] {
  const service = findService(council, draft.serviceCode);
  const asked = service ? askedQuestions(council, service, draft.answers) : [];
  return FLOW.flatMap((part) => part({ council, draft, service, asked }));
}

export const stepPath = (step: string) => `/report/${step}`;

/**
 * Where Continue goes from `current`: the next step in order, or, when the resident came from
 * check answers, the first step not yet completed (else check answers).
 */
export function nextStep(
  council: CouncilConfig,
  draft: Draft,
  current: string,
  returnToCheck: boolean,
): string {
  const steps = stepsFor(council, draft);
  if (returnToCheck) {
    return steps.find((s) => s !== STEP_CHECK && !draft.seen.includes(s)) ?? STEP_CHECK;
  }
  const i = steps.indexOf(current);
  return steps[i + 1] ?? STEP_CHECK;
}

/** The step before `current` (for the back link), or null on the first step. */
export function previousStep(council: CouncilConfig, draft: Draft, current: string): string | null {
  const steps = stepsFor(council, draft);
  const i = steps.indexOf(current);
  return i > 0 ? steps[i - 1]! : null;
}

/** Marks a step completed. */
export function markSeen(draft: Draft, step: string): Draft {
  return draft.seen.includes(step) ? draft : { ...draft, seen: [...draft.seen, step] };
}

/** The draft with another category: its answers and question steps start afresh. */
export function withCategory(draft: Draft, code: string): Draft {
  if (draft.serviceCode === code) return draft;
  return {
    ...draft,
    serviceCode: code,
    answers: {},
    seen: draft.seen.filter((s) => !s.startsWith('question/')),
  };
}

const isBlank = (v: AnswerValue | undefined) =>
  v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');

/** The draft as a submission (not yet validated: see submit.ts). */
export function toSubmission(council: CouncilConfig, draft: Draft): ReportSubmissionInput {
  const service = findService(council, draft.serviceCode);
  const attributes: Record<string, AnswerValue> = {};
  if (service) {
    for (const q of askedQuestions(council, service, draft.answers)) {
      const v = draft.answers[q.code];
      if (isBlank(v)) continue;
      if (q.format === 'diary') attributes[q.code] = diaryTextFromRows(v!);
      else attributes[q.code] = Array.isArray(v) ? v : v!.trim();
    }
  }
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const rule = contactRequirement(council, draft);
  const giveContact = rule === 'required' || (rule === null && draft.contact === 'contact');
  const lat = text(draft.lat);
  const long = text(draft.long);
  const submission: ReportSubmissionInput = {
    service_code: draft.serviceCode ?? '',
    attributes,
    address_string: text(draft.address),
    ...(lat !== undefined && long !== undefined ? { lat: Number(lat), long: Number(long) } : {}),
    description: draft.description.trim(),
    ...(giveContact
      ? {
          first_name: text(draft.firstName),
          last_name: text(draft.lastName),
          email: text(draft.email),
          phone: text(draft.phone),
        }
      : {}),
  };
  // Leave out what was not given, so the stored record and the wire form carry no empty keys.
  return Object.fromEntries(
    Object.entries(submission).filter(([, v]) => v !== undefined),
  ) as ReportSubmissionInput;
}

/** A report already on the phone as a draft, to fix and send again (needs attention). */
export function draftFromSubmission(
  council: CouncilConfig,
  id: string,
  report: ReportSubmissionInput,
): Draft {
  const service = findService(council, report.service_code);
  const answers = { ...(report.attributes ?? {}) };
  for (const q of service?.attributes ?? []) {
    const v = answers[q.code];
    if (q.format === 'diary' && typeof v === 'string') answers[q.code] = diaryRowsFromText(v);
  }
  const draft: Draft = {
    ...newDraft(),
    serviceCode: report.service_code,
    answers,
    address: report.address_string ?? '',
    lat: report.lat === undefined ? '' : String(report.lat),
    long: report.long === undefined ? '' : String(report.long),
    description: report.description ?? '',
    contact: report.email || report.phone || report.first_name ? 'contact' : 'anonymous',
    firstName: report.first_name ?? '',
    lastName: report.last_name ?? '',
    email: report.email ?? '',
    phone: report.phone ?? '',
    editing: id,
  };
  return { ...draft, seen: stepsFor(council, draft) };
}
