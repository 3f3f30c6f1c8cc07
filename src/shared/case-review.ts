/**
 * ASB Case Review (the Community Trigger, Anti-social Behaviour, Crime and Policing Act 2014):
 * whether a resident's own reports make them eligible to ask for one.
 *
 * Notes
 * - The usual threshold, and the council's default: three qualifying complaints about separate
 *   incidents within six months. The council configures the numbers (`caseReview`).
 * - Qualifying: anti-social behaviour (Personal or Nuisance; environmental problems such as
 *   fly-tipping are not ASB for this purpose), made within the window, and made within one month
 *   of the incident when the resident said when it happened.
 * - Reports about the same incident (same `incidentKey`) count once, as the statutory guidance
 *   says for one incident reported to several agencies; the earliest report stands for it.
 * - Everything is on London calendar dates; the window starts on the same day `months` earlier.
 * - The result is advice to the resident: the council still decides whether the threshold is met
 *   (it also counts reports made to the police or a landlord, which the app cannot see).
 */
import type { NsirGroup } from './council-config';
import { addMonths, londonDate } from './working-days';

/** The groups whose reports count towards a case review. */
export const CASE_REVIEW_GROUPS: readonly NsirGroup[] = ['Personal', 'Nuisance'];

/** A resident's report, as far as a case review needs it. */
export interface CaseReviewReport {
  reference: string;
  serviceCode: string;
  group: NsirGroup;
  /** When the report was made (ISO instant). */
  requestedAt: string;
  /** When the incident happened, if the resident said (ISO instant). */
  occurredAt?: string | null;
  /** Reports with the same key are about one incident. */
  incidentKey?: string | null;
}

/** The council's threshold: `reports` qualifying reports within `months` months. */
export interface CaseReviewRule {
  reports: number;
  months: number;
}

/** Whether the threshold is met, and which reports count. */
export interface CaseReviewEligibility {
  eligible: boolean;
  /** References of the qualifying reports, earliest first. */
  qualifying: string[];
  /** How many more qualifying reports would meet the threshold (0 when eligible). */
  needed: number;
  /** First London date (YYYY-MM-DD) of the window. */
  windowStart: string;
}

/** Why a single report does or does not qualify (null when it qualifies on its own). */
export function notQualifyingReason(
  report: CaseReviewReport,
  windowStart: string,
  today: string,
): 'not-asb' | 'outside-window' | 'reported-late' | null {
  if (!CASE_REVIEW_GROUPS.includes(report.group)) return 'not-asb';
  const made = londonDate(report.requestedAt);
  if (made < windowStart || made > today) return 'outside-window';
  if (report.occurredAt && made > addMonths(londonDate(report.occurredAt), 1)) {
    return 'reported-late';
  }
  return null;
}

/** Counts a resident's qualifying reports against the council's case-review threshold. */
export function caseReviewEligibility(
  reports: readonly CaseReviewReport[],
  rule: CaseReviewRule,
  now: Date,
): CaseReviewEligibility {
  const today = londonDate(now);
  const windowStart = addMonths(today, -rule.months);
  const sorted = [...reports].sort(byTimeThenReference);
  const incidents = new Set<string>();
  const qualifying: string[] = [];
  for (const r of sorted) {
    if (notQualifyingReason(r, windowStart, today) !== null) continue;
    if (r.incidentKey) {
      if (incidents.has(r.incidentKey)) continue;
      incidents.add(r.incidentKey);
    }
    qualifying.push(r.reference);
  }
  const needed = Math.max(0, rule.reports - qualifying.length);
  return { eligible: needed === 0, qualifying, needed, windowStart };
}

function byTimeThenReference(a: CaseReviewReport, b: CaseReviewReport): number {
  const dt = Date.parse(a.requestedAt) - Date.parse(b.requestedAt);
  if (dt !== 0) return dt;
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
}
