/**
 * ASB Case Review applications and the reports they rest on, over the shared Kysely layer.
 *
 * Notes
 * - An application carries a UUID made by the phone (`application_id`), so sending it twice
 *   (a dropped connection) stores it once: the same content answers with the first, other
 *   content under the same id is a conflict.
 * - The application and its report links are written in one transaction.
 */
import type { Kysely } from 'kysely';
import { isoFromDb } from '../store/rows';
import type { Database } from '../store/schema';
import { emailKey, phoneKey } from '../privacy/contact-key';

export interface StoredCaseReview {
  /** The reference given to the resident, e.g. DBC-CR-7K2M9Q4X. */
  id: string;
  application_id: string;
  content_hash: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  details: string;
  consent_at: string;
  created_at: string;
  /** References of the qualifying reports, earliest first. */
  report_ids: string[];
}

export type CreateCaseReviewResult =
  | { kind: 'created'; review: StoredCaseReview }
  | { kind: 'replayed'; review: StoredCaseReview }
  | { kind: 'conflict' };

export interface CaseReviewsRepository {
  create(review: StoredCaseReview): Promise<CreateCaseReviewResult>;
  findByApplicationId(applicationId: string): Promise<StoredCaseReview | null>;
  /** Newest first. */
  list(limit: number): Promise<StoredCaseReview[]>;
}

export function caseReviewsRepository(db: Kysely<Database>): CaseReviewsRepository {
  const load = async (where: { column: 'id' | 'application_id'; value: string }) => {
    const found = await db
      .selectFrom('case_reviews')
      .selectAll()
      .where(where.column, '=', where.value)
      .executeTakeFirst();
    if (!found) return null;
    const { email_key: _e, phone_key: _p, ...row } = found;
    const links = await db
      .selectFrom('case_review_reports as l')
      .innerJoin('reports as r', 'r.id', 'l.report_id')
      .select(['l.report_id', 'r.requested_datetime'])
      .where('l.case_review_id', '=', row.id)
      .execute();
    links.sort(
      (a, b) =>
        Date.parse(isoFromDb(a.requested_datetime)) - Date.parse(isoFromDb(b.requested_datetime)),
    );
    return {
      ...row,
      consent_at: isoFromDb(row.consent_at),
      created_at: isoFromDb(row.created_at),
      report_ids: links.map((l) => l.report_id),
    };
  };
  return {
    async create(review) {
      const outcome = await db.transaction().execute(async (trx) => {
        const { report_ids: reportIds, ...row } = review;
        const inserted = await trx
          .insertInto('case_reviews')
          .values({ ...row, email_key: emailKey(row.email), phone_key: phoneKey(row.phone) })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return 'exists' as const;
        if (reportIds.length) {
          await trx
            .insertInto('case_review_reports')
            .values(reportIds.map((report_id) => ({ case_review_id: review.id, report_id })))
            .execute();
        }
        return 'created' as const;
      });
      if (outcome === 'created') return { kind: 'created', review };
      const existing = await load({ column: 'application_id', value: review.application_id });
      if (existing && existing.content_hash === review.content_hash) {
        return { kind: 'replayed', review: existing };
      }
      return { kind: 'conflict' };
    },
    findByApplicationId: (applicationId) =>
      load({ column: 'application_id', value: applicationId }),
    async list(limit) {
      const rows = await db
        .selectFrom('case_reviews')
        .select('id')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      const out: StoredCaseReview[] = [];
      for (const r of rows) {
        const review = await load({ column: 'id', value: r.id });
        if (review) out.push(review);
      }
      return out;
    },
  };
}
