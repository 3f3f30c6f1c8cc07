/**
 * The public list and the staff queue read from indexes in their own order, so a page stops
 * after its rows instead of sorting every match: the query plans on both stores name the
 * indexes of migration 016, and the queue's "open" condition is the very text of its index.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { OPEN_SQL } from '../../src/server/staff/queue-repository';
import { describeEachStore } from './helpers';

const PRIORITY = `CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;
const QUEUE_ORDER = `${PRIORITY}, expected_datetime IS NULL, expected_datetime, requested_datetime, id`;

it("the queue's open condition is the text of its partial index, on both stores", () => {
  for (const dialect of ['sqlite', 'postgres']) {
    const migration = readFileSync(
      new URL(`../../src/server/store/migrations/${dialect}/016_list_indexes.sql`, import.meta.url),
      'utf8',
    );
    expect(migration).toContain(`WHERE ${OPEN_SQL};`);
  }
});

describeEachStore('list query plans', (t) => {
  const plan = async (query: string) => {
    if (t.db.name === 'sqlite') {
      const rows = (await t.db.query(`EXPLAIN QUERY PLAN ${query}`)) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join('\n');
    }
    // Too few rows for the planner to prefer any index: ask what it does when scans cost more.
    const rows = (await t.db.query(
      `SET enable_seqscan = off; SET enable_sort = off; EXPLAIN ${query}`,
    )) as Array<{ 'QUERY PLAN': string }>;
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('the open list walks the date index newest first, without sorting', async () => {
    const p = await plan(
      `SELECT * FROM reports WHERE status IN ('open', 'investigating') AND requested_datetime >= '2026-01-01' AND requested_datetime <= '2026-04-01' ORDER BY requested_datetime DESC, id DESC LIMIT 1000`,
    );
    expect(p).toMatch(/reports_requested_id/);
    expect(p).not.toMatch(/TEMP B-TREE|Sort/);
  });

  it("the staff queue's open and all pages walk the queue indexes, without sorting", async () => {
    const open = await plan(
      `SELECT * FROM reports WHERE ${OPEN_SQL} ORDER BY ${QUEUE_ORDER} LIMIT 50 OFFSET 500`,
    );
    expect(open).toMatch(/reports_queue_open/);
    expect(open).not.toMatch(/TEMP B-TREE|Sort/);
    const all = await plan(`SELECT * FROM reports ORDER BY ${QUEUE_ORDER} LIMIT 50 OFFSET 500`);
    expect(all).toMatch(/reports_queue_all/);
    expect(all).not.toMatch(/TEMP B-TREE|Sort/);
  });
});
