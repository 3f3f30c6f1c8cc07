/**
 * An ASB Case Review application: who is asking (not anonymous), their consent, and the reports
 * it rests on, each proved with the secret the phone holds. The server checks the threshold
 * itself with the shared `caseReviewEligibility`, as the app did, so what is stored always names
 * qualifying reports.
 *
 * Notes
 * - Reports arrive as `report[<reference>]=<secret>` fields. An unknown reference and a wrong
 *   secret get the same 404, naming the reference.
 * - A report that does not count (not ASB, outside the window, reported late) is named with the
 *   reason (422) rather than dropped, so the resident knows what was sent.
 * - `application_id` (a UUID the phone makes) makes a resend harmless (see the repository).
 */
import { z } from 'zod';
import {
  caseReviewEligibility,
  notQualifyingReason,
  type CaseReviewReport,
} from '../../shared/case-review';
import type { CouncilConfig, NsirGroup } from '../../shared/council-config';
import { NsirGroup as NsirGroupSchema } from '../../shared/council-config';
import { londonDate } from '../../shared/working-days';
import { HttpError, badRequest, notFound } from '../http/errors';
import { sha256 } from '../reports/idempotency';
import { newReference } from '../reports/reference';
import type { Store } from '../store/store';
import { reportOfReporter } from '../updates/reporter';
import type { StoredCaseReview } from './case-reviews-repository';

export const REPORT_FIELD = /^report\[([^\][]{1,40})\]$/;
const Email = z.email();
const Uuid = z.uuid();

export interface ApplicationInput {
  applicationId: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  details: string;
  consent: string;
  reports: Array<[reference: string, secret: string]>;
}

const REASONS = {
  'not-asb': 'is not about anti-social behaviour (environmental problems do not count)',
  'outside-window': 'was made outside the window',
  'reported-late': 'was made more than a month after the incident',
} as const;

export interface AppliedCaseReview {
  review: StoredCaseReview;
  replayed: boolean;
}

function check(input: ApplicationInput): string[] {
  const problems: string[] = [];
  if (!Uuid.safeParse(input.applicationId).success) {
    problems.push('application_id: give a UUID made for this application');
  }
  if (!input.name || input.name.length > 200) problems.push('name: enter your full name');
  if (input.email && (!Email.safeParse(input.email).success || input.email.length > 320)) {
    problems.push('email: enter an email address like name@example.com');
  }
  if (input.phone && !/^[0-9+() -]{6,30}$/.test(input.phone)) {
    problems.push('phone: enter a phone number, like 01632 960 001');
  }
  if (!input.email && !input.phone) {
    problems.push('email: give an email address or a phone number so the council can contact you');
  }
  if (input.address.length > 500) problems.push('address: at most 500 characters');
  if (input.details.length > 4000) problems.push('details: at most 4,000 characters');
  if (input.consent !== 'yes') {
    problems.push(
      'consent: say that the council may use these details and reports for the case review',
    );
  }
  if (input.reports.length === 0)
    problems.push('report: list the reports the application rests on');
  if (input.reports.length > 50) problems.push('report: at most 50 reports');
  return problems;
}

/** Validates and stores an application; throws HttpError for every 4xx. */
export async function applyForCaseReview(
  store: Store,
  council: CouncilConfig,
  input: ApplicationInput,
  now: Date,
): Promise<AppliedCaseReview> {
  const problems = check(input);
  if (problems.length) throw badRequest(...problems);

  const found = await Promise.all(
    input.reports.map(([ref, secret]) =>
      reportOfReporter(store, council.referencePrefix, ref, secret),
    ),
  );
  const missing = input.reports.filter((_, i) => !found[i]).map(([ref]) => ref.slice(0, 40));
  if (missing.length) {
    throw notFound(
      `There is no report with the reference ${missing.map((r) => `"${r}"`).join(', ')}.`,
    );
  }
  // Counted once each: a report listed twice (however its reference is written) would count
  // twice towards the rule.
  const seen = new Set<string>();
  const repeated = new Set(
    found.filter((r) => seen.size === seen.add(r!.id).size).map((r) => r!.id),
  );
  if (repeated.size) {
    throw badRequest(
      ...[...repeated].map(
        (id) => `report[${id}]: list each report once; this one is listed more than once`,
      ),
    );
  }
  const reports = found.map((r): CaseReviewReport => {
    const current = council.services.find((s) => s.service_code === r!.service_code)?.group;
    const filed = NsirGroupSchema.safeParse(r!.service_group);
    const group: NsirGroup = filed.success ? filed.data : (current ?? 'Environmental');
    return {
      reference: r!.id,
      serviceCode: r!.service_code,
      group,
      requestedAt: r!.requested_datetime,
      occurredAt: r!.occurred_datetime,
    };
  });
  const rule = council.caseReview;
  const result = caseReviewEligibility(reports, rule, now);
  const today = londonDate(now);
  const notCounting = reports
    .map((r) => [r, notQualifyingReason(r, result.windowStart, today)] as const)
    .filter(([, reason]) => reason !== null)
    .map(([r, reason]) => `${r.reference} ${REASONS[reason!]}`);
  if (notCounting.length || !result.eligible) {
    throw new HttpError(422, [
      ...notCounting.map((n) => `report: ${n}.`),
      ...(result.eligible
        ? []
        : [
            `A case review needs ${rule.reports} qualifying reports within ${rule.months} months; these make ${result.qualifying.length}.`,
          ]),
    ]);
  }

  const fields = {
    name: input.name,
    email: input.email || null,
    phone: input.phone || null,
    address: input.address || null,
    details: input.details,
  };
  const review: StoredCaseReview = {
    id: newReference(council.referencePrefix).replace('-', '-CR-'),
    application_id: input.applicationId.toLowerCase(),
    content_hash: sha256(JSON.stringify([fields, [...result.qualifying].sort()])),
    ...fields,
    consent_at: now.toISOString(),
    created_at: now.toISOString(),
    report_ids: result.qualifying,
  };
  const stored = await store.caseReviews.create(review);
  if (stored.kind === 'conflict') {
    throw new HttpError(422, [
      'application_id: was already used for a different application. Make a new one for a new application.',
    ]);
  }
  return { review: stored.review, replayed: stored.kind === 'replayed' };
}
