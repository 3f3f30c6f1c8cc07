/**
 * Fills a fresh, migrated store with years of reports by bulk inserts (not HTTP), for the scale
 * bench: reports spread over five years to now in the demo council's categories, most closed
 * with an answer and a close update, about a third of the closed answered in the survey, and the
 * last weeks' reports mostly still open. Deterministic (seeded), so runs compare.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { CouncilConfig } from '../../src/shared/council-config';

const DAY = 86_400_000;
const YEARS = 5;

interface Row {
  report: (string | number | null)[];
  update: (string | null)[] | null;
  survey: (string | number)[] | null;
}

const REPORT_COLUMNS = [
  'id',
  'service_code',
  'service_group',
  'status',
  'description',
  'lat',
  'long',
  'address_string',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'risk_band',
  'first_response_at',
  'closed_at',
] as const;
const UPDATE_COLUMNS = [
  'update_id',
  'report_id',
  'status',
  'description',
  'updated_datetime',
  'created_at',
  'author_kind',
  'content_hash',
] as const;
const SURVEY_COLUMNS = ['report_id', 'satisfaction', 'created_at'] as const;

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The i-th of `count` reports, received at an even spread over five years to `now`. */
function* rows(council: CouncilConfig, count: number, now: Date): Generator<Row> {
  const rnd = random(count);
  const services = council.services.filter((s) => s.active);
  const span = YEARS * 365 * DAY;
  const start = now.getTime() - span;
  for (let i = 0; i < count; i++) {
    const s = services[Math.floor(rnd() * services.length)]!;
    const at = start + Math.floor((i / count) * span + rnd() * (span / count));
    const age = now.getTime() - at;
    const open = rnd() < (age < 30 * DAY ? 0.7 : 0.03);
    const answered = rnd() < 0.9 || !open ? at + Math.floor(rnd() * 6 * DAY) : null;
    const closed = open
      ? null
      : Math.min(now.getTime(), (answered ?? at) + Math.floor(rnd() * 30 * DAY));
    const iso = (t: number | null) =>
      t === null ? null : new Date(Math.min(t, now.getTime())).toISOString();
    const id = `SCL-${i.toString(36).toUpperCase().padStart(8, '0')}`;
    const band = ['high', 'medium', 'low', null][Math.floor(rnd() * 4)] ?? null;
    const status = open ? (answered ? 'investigating' : 'open') : 'fixed';
    yield {
      report: [
        id,
        s.service_code,
        s.group,
        status,
        'Bench report',
        51.8 + rnd() / 100,
        -0.2 - rnd() / 100,
        'Howardsgate',
        iso(at),
        iso(closed ?? answered ?? at),
        iso(at + 2 * DAY),
        band,
        iso(answered),
        iso(closed),
      ],
      update:
        closed !== null
          ? [`u-${id}`, id, 'fixed', 'Cleared.', iso(closed), iso(closed), 'staff', `h-${id}`]
          : null,
      survey: closed !== null && rnd() < 0.3 ? [id, 1 + Math.floor(rnd() * 5), iso(closed)!] : null,
    };
  }
}

const BATCH = 5000;

/** Bulk-inserts into the SQLite file (already migrated by the store). */
export function fillSqlite(file: string, council: CouncilConfig, count: number, now: Date) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const ins = (table: string, cols: readonly string[]) =>
    db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
  const report = ins('reports', REPORT_COLUMNS);
  const update = ins('report_updates', UPDATE_COLUMNS);
  const survey = ins('surveys', SURVEY_COLUMNS);
  const write = db.transaction((batch: Row[]) => {
    for (const r of batch) {
      report.run(r.report);
      if (r.update) update.run(r.update);
      if (r.survey) survey.run(r.survey);
    }
  });
  let batch: Row[] = [];
  for (const r of rows(council, count, now)) {
    batch.push(r);
    if (batch.length === BATCH) {
      write(batch);
      batch = [];
    }
  }
  write(batch);
  db.close();
}

/** Bulk-inserts into PostgreSQL (already migrated by the store), through unnest arrays. */
export async function fillPostgres(
  url: string,
  schema: string,
  council: CouncilConfig,
  count: number,
  now: Date,
) {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const types: Record<string, string> = {
    lat: 'float8',
    long: 'float8',
    satisfaction: 'int',
    requested_datetime: 'timestamptz',
    updated_datetime: 'timestamptz',
    expected_datetime: 'timestamptz',
    first_response_at: 'timestamptz',
    closed_at: 'timestamptz',
    created_at: 'timestamptz',
  };
  const insert = async (table: string, cols: readonly string[], values: unknown[][]) => {
    if (!values.length) return;
    const arrays = cols.map((_, c) => values.map((v) => v[c]));
    const params = cols.map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`).join(', ');
    await client.query(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${params})`,
      arrays,
    );
  };
  try {
    let batch: Row[] = [];
    const flush = async () => {
      await client.query('BEGIN');
      await insert(
        'reports',
        REPORT_COLUMNS,
        batch.map((r) => r.report),
      );
      await insert(
        'report_updates',
        UPDATE_COLUMNS,
        batch.flatMap((r) => (r.update ? [r.update] : [])),
      );
      await insert(
        'surveys',
        SURVEY_COLUMNS,
        batch.flatMap((r) => (r.survey ? [r.survey] : [])),
      );
      await client.query('COMMIT');
      batch = [];
    };
    for (const r of rows(council, count, now)) {
      batch.push(r);
      if (batch.length === BATCH) await flush();
    }
    await flush();
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
