/**
 * The privacy tables and columns (migration 021): the access audit, legal holds, the retention
 * job's batches and its lease, and the back-fill of contact lookup keys.
 *
 * Notes
 * - Every retention query is bounded (`limit`) and served by a partial index on (group,
 *   closed_at) that holds only closed, unheld reports not yet done, so a run costs the same
 *   however long the history grows.
 * - Anonymising keeps what the published figures are made of (category, group, times, status,
 *   risk band, satisfaction score) and removes the rest a person could be found by.
 * - The job's lease is a row of app_meta whose `updated_at` is the lease's end: taking it is one
 *   conditional write, so of several instances only one runs the job at a time.
 */
import { sql, type Kysely } from 'kysely';
import { REPORT_STATUSES, isClosed } from '../../shared/statuses';
import type { AnswerValue } from '../../shared/report';
import { isoFromDb } from '../store/rows';
import type { Database } from '../store/schema';
import { emailKey, phoneKey } from './contact-key';

const CLOSED_STATUSES = REPORT_STATUSES.filter((s) => isClosed(s));

export type AccessActorKind = 'staff' | 'integration' | 'admin_cli' | 'system';
export type AccessAction =
  | 'read'
  | 'read_media'
  | 'read_updates'
  | 'set_hold'
  | 'find'
  | 'export'
  | 'erase'
  | 'anonymise'
  | 'correct';

export interface AccessEntry {
  id: string;
  at: string;
  actor_kind: AccessActorKind;
  actor_id: string;
  report_id: string | null;
  action: AccessAction;
  /** Never a contact detail: a reason, counts, a field's name. */
  detail: string;
}

/** An entry with who the actor is in words (the staff member's email, else the actor id). */
export interface AccessLine extends AccessEntry {
  actor_name: string;
}

export interface AccessFilter {
  reportId?: string;
  /** The actor's id (a staff member's id, an API key's id, the command line's user). */
  actorId?: string;
  from?: string;
  to?: string;
  /** Only entries older than this one (keyset paging: the last entry of the previous page). */
  before?: { at: string; id: string };
  limit: number;
}

/** A report's answers with the free text taken out (what anonymising keeps). */
export interface AnonymisedReport {
  id: string;
  attributes: Record<string, AnswerValue>;
}

