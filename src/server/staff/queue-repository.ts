/**
 * The staff console's work queue: reports ordered by priority (risk band: high, medium, low, then
 * reports without a band) and then by due date (expected_datetime, the first-contact target),
 * earliest first; reports with no due date come last.
 */
import { sql, type Kysely } from 'kysely';
import { REPORT_STATUSES, isClosed } from '../../shared/statuses';
import { reportFromRow } from '../store/rows';
import type { Database } from '../store/schema';
import type { StoredReport } from '../store/store';

export type QueueFilter = 'open' | 'closed' | 'all';

export interface QueueQuery {
  filter: QueueFilter;
  limit: number;
  offset: number;
}

export interface QueueRepository {
  page(q: QueueQuery): Promise<{ total: number; reports: StoredReport[] }>;
}

const OPEN = REPORT_STATUSES.filter((s) => !isClosed(s));
const CLOSED = REPORT_STATUSES.filter((s) => isClosed(s));
/**
 * The open filter as literal SQL, the very text of the WHERE of the reports_queue_open index
 * (migration 016): a planner only uses a partial index for a query whose condition it can match,
 * which bound parameters are not. The statuses are constants, never input.
 */
export const OPEN_SQL = `status IN (${OPEN.map((s) => `'${s}'`).join(', ')})`;
/** The queue's priority, the very expression the queue indexes hold. */
const PRIORITY_SQL =
  "CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END";

export function queueRepository(db: Kysely<Database>): QueueRepository {
  return {
    async page(q) {
      let base = db.selectFrom('reports');
      if (q.filter === 'open') base = base.where(sql<boolean>`${sql.raw(OPEN_SQL)}`);
      if (q.filter === 'closed') base = base.where('status', 'in', CLOSED);
      const [count, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
        base
          .selectAll()
          .orderBy(sql.raw(PRIORITY_SQL))
          .orderBy(sql`expected_datetime IS NULL`)
          .orderBy('expected_datetime')
          .orderBy('requested_datetime')
          .orderBy('id')
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
      ]);
      return { total: Number(count?.n ?? 0), reports: rows.map(reportFromRow) };
    },
  };
}
