/**
 * A report a centre makes on a victim's behalf, while it is being written: its steps, the
 * answers the centre's own fields already give, and the sealed payload it becomes.
 *
 * Notes
 * - It lives in memory only (React state), never in the resident outbox's draft store: on a
 *   shared tablet, a half-written report is dropped on sign-out, the idle timer or "Exit this
 *   page" rather than left readable. Once saved it is sealed (outbox/sealed-outbox.ts).
 * - The category's questions come from the council's configuration, as in the resident flow.
 *   Some of a hate incident's questions are answered by what the centre records (who is reporting,
 *   the victim's consent, consent to share with the police, how to make contact), so they are
 *   filled in and not asked twice. This applies only where the configuration has that question
 *   with that answer; otherwise the question is asked as usual.
 * - Photos (and recordings, where the category asks for them) are the resident flow's: the same
 *   step, shrunk and stripped of metadata in the photo worker, but held here in memory with the
 *   rest (not in the draft media database) until they are sealed with the report.
 * - The report is checked with the resident flow's checks (report/submit.ts: the shared schema
 *   and the council's rules) and the centre's fields with the shared centre schema, so what is
 *   sealed is what the server takes.
 */
import type { Attribute, CouncilConfig, Service } from '../../shared/council-config';
import {
  centreContactProblems,
  parseCentreFields,
  type CentreContact,
} from '../../shared/centre-report';
import type { FieldProblem } from '../../shared/report';
import { err, ok, type Result } from '../../shared/result';
import { asMediaInputs, type DraftMediaItem } from '../media/draft-media';
import { STEP_MEDIA, takesMedia } from '../media/media-step';
import type { MediaInput } from '../outbox/schema';
import type { SealedPayloadInput } from '../outbox/sealed-schema';
import { askedQuestions, isRiskQuestion, newDraft, type Draft } from '../report/draft';
import { prepareSubmission } from '../report/submit';

export interface OnBehalf {
  /** UUID: the report's Idempotency-Key once sealed. */
  id: string;
  consent: boolean;
  police: '' | 'yes' | 'no';
  support: '' | 'yes' | 'no';
  reference: string;
  contact: '' | CentreContact;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  notToShare: string;
  serviceCode: string | undefined;
  answers: Record<string, string | string[]>;
  address: string;
  description: string;
  /** Photos and recordings, already shrunk and stripped (memory only until sealed). */
  media: DraftMediaItem[];
}

export const STEP_CONSENT = 'consent';
export const STEP_CONTACT = 'contact';
export const STEP_CATEGORY = 'category';
export { STEP_MEDIA };
export const STEP_WHERE = 'where';
export const STEP_WHAT = 'what';
export const STEP_CHECK = 'check';
export const questionStep = (code: string) => `question/${code}`;

/** The categories a centre files: the council's sensitive ones (hate, harassment ...). */
export function centreServices(council: CouncilConfig): Service[] {
  return council.services.filter((s) => s.active && s.sensitive);
}

export function newOnBehalf(council: CouncilConfig): OnBehalf {
  const services = centreServices(council);
  return {
    id: crypto.randomUUID(),
    consent: false,
    police: '',
    support: '',
    reference: '',
    contact: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    notToShare: '',
    serviceCode: services.length === 1 ? services[0]!.service_code : undefined,
    answers: {},
    address: '',
    description: '',
    media: [],
  };
}

export const serviceOf = (council: CouncilConfig, f: OnBehalf) =>
  centreServices(council).find((s) => s.service_code === f.serviceCode);

/** Answers the centre's fields give, by question code (only where the configuration fits). */
export function prefilled(service: Service, f: OnBehalf): Record<string, string> {
  const wanted: Record<string, string | undefined> = {
    role: 'on_behalf',
    victim_consent: f.consent ? 'yes' : undefined,
    police_consent: f.police || undefined,
    anonymity: f.contact === 'direct' ? 'safe_contact' : f.contact ? 'anonymous' : undefined,
  };
  const out: Record<string, string> = {};
  for (const [code, value] of Object.entries(wanted)) {
    const attr = service.attributes.find((a) => a.code === code);
    if (value && attr?.values?.some((v) => v.key === value)) out[code] = value;
  }
  return out;
}

/** The questions the centre is asked (in order: the category's, then the risk questions). */
export function questionsFor(council: CouncilConfig, service: Service, f: OnBehalf): Attribute[] {
  const given = prefilled(service, f);
  const asked = askedQuestions(council, service, { ...f.answers, ...given }).filter(
    (q) => !(q.code in given),
  );
  return [...asked.filter((q) => !isRiskQuestion(q)), ...asked.filter(isRiskQuestion)];
}

