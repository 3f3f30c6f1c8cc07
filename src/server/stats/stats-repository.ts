/**
 * Loads the rows the published statistics are computed from (src/shared/performance.ts): one per
 * report with its times, status, first-response due date and survey answer. SQL only selects; the
 * shared module computes, so the tests' fixtures and the live figures go through the same code.
 */
import type { Kysely } from 'kysely';
import type { PerformanceRow } from '../../shared/performance';
import { REPORT_STATUSES, isClosed, ReportStatus } from '../../shared/statuses';
import { isoFromDb } from '../store/rows';
import type { Database } from '../store/schema';

export interface StatsRepository {
  /**
   * Reports received at or after `since`, plus every report still open whenever it was received
   * (the "open now" and "open after 12 weeks" counts cover all of them).
   */
  performanceRows(since: Date): Promise<PerformanceRow[]>;
}

const OPEN_STATUSES = REPORT_STATUSES.filter((s) => !isClosed(s));

export function statsRepository(db: Kysely<Database>): StatsRepository {
  return {
    async performanceRows(since) {
      const rows = await db
        .selectFrom('reports as r')
        .leftJoin('surveys as s', 's.report_id', 'r.id')
        .select([
          'r.service_code',
          'r.requested_datetime',
          'r.first_response_at',
          'r.closed_at',
          'r.status',
          'r.expected_datetime',
          's.satisfaction',
        ])
        .where((eb) =>
          eb.or([
            eb('r.requested_datetime', '>=', since.toISOString()),
            eb('r.status', 'in', OPEN_STATUSES),
          ]),
        )
        .execute();
      return rows.map((r) => {
        const status = ReportStatus.safeParse(r.status);
        return {
          serviceCode: r.service_code,
          requestedAt: isoFromDb(r.requested_datetime),
          firstResponseAt: r.first_response_at === null ? null : isoFromDb(r.first_response_at),
          closedAt: r.closed_at === null ? null : isoFromDb(r.closed_at),
          status: status.success ? status.data : 'open',
          dueFirstResponseAt: r.expected_datetime === null ? null : isoFromDb(r.expected_datetime),
          satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
        };
      });
    },
  };
}
