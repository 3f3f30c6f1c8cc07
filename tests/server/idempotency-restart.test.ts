/**
 * A server killed between claiming an Idempotency-Key and committing the report leaves the key
 * 'processing' on disk. On SQLite (one server process owns the file) a restart releases such
 * claims, so the phone's retry is stored at once instead of meeting 409 for two minutes. On
 * PostgreSQL another instance's claim may be alive, so a new instance starting leaves it to its
 * lease (see releaseAbandonedClaims).
 *
 * Notes
 * - The crash is what a SIGKILL leaves behind: the claim row committed, no report, the process
 *   gone without releasing anything. The claim is written through the store, as the intake does,
 *   and the app is closed without completing it; then a new app opens the same file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { requestHash, secretHash } from '../../src/server/reports/idempotency';
import { openSqliteStore } from '../../src/server/store/sqlite';
import {
  demoCouncil,
  flyTipping,
  newKey,
  pgSkipReason,
  postgresDatabase,
  postReport,
  TEST_LOAD,
} from './helpers';

const distDir = join(tmpdir(), 'nr-no-dist');

describe('a restart after a crash mid-report, on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nr-restart-'));
  const file = join(dir, 'reports.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("releases the dead process's claim: the retry is stored at once, once", async () => {
    const key = newKey();
    const fields = flyTipping();

    // The first process claims the key and dies before the report's transaction commits.
    const first = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: openSqliteStore(file),
      distDir,
    });
    const claimed = await first.store.idempotency.claim({
      key,
      requestHash: requestHash(fields),
      token: randomUUID(),
      now: new Date(),
    });
    expect(claimed).toBe(true);
    expect(await first.store.reports.count()).toBe(0);
    await first.close();

    // The restarted server on the same file: the phone's retry goes through.
    const second = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: openSqliteStore(file),
      distDir,
    });
    try {
      const retry = await postReport(second, fields, { key });
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      const again = await postReport(second, fields, { key });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(retry.body);
      expect(await second.store.reports.count()).toBe(1);
      const stored = await second.store.reports.list({ limit: 10 });
      expect(stored.map((r) => r.secret_hash)).toEqual([secretHash(key)]);
      expect(await second.store.idempotency.find(key)).toMatchObject({ state: 'complete' });
    } finally {
      await second.close();
    }
  });

  it('a completed key is kept across a restart (only unfinished claims are released)', async () => {
    const key = newKey();
    const fields = flyTipping();
    const before = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: openSqliteStore(file),
      distDir,
    });
    const created = await postReport(before, fields, { key });
    expect(created.statusCode).toBe(201);
    const count = await before.store.reports.count();
    await before.close();
    const after = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: openSqliteStore(file),
      distDir,
    });
    try {
      const replay = await postReport(after, fields, { key });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toBe(created.body);
      expect(await after.store.reports.count()).toBe(count);
    } finally {
      await after.close();
    }
  });
});

(pgSkipReason ? describe.skip : describe)(
  pgSkipReason
    ? `a new instance starting on PostgreSQL (skipped: ${pgSkipReason})`
    : 'a new instance starting on PostgreSQL',
  () => {
    it("leaves another instance's claim alone: it may still be at work", async () => {
      const db = await postgresDatabase();
      try {
        const key = newKey();
        const fields = flyTipping();
        const running = await buildApp({
          load: TEST_LOAD,
          council: demoCouncil,
          store: await db.openStore(),
          distDir,
        });
        try {
          await running.store.idempotency.claim({
            key,
            requestHash: requestHash(fields),
            token: randomUUID(),
            now: new Date(),
          });
          const starting = await buildApp({
            load: TEST_LOAD,
            council: demoCouncil,
            store: await db.openStore(),
            distDir,
          });
          try {
            const res = await postReport(starting, fields, { key });
            expect(res.statusCode).toBe(409);
            expect(await starting.store.idempotency.find(key)).toMatchObject({
              state: 'processing',
            });
            expect(await starting.store.reports.count()).toBe(0);
          } finally {
            await starting.close();
          }
        } finally {
          await running.close();
        }
      } finally {
        await db.drop();
      }
    });
  },
);
