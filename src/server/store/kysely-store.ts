/**
 * The one implementation of `Store`, over Kysely. SQLite and PostgreSQL differ only in how they
 * are opened and migrated (`sqlite.ts`, `postgres.ts`); every query here runs on both.
 *
 * Notes
 * - Inserts that may collide use ON CONFLICT DO NOTHING and look at the row count, never a caught
 *   unique-violation: in PostgreSQL a failed statement aborts the whole transaction.
 * - Completing an idempotency key is conditional on the claim token, so a request whose claim was
 *   taken over (it stalled for minutes) rolls back instead of overwriting the new owner's work.
 */
import { sql, type Kysely } from 'kysely';
import { jobLeasesRepository } from '../jobs/job-leases-repository';
import { insertMedia, mediaRepository } from '../media/media-repository';
import { caseReviewsRepository } from '../case-reviews/case-reviews-repository';
import { centresRepository } from '../centres/centres-repository';
import { pushRepository } from '../push/push-repository';
import { demoRepository, metaRepository } from '../seed/demo-repository';
import {
  apiKeysRepository,
  sessionsRepository,
  signInAttemptsRepository,
  staffRepository,
} from '../staff/staff-repository';
import { queueRepository } from '../staff/queue-repository';
import { privacyRepository } from '../privacy/privacy-repository';
import { rightsRepository } from '../privacy/rights-repository';
import { statsRepository } from '../stats/stats-repository';
import { surveysRepository, updatesRepository } from '../updates/updates-repository';
import type { Database } from './schema';
import { idempotencyFromRow, reportFromRow, rowFromReport } from './rows';
import type {
  CreateReportOptions,
  CreateReportResult,
  Dialect,
  IdempotencyRepository,
  KeyClaim,
  NewReport,
  ReportQuery,
  ReportsRepository,
  Store,
  StoredReport,
} from './store';

/** Attempts at a fresh reference before giving up (40 random bits: a collision is already rare). */
const ID_ATTEMPTS = 5;

class KeyLost extends Error {}

function reportsRepository(db: Kysely<Database>): ReportsRepository {
  return {
    async findById(id) {
      const row = await db
        .selectFrom('reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? reportFromRow(row) : null;
    },
    async list(q: ReportQuery) {
      let query = db.selectFrom('reports').selectAll();
      if (q.ids) query = query.where('id', 'in', q.ids.length ? q.ids : ['']);
      if (q.serviceCodes?.length) query = query.where('service_code', 'in', q.serviceCodes);
      if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
      if (q.from) query = query.where('requested_datetime', '>=', q.from.toISOString());
      if (q.to) query = query.where('requested_datetime', '<=', q.to.toISOString());
      const rows = await query
        .orderBy('requested_datetime', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(reportFromRow);
    },
    async count() {
      const row = await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

function idempotencyRepository(db: Kysely<Database>): IdempotencyRepository {
  return {
    async claim(c: KeyClaim) {
      const result = await db
        .insertInto('idempotency_keys')
        .values({
          key: c.key,
          request_hash: c.requestHash,
          state: 'processing',
          claim_token: c.token,
          response_status: null,
          response_body: null,
          report_id: null,
          created_at: c.now.toISOString(),
          completed_at: null,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async find(key) {
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      return row ? idempotencyFromRow(row) : null;
    },
    async takeOver(c) {
      const result = await db
        .updateTable('idempotency_keys')
        .set({
          claim_token: c.token,
          request_hash: c.requestHash,
          created_at: c.now.toISOString(),
        })
        .where('key', '=', c.key)
        .where('state', '=', 'processing')
        .where('created_at', '<', c.staleBefore.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(key, token) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('key', '=', key)
        .where('claim_token', '=', token)
        .where('state', '=', 'processing')
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async releaseProcessingBefore(date) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('state', '=', 'processing')
        .where('created_at', '<=', date.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async purgeCreatedBefore(date) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', date.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

async function createReport(
  db: Kysely<Database>,
  report: NewReport,
  options: CreateReportOptions,
): Promise<CreateReportResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
        const id = options.newId();
        const inserted = await trx
          .insertInto('reports')
          .values(rowFromReport(id, report))
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
        const stored: StoredReport = {
          ...report,
          id,
          first_response_at: report.first_response_at ?? null,
          closed_at: report.closed_at ?? null,
          status_notes: report.status_notes ?? null,
        };
        await insertMedia(trx, id, options.media ?? []);
        await options.afterInsert?.(trx, stored);
        const complete = options.completeKey;
        if (complete) {
          const { status, body } = complete.response(stored);
          const updated = await trx
            .updateTable('idempotency_keys')
            .set({
              state: 'complete',
              response_status: status,
              response_body: body,
              report_id: id,
              completed_at: new Date().toISOString(),
            })
            .where('key', '=', complete.key)
            .where('claim_token', '=', complete.token)
            .where('state', '=', 'processing')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new KeyLost();
        }
        return { ok: true as const, report: stored };
      }
      return { ok: false as const, reason: 'no-free-id' as const };
    });
  } catch (error) {
    if (error instanceof KeyLost) return { ok: false, reason: 'key-lost' };
    throw error;
  }
}

/** Wraps an opened, migrated Kysely instance as a `Store`. */
export function kyselyStore(
  db: Kysely<Database>,
  dialect: Dialect,
  close: () => Promise<void>,
): Store {
  return {
    dialect,
    reports: reportsRepository(db),
    idempotency: idempotencyRepository(db),
    media: mediaRepository(db),
    updates: updatesRepository(db),
    surveys: surveysRepository(db),
    staff: staffRepository(db),
    sessions: sessionsRepository(db),
    apiKeys: apiKeysRepository(db),
    signInAttempts: signInAttemptsRepository(db),
    caseReviews: caseReviewsRepository(db),
    stats: statsRepository(db, dialect),
    meta: metaRepository(db),
    demo: demoRepository(db),
    queue: queueRepository(db),
    centres: centresRepository(db),
    push: pushRepository(db),
    jobs: jobLeasesRepository(db),
    privacy: privacyRepository(db),
    rights: rightsRepository(db),
    createReport: (report, options) => createReport(db, report, options),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close,
  };
}
