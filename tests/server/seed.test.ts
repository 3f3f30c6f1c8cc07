/**
 * Demo mode: the history is written once per database, quickly, clearly labelled and consistent
 * with its own updates; the demo accounts work; a production start seeds nothing and makes no
 * account (the real server.ts, as `npm start` runs it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeArgs } from '../compiled-server';
import type { Performance } from '../../src/shared/performance';
import { readDemoMode } from '../../src/server/seed/mode';
import {
  DEMO_API_KEY,
  DEMO_ADMIN,
  DEMO_STAFF,
  ensureDemoAccounts,
  seedDemoHistory,
} from '../../src/server/seed/seed';
import { deriveLifecycle } from '../../src/server/updates/lifecycle';
import { demoCouncil, describeEachStore } from './helpers';
import { bearer, postUpdate, signInRequest } from './staff-helpers';

describeEachStore('demo history', (t) => {
  it('is written once and labelled (its time: npm run bench -- seed)', async () => {
    const first = await seedDemoHistory(t.store, demoCouncil);
    expect(first.wroteHistory).toBe(true);
    expect(first.reports).toBeGreaterThan(800);
    const again = await seedDemoHistory(t.store, demoCouncil);
    expect(again.wroteHistory).toBe(false);
    expect(await t.store.reports.count()).toBe(first.reports);
    const unlabelled = await t.db.query(
      "SELECT id FROM reports WHERE description NOT LIKE 'Demo report%' OR device_id <> 'demo-history'",
    );
    expect(unlabelled).toEqual([]);
    const authors = await t.db.query('SELECT DISTINCT author_kind FROM report_updates');
    expect(authors).toEqual([{ author_kind: 'demo' }]);
  });

  it("each report's status and times follow its updates", async () => {
    const reports = await t.store.reports.list({ limit: 60 });
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) {
      const updates = await t.store.updates.forReport(r.id);
      const state = deriveLifecycle(r, updates);
      expect({ ...state }).toEqual({
        status: r.status,
        updated_datetime: r.updated_datetime,
        first_response_at: r.first_response_at,
        closed_at: r.closed_at,
        status_notes: r.status_notes,
      });
    }
  });

  it('gives the response-times page computed figures, and "too few" where the sample is small', async () => {
    const perf = JSON.parse((await t.app.inject('/api/performance.json')).body) as Performance & {
      demoData: boolean;
    };
    expect(perf.demoData).toBe(true);
    const fly = perf.categories.find((c) => c.serviceCode === 'fly-tipping')!;
    expect(typeof fly.last90Days.firstResponse.median).toBe('number');
    expect(typeof fly.last90Days.satisfaction.satisfied).toBe('number');
    expect(fly.months.every((m) => m.received > 0)).toBe(true);
    const hate = perf.categories.find((c) => c.serviceCode === 'hate-incident')!;
    expect(hate.last90Days.firstResponse.median).toMatchObject({ tooFew: true });
    expect(perf.categories.some((c) => c.openAfter12Weeks > 0)).toBe(true);
  });

  it('the demo staff account signs in and the demo key posts updates, made once', async () => {
    await ensureDemoAccounts(t.store);
    await ensureDemoAccounts(t.store);
    expect((await t.store.staff.list()).filter((s) => s.email === DEMO_STAFF.email)).toHaveLength(
      1,
    );
    expect(await t.store.apiKeys.list()).toHaveLength(1);
    const res = await signInRequest(t.app, DEMO_STAFF.email, DEMO_STAFF.password);
    expect(res.statusCode).toBe(200);
    const [open] = await t.store.queue
      .page({ filter: 'open', limit: 1, offset: 0 })
      .then((p) => p.reports);
    const posted = await postUpdate(
      t.app,
      { reference: open!.id, status: 'in_progress' },
      bearer(DEMO_API_KEY),
    );
    expect(posted.statusCode).toBe(201);
  });
});

describe('demo or production', () => {
  const mode = (env: Record<string, string>) => {
    const problems: string[] = [];
    return { ...readDemoMode(env, problems), problems };
  };
  it('demo by default; production (NODE_ENV=production or DEMO=false) never seeds', () => {
    expect(mode({})).toEqual({ demo: true, seedHistory: true, problems: [] });
    expect(mode({ SEED_DEMO: 'false' })).toEqual({ demo: true, seedHistory: false, problems: [] });
    expect(mode({ NODE_ENV: 'production' })).toMatchObject({ demo: false, seedHistory: false });
    expect(mode({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toMatchObject({ demo: false });
    expect(mode({ DEMO: 'false', SEED_DEMO: 'true' })).toMatchObject({ demo: false });
    expect(mode({ NODE_ENV: 'production', DEMO: 'true' }).problems[0]).toContain(
      'never runs the demo',
    );
    expect(mode({ DEMO: 'maybe' }).problems).toEqual(['DEMO: use true or false']);
  });
  it('test servers stay empty unless SEED_DEMO=true', () => {
    expect(mode({ NODE_ENV: 'test' })).toMatchObject({ demo: false });
    expect(mode({ NODE_ENV: 'test', SEED_DEMO: 'true' })).toMatchObject({
      demo: true,
      seedHistory: true,
    });
  });
});

describe('npm start', () => {
  const ROOT = resolve(import.meta.dirname, '../..');
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function start(env: Record<string, string>): Promise<{ out: string; dataDir: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'nr-seed-'));
    dirs.push(dataDir);
    return new Promise((res, rej) => {
      const child = spawn(process.execPath, nodeArgs('server'), {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/listening on/.test(out)) setTimeout(() => child.kill('SIGTERM'), 200);
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => res({ out, dataDir }));
      child.on('error', rej);
    });
  }
  const rows = (dataDir: string, sql: string) => {
    const db = new BetterSqlite3(join(dataDir, 'reports.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).get() as { n: number };
    } finally {
      db.close();
    }
  };

  it('in demo mode seeds and prints the demo staff account and API key', async () => {
    const { out, dataDir } = await start({ NODE_ENV: 'development' });
    expect(out).toContain('Demo mode');
    expect(out).toContain(`email ${DEMO_STAFF.email}  password ${DEMO_STAFF.password}`);
    expect(out).toContain(DEMO_API_KEY);
    expect(out).toMatch(/Wrote a year of demo history \(\d+ reports/);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM reports').n).toBeGreaterThan(800);
    // The demo case officer and the demo administrator.
    expect(out).toContain(`email ${DEMO_ADMIN.email}  password ${DEMO_ADMIN.password}`);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM staff').n).toBe(2);
    expect(rows(dataDir, "SELECT count(*) AS n FROM staff WHERE role = 'admin'").n).toBe(1);
  }, 60_000);

  it('a production start never seeds and never creates accounts', async () => {
    const { out, dataDir } = await start({ NODE_ENV: 'production' });
    expect(out).toContain('listening on');
    expect(out).not.toContain('Demo mode');
    expect(out).not.toContain(DEMO_API_KEY);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM reports').n).toBe(0);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM staff').n).toBe(0);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM api_keys').n).toBe(0);
  }, 60_000);
});
