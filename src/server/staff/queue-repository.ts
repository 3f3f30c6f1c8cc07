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

export function queueRepository(db: Kysely<Database>): QueueRepository {
  return {
    async page(q) {
      const statuses = q.filter === 'open' ? OPEN : q.filter === 'closed' ? CLOSED : null;
      let base = db.selectFrom('reports');
      if (statuses) base = base.where('status', 'in', statuses);
      const [count, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
        base
          .selectAll()
          .orderBy(
            sql`CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`,
          )
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
