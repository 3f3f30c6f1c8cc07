/**
 * Extended report statuses (FixMyStreet's Open311 extension) and their Open311 open/closed mapping.
 */
import { z } from 'zod';

export const REPORT_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'action_scheduled',
  'fixed',
  'no_further_action',
  'not_councils_responsibility',
  'duplicate',
  'internal_referral',
] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

const CLOSED: ReadonlySet<ReportStatus> = new Set([
  'fixed',
  'no_further_action',
  'not_councils_responsibility',
  'duplicate',
  'internal_referral',
]);

/** Open311 GeoReport v2 only knows open and closed. */
export function open311Status(s: ReportStatus): 'open' | 'closed' {
  return CLOSED.has(s) ? 'closed' : 'open';
}

export function isClosed(s: ReportStatus): boolean {
  return CLOSED.has(s);
}
