/**
 * Test harness for the intake API: the real app from `buildApp`, on a real SQLite file in a temp
 * dir and on the real PostgreSQL (each test file in its own schema, dropped afterwards), called
 * with `app.inject`.
 *
 * Notes
 * - PostgreSQL is at 127.0.0.1:5432 (user postgres, db test) unless TEST_DATABASE_URL says
 *   otherwise. When it is unreachable the PostgreSQL suites are skipped under a name that says
 *   why; with CI set they fail instead, because CI must run them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CouncilConfig } from '../../src/shared/council-config';
import { buildApp, type AppOptions } from '../../src/server/app';
import type {} from '../../src/server/fastify-augment';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { openPostgresStore } from '../../src/server/store/postgres';
import { openSqliteStore } from '../../src/server/store/sqlite';
import type { NewReport, Store } from '../../src/server/store/store';
import { startS3Server, type S3Server } from './s3-server';
import { multipartBody, urlEncoded, type Fields } from './request-fields';

export {
  flyTipping,
  harassment,
  multipartBody,
  replacing,
  riskAnswers,
  urlEncoded,
  without,
  type Fields,
} from './request-fields';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_WHERE = (() => {
  try {
    const u = new URL(PG_URL);
    return `${u.hostname}:${u.port || 5432}`;
  } catch {
    return 'TEST_DATABASE_URL';
  }
})();

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch {
    return `no PostgreSQL at ${PG_WHERE}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why the PostgreSQL suites are skipped, or null when they run. */
export const pgSkipReason = await probePostgres();
if (pgSkipReason && process.env.CI) {
  throw new Error(`${pgSkipReason}: CI must run the PostgreSQL suites (set TEST_DATABASE_URL).`);
}

const loaded = await loadCouncilConfig(DEMO_COUNCIL_PATH);
if (!loaded.ok) throw new Error(loaded.error);
export const demoCouncil: CouncilConfig = loaded.value;

export type BackendName = 'sqlite' | 'postgres';

/** A place for a database: opens as many stores on it as a test needs (several "instances"). */
export interface Database {
  name: BackendName;
  /** The PostgreSQL schema (empty for SQLite). */
  schema: string;
  openStore(): Promise<Store>;
  /** Runs raw SQL on its own connection (to look behind the store's back). */
  query(text: string): Promise<unknown[]>;
  /** Writes with raw SQL on its own connection (what no route does, such as deleting a report). */
  exec(text: string): Promise<void>;
  drop(): Promise<void>;
}

