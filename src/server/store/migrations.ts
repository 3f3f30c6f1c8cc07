/**
 * Plain numbered SQL migrations, one folder per dialect (`migrations/sqlite/001_name.sql`, ...),
 * applied in order at start-up and recorded in `schema_migrations`. Each dialect's runner applies
 * them in one transaction under a lock, so several instances starting together migrate once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dialect } from './store';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The dialect's migrations in order; throws on a misnamed file or a repeated number. */
export function readMigrations(dialect: Dialect): Migration[] {
  const dir = fileURLToPath(new URL(`./migrations/${dialect}/`, import.meta.url));
  const migrations = readdirSync(dir)
    .sort()
    .map((file) => {
      const match = FILE.exec(file);
      if (!match) throw new Error(`migration file "${file}" must be named like 001_name.sql`);
      return { id: Number(match[1]), name: match[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') };
    });
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.id === m.id) {
      throw new Error(`two ${dialect} migrations are numbered ${m.id}`);
    }
  });
  return migrations;
}
