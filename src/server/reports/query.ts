/**
 * GET requests.json filters as the GeoReport v2 spec defines them: service_request_id (a comma
 * list that overrides the other filters), service_code, start_date, end_date and status. Without
 * dates the last 90 days are searched. A page holds DEFAULT_PAGE_SIZE requests, or up to
 * MAX_RESULTS with our `page_size` extension: building a thousand views is most of the answer's
 * time, and the app and most integrations want the newest few (docs/scale.md).
 */
import { z } from 'zod';
import type { ReportStatus } from '../../shared/statuses';
import { REPORT_STATUSES, open311Status } from '../../shared/statuses';
import { badRequest } from '../http/errors';
import type { ReportQuery } from '../store/store';
import { normaliseReference } from './reference';

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
export const DEFAULT_PAGE_SIZE = 200;
const DAY_MS = 86_400_000;

const W3cDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name}: give it once`);
  return value.trim() === '' ? undefined : value.trim();
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A W3C date or datetime; a bare end date means the end of that day (UTC). */
function date(query: Record<string, unknown>, name: string, endOfDay = false): Date | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!W3cDate.safeParse(value).success) {
    throw badRequest(
      `${name}: "${value.slice(0, 40)}" is not a W3C date like 2026-11-21T18:30:00Z`,
    );
  }
  const parsed = new Date(value);
  return endOfDay && value.length === 10 ? new Date(parsed.getTime() + DAY_MS - 1) : parsed;
}

function pageSize(query: Record<string, unknown>): number {
  const value = single(query, 'page_size');
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_RESULTS)) {
    throw badRequest(
      `page_size: "${value.slice(0, 40)}" is not a whole number from 1 to ${MAX_RESULTS}`,
    );
  }
  return n;
}

/** Query string -> store query; throws a 400 naming the bad parameter. */
export function parseRequestsQuery(
  query: Record<string, unknown>,
  referencePrefix: string,
  now: Date,
): ReportQuery {
  const ids = list(single(query, 'service_request_id'));
  if (ids.length) {
    if (ids.length > MAX_RESULTS)
      throw badRequest(`service_request_id: at most ${MAX_RESULTS} ids`);
    // Ids that cannot be ours simply match nothing, as an unknown id would.
    const canonical = ids.map((id) => normaliseReference(id, referencePrefix) ?? '');
    return { ids: canonical, limit: MAX_RESULTS };
  }

  const serviceCodes = list(single(query, 'service_code'));
  const wanted = list(single(query, 'status'));
  for (const s of wanted) {
    if (s !== 'open' && s !== 'closed') {
      throw badRequest(`status: "${s.slice(0, 40)}" is not open or closed`);
    }
  }
  const statuses: ReportStatus[] | undefined = wanted.length
    ? REPORT_STATUSES.filter((s) => wanted.includes(open311Status(s)))
    : undefined;

  const limit = pageSize(query);
  const start = date(query, 'start_date');
  const end = date(query, 'end_date', true);
  const to = end ?? now;
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (from > to) {
    throw badRequest(
      `start_date: must not be after end_date${end ? '' : ' (which defaults to now)'}`,
    );
  }
  return { serviceCodes, statuses, from, to, limit };
}
