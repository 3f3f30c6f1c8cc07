/**
 * The access audit as people read it: a query from the staff console or `npm run admin -- audit`
 * (shared/privacy-api.ts's AuditQuerySchema) turned into a page of lines, and lines into CSV.
 *
 * Notes
 * - Paging is by keyset: `next` names the last line shown (its time and id), and the next page
 *   starts below it, so a page costs the same however deep the audit goes and entries written
 *   meanwhile do not shift the pages.
 * - The staff member filter takes an email address; an address with no account matches the
 *   actor id as written (an API key's id, the command line's user), so every actor can be found.
 */
import type { CouncilConfig } from '../../shared/council-config';
import type { AuditLine, AuditPage, AuditQuery } from '../../shared/privacy-api';
import { err, ok, type Result } from '../../shared/result';
import { normaliseReference } from '../reports/reference';
import { normaliseEmail } from '../staff/accounts';
import type { Store } from '../store/store';
import type { AccessLine } from './privacy-repository';

export function auditLine(a: AccessLine): AuditLine {
  return {
    at: a.at,
    action: a.action,
    actor_kind: a.actor_kind,
    actor: a.actor_name,
    report: a.report_id,
    detail: a.detail,
  };
}

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z)_([0-9a-f]{1,64})$/;

const cursorOf = (a: AccessLine) => `${a.at}_${a.id}`;

const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const dayAfter = (day: string) => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();

/** One page of the audit, newest first; the error names the filter to fix. */
export async function queryAudit(
  store: Store,
  council: CouncilConfig,
  q: AuditQuery,
): Promise<Result<AuditPage, string>> {
  const reportId = q.report ? normaliseReference(q.report, council.referencePrefix) : undefined;
  if (q.report && !reportId) {
    return err(`report: "${q.report.slice(0, 40)}" is not a reference of ours`);
  }
  const cursor = q.before ? CURSOR.exec(q.before) : null;
  if (q.before && !cursor) {
    return err('before: give the "next" value of the previous page as it was');
  }
  if (q.from && q.to && q.from > q.to) return err('to: give a date on or after the from date');
  let actorId: string | undefined;
  if (q.actor) {
    const staff = await store.staff.findByEmail(normaliseEmail(q.actor));
    actorId = staff?.id ?? q.actor;
  }
  const lines = await store.privacy.listAudit({
    reportId: reportId ?? undefined,
    actorId,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? dayAfter(q.to) : undefined,
    before: cursor ? { at: cursor[1]!, id: cursor[2]! } : undefined,
    limit: q.limit + 1,
  });
  const shown = lines.slice(0, q.limit);
  const more = lines.length > q.limit;
  return ok({ entries: shown.map(auditLine), next: more ? cursorOf(shown.at(-1)!) : null });
}

const csvCell = (v: string | null) => {
  const text = v ?? '';
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The audit as CSV (RFC 4180, CRLF). */
export function auditCsv(lines: readonly AuditLine[]): string {
  const head = ['at', 'action', 'actor_kind', 'actor', 'report', 'detail'] as const;
  return [head.join(','), ...lines.map((l) => head.map((h) => csvCell(l[h])).join(','))]
    .map((l) => `${l}\r\n`)
    .join('');
}
