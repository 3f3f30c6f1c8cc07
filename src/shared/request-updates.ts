/**
 * Status updates on a report: FixMyStreet's Open311 extension `servicerequestupdates`, as the
 * API sends them and the app reads them back, plus the satisfaction survey's scale.
 *
 * Notes
 * - `status` is the extended status (statuses.ts); a request's Open311 open/closed follows it.
 * - The public view of an update has no `description` (the officer's note), `media_url` or
 *   `external_status_code`, and Personal reports have no public updates at all.
 */
import { z } from 'zod';
import { ReportStatus } from './statuses';

export const SERVICE_REQUEST_UPDATES_PATH = '/servicerequestupdates.json';

/** One update as GET/POST servicerequestupdates.json and requests/{id}.json (`updates`) send it. */
export const RequestUpdateSchema = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: ReportStatus,
  updated_datetime: z.string(),
  /** The officer's note: reporter, staff and integrations only. */
  description: z.string().optional(),
  media_url: z.string().nullable().optional(),
  external_status_code: z.string().nullable().optional(),
});
export type RequestUpdate = z.infer<typeof RequestUpdateSchema>;

/** Longest note an update may carry. */
export const UPDATE_NOTE_MAX = 2000;

/** The survey's one question is answered on this scale: 1 very dissatisfied ... 5 very satisfied. */
export const SATISFACTION_VALUES = [1, 2, 3, 4, 5] as const;
/** Longest free-text comment on a survey. */
export const SURVEY_COMMENT_MAX = 1000;
