/**
 * Stored status updates and surveys, over the shared Kysely layer (SQLite and PostgreSQL).
 *
 * Notes
 * - Posting an update is one transaction: touch the report row first (in PostgreSQL that takes
 *   the row lock, so two updates to one report never derive its state from stale lists), insert
 *   the update unless its id exists, then derive the report's status and times from all its
 *   updates (lifecycle.ts) and write them back, and queue the push notifications of the report's
 *   subscriptions (so a stored update always has them, even if the process dies right after).
 * - A repeated update_id is decided by the content hash: the same content answers with the first
 *   update (nothing changes), other content is a conflict. The unique key decides races.
 */
import type { Kysely, Transaction } from 'kysely';
import { ReportStatus } from '../../shared/statuses';
import { isoFromDb } from '../store/rows';
import type { Database, ReportUpdatesTable } from '../store/schema';
import { queueDeliveries } from '../push/push-repository';
import { deriveLifecycle } from './lifecycle';

export type UpdateAuthorKind = 'staff' | 'integration' | 'demo';

/** An update as stored. Times are ISO 8601 in UTC. */
export interface StoredUpdate {
  update_id: string;
  report_id: string;
  status: ReportStatus;
  description: string;
  media_url: string | null;
  external_status_code: string | null;
  updated_datetime: string;
  created_at: string;
  author_kind: UpdateAuthorKind;
  author_id: string | null;
  content_hash: string;
}

export type PostUpdateResult =
  | { kind: 'created'; update: StoredUpdate }
  | { kind: 'replayed'; update: StoredUpdate }
  /** The update_id exists with other content. */
  | { kind: 'conflict'; update: StoredUpdate }
  | { kind: 'no-report' };

export interface UpdateQuery {
  reportIds?: string[];
  /** updated_datetime bounds, inclusive. */
  from?: Date;
  to?: Date;
  limit: number;
}

export interface UpdatesRepository {
  post(update: StoredUpdate): Promise<PostUpdateResult>;
  /** A report's updates, oldest first. */
  forReport(reportId: string): Promise<StoredUpdate[]>;
  /** Updates in a window, oldest first. */
  list(query: UpdateQuery): Promise<StoredUpdate[]>;
}

export interface StoredSurvey {
  report_id: string;
  satisfaction: number;
  comment: string;
  created_at: string;
}

export interface SurveysRepository {
  /** Stores the answer; 'exists' (and stores nothing) when the report already has one. */
  add(survey: StoredSurvey): Promise<'created' | 'exists'>;
  find(reportId: string): Promise<StoredSurvey | null>;
}

const AUTHOR_KINDS: readonly UpdateAuthorKind[] = ['staff', 'integration', 'demo'];

export function updateFromRow(row: ReportUpdatesTable): StoredUpdate {
  const status = ReportStatus.safeParse(row.status);
  return {
    ...row,
    status: status.success ? status.data : 'open',
    updated_datetime: isoFromDb(row.updated_datetime),
    created_at: isoFromDb(row.created_at),
    author_kind: AUTHOR_KINDS.find((k) => k === row.author_kind) ?? 'staff',
  };
}

async function recompute(trx: Transaction<Database>, reportId: string, requested: string) {
  const rows = await trx
    .selectFrom('report_updates')
    .selectAll()
    .where('report_id', '=', reportId)
    .execute();
  const state = deriveLifecycle({ requested_datetime: requested }, rows.map(updateFromRow));
  await trx.updateTable('reports').set(state).where('id', '=', reportId).execute();
}

export function updatesRepository(db: Kysely<Database>): UpdatesRepository {
  return {
    async post(update) {
      return db.transaction().execute(async (trx): Promise<PostUpdateResult> => {
        // A no-op write that locks the report row in PostgreSQL (SQLite serialises anyway).
        const touched = await trx
          .updateTable('reports')
          .set((eb) => ({ status: eb.ref('status') }))
          .where('id', '=', update.report_id)
          .executeTakeFirst();
        if (Number(touched.numUpdatedRows) !== 1) return { kind: 'no-report' };
        const inserted = await trx
          .insertInto('report_updates')
          .values(update)
          .onConflict((oc) => oc.column('update_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
          const row = await trx
            .selectFrom('report_updates')
            .selectAll()
            .where('update_id', '=', update.update_id)
            .executeTakeFirstOrThrow();
          const existing = updateFromRow(row);
          return existing.content_hash === update.content_hash
            ? { kind: 'replayed', update: existing }
            : { kind: 'conflict', update: existing };
        }
        const report = await trx
          .selectFrom('reports')
          .select('requested_datetime')
          .where('id', '=', update.report_id)
          .executeTakeFirstOrThrow();
        await recompute(trx, update.report_id, isoFromDb(report.requested_datetime));
        await queueDeliveries(trx, update.report_id, update.update_id, new Date(update.created_at));
        return { kind: 'created', update };
      });
    },
    async forReport(reportId) {
      const rows = await db
        .selectFrom('report_updates')
        .selectAll()
        .where('report_id', '=', reportId)
        .orderBy('updated_datetime')
        .orderBy('created_at')
        .orderBy('update_id')
        .execute();
      return rows.map(updateFromRow);
    },
    async list(q) {
      let query = db.selectFrom('report_updates').selectAll();
      if (q.reportIds)
        query = query.where('report_id', 'in', q.reportIds.length ? q.reportIds : ['']);
      if (q.from) query = query.where('updated_datetime', '>=', q.from.toISOString());
      if (q.to) query = query.where('updated_datetime', '<=', q.to.toISOString());
      const rows = await query
        .orderBy('updated_datetime')
        .orderBy('created_at')
        .orderBy('update_id')
        .limit(q.limit)
        .execute();
      return rows.map(updateFromRow);
    },
  };
}

export function surveysRepository(db: Kysely<Database>): SurveysRepository {
  return {
    async add(survey) {
      const result = await db
        .insertInto('surveys')
        .values(survey)
        .onConflict((oc) => oc.column('report_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 'created' : 'exists';
    },
    async find(reportId) {
      const row = await db
        .selectFrom('surveys')
        .selectAll()
        .where('report_id', '=', reportId)
        .executeTakeFirst();
      return row
        ? {
            report_id: row.report_id,
            satisfaction: Number(row.satisfaction),
            comment: row.comment,
            created_at: isoFromDb(row.created_at),
          }
        : null;
    },
  };
}