/** The steps in order for what is entered so far. */
export function stepsFor(council: CouncilConfig, f: OnBehalf): string[] {
  const service = serviceOf(council, f);
  return [
    STEP_CONSENT,
    STEP_CONTACT,
    ...(centreServices(council).length > 1 ? [STEP_CATEGORY] : []),
    ...(service ? questionsFor(council, service, f).map((q) => questionStep(q.code)) : []),
    // As in the resident flow: after the category's questions, before where it happened.
    ...(takesMedia(service) ? [STEP_MEDIA] : []),
    STEP_WHERE,
    STEP_WHAT,
    STEP_CHECK,
  ];
}

/** The photos and recordings the category takes (a changed category drops the others). */
export function mediaOf(council: CouncilConfig, f: OnBehalf): DraftMediaItem[] {
  const service = serviceOf(council, f);
  if (!service) return [];
  return f.media.filter((m) =>
    m.kind === 'photo' ? service.media.photos : service.media.recordings,
  );
}

/** The media as the sealed outbox takes them, in the order they are sent. */
export function mediaInputs(council: CouncilConfig, f: OnBehalf): MediaInput[] {
  return asMediaInputs(mediaOf(council, f));
}

/** The report as the resident flow's draft, to check and convert it the same way. */
export function toDraft(council: CouncilConfig, f: OnBehalf): Draft {
  const service = serviceOf(council, f);
  const direct = f.contact === 'direct';
  return {
    ...newDraft(f.id),
    serviceCode: f.serviceCode,
    answers: { ...f.answers, ...(service ? prefilled(service, f) : {}) },
    address: f.address,
    description: f.description,
    contact: direct ? 'contact' : 'anonymous',
    firstName: direct ? f.firstName : '',
    lastName: direct ? f.lastName : '',
    email: direct ? f.email : '',
    phone: direct ? f.phone : '',
  };
}

/** The centre's fields as the wire sends them. */
export function centreWire(f: OnBehalf): Array<[string, string]> {
  return [
    ['centre_consent_to_report', f.consent ? 'yes' : ''],
    ['centre_police_consent', f.police],
    ['centre_contact', f.contact],
    ['centre_not_to_share', f.notToShare.trim()],
    ['centre_reference', f.reference],
    ['centre_victim_support', f.support],
  ].filter(([, v]) => v !== '' || false) as Array<[string, string]>;
}

/** The step where a problem is fixed. */
export function stepOfProblem(field: string): string {
  const attr = /^attribute\[(.+)\]$/.exec(field);
  if (attr) return questionStep(attr[1]!);
  if (['lat', 'long', 'address_string', 'address_id'].includes(field)) return STEP_WHERE;
  if (field === 'description') return STEP_WHAT;
  if (field === 'media') return STEP_MEDIA;
  if (field === 'service_code') return STEP_CATEGORY;
  if (['centre_consent_to_report', 'centre_police_consent', 'centre_reference'].includes(field))
    return STEP_CONSENT;
  if (field === 'centre_victim_support') return STEP_CONSENT;
  return STEP_CONTACT;
}

/** What is sealed, or every problem with the step that fixes it. */
export function toPayload(
  council: CouncilConfig,
  f: OnBehalf,
): Result<SealedPayloadInput, Array<FieldProblem & { step: string }>> {
  const service = serviceOf(council, f);
  const problems: Array<FieldProblem & { step: string }> = [];
  const prepared = prepareSubmission(council, toDraft(council, f));
  if (!prepared.ok) {
    problems.push(...prepared.error.map((p) => ({ ...p, step: stepOfProblem(p.field) })));
  }
  const centre = parseCentreFields(centreWire(f));
  if (!centre.ok) {
    problems.push(...centre.problems.map((p) => ({ ...p, step: stepOfProblem(p.field) })));
  }
  if (prepared.ok && f.contact) {
    problems.push(
      ...centreContactProblems(f.contact, prepared.value).map((p) => ({
        ...p,
        step: STEP_CONTACT,
      })),
    );
  }
  if (problems.length || !prepared.ok || !centre.ok || !service) {
    return err(
      problems.length
        ? problems
        : [{ field: 'service_code', message: 'choose', step: STEP_CATEGORY }],
    );
  }
  return ok({
    report: prepared.value,
    centre: centre.value as SealedPayloadInput['centre'],
    summary: { serviceName: service.service_name, centreReference: f.reference.trim() },
  });
}
