/**
 * The per category per day counters the published figures are read from (report-fact.ts names
 * them), and how they are kept: triggers (migration 015) queue every report whose row or survey
 * answer is written, by whatever path; `refresh` takes the queue in batches and, for each report,
 * takes back what it last added (perf_facts) and adds what it adds now. Reading the figures then
 * reads one row per category per day of the published periods, however many reports there are.
 *
 * Notes
 * - Facts depend on the categories' targets, so when the targets differ from those the counters
 *   were kept with, the counters are rebuilt from every report (also how existing reports are
 *   counted the first time).
 * - A report changed while a batch runs is queued again by its trigger and is taken in the next
 *   batch; taking it twice changes nothing. PostgreSQL batches hold an advisory lock, so several
 *   instances keep one set of counters.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { lastOldDay, type DayCounts, type OpenTotals } from '../../shared/performance';
import {
  applyKeys,
  reportFact,
  type Counts,
  type PerformanceRow,
  type ReportFact,
  type ServiceTargets,
} from '../../shared/report-fact';
import { ReportStatus } from '../../shared/statuses';
import { londonDate } from '../../shared/working-days';
import { isoFromDb } from '../store/rows';
import type { Database } from '../store/schema';
import type { Dialect } from '../store/store';

export interface StatsRepository {
  /**
   * Brings the counters up to date with every report changed since the last call, in batches of
   * `batch` reports; returns how many queued changes it took (0: nothing changed).
   */
  refresh(targets: Readonly<Record<string, ServiceTargets>>, batch?: number): Promise<number>;
  /** The counters of every category's days from `fromDay` on, and the open totals on `now`. */
  read(
    fromDay: string,
    now: Date,
  ): Promise<{ days: DayCounts[]; open: Record<string, OpenTotals> }>;
}

/** The app_meta key holding the targets the counters were kept with. */
export const COUNTS_TARGETS_KEY = 'perf-counts-targets';
const DEFAULT_BATCH = 5000;
const CHUNK = 800;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The reports as the statistics need them, by id. */
async function performanceRows(
  trx: Transaction<Database>,
  ids: readonly string[],
): Promise<Map<string, PerformanceRow>> {
  const out = new Map<string, PerformanceRow>();
  for (const part of chunks(ids)) {
    const rows = await trx
      .selectFrom('reports as r')
      .leftJoin('surveys as s', 's.report_id', 'r.id')
      .select([
        'r.id',
        'r.service_code',
        'r.requested_datetime',
        'r.first_response_at',
        'r.closed_at',
        'r.status',
        'r.expected_datetime',
        's.satisfaction',
      ])
      .where('r.id', 'in', part)
      .execute();
    for (const r of rows) {
      const status = ReportStatus.safeParse(r.status);
      out.set(r.id, {
        serviceCode: r.service_code,
        requestedAt: isoFromDb(r.requested_datetime),
        firstResponseAt: r.first_response_at === null ? null : isoFromDb(r.first_response_at),
        closedAt: r.closed_at === null ? null : isoFromDb(r.closed_at),
        status: status.success ? status.data : 'open',
        dueFirstResponseAt: r.expected_datetime === null ? null : isoFromDb(r.expected_datetime),
        satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
      });
    }
  }
  return out;
}

/** Starts the counters again from every report when the targets they were kept with differ. */
async function rebuildIfTargetsChanged(trx: Transaction<Database>, targets: string) {
  const kept = await trx
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', COUNTS_TARGETS_KEY)
    .executeTakeFirst();
  if (kept?.value === targets) return;
  await trx.deleteFrom('perf_days').execute();
  await trx.deleteFrom('perf_facts').execute();
  await trx.deleteFrom('perf_dirty').execute();
  await trx
    .insertInto('perf_dirty')
    .columns(['report_id'])
    .expression((eb) => eb.selectFrom('reports').select('id'))
    .execute();
  await trx
    .insertInto('app_meta')
    .values({ key: COUNTS_TARGETS_KEY, value: targets, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: targets }))
    .execute();
}

async function takeBatch(
  trx: Transaction<Database>,
  targets: Readonly<Record<string, ServiceTargets>>,
  batch: number,
): Promise<number> {
  const dirty = await trx
    .selectFrom('perf_dirty')
    .select(['seq', 'report_id'])
    .orderBy('seq')
    .limit(batch)
    .execute();
  if (dirty.length === 0) return 0;
  const ids = [...new Set(dirty.map((d) => d.report_id))];
  const rows = await performanceRows(trx, ids);
  const kept = new Map<string, ReportFact>();
  for (const part of chunks(ids)) {
    const facts = await trx
      .selectFrom('perf_facts')
      .select(['report_id', 'fact'])
      .where('report_id', 'in', part)
      .execute();
    for (const f of facts) kept.set(f.report_id, JSON.parse(f.fact) as ReportFact);
  }
  const changes: Array<[ReportFact, 1 | -1]> = [];
  const write: Array<{ report_id: string; fact: string }> = [];
  const forget: string[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    const target = row && targets[row.serviceCode];
    const next = row && target ? reportFact(row, target) : null;
    const before = kept.get(id) ?? null;
    const text = next && JSON.stringify(next);
    if (before && text === JSON.stringify(before)) continue;
    if (before) changes.push([before, -1]);
    if (next) {
      changes.push([next, 1]);
      write.push({ report_id: id, fact: text! });
    } else if (before) forget.push(id);
  }
  await applyChanges(trx, changes);
  for (const part of chunks(write)) {
    await trx
      .insertInto('perf_facts')
      .values(part)
      .onConflict((oc) =>
        oc.column('report_id').doUpdateSet((eb) => ({ fact: eb.ref('excluded.fact') })),
      )
      .execute();
  }
  for (const part of chunks(forget)) {
    await trx.deleteFrom('perf_facts').where('report_id', 'in', part).execute();
  }
  for (const part of chunks(dirty.map((d) => d.seq))) {
    await trx.deleteFrom('perf_dirty').where('seq', 'in', part).execute();
  }
  return dirty.length;
}

