/**
 * Staff accounts, their sessions, integration API keys and failed sign-in counters, over the
 * shared Kysely layer (SQLite and PostgreSQL), so every API instance sees the same state.
 *
 * Notes
 * - Only hashes are stored: argon2id for passwords, sha256 for session tokens and API keys (both
 *   are 256 random bits, so a fast hash is enough and lets the key itself be looked up).
 * - Failed sign-ins are counted per bucket ("account:<email>", "ip:<address>") in a fixed window
 *   with one upsert, so concurrent failures on several instances all count.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isoFromDb } from '../store/rows';
import type { ApiKeysTable, Database, StaffTable } from '../store/schema';

/** What a staff member may do: case officers work reports; admins also audit and rights work. */
export type StaffRole = 'case_officer' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['case_officer', 'admin'];

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  role: StaffRole;
}

export interface StaffSession {
  token_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  key_hash: string;
  scopes: string[];
  created_at: string;
  disabled_at: string | null;
  last_used_at: string | null;
}

export interface StaffRepository {
  /** false when the email is already taken. */
  create(member: StaffMember): Promise<boolean>;
  findByEmail(email: string): Promise<StaffMember | null>;
  findById(id: string): Promise<StaffMember | null>;
  list(): Promise<StaffMember[]>;
  /** Disables the account and ends its sessions; false when there is no such account. */
  disable(email: string, at: Date): Promise<boolean>;
  /** Sets a new password and ends the account's sessions; false when there is no such account. */
  setPassword(email: string, passwordHash: string): Promise<boolean>;
  /** Gives the account a role and ends its sessions; false when there is no such account. */
  setRole(email: string, role: StaffRole): Promise<boolean>;
}

