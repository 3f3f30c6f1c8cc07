/** Chooses the store from the settings: PostgreSQL when DATABASE_URL says so, else SQLite. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

export type StoreSettings =
  { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; searchPath?: string };

export const SQLITE_FILE = 'reports.sqlite';

export async function openStore(settings: StoreSettings): Promise<Store> {
  if (settings.kind === 'postgres') {
    return openPostgresStore({ connectionString: settings.url, searchPath: settings.searchPath });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return openSqliteStore(join(settings.dataDir, SQLITE_FILE));
}
