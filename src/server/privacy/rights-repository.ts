/**
 * Finding, erasing and correcting one person's records for people's rights requests
 * (rights.ts). Reports and case reviews are found by the indexed lookup keys of their contact
 * details (contact-key.ts) or by reference; everything else by the reports found.
 */
import type { Kysely } from 'kysely';
import { isoFromDb } from '../store/rows';
import type { CaseReviewsTable, Database } from '../store/schema';
import { emailKey, phoneKey } from './contact-key';

/** Reports handled per request; a subject with more is told to narrow the search. */
export const SUBJECT_REPORT_LIMIT = 500;

export interface SubjectKeys {
  emailKey?: string;
  phoneKey?: string;
  reportId?: string;
}

export interface FoundIds {
  reportIds: string[];
  heldIds: string[];
  caseReviewIds: string[];
  truncated: boolean;
}

export type ContactField = 'email' | 'phone' | 'first_name' | 'last_name';

type CentreTables = {
  centre_reports: { report_id: string };
  centre_audit: { id: string; report_id: string; at: string };
};

export function rightsRepository(base: Kysely<Database>) {
  const db = base.withTables<CentreTables>();
  return {
    async findIds(s: SubjectKeys): Promise<FoundIds> {
      let q = db.selectFrom('reports').select(['id', 'legal_hold']);
      if (s.emailKey) q = q.where('email_key', '=', s.emailKey);
      else if (s.phoneKey) q = q.where('phone_key', '=', s.phoneKey);
      else q = q.where('id', '=', s.reportId ?? '');
      const rows = await q
        .orderBy('id')
        .limit(SUBJECT_REPORT_LIMIT + 1)
        .execute();
      const reports = rows.slice(0, SUBJECT_REPORT_LIMIT);
      const reportIds = reports.map((r) => r.id);
      let cr = db.selectFrom('case_reviews').select('id');
      if (s.emailKey) cr = cr.where('email_key', '=', s.emailKey);
      else if (s.phoneKey) cr = cr.where('phone_key', '=', s.phoneKey);
      else
        cr = cr.where(
          'id',
          'in',
          db
            .selectFrom('case_review_reports')
            .select('case_review_id')
            .where('report_id', '=', s.reportId ?? ''),
        );
      const reviews = await cr.limit(SUBJECT_REPORT_LIMIT).execute();
      return {
        reportIds,
        heldIds: reports.filter((r) => Number(r.legal_hold) === 1).map((r) => r.id),
        caseReviewIds: reviews.map((r) => r.id),
        truncated: rows.length > SUBJECT_REPORT_LIMIT,
      };
    },

    async caseReviews(
      ids: readonly string[],
    ): Promise<Omit<CaseReviewsTable, 'email_key' | 'phone_key'>[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('case_reviews').selectAll().where('id', 'in', ids).execute();
      return rows.map(({ email_key: _e, phone_key: _p, ...r }) => ({
        ...r,
        consent_at: isoFromDb(r.consent_at),
        created_at: isoFromDb(r.created_at),
      }));
    },

    async auditEntries(reportIds: readonly string[]) {
      if (reportIds.length === 0) return [];
      const access = await db
        .selectFrom('access_audit')
        .selectAll()
        .where('report_id', 'in', reportIds)
        .execute();
      const centre = await db
        .selectFrom('centre_audit')
        .selectAll()
        .where('report_id', 'in', reportIds)
        .execute();
      return [
        ...access.map((a) => ({ log: 'access', ...a, at: isoFromDb(a.at) })),
        ...centre.map((a) => ({ log: 'centre', ...a, at: isoFromDb(a.at) })),
      ];
    },

    /** Deletes the reports and everything linked to them, and the case reviews, in one transaction. */
    async erase(reportIds: readonly string[], caseReviewIds: readonly string[]): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        let fileNames: string[] = [];
        if (caseReviewIds.length) {
          await trx
            .deleteFrom('case_review_reports')
            .where('case_review_id', 'in', caseReviewIds)
            .execute();
          await trx.deleteFrom('case_reviews').where('id', 'in', caseReviewIds).execute();
        }
        if (reportIds.length) {
          const ids = [...reportIds];
          await trx.deleteFrom('case_review_reports').where('report_id', 'in', ids).execute();
          await trx
            .updateTable('idempotency_keys')
            .set({ report_id: null, response_body: null })
            .where('report_id', 'in', ids)
            .execute();
          const media = await trx
            .deleteFrom('media')
            .where('report_id', 'in', ids)
            .returning('file_name')
            .execute();
          fileNames = media.map((m) => m.file_name);
          await trx.deleteFrom('surveys').where('report_id', 'in', ids).execute();
          await trx.deleteFrom('report_updates').where('report_id', 'in', ids).execute();
          await trx.deleteFrom('centre_reports').where('report_id', 'in', ids).execute();
          await trx.deleteFrom('centre_audit').where('report_id', 'in', ids).execute();
          await trx.deleteFrom('access_audit').where('report_id', 'in', ids).execute();
          // Its deliveries go with it (ON DELETE CASCADE).
          await trx.deleteFrom('push_subscriptions').where('report_id', 'in', ids).execute();
          await trx
            .deleteFrom('reports')
            .where('id', 'in', ids)
            .where('legal_hold', '=', 0)
            .execute();
        }
        return fileNames;
      });
    },

    async anonymiseCaseReviews(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('case_reviews')
        .set({
          name: '',
          email: null,
          phone: null,
          address: null,
          details: '',
          email_key: null,
          phone_key: null,
        })
        .where('id', 'in', ids)
        .execute();
    },

    /** Sets one contact detail of a report (empty: removes it); false when there is no report. */
    async correct(reportId: string, field: ContactField, value: string): Promise<boolean> {
      const v = value === '' ? null : value;
      const keys =
        field === 'email'
          ? { email_key: emailKey(v) }
          : field === 'phone'
            ? { phone_key: phoneKey(v) }
            : {};
      const r = await db
        .updateTable('reports')
        .set({ [field]: v, ...keys })
        .where('id', '=', reportId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type RightsRepository = ReturnType<typeof rightsRepository>;
