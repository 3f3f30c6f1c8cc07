/**
 * The production store: PostgreSQL through a pg pool, shared by several API instances.
 *
 * Notes
 * - `searchPath` (a schema name) is set through the pool's connection options, so every pooled
 *   connection sees the same tables; tests use it to give each file its own schema.
 * - Migrations run in one transaction holding an advisory lock keyed by the schema, so instances
 *   starting together apply each migration once.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { kyselyStore } from './kysely-store';
import { MIGRATIONS_TABLE_SQL, readMigrations } from './migrations';
import type { Database } from './schema';
import type { Store } from './store';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use instead of the default search path. */
  searchPath?: string;
  maxConnections?: number;
}

export function postgresPool(options: PostgresOptions): pg.Pool {
  if (options.searchPath !== undefined && !SCHEMA_NAME.test(options.searchPath)) {
    throw new Error(`"${options.searchPath}" is not a plain schema name`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // A database that does not answer fails a request in seconds rather than holding it.
    connectionTimeoutMillis: 5000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A connection the database drops (a restart, a failover), idle or in use, is an event, not a
  // crash: its query fails (a 500 for that request) and the pool opens a new one on next use.
  const lost = (error: Error) => console.error('PostgreSQL connection lost:', error.message);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

/** Applies the pending migrations; returns the names applied now. */
export async function migratePostgres(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query(
      "SELECT pg_advisory_xact_lock(hashtext('schema_migrations:' || coalesce(current_schema(), '')))",
    );
    await client.query(MIGRATIONS_TABLE_SQL);
    const done = new Set(
      (await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map(
        (r) => r.id,
      ),
    );
    for (const m of readMigrations('postgres')) {
      if (done.has(m.id)) continue;
      await client.query(m.sql);
      await client.query(
        'INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)',
        [m.id, m.name, new Date().toISOString()],
      );
      applied.push(m.name);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Connects, migrates and returns the store; throws when the database cannot be reached. */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const pool = postgresPool(options);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return kyselyStore(db, 'postgres', async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
  });
}
