/**
 * Reporting centres, their users and sessions, what each centre recorded with the reports it
 * filed, and the audit log of reads and writes of those reports (migration 011), over the shared
 * Kysely layer so every API instance sees the same state.
 *
 * Notes
 * - The tables are added to Kysely's view with `withTables`, so the store's core schema stays as
 *   it is; only this module reads or writes them.
 * - A session row keeps the idle limit it was made with: every instance expires it alike, and a
 *   change of setting applies to new sign-ins.
 * - `insertFiling` takes the report's own transaction (CreateReportOptions.afterInsert), so a
 *   centre report never exists without the record of who filed it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CentreContact } from '../../shared/centre-report';
import { isoFromDb } from '../store/rows';
import type { Database } from '../store/schema';

export type CentresTable = {
  id: string;
  code: string;
  name: string;
  created_at: string;
  disabled_at: string | null;
};

export type CentreUsersTable = {
  id: string;
  centre_id: string;
  email: string;
  name: string;
  password_hash: string;
  seal_secret: string;
  created_at: string;
  disabled_at: string | null;
};

export type CentreSessionsTable = {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  idle_seconds: number;
};

export type CentreReportsTable = {
  report_id: string;
  centre_id: string;
  filed_by: string;
  filed_at: string;
  consent_to_report: string;
  police_consent: string;
  contact: string;
  not_to_share: string;
  centre_reference: string;
  victim_support: string;
  updated_at: string;
};

export type CentreAuditTable = {
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_centre_id: string | null;
  report_id: string;
  action: string;
};

export type CentreTables = {
  centres: CentresTable;
  centre_users: CentreUsersTable;
  centre_sessions: CentreSessionsTable;
  centre_reports: CentreReportsTable;
  centre_audit: CentreAuditTable;
};

export type CentresDb = Kysely<Database & CentreTables>;

export interface Centre {
  id: string;
  code: string;
  name: string;
  created_at: string;
  disabled_at: string | null;
}

export interface CentreUser {
  id: string;
  centre_id: string;
  email: string;
  name: string;
  password_hash: string;
  /** base64url random bytes; the app derives the key that seals queued reports from it. */
  seal_secret: string;
  created_at: string;
  disabled_at: string | null;
}

export interface CentreSession {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  idle_seconds: number;
}

/** What the centre recorded with a report it filed. */
export interface CentreFiling {
  report_id: string;
  centre_id: string;
  filed_by: string;
  filed_at: string;
  consent_to_report: 'yes';
  police_consent: 'yes' | 'no';
  contact: CentreContact;
  not_to_share: string;
  centre_reference: string;
  victim_support: 'yes' | 'no';
  updated_at: string;
}

/** A filing with the names staff and the centre see. */
export interface CentreFilingView extends CentreFiling {
  centre_code: string;
  centre_name: string;
  filed_by_name: string;
}

export type AuditActorKind = 'staff' | 'centre_user' | 'integration';
export type AuditAction =
  | 'file'
  | 'read'
  | 'list'
  | 'update'
  | 'read_updates'
  | 'post_update'
  /** A photo or recording of the report fetched (GET /api/media/:id). */
  | 'read_media';

export interface AuditEntry {
  id: string;
  at: string;
  actor_kind: AuditActorKind;
  actor_id: string;
  actor_centre_id: string | null;
  report_id: string;
  action: AuditAction;
}

export type FilingChanges = Partial<
  Pick<
    CentreFiling,
    'police_consent' | 'contact' | 'not_to_share' | 'centre_reference' | 'victim_support'
  >
>;

export interface CentresRepository {
  /** false when the code is taken. */
  createCentre(centre: Centre): Promise<boolean>;
  findCentreByCode(code: string): Promise<Centre | null>;
  findCentreById(id: string): Promise<Centre | null>;
  listCentres(): Promise<Array<Centre & { users: number }>>;
  /** false when the email is taken. */
  createUser(user: CentreUser): Promise<boolean>;
  findUserByEmail(email: string): Promise<CentreUser | null>;
  listUsers(centreId: string): Promise<CentreUser[]>;
  /** Disables the user and ends their sessions; false when there is no such user. */
  disableUser(email: string, at: Date): Promise<boolean>;
  /** Sets a new password and ends the user's sessions; false when there is no such user. */
  setUserPassword(email: string, passwordHash: string): Promise<boolean>;