export function sqliteDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'nr-server-'));
  return {
    name: 'sqlite',
    schema: '',
    openStore: async () => openSqliteStore(join(dir, 'reports.sqlite')),
    async query(text) {
      const raw = new BetterSqlite3(join(dir, 'reports.sqlite'), { readonly: true });
      try {
        return raw.prepare(text).all();
      } finally {
        raw.close();
      }
    },
    async exec(text) {
      const raw = new BetterSqlite3(join(dir, 'reports.sqlite'));
      try {
        raw.exec(text);
      } finally {
        raw.close();
      }
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresDatabase(): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database: Database = {
    name: 'postgres',
    schema,
    openStore: () =>
      openPostgresStore({ connectionString: PG_URL, searchPath: schema, maxConnections: 5 }),
    async query(text) {
      const client = new pg.Client({
        connectionString: PG_URL,
        options: `-c search_path=${schema}`,
      });
      await client.connect();
      try {
        // Several statements answer one result each: the last one's rows.
        const result = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
        return Array.isArray(result) ? result[result.length - 1]!.rows : result.rows;
      } finally {
        await client.end();
      }
    },
    async exec(text) {
      await database.query(text);
    },
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
  return database;
}

/**
 * Test servers answer many requests from one address in a burst and read the figures right after
 * writing, on a busy machine: limits far above what a test sends, figures recomputed whenever
 * they changed, no shedding. The tests of those mechanisms (load-limits.test.ts) set their own.
 */
export const TEST_LOAD = {
  rateLimitMax: 1_000_000,
  figuresCacheSeconds: 0,
  maxEventLoopDelayMs: 0,
} as const;

export interface TestContext {
  app: FastifyInstance;
  store: Store;
  db: Database;
  /** Another app on the same database, as a second instance behind a load balancer would be. */
  openInstance(overrides?: Partial<AppOptions>): Promise<FastifyInstance>;
}

export interface SuiteOptions {
  council?: CouncilConfig;
  distDir?: string;
  /** Also run the suite on PostgreSQL with media in S3 (a real S3 server: s3-server.ts). */
  mediaInS3?: boolean;
}

/**
 * Declares the suite once per store: `sqlite` always, `postgres` when reachable (otherwise a
 * skipped suite whose name says why), and with `mediaInS3` once more on PostgreSQL with the media
 * in a real S3 server. The context is filled in before the first test.
 */
export function describeEachStore(
  title: string,
  body: (t: TestContext) => void,
  options: SuiteOptions = {},
) {
  const variants = [
    { name: 'sqlite', s3: false },
    { name: 'postgres', s3: false },
    ...(options.mediaInS3 ? [{ name: 'postgres', s3: true }] : []),
  ] as const;
  for (const { name, s3 } of variants) {
    const skip = name === 'postgres' ? pgSkipReason : null;
    const on = s3 ? `${name}, media in S3` : name;
    const label = skip ? `${title} on ${on} (skipped: ${skip})` : `${title} on ${on}`;
    (skip ? describe.skip : describe)(label, () => {
      const t = {} as TestContext;
      const extra: Array<{ app: FastifyInstance }> = [];
      let s3Server: S3Server | null = null;
      beforeAll(async () => {
        const db = name === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
        const distDir = options.distDir ?? join(tmpdir(), 'nr-no-dist');
        s3Server = s3 ? await startS3Server() : null;
        const media = s3Server?.media(`t${randomBytes(4).toString('hex')}`);
        const make = async (overrides: Partial<AppOptions> = {}) =>
          buildApp({
            council: options.council ?? demoCouncil,
            store: await db.openStore(),
            distDir,
            ...(media ? { media } : {}),
            load: TEST_LOAD,
            ...overrides,
          });
        t.db = db;
        t.app = await make();
        t.store = t.app.store;
        t.openInstance = async (overrides) => {
          const app = await make(overrides);
          extra.push({ app });
          return app;
        };
      }, 60_000);
      afterAll(async () => {
        for (const { app } of extra) await app.close();
        await t.app?.close();
        await t.db?.drop();
        await s3Server?.stop();
      });
      body(t);
    });
  }
}

// ---- Requests ---------------------------------------------------------------------------------

/** A report to put straight into the store (bypassing the API), with overrides. */
export function storedReport(overrides: Partial<NewReport> = {}): NewReport {
  const at = new Date().toISOString();
  return {
    service_code: 'littering',
    service_group: 'Environmental',
    status: 'open',
    description: '',
    lat: null,
    long: null,
    address_string: 'Howardsgate',
    address_id: null,
    attributes: {},
    email: null,
    first_name: null,
    last_name: null,
    phone: null,
    device_id: null,
    occurred_datetime: null,
    requested_datetime: at,
    updated_datetime: at,
    expected_datetime: null,
    secret_hash: null,
    risk_band: null,
    ...overrides,
  };
}

export type Encoding = 'urlencoded' | 'multipart';

export interface PostOptions {
  key?: string;
  encoding?: Encoding;
  headers?: Record<string, string>;
}

export async function postReport(
  app: FastifyInstance,
  fields: Fields,
  opts: PostOptions = {},
): Promise<LightMyRequestResponse> {
  const body =
    opts.encoding === 'multipart'
      ? multipartBody(fields)
      : { payload: urlEncoded(fields), contentType: 'application/x-www-form-urlencoded' };
  return app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: body.payload,
    headers: {
      'content-type': body.contentType,
      ...(opts.key ? { 'idempotency-key': opts.key } : {}),
      ...opts.headers,
    },
  });
}

/** Posts a report that must be accepted; returns its reference. */
export async function fileReport(app: FastifyInstance, fields: Fields, key?: string) {
  const res = await postReport(app, fields, { key });
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`);
  return (JSON.parse(res.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
}

export const newKey = () => randomUUID();

export const REFERENCE = /^DBC-[0-9A-HJKMNP-TV-Z]{8}$/;
