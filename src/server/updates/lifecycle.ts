/**
 * A report's lifecycle follows its updates: status, last-updated time, first response, closure and
 * latest note are derived from the whole list of updates, never patched one update at a time.
 *
 * Notes
 * - Updates are ordered by `updated_datetime` (when the change happened, as the poster says), then
 *   by arrival. An update that arrives late but happened earlier (a case-management system
 *   catching up) takes its place in history and does not overwrite a newer status.
 * - First response: the earliest update of any kind (a status change or a note is an answer).
 * - Closed at: when the report last went from an open status to a closed one; a report reopened
 *   afterwards has no closed time until it closes again (statistics count the final closure).
 * - The status notes are the latest non-empty note, whatever its status.
 */
import { isClosed, type ReportStatus } from '../../shared/statuses';

/** What the lifecycle needs of one update. */
export interface LifecycleUpdate {
  status: ReportStatus;
  description: string;
  updated_datetime: string;
  created_at: string;
  update_id: string;
}

export interface LifecycleState {
  status: ReportStatus;
  updated_datetime: string;
  first_response_at: string | null;
  closed_at: string | null;
  status_notes: string | null;
}

/** Oldest first: by updated_datetime, then arrival, then id (a total order). */
export function byHistory(a: LifecycleUpdate, b: LifecycleUpdate): number {
  const t = Date.parse(a.updated_datetime) - Date.parse(b.updated_datetime);
  if (t !== 0) return t;
  const c = Date.parse(a.created_at) - Date.parse(b.created_at);
  if (c !== 0) return c;
  return a.update_id < b.update_id ? -1 : a.update_id > b.update_id ? 1 : 0;
}

/** The report's state after all its updates (ISO strings in, ISO strings out). */
export function deriveLifecycle(
  report: { requested_datetime: string },
  updates: readonly LifecycleUpdate[],
): LifecycleState {
  const sorted = [...updates].sort(byHistory);
  let status: ReportStatus = 'open';
  let closedAt: string | null = null;
  let notes: string | null = null;
  let updated = report.requested_datetime;
  for (const u of sorted) {
    if (!isClosed(status) && isClosed(u.status)) closedAt = u.updated_datetime;
    if (!isClosed(u.status)) closedAt = null;
    status = u.status;
    if (u.description.trim() !== '') notes = u.description;
    if (Date.parse(u.updated_datetime) > Date.parse(updated)) updated = u.updated_datetime;
  }
  return {
    status,
    updated_datetime: updated,
    first_response_at: sorted[0]?.updated_datetime ?? null,
    closed_at: closedAt,
    status_notes: notes,
  };
}
