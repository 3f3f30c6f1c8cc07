/**
 * What the council says about each report this phone sent: its status, notes and history, as
 * last read from GET /open311/v2/requests/{reference}.json with the report's secret (the outbox
 * record's id). Kept in its own small IndexedDB database so it can be read offline.
 *
 * Notes
 * - A separate database, not a new outbox store: the outbox's schema and upgrade ladder stay
 *   untouched, and losing this cache loses nothing that cannot be fetched again.
 * - Everything read back is checked with zod; an entry that no longer fits is ignored (and
 *   replaced at the next refresh), never trusted.
 * - Network work never happens inside an IndexedDB transaction: fetch first, then one short put.
 * - `surveyAnswered` is also remembered here, so the survey is not offered again offline.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { OPEN311_BASE, REPORT_SECRET_HEADER } from '../../shared/open311';
import { RequestUpdateSchema } from '../../shared/request-updates';
import { err, ok, type Result } from '../../shared/result';
import { ReportStatus } from '../../shared/statuses';

export const STATUS_DB_NAME = 'neighbourhood-reporter-status';
const STORE = 'status';

/** The part of the reporter's view of a report that the app shows. */
export const CouncilViewSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  extended_status: ReportStatus,
  status_notes: z.string().nullable().optional(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  updates: z.array(RequestUpdateSchema).optional(),
  survey_answered: z.boolean().optional(),
});
export type CouncilView = z.infer<typeof CouncilViewSchema>;

export const StatusEntrySchema = z.object({
  /** The outbox record's id (the report's secret). */
  id: z.string(),
  reference: z.string(),
  /** When the view was read from the council (ISO). */
  fetchedAt: z.string(),
  view: CouncilViewSchema,
  surveyAnswered: z.boolean(),
});
export type StatusEntry = z.infer<typeof StatusEntrySchema>;

export type RefreshError = 'offline' | 'not-found' | 'server' | 'invalid';

let dbPromise: Promise<IDBPDatabase> | null = null;

function db(name = STATUS_DB_NAME): Promise<IDBPDatabase> {
  if (name !== STATUS_DB_NAME) {
    return openDB(name, 1, { upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'id' }) });
  }
  dbPromise ??= openDB(name, 1, {
    upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'id' }),
  });
  return dbPromise;
}

/** Every readable entry, by outbox record id. Unreadable entries are skipped. */
export async function readStatuses(dbName?: string): Promise<Record<string, StatusEntry>> {
  try {
    const all = (await (await db(dbName)).getAll(STORE)) as unknown[];
    const out: Record<string, StatusEntry> = {};
    for (const value of all) {
      const parsed = StatusEntrySchema.safeParse(value);
      if (parsed.success) out[parsed.data.id] = parsed.data;
    }
    return out;
  } catch {
    return {};
  }
}

async function write(entry: StatusEntry, dbName?: string): Promise<void> {
  try {
    await (await db(dbName)).put(STORE, entry);
  } catch {
    // Not kept for offline reading; the next refresh tries again.
  }
}

/** Remembers that the survey for this report was answered. */
export async function markSurveyAnswered(id: string, dbName?: string): Promise<void> {
  const current = (await readStatuses(dbName))[id];
  if (current) await write({ ...current, surveyAnswered: true }, dbName);
}

export interface RefreshOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: () => Date;
  dbName?: string;
}

/** Reads the council's view of one sent report and keeps it; the stored entry or why not. */
export async function refreshStatus(
  report: { id: string; reference: string },
  opts: RefreshOptions = {},
): Promise<Result<StatusEntry, RefreshError>> {
  const fetchFn = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await fetchFn(`${OPEN311_BASE}/requests/${encodeURIComponent(report.reference)}.json`, {
      headers: { accept: 'application/json', [REPORT_SECRET_HEADER]: report.id },
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch {
    return err('offline');
  }
  if (res.status === 404) return err('not-found');
  if (!res.ok) return err('server');
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return err('invalid');
  }
  const parsed = z.array(CouncilViewSchema).length(1).safeParse(body);
  if (!parsed.success) return err('invalid');
  const view = parsed.data[0]!;
  const previous = (await readStatuses(opts.dbName))[report.id];
  const entry: StatusEntry = {
    id: report.id,
    reference: report.reference,
    fetchedAt: (opts.now?.() ?? new Date()).toISOString(),
    view,
    surveyAnswered: view.survey_answered === true || previous?.surveyAnswered === true,
  };
  await write(entry, opts.dbName);
  return ok(entry);
}