export interface PrivacyRepository {
  audit(entries: readonly Omit<AccessEntry, 'id'>[]): Promise<void>;
  /** Newest first. */
  listAudit(filter: AccessFilter): Promise<AccessLine[]>;
  legalHold(reportId: string): Promise<boolean | null>;
  /** false when there is no such report. */
  setLegalHold(reportId: string, hold: boolean): Promise<boolean>;
  /** Closed, unheld reports of the group closed before the date and not yet anonymised. */
  dueForAnonymising(group: string, closedBefore: string, limit: number): Promise<string[]>;
  /** Closed, unheld reports of the group closed before the date whose media are not yet deleted. */
  dueForMediaDeletion(group: string, closedBefore: string, limit: number): Promise<string[]>;
  /** Removes contact details and free text of these reports, their updates and surveys. */
  anonymise(reports: readonly AnonymisedReport[], now: Date): Promise<void>;
  /** Deletes the media rows of these reports and marks them done; returns the rows' file names. */
  deleteMediaRows(reportIds: readonly string[], now: Date): Promise<string[]>;
  /** Clears what centres recorded (their reference, what not to share) on long-closed reports. */
  clearCentreFilings(closedBefore: string, limit: number): Promise<number>;
  /** Deletes audit entries (access and centre) written before the date; at most `limit` of each. */
  purgeAudit(before: string, limit: number): Promise<number>;
  /** Writes lookup keys for up to `limit` rows that have contact details but no keys. */
  backfillKeys(limit: number): Promise<number>;
  /** Takes (or renews) the named lease until `until`; false when another holder has it. */
  takeLease(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(name: string, holder: string, now: Date): Promise<void>;
}

let sequence = 0;
/** Time-ordered ids (as centre audit ids), so entries of one millisecond keep their order. */
export function newAccessId(): string {
  sequence = (sequence + 1) % 0x1_0000_0000;
  const random = Math.floor(Math.random() * 0x1_0000_0000);
  return [
    Date.now().toString(16).padStart(12, '0'),
    sequence.toString(16).padStart(8, '0'),
    random.toString(16).padStart(8, '0'),
  ].join('');
}

export function privacyRepository(db: Kysely<Database>): PrivacyRepository {
  const due =
    (column: 'anonymised_at' | 'media_deleted_at') =>
    async (group: string, closedBefore: string, limit: number) => {
      const rows = await db
        .selectFrom('reports')
        .select('id')
        .where('service_group', '=', group)
        .where('closed_at', 'is not', null)
        .where('closed_at', '<', closedBefore)
        .where(column, 'is', null)
        .where('legal_hold', '=', 0)
        .where('status', 'in', CLOSED_STATUSES)
        .orderBy('closed_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    };

  return {
    async audit(entries) {
      for (let i = 0; i < entries.length; i += 200) {
        await db
          .insertInto('access_audit')
          .values(entries.slice(i, i + 200).map((e) => ({ ...e, id: newAccessId() })))
          .execute();
      }
    },
    async listAudit(filter) {
      let q = db
        .selectFrom('access_audit as a')
        .leftJoin('staff as s', (j) =>
          j.onRef('s.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'staff'),
        )
        .selectAll('a')
        .select('s.email as staff_email');
      if (filter.reportId) q = q.where('a.report_id', '=', filter.reportId);
      if (filter.actorId) q = q.where('a.actor_id', '=', filter.actorId);
      const before = filter.before;
      if (before) {
        q = q.where((eb) =>
          eb.or([
            eb('a.at', '<', before.at),
            eb.and([eb('a.at', '=', before.at), eb('a.id', '<', before.id)]),
          ]),
        );
      }
      if (filter.from) q = q.where('a.at', '>=', filter.from);
      if (filter.to) q = q.where('a.at', '<', filter.to);
      const rows = await q
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(({ staff_email, ...r }) => ({
        ...r,
        at: isoFromDb(r.at),
        actor_kind: r.actor_kind as AccessActorKind,
        action: r.action as AccessAction,
        actor_name: staff_email ?? r.actor_id,
      }));
    },
    async legalHold(reportId) {
      const row = await db
        .selectFrom('reports')
        .select('legal_hold')
        .where('id', '=', reportId)
        .executeTakeFirst();
      return row ? Number(row.legal_hold) === 1 : null;
    },
    async setLegalHold(reportId, hold) {
      const r = await db
        .updateTable('reports')
        .set({ legal_hold: hold ? 1 : 0 })
        .where('id', '=', reportId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    dueForAnonymising: due('anonymised_at'),
    dueForMediaDeletion: due('media_deleted_at'),
    async anonymise(reports, now) {
      if (reports.length === 0) return;
      const ids = reports.map((r) => r.id);
      await db.transaction().execute(async (trx) => {
        for (const r of reports) {
          await trx
            .updateTable('reports')
            .set({
              description: '',
              attributes: JSON.stringify(r.attributes),
              email: null,
              phone: null,
              first_name: null,
              last_name: null,
              device_id: null,
              email_key: null,
              phone_key: null,
              address_string: null,
              address_id: null,
              status_notes: null,
              // Two decimal places of a degree (about a kilometre): the area, not the door.
              lat: sql<number>`round(lat * 100) / 100`,
              long: sql<number>`round(long * 100) / 100`,
              anonymised_at: now.toISOString(),
            })
            .where('id', '=', r.id)
            .where('legal_hold', '=', 0)
            .execute();
        }
        await trx
          .updateTable('report_updates')
          .set({ description: '', media_url: null })
          .where('report_id', 'in', ids)
          .execute();
        await trx
          .updateTable('surveys')
          .set({ comment: '' })
          .where('report_id', 'in', ids)
          .execute();
      });
    },
    async deleteMediaRows(reportIds, now) {
      if (reportIds.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .deleteFrom('media')
          .where('report_id', 'in', reportIds)
          .returning('file_name')
          .execute();
        await trx
          .updateTable('reports')
          .set({ media_deleted_at: now.toISOString() })
          .where('id', 'in', reportIds)
          .execute();
        return rows.map((r) => r.file_name);
      });
    },
    async clearCentreFilings(closedBefore, limit) {
      const t = db.withTables<{
        centre_reports: { report_id: string; not_to_share: string; centre_reference: string };
      }>();
      const ids = await t
        .selectFrom('centre_reports as f')
        .innerJoin('reports as r', 'r.id', 'f.report_id')
        .select('f.report_id')
        .where('r.closed_at', '<', closedBefore)
        .where('r.legal_hold', '=', 0)
        .where((eb) => eb.or([eb('f.not_to_share', '!=', ''), eb('f.centre_reference', '!=', '')]))
        .limit(limit)
        .execute();
      if (ids.length === 0) return 0;
      await t
        .updateTable('centre_reports')
        .set({ not_to_share: '', centre_reference: '' })
        .where(
          'report_id',
          'in',
          ids.map((r) => r.report_id),
        )
        .execute();
      return ids.length;
    },
    async purgeAudit(before, limit) {
      const t = db.withTables<{ centre_audit: { id: string; at: string } }>();
      let n = 0;
      for (const table of ['access_audit', 'centre_audit'] as const) {
        const ids = await t
          .selectFrom(table)
          .select('id')
          .where('at', '<', before)
          .limit(limit)
          .execute();
        if (ids.length === 0) continue;
        await t
          .deleteFrom(table)
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .execute();
        n += ids.length;
      }
      return n;
    },
    async backfillKeys(limit) {
      let n = 0;
      for (const table of ['reports', 'case_reviews'] as const) {
        const rows = await db
          .selectFrom(table)
          .select(['id', 'email', 'phone'])
          .where('email_key', 'is', null)
          .where('phone_key', 'is', null)
          .where((eb) => eb.or([eb('email', 'is not', null), eb('phone', 'is not', null)]))
          .limit(limit)
          .execute();
        for (const r of rows) {
          await db
            .updateTable(table)
            .set({ email_key: emailKey(r.email), phone_key: phoneKey(r.phone) })
            .where('id', '=', r.id)
            .execute();
        }
        n += rows.length;
      }
      return n;
    },
    async takeLease(name, holder, now, until) {
      const key = `lease:${name}`;
      const inserted = await db
        .insertInto('app_meta')
        .values({ key, value: holder, updated_at: until.toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
      const taken = await db
        .updateTable('app_meta')
        .set({ value: holder, updated_at: until.toISOString() })
        .where('key', '=', key)
        .where((eb) => eb.or([eb('updated_at', '<', now.toISOString()), eb('value', '=', holder)]))
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1;
    },
    async releaseLease(name, holder, now) {
      await db
        .updateTable('app_meta')
        .set({ updated_at: now.toISOString() })
        .where('key', '=', `lease:${name}`)
        .where('value', '=', holder)
        .execute();
    },
  };
}
