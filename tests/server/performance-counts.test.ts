/**
 * The published figures come from counters the store keeps per category per day; these tests hold
 * them identical to the reference computation (every report loaded and worked out, as before the
 * counters: performance-reference.ts) on the demo year and on a randomised history, after every
 * kind of write, on SQLite and PostgreSQL, and check that reading them reads one row per category
 * per day however many reports there are.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CouncilConfig } from '../../src/shared/council-config';
import { firstPublishedDay } from '../../src/shared/performance';
import { REPORT_STATUSES, isClosed, type ReportStatus } from '../../src/shared/statuses';
import { newReference } from '../../src/server/reports/reference';
import { seedDemoHistory } from '../../src/server/seed/seed';
import { publishedPerformance, refreshCounts } from '../../src/server/stats/published';
import { demoCouncil, describeEachStore, storedReport, type TestContext } from './helpers';
import { referenceFigures } from './performance-reference';

const NOW = new Date('2026-06-10T11:00:00Z');
const DAY = 86_400_000;
const council: CouncilConfig = { ...demoCouncil, statistics: { minimumSample: 3 } };
const SERVICES = demoCouncil.services.map((s) => s.service_code);

/** A small seeded generator (mulberry32), so a failing history can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function addRandomReports(t: TestContext, count: number, seed: number): Promise<string[]> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Over the last 16 months, some in the last days (not yet due) and a few in the future.
    const at = new Date(
      NOW.getTime() - Math.floor(rnd() * 480 * DAY) + (rnd() < 0.02 ? 5 * DAY : 0),
    );
    const status: ReportStatus = pick(REPORT_STATUSES);
    const answered = rnd() < 0.6 ? new Date(at.getTime() + Math.floor(rnd() * 12 * DAY)) : null;
    const closed =
      isClosed(status) || rnd() < 0.05
        ? new Date(at.getTime() + Math.floor(rnd() * 40 * DAY))
        : null;
    const due = rnd() < 0.3 ? new Date(at.getTime() + Math.floor(rnd() * 6 * DAY)) : null;
    const created = await t.store.createReport(
      storedReport({
        service_code: rnd() < 0.03 ? 'no-such-category' : pick(SERVICES),
        status,
        requested_datetime: at.toISOString(),
        updated_datetime: at.toISOString(),
        expected_datetime: due?.toISOString() ?? null,
        first_response_at: answered?.toISOString() ?? null,
        closed_at:
          closed?.toISOString() ?? (isClosed(status) && rnd() < 0.9 ? at.toISOString() : null),
      }),
      { newId: () => newReference('DBC') },
    );
    if (!created.ok) throw new Error('random report not stored');
    ids.push(created.report.id);
    if (rnd() < 0.35) {
      await t.store.surveys.add({
        report_id: created.report.id,
        satisfaction: 1 + Math.floor(rnd() * 5),
        comment: '',
        created_at: at.toISOString(),
      });
    }
  }
  return ids;
}

/** The published figures equal the reference's on each of several days. */
async function expectIdentical(t: TestContext, c: CouncilConfig = council) {
  for (const now of [NOW, new Date(NOW.getTime() + 9 * DAY), new Date(NOW.getTime() + 130 * DAY)]) {
    const { demoData: _demo, ...figures } = await publishedPerformance(t.store, c, now);
    const reference = await referenceFigures(t.db, c, now);
    expect(figures).toEqual(reference);
    expect(JSON.stringify(figures)).toBe(JSON.stringify(reference));
  }
}

async function post(t: TestContext, reportId: string, status: ReportStatus, at: Date) {
  const posted = await t.store.updates.post({
    update_id: randomUUID(),
    report_id: reportId,
    status,
    description: `Now ${status}.`,
    media_url: null,
    external_status_code: null,
    updated_datetime: at.toISOString(),
    created_at: at.toISOString(),
    author_kind: 'staff',
    author_id: null,
    content_hash: randomUUID(),
  });
  expect(posted.kind).toBe('created');
}

describeEachStore('published figures from kept counters', (t) => {
  let ids: string[] = [];

  it('equal the reference on the demo year, as seeded', async () => {
    const seeded = await seedDemoHistory(t.store, council, NOW);
    expect(seeded.reports).toBeGreaterThan(100);
    await expectIdentical(t);
  });

  it('equal the reference on a randomised history over the demo year', async () => {
    ids = await addRandomReports(t, 400, 12);
    await expectIdentical(t);
  });

  it('equal the reference after a new report', async () => {
    ids.push(...(await addRandomReports(t, 3, 99)));
    await expectIdentical(t);
  });

  it('equal the reference after an update and after a status change', async () => {
    const open = ids[ids.length - 1]!;
    await post(t, open, 'investigating', new Date(NOW.getTime() - 2 * DAY));
    await expectIdentical(t);
    await post(t, open, 'fixed', new Date(NOW.getTime() - DAY));
    await expectIdentical(t);
    await post(t, open, 'open', NOW);
    await expectIdentical(t);
  });

  it('equal the reference after a survey answer', async () => {
    const report = ids.find((id) => id !== ids[0])!;
    const had = await t.store.surveys.find(report);
    if (!had) {
      await t.store.surveys.add({
        report_id: report,
        satisfaction: 4,
        comment: '',
        created_at: NOW.toISOString(),
      });
    } else await t.db.exec(`UPDATE surveys SET satisfaction = 1 WHERE report_id = '${report}'`);
    await expectIdentical(t);
  });

  it('equal the reference after reports are deleted', async () => {
    for (const id of ids.slice(0, 5)) {
      await t.db.exec(
        `DELETE FROM surveys WHERE report_id = '${id}'; ` +
          `DELETE FROM report_updates WHERE report_id = '${id}'; ` +
          `DELETE FROM reports WHERE id = '${id}'`,
      );
    }
    await expectIdentical(t);
  });

  it('equal the reference after the targets change (the counters are rebuilt)', async () => {
    const changed: CouncilConfig = {
      ...council,
      services: council.services.map((s) => ({
        ...s,
        target: { ...s.target, firstResponseDays: s.target.firstResponseDays + 1 },
      })),
    };
    await expectIdentical(t, changed);
    await expectIdentical(t);
  });

  it('read one row per category per day, however many reports there are', async () => {
    await refreshCounts(t.store, council);
    const from = firstPublishedDay(NOW);
    const before = await t.store.stats.read(from, NOW);
    // Twice as many reports on the same categories and days: the same rows.
    const [{ n }] = (await t.db.query(`SELECT count(*) AS n FROM reports`)) as [{ n: number }];
    await t.db.exec(
      `INSERT INTO reports (id, service_code, service_group, status, requested_datetime, updated_datetime)
       SELECT id || '-again', service_code, service_group, 'open', requested_datetime, updated_datetime
         FROM reports`,
    );
    expect(await refreshCounts(t.store, council)).toBe(Number(n));
    const after = await t.store.stats.read(from, NOW);
    expect(after.days.length).toBe(before.days.length);
    expect(Object.keys(after.open).length).toBeLessThanOrEqual(SERVICES.length + 1);
    const publishedDays = (NOW.getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY + 2;
    expect(after.days.length).toBeLessThanOrEqual((SERVICES.length + 1) * publishedDays);
    await expectIdentical(t);
  });
});
