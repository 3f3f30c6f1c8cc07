/**
 * This phone's reports as the shared `caseReviewEligibility` needs them: the sent reports (those
 * with a council reference), their category's group from the configuration, when they were sent
 * and when the resident said the incident happened.
 */
import {
  caseReviewEligibility,
  type CaseReviewEligibility,
  type CaseReviewReport,
} from '../../shared/case-review';
import type { CouncilConfig } from '../../shared/council-config';
import type { OutboxRecord } from '../outbox/schema';

export function caseReviewReports(
  records: readonly OutboxRecord[],
  council: CouncilConfig,
): CaseReviewReport[] {
  return records.flatMap((r) => {
    const service = council.services.find((s) => s.service_code === r.report.service_code);
    if (r.state !== 'sent' || !r.reference || !service) return [];
    return [
      {
        reference: r.reference,
        serviceCode: service.service_code,
        group: service.group,
        requestedAt: r.sentAt ?? r.createdAt,
        occurredAt: r.report.occurred_datetime ?? null,
      },
    ];
  });
}

/** Whether this phone's reports meet the council's case-review threshold now. */
export function phoneEligibility(
  records: readonly OutboxRecord[],
  council: CouncilConfig,
  now = new Date(),
): CaseReviewEligibility {
  return caseReviewEligibility(caseReviewReports(records, council), council.caseReview, now);
}
