/**
 * The embedded store: one SQLite file (better-sqlite3) under DATA_DIR.
 *
 * Notes
 * - WAL journal with synchronous=NORMAL: a committed report survives a process crash, and readers
 *   never wait for the writer. busy_timeout covers a second process on the same file.
 * - better-sqlite3 is synchronous and Kysely serialises its one connection, so transactions never
 *   interleave inside this process.
 * - Kysely prepares every query afresh; preparing costs about as much as running a small insert, so
 *   prepared statements are kept by SQL text (a bounded cache; the store never streams results,
 *   so a statement is never in use twice at once).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { kyselyStore } from './kysely-store';
import { MIGRATIONS_TABLE_SQL, readMigrations } from './migrations';
import type { Database } from './schema';
import type { Store } from './store';

const STATEMENT_CACHE_SIZE = 100;

function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Applies the pending migrations; returns the names applied now. */
export function migrateSqlite(db: BetterSqlite3.Database): string[] {
  db.exec(MIGRATIONS_TABLE_SQL);
  const applied: string[] = [];
  const run = db.transaction(() => {
    const done = new Set(
      (db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: number }>).map(
        (r) => r.id,
      ),
    );
    const record = db.prepare(
      'INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of readMigrations('sqlite')) {
      if (done.has(m.id)) continue;
      db.exec(m.sql);
      record.run(m.id, m.name, new Date().toISOString());
      applied.push(m.name);
    }
  });
  run.immediate();
  return applied;
}

/** Opens (creating if needed) and migrates the SQLite file. */
export function openSqliteStore(file: string): Store {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  try {
    migrateSqlite(raw);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
  });
  let closed = false;
  return kyselyStore(db, 'sqlite', async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
    // Kysely only closes a database it has used; make sure the file is released either way.
    if (raw.open) raw.close();
  });
}
