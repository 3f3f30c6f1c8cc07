/**
 * Writes the demo history in one transaction, once per database: the marker row in `app_meta`
 * is claimed first (its unique key decides between instances starting together), so a second
 * start, or a second instance, writes nothing.
 */
import type { Kysely } from 'kysely';
import { rowFromReport } from '../store/rows';
import type { Database } from '../store/schema';
import type { NewReport } from '../store/store';
import type { StoredSurvey, StoredUpdate } from '../updates/updates-repository';

export interface DemoHistory {
  reports: Array<NewReport & { id: string }>;
  updates: StoredUpdate[];
  surveys: StoredSurvey[];
}

export interface MetaRepository {
  get(key: string): Promise<string | null>;
  /** Inserts the key unless present; true when this call inserted it. */
  setIfAbsent(key: string, value: string, now: Date): Promise<boolean>;
}

export interface DemoRepository {
  /** Writes the history unless `marker` is already set; true when it wrote it. */
  insertHistoryOnce(marker: string, history: () => DemoHistory, now: Date): Promise<boolean>;
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function metaRepository(db: Kysely<Database>): MetaRepository {
  return {
    async get(key) {
      const row = await db
        .selectFrom('app_meta')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value ?? null;
    },
    async setIfAbsent(key, value, now) {
      const result = await db
        .insertInto('app_meta')
        .values({ key, value, updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}

export function demoRepository(db: Kysely<Database>): DemoRepository {
  return {
    async insertHistoryOnce(marker, history, now) {
      return db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('app_meta')
          .values({ key: marker, value: now.toISOString(), updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        const h = history();
        for (const part of chunks(h.reports)) {
          await trx
            .insertInto('reports')
            .values(part.map(({ id, ...r }) => rowFromReport(id, r)))
            .execute();
        }
        for (const part of chunks(h.updates)) {
          await trx.insertInto('report_updates').values(part).execute();
        }
        for (const part of chunks(h.surveys)) {
          await trx.insertInto('surveys').values(part).execute();
        }
        return true;
      });
    },
  };
}