  createSession(session: CentreSession): Promise<void>;
  /** A live session of an enabled user of an enabled centre, with both. */
  findSession(
    tokenHash: string,
    now: Date,
  ): Promise<{ session: CentreSession; user: CentreUser; centre: Centre } | null>;
  touchSession(tokenHash: string, lastSeen: Date, expires: Date): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  purgeExpiredSessions(now: Date): Promise<number>;

  /** Inserts the filing and its "file" audit entry in the given transaction (the report's own). */
  insertFiling(trx: Kysely<Database>, filing: CentreFiling): Promise<void>;
  findFiling(reportId: string): Promise<CentreFilingView | null>;
  /** The filings of these reports that exist (others are residents' reports). */
  filingsFor(reportIds: readonly string[]): Promise<Map<string, CentreFilingView>>;
  /** The centre's filings, newest first. */
  listFilings(centreId: string, limit: number, offset: number): Promise<CentreFilingView[]>;
  countFilings(centreId: string): Promise<number>;
  /**
   * Changes what the centre recorded; with `clearVictimContact` also removes the victim's email
   * address and phone number from the report, in the same transaction.
   */
  updateFiling(
    reportId: string,
    changes: FilingChanges,
    at: Date,
    opts?: { clearVictimContact?: boolean },
  ): Promise<CentreFilingView | null>;

  audit(entries: readonly Omit<AuditEntry, 'id'>[]): Promise<void>;
  auditFor(reportId: string): Promise<AuditEntry[]>;
  /** Audit entries, newest first, with who the actor is in words (for `npm run admin`). */
  listAudit(filter: AuditFilter): Promise<AuditLine[]>;
}

export interface AuditFilter {
  reportId?: string;
  /** Reports filed by this centre (its id). */
  centreId?: string;
  /** ISO instants: from (inclusive) and to (exclusive). */
  from?: string;
  to?: string;
  limit: number;
}

export interface AuditLine extends AuditEntry {
  /** The staff member's or centre user's email, or the API key's name (null if since deleted). */
  actor_name: string | null;
  /** The code of the centre the actor belongs to (centre users). */
  actor_centre_code: string | null;
  /** The code of the centre that filed the report. */
  filing_centre_code: string | null;
}

const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : isoFromDb(v));

function centreFromRow(row: CentresTable): Centre {
  return { ...row, created_at: isoFromDb(row.created_at), disabled_at: isoOrNull(row.disabled_at) };
}

function userFromRow(row: CentreUsersTable): CentreUser {
  return { ...row, created_at: isoFromDb(row.created_at), disabled_at: isoOrNull(row.disabled_at) };
}

const oneOf = <T extends string>(allowed: readonly T[], v: string, fallback: T): T =>
  (allowed as readonly string[]).includes(v) ? (v as T) : fallback;

function filingFromRow(
  row: CentreReportsTable & { centre_code: string; centre_name: string; filed_by_name: string },
): CentreFilingView {
  return {
    report_id: row.report_id,
    centre_id: row.centre_id,
    filed_by: row.filed_by,
    filed_at: isoFromDb(row.filed_at),
    consent_to_report: 'yes',
    // Read back defensively: an unexpected value becomes the most careful one.
    police_consent: oneOf(['yes', 'no'], row.police_consent, 'no'),
    contact: oneOf(['none', 'centre', 'direct'], row.contact, 'none'),
    not_to_share: row.not_to_share,
    centre_reference: row.centre_reference,
    victim_support: oneOf(['yes', 'no'], row.victim_support, 'no'),
    updated_at: isoFromDb(row.updated_at),
    centre_code: row.centre_code,
    centre_name: row.centre_name,
    filed_by_name: row.filed_by_name,
  };
}

let auditSequence = 0;
/**
 * An audit entry's id: the time in ms, then a counter, then randomness, as fixed-width hex, so
 * ordering by (at, id) is the order this process wrote them in, even within one millisecond
 * (entries of one request share a time); another instance's entries in the same millisecond fall
 * in by their random part.
 */
function newAuditId(): string {
  auditSequence = (auditSequence + 1) % 0x1_0000_0000;
  return [
    Date.now().toString(16).padStart(12, '0'),
    auditSequence.toString(16).padStart(8, '0'),
    randomBytes(8).toString('hex'),
  ].join('-');
}

function auditFromRow(row: CentreAuditTable): AuditEntry {
  return {
    ...row,
    at: isoFromDb(row.at),
    actor_kind: row.actor_kind as AuditActorKind,
    action: row.action as AuditAction,
  };
}