/** Adds and takes back facts on the days they belong to, one read and one write per day. */
async function applyChanges(trx: Transaction<Database>, changes: Array<[ReportFact, 1 | -1]>) {
  const days = new Map<string, DayCounts>();
  const key = (serviceCode: string, day: string) => `${serviceCode}\u0000${day}`;
  for (const [f] of changes) {
    days.set(key(f.serviceCode, f.day), { serviceCode: f.serviceCode, day: f.day, counts: {} });
  }
  const byService = new Map<string, string[]>();
  for (const d of days.values()) {
    if (!byService.has(d.serviceCode)) byService.set(d.serviceCode, []);
    byService.get(d.serviceCode)!.push(d.day);
  }
  for (const [serviceCode, list] of byService) {
    for (const part of chunks(list)) {
      const stored = await trx
        .selectFrom('perf_days')
        .select(['day', 'counts'])
        .where('service_code', '=', serviceCode)
        .where('day', 'in', part)
        .execute();
      for (const s of stored) {
        days.get(key(serviceCode, s.day))!.counts = JSON.parse(s.counts) as Counts;
      }
    }
  }
  for (const [f, sign] of changes)
    applyKeys(days.get(key(f.serviceCode, f.day))!.counts, f.keys, sign);
  const all = [...days.values()];
  const empty = all.filter((d) => Object.keys(d.counts).length === 0);
  const full = all.filter((d) => Object.keys(d.counts).length > 0);
  for (const part of chunks(full)) {
    await trx
      .insertInto('perf_days')
      .values(
        part.map((d) => ({
          service_code: d.serviceCode,
          day: d.day,
          open_n: d.counts.o ?? 0,
          counts: JSON.stringify(d.counts),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['service_code', 'day']).doUpdateSet((eb) => ({
          open_n: eb.ref('excluded.open_n'),
          counts: eb.ref('excluded.counts'),
        })),
      )
      .execute();
  }
  for (const d of empty) {
    await trx
      .deleteFrom('perf_days')
      .where('service_code', '=', d.serviceCode)
      .where('day', '=', d.day)
      .execute();
  }
}

export function statsRepository(db: Kysely<Database>, dialect: Dialect): StatsRepository {
  const lock = async (trx: Transaction<Database>) => {
    if (dialect !== 'postgres') return;
    await sql`SELECT pg_advisory_xact_lock(hashtext('perf_counts:' || coalesce(current_schema(), '')))`.execute(
      trx,
    );
  };
  return {
    async refresh(targets, batch = DEFAULT_BATCH) {
      const targetsText = JSON.stringify(
        Object.entries(targets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      let taken = 0;
      for (;;) {
        const n = await db.transaction().execute(async (trx) => {
          await lock(trx);
          if (taken === 0) await rebuildIfTargetsChanged(trx, targetsText);
          return takeBatch(trx, targets, batch);
        });
        taken += n;
        if (n < batch) return taken;
        // Let requests waiting on the event loop run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async read(fromDay, now) {
      const old = lastOldDay(londonDate(now));
      const [days, open] = await Promise.all([
        db
          .selectFrom('perf_days')
          .select(['service_code', 'day', 'counts'])
          .where('day', '>=', fromDay)
          .execute(),
        db
          .selectFrom('perf_days')
          .select((eb) => [
            'service_code',
            eb.fn.sum<number | string>('open_n').as('open_now'),
            eb.fn
              .sum<number | string>(
                eb.case().when('day', '<=', old).then(eb.ref('open_n')).else(0).end(),
              )
              .as('open_old'),
          ])
          .where('open_n', '>', 0)
          .groupBy('service_code')
          .execute(),
      ]);
      return {
        days: days.map((d) => ({
          serviceCode: d.service_code,
          day: d.day,
          counts: JSON.parse(d.counts) as Counts,
        })),
        open: Object.fromEntries(
          open.map((o) => [
            o.service_code,
            { openNow: Number(o.open_now), openAfter12Weeks: Number(o.open_old) },
          ]),
        ),
      };
    },
  };
}