export interface SessionsRepository {
  create(session: StaffSession): Promise<void>;
  /** A live session (not expired) of an enabled account, with its staff member. */
  find(tokenHash: string, now: Date): Promise<{ session: StaffSession; staff: StaffMember } | null>;
  touch(tokenHash: string, lastSeen: Date, expires: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface ApiKeysRepository {
  create(key: ApiKey): Promise<void>;
  /** An enabled key by the hash of its secret. */
  findByHash(keyHash: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  disable(id: string, at: Date): Promise<boolean>;
  markUsed(id: string, at: Date): Promise<void>;
}

export interface AttemptCount {
  failures: number;
  windowStart: string;
  lastFailureAt: string;
}

export interface SignInAttemptsRepository {
  /**
   * Counts an attempt in the bucket's window (a new window when the old one ended) and returns
   * the count with it, in one statement: parallel attempts each see their own number.
   */
  recordAttempt(bucket: string, now: Date, windowMs: number): Promise<AttemptCount>;
  /** Takes one attempt back (a sign-in that succeeded), never below zero. */
  forgive(bucket: string): Promise<void>;
  clear(bucket: string): Promise<void>;
}

function staffFromRow(row: StaffTable): StaffMember {
  return {
    ...row,
    role: row.role === 'admin' ? 'admin' : 'case_officer',
    created_at: isoFromDb(row.created_at),
    disabled_at: row.disabled_at === null ? null : isoFromDb(row.disabled_at),
  };
}

function keyFromRow(row: ApiKeysTable): ApiKey {
  return {
    ...row,
    scopes: row.scopes.split(' ').filter(Boolean),
    created_at: isoFromDb(row.created_at),
    disabled_at: row.disabled_at === null ? null : isoFromDb(row.disabled_at),
    last_used_at: row.last_used_at === null ? null : isoFromDb(row.last_used_at),
  };
}

export function staffRepository(db: Kysely<Database>): StaffRepository {
  /** Runs `change` on the account and ends its sessions, in one transaction; false if none. */
  const changeEndingSessions = (
    email: string,
    change: (trx: Transaction<Database>, id: string) => Promise<unknown>,
  ) =>
    db.transaction().execute(async (trx) => {
      const member = await trx
        .selectFrom('staff')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (!member) return false;
      await change(trx, member.id);
      await trx.deleteFrom('staff_sessions').where('staff_id', '=', member.id).execute();
      return true;
    });

  return {
    async create(member) {
      const result = await db
        .insertInto('staff')
        .values(member)
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async findByEmail(email) {
      const row = await db
        .selectFrom('staff')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row ? staffFromRow(row) : null;
    },
    async findById(id) {
      const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? staffFromRow(row) : null;
    },
    async list() {
      const rows = await db.selectFrom('staff').selectAll().orderBy('email').execute();
      return rows.map(staffFromRow);
    },
    disable: (email, at) =>
      changeEndingSessions(email, (trx, id) =>
        trx
          .updateTable('staff')
          .set({ disabled_at: at.toISOString() })
          .where('id', '=', id)
          .where('disabled_at', 'is', null)
          .execute(),
      ),
    // A reset is often because a device or a password was lost: no session outlives it.
    setPassword: (email, passwordHash) =>
      changeEndingSessions(email, (trx, id) =>
        trx
          .updateTable('staff')
          .set({ password_hash: passwordHash })
          .where('id', '=', id)
          .execute(),
      ),
    setRole: (email, role) =>
      changeEndingSessions(email, (trx, id) =>
        trx.updateTable('staff').set({ role }).where('id', '=', id).execute(),
      ),
  };
}

export function sessionsRepository(db: Kysely<Database>): SessionsRepository {
  return {
    async create(session) {
      await db.insertInto('staff_sessions').values(session).execute();
    },
    async find(tokenHash, now) {
      const row = await db
        .selectFrom('staff_sessions as s')
        .innerJoin('staff as m', 'm.id', 's.staff_id')
        .select([
          's.token_hash',
          's.staff_id',
          's.created_at as session_created_at',
          's.last_seen_at',
          's.expires_at',
          'm.id',
          'm.email',
          'm.name',
          'm.password_hash',
          'm.created_at',
          'm.disabled_at',
          'm.role',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now.toISOString())
        .where('m.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: {
          token_hash: row.token_hash,
          staff_id: row.staff_id,
          created_at: isoFromDb(row.session_created_at),
          last_seen_at: isoFromDb(row.last_seen_at),
          expires_at: isoFromDb(row.expires_at),
        },
        staff: staffFromRow(row),
      };
    },
    async touch(tokenHash, lastSeen, expires) {
      await db
        .updateTable('staff_sessions')
        .set({ last_seen_at: lastSeen.toISOString(), expires_at: expires.toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async delete(tokenHash) {
      await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async purgeExpired(now) {
      const result = await db
        .deleteFrom('staff_sessions')
        .where('expires_at', '<=', now.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export function apiKeysRepository(db: Kysely<Database>): ApiKeysRepository {
  return {
    async create(key) {
      await db
        .insertInto('api_keys')
        .values({ ...key, scopes: key.scopes.join(' ') })
        .execute();
    },
    async findByHash(keyHash) {
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', keyHash)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return row ? keyFromRow(row) : null;
    },
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
      return rows.map(keyFromRow);
    },
    async disable(id, at) {
      const result = await db
        .updateTable('api_keys')
        .set({ disabled_at: at.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async markUsed(id, at) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: at.toISOString() })
        .where('id', '=', id)
        .execute();
    },
  };
}

function countFromRow(row: {
  failures: number;
  window_start: string;
  last_failure_at: string;
}): AttemptCount {
  return {
    failures: Number(row.failures),
    windowStart: isoFromDb(row.window_start),
    lastFailureAt: isoFromDb(row.last_failure_at),
  };
}

export function signInAttemptsRepository(db: Kysely<Database>): SignInAttemptsRepository {
  return {
    async recordAttempt(bucket, now, windowMs) {
      const at = now.toISOString();
      const cutoff = new Date(now.getTime() - windowMs).toISOString();
      const expired = sql<boolean>`sign_in_attempts.window_start <= ${cutoff}`;
      const row = await db
        .insertInto('sign_in_attempts')
        .values({ bucket, failures: 1, window_start: at, last_failure_at: at })
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet({
            failures: sql<number>`CASE WHEN ${expired} THEN 1 ELSE sign_in_attempts.failures + 1 END`,
            window_start: sql<string>`CASE WHEN ${expired} THEN ${at} ELSE sign_in_attempts.window_start END`,
            last_failure_at: at,
          }),
        )
        .returning(['failures', 'window_start', 'last_failure_at'])
        .executeTakeFirstOrThrow();
      return countFromRow(row);
    },
    async forgive(bucket) {
      await db
        .updateTable('sign_in_attempts')
        .set({ failures: sql<number>`failures - 1` })
        .where('bucket', '=', bucket)
        .where('failures', '>', 0)
        .execute();
    },
    async clear(bucket) {
      await db.deleteFrom('sign_in_attempts').where('bucket', '=', bucket).execute();
    },
  };
}