export function centresRepository(base: Kysely<Database>): CentresRepository {
  const db: CentresDb = base.withTables<CentreTables>();
  const filings = () =>
    db
      .selectFrom('centre_reports as f')
      .innerJoin('centres as c', 'c.id', 'f.centre_id')
      .innerJoin('centre_users as u', 'u.id', 'f.filed_by')
      .selectAll('f')
      .select(['c.code as centre_code', 'c.name as centre_name', 'u.name as filed_by_name']);

  /** Runs `change` on the user and ends their sessions, in one transaction; false if none. */
  const changeUserEndingSessions = (
    email: string,
    change: (trx: Transaction<Database & CentreTables>, id: string) => Promise<unknown>,
  ) =>
    db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('centre_users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (!user) return false;
      await change(trx, user.id);
      await trx.deleteFrom('centre_sessions').where('user_id', '=', user.id).execute();
      return true;
    });

  return {
    async createCentre(centre) {
      const r = await db
        .insertInto('centres')
        .values(centre)
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async findCentreByCode(code) {
      const row = await db
        .selectFrom('centres')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? centreFromRow(row) : null;
    },
    async findCentreById(id) {
      const row = await db
        .selectFrom('centres')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? centreFromRow(row) : null;
    },
    async listCentres() {
      const rows = await db
        .selectFrom('centres as c')
        .leftJoin('centre_users as u', 'u.centre_id', 'c.id')
        .selectAll('c')
        .select((eb) => eb.fn.count('u.id').as('users'))
        .groupBy(['c.id', 'c.code', 'c.name', 'c.created_at', 'c.disabled_at'])
        .orderBy('c.code')
        .execute();
      return rows.map((r) => ({ ...centreFromRow(r), users: Number(r.users) }));
    },
    async createUser(user) {
      const r = await db
        .insertInto('centre_users')
        .values(user)
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async findUserByEmail(email) {
      const row = await db
        .selectFrom('centre_users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row ? userFromRow(row) : null;
    },
    async listUsers(centreId) {
      const rows = await db
        .selectFrom('centre_users')
        .selectAll()
        .where('centre_id', '=', centreId)
        .orderBy('email')
        .execute();
      return rows.map(userFromRow);
    },
    disableUser: (email, at) =>
      changeUserEndingSessions(email, (trx, id) =>
        trx
          .updateTable('centre_users')
          .set({ disabled_at: at.toISOString() })
          .where('id', '=', id)
          .where('disabled_at', 'is', null)
          .execute(),
      ),
    // A reset is often because a tablet or a password was lost: no session outlives it.
    setUserPassword: (email, passwordHash) =>
      changeUserEndingSessions(email, (trx, id) =>
        trx
          .updateTable('centre_users')
          .set({ password_hash: passwordHash })
          .where('id', '=', id)
          .execute(),
      ),

    async createSession(session) {
      await db.insertInto('centre_sessions').values(session).execute();
    },
    async findSession(tokenHash, now) {
      const row = await db
        .selectFrom('centre_sessions as s')
        .innerJoin('centre_users as u', 'u.id', 's.user_id')
        .innerJoin('centres as c', 'c.id', 'u.centre_id')
        .select([
          's.token_hash',
          's.user_id',
          's.created_at as s_created_at',
          's.last_seen_at',
          's.expires_at',
          's.idle_seconds',
          'u.id as u_id',
          'u.centre_id',
          'u.email',
          'u.name as u_name',
          'u.password_hash',
          'u.seal_secret',
          'u.created_at as u_created_at',
          'c.code',
          'c.name as c_name',
          'c.created_at as c_created_at',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now.toISOString())
        .where('u.disabled_at', 'is', null)
        .where('c.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: {
          token_hash: row.token_hash,
          user_id: row.user_id,
          created_at: isoFromDb(row.s_created_at),
          last_seen_at: isoFromDb(row.last_seen_at),
          expires_at: isoFromDb(row.expires_at),
          idle_seconds: Number(row.idle_seconds),
        },
        user: {
          id: row.u_id,
          centre_id: row.centre_id,
          email: row.email,
          name: row.u_name,
          password_hash: row.password_hash,
          seal_secret: row.seal_secret,
          created_at: isoFromDb(row.u_created_at),
          disabled_at: null,
        },
        centre: {
          id: row.centre_id,
          code: row.code,
          name: row.c_name,
          created_at: isoFromDb(row.c_created_at),
          disabled_at: null,
        },
      };
    },
    async touchSession(tokenHash, lastSeen, expires) {
      await db
        .updateTable('centre_sessions')
        .set({ last_seen_at: lastSeen.toISOString(), expires_at: expires.toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('centre_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async purgeExpiredSessions(now) {
      const r = await db
        .deleteFrom('centre_sessions')
        .where('expires_at', '<=', now.toISOString())
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async insertFiling(trx, filing) {
      const t = trx.withTables<CentreTables>();
      await t.insertInto('centre_reports').values(filing).execute();
      await t
        .insertInto('centre_audit')
        .values({
          id: newAuditId(),
          at: filing.filed_at,
          actor_kind: 'centre_user',
          actor_id: filing.filed_by,
          actor_centre_id: filing.centre_id,
          report_id: filing.report_id,
          action: 'file',
        })
        .execute();
    },
    async findFiling(reportId) {
      const row = await filings().where('f.report_id', '=', reportId).executeTakeFirst();
      return row ? filingFromRow(row) : null;
    },
    async filingsFor(reportIds) {
      const out = new Map<string, CentreFilingView>();
      if (reportIds.length === 0) return out;
      for (let i = 0; i < reportIds.length; i += 500) {
        const rows = await filings()
          .where('f.report_id', 'in', reportIds.slice(i, i + 500))
          .execute();
        for (const row of rows) out.set(row.report_id, filingFromRow(row));
      }
      return out;
    },
    async listFilings(centreId, limit, offset) {
      const rows = await filings()
        .where('f.centre_id', '=', centreId)
        .orderBy('f.filed_at', 'desc')
        .orderBy('f.report_id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(filingFromRow);
    },
    async countFilings(centreId) {
      const row = await db
        .selectFrom('centre_reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('centre_id', '=', centreId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async updateFiling(reportId, changes, at, opts = {}) {
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('centre_reports')
          .set({ ...set, updated_at: at.toISOString() })
          .where('report_id', '=', reportId)
          .execute();
        if (opts.clearVictimContact) {
          await trx
            .updateTable('reports')
            .set({ email: null, phone: null })
            .where('id', '=', reportId)
            .execute();
        }
      });
      const row = await filings().where('f.report_id', '=', reportId).executeTakeFirst();
      return row ? filingFromRow(row) : null;
    },

    async audit(entries) {
      if (entries.length === 0) return;
      for (let i = 0; i < entries.length; i += 200) {
        await db
          .insertInto('centre_audit')
          .values(entries.slice(i, i + 200).map((e) => ({ ...e, id: newAuditId() })))
          .execute();
      }
    },
    async listAudit(filter) {
      let q = db
        .selectFrom('centre_audit as a')
        .leftJoin('staff as s', (j) =>
          j.onRef('s.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'staff'),
        )
        .leftJoin('centre_users as cu', (j) =>
          j.onRef('cu.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'centre_user'),
        )
        .leftJoin('api_keys as k', (j) =>
          j.onRef('k.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'integration'),
        )
        .leftJoin('centres as ac', 'ac.id', 'a.actor_centre_id')
        .leftJoin('centre_reports as cr', 'cr.report_id', 'a.report_id')
        .leftJoin('centres as fc', 'fc.id', 'cr.centre_id')
        .selectAll('a')
        .select([
          's.email as staff_email',
          'cu.email as user_email',
          'k.name as key_name',
          'ac.code as actor_centre_code',
          'fc.code as filing_centre_code',
        ]);
      if (filter.reportId) q = q.where('a.report_id', '=', filter.reportId);
      if (filter.centreId) q = q.where('cr.centre_id', '=', filter.centreId);
      if (filter.from) q = q.where('a.at', '>=', filter.from);
      if (filter.to) q = q.where('a.at', '<', filter.to);
      const rows = await q
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(
        ({ staff_email, user_email, key_name, actor_centre_code, filing_centre_code, ...row }) => ({
          ...auditFromRow(row),
          actor_name: staff_email ?? user_email ?? key_name ?? null,
          actor_centre_code: actor_centre_code ?? null,
          filing_centre_code: filing_centre_code ?? null,
        }),
      );
    },
    async auditFor(reportId) {
      const rows = await db
        .selectFrom('centre_audit')
        .selectAll()
        .where('report_id', '=', reportId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(auditFromRow);
    },
  };
}
