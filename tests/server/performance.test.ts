/**
 * /api/performance.json and .csv from a fixture whose answers were worked out by hand (below),
 * loaded from a real database through the store and computed by the shared module.
 *
 * Today is Wednesday 10 June 2026 (London). Monday 25 May 2026 is the Spring bank holiday.
 * Fly-tipping targets here: first response 2 working days, resolution 5; minimum sample 3.
 *
 *  A  Fri 22 May 10:00  answered Tue 26 May (1: Mon is the holiday)  closed Thu 28 May (3)
 *     due: answer Wed 27 (met), resolve Mon 1 Jun (met). Survey 4.
 *  B  Sat 23 May (counts from Tue 26)  answered Wed 27 (1)  closed Fri 5 Jun (8)
 *     due: answer Thu 28 (met), resolve Tue 2 Jun (missed). Survey 2.
 *  C  Mon 1 Jun  never answered, closed Tue 9 Jun (closing is the answer: 6; resolution 6)
 *     due: answer from its stored date Tue 9 Jun (met), resolve Mon 8 Jun (missed). Survey 5.
 *  D  Thu 4 Jun  still open, not answered; answer was due Mon 8 Jun (missed); resolve not yet due.
 *  E  Mon 2 Feb  still open: more than 12 weeks.
 *  F  Thu 15 May 2025 (before every period) investigating: open, more than 12 weeks.
 *  G  Mon 16 Mar  answered Tue 17 (1), closed Fri 20 (4); both met. Survey 5.
 *
 * Last 90 days (13 Mar - 10 Jun): A B C D G. Received 5; first response [1,1,1,6] median 1,
 * p90 6; resolution [3,4,6,8] median 4, p90 8; within target: answer 4 of 5 = 0.8, resolution
 * 2 of 4 = 0.5; open now 1; satisfied 3 of 4 = 0.75. Category: open now 3 (D E F), after 12
 * weeks 2 (E F). May 2026: A B, 2 reports, below the minimum of 3 for every median and share.
 */
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CouncilConfig } from '../../src/shared/council-config';
import { PERFORMANCE_CSV_HEADER } from '../../src/shared/performance-csv';
import { type CategoryPerformance, type Performance } from '../../src/shared/performance';
import type { ReportStatus } from '../../src/shared/statuses';
import { newReference } from '../../src/server/reports/reference';
import { demoCouncil, describeEachStore, storedReport } from './helpers';

const NOW = new Date('2026-06-10T11:00:00Z');

function council(minimumSample: number): CouncilConfig {
  return {
    ...demoCouncil,
    statistics: { minimumSample },
    services: demoCouncil.services.map((s) =>
      s.service_code === 'fly-tipping'
        ? { ...s, target: { ...s.target, firstResponseDays: 2, resolutionDays: 5 } }
        : s,
    ),
  };
}

interface Row {
  name: string;
  at: string;
  status: ReportStatus;
  answered?: string;
  closed?: string;
  due?: string;
  survey?: number;
}

const FIXTURE: Row[] = [
  {
    name: 'A',
    at: '2026-05-22T09:00:00Z',
    status: 'fixed',
    answered: '2026-05-26T08:00:00Z',
    closed: '2026-05-28T14:00:00Z',
    survey: 4,
  },
  {
    name: 'B',
    at: '2026-05-23T13:00:00Z',
    status: 'fixed',
    answered: '2026-05-27T10:00:00Z',
    closed: '2026-06-05T10:00:00Z',
    survey: 2,
  },
  {
    name: 'C',
    at: '2026-06-01T08:00:00Z',
    status: 'no_further_action',
    closed: '2026-06-09T11:00:00Z',
    due: '2026-06-09T16:00:00Z',
    survey: 5,
  },
  { name: 'D', at: '2026-06-04T08:00:00Z', status: 'open' },
  { name: 'E', at: '2026-02-02T10:00:00Z', status: 'open' },
  {
    name: 'F',
    at: '2025-05-15T10:00:00Z',
    status: 'investigating',
    answered: '2025-05-16T10:00:00Z',
  },
  {
    name: 'G',
    at: '2026-03-16T10:00:00Z',
    status: 'fixed',
    answered: '2026-03-17T10:00:00Z',
    closed: '2026-03-20T10:00:00Z',
    survey: 5,
  },
];

/** A minimal RFC 4180 parser (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const fly = (p: Performance) => p.categories.find((c) => c.serviceCode === 'fly-tipping')!;

describeEachStore(
  'published response times',
  (t) => {
    let app: FastifyInstance;
    let perf: Performance;
    beforeAll(async () => {
      for (const r of FIXTURE) {
        const created = await t.store.createReport(
          storedReport({
            service_code: 'fly-tipping',
            service_group: 'Environmental',
            status: r.status,
            requested_datetime: r.at,
            updated_datetime: r.closed ?? r.answered ?? r.at,
            expected_datetime: r.due ?? null,
            first_response_at: r.answered ?? null,
            closed_at: r.closed ?? null,
            description: `Fixture ${r.name}`,
          }),
          { newId: () => newReference('DBC') },
        );
        if (!created.ok) throw new Error('fixture not stored');
        if (r.survey) {
          await t.store.surveys.add({
            report_id: created.report.id,
            satisfaction: r.survey,
            comment: '',
            created_at: r.closed!,
          });
        }
      }
      app = await t.openInstance({ council: council(3), clock: () => NOW });
      const res = await app.inject('/api/performance.json');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      perf = JSON.parse(res.body) as Performance;
    });

    it('gives the hand-checked figures for the last 90 days', () => {
      expect(perf.today).toBe('2026-06-10');
      expect(perf.minimumSample).toBe(3);
      const c = fly(perf);
      expect(c.target).toEqual({ firstResponseDays: 2, resolutionDays: 5 });
      expect(c.last90Days).toEqual({
        period: 'last-90-days',
        from: '2026-03-13',
        to: '2026-06-10',
        received: 5,
        firstResponse: { count: 4, median: 1, p90: 6 },
        resolution: { count: 4, median: 4, p90: 8 },
        withinTarget: {
          firstResponse: { sample: 5, share: 0.8 },
          resolution: { sample: 4, share: 0.5 },
        },
        openNow: 1,
        openAfter12Weeks: 0,
        satisfaction: { responses: 4, satisfied: 0.75 },
      });
    });

    it('counts reports open after 12 weeks, whenever they arrived', () => {
      const c = fly(perf);
      expect(c.openNow).toBe(3);
      expect(c.openAfter12Weeks).toBe(2);
      expect(c.months.find((m) => m.period === '2026-02')).toMatchObject({
        received: 1,
        openNow: 1,
        openAfter12Weeks: 1,
      });
    });

    it('gives 12 months, oldest first, with their counts; below the minimum only counts', () => {
      const c = fly(perf);
      expect(c.months.map((m) => m.period)).toEqual([
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
      ]);
      expect(c.months.map((m) => m.received)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 2]);
      const may = c.months.find((m) => m.period === '2026-05')!;
      expect(may).toMatchObject({
        from: '2026-05-01',
        to: '2026-05-31',
        firstResponse: {
          count: 2,
          median: { tooFew: true, count: 2 },
          p90: { tooFew: true, count: 2 },
        },
        withinTarget: {
          firstResponse: { sample: 2, share: { tooFew: true, count: 2 } },
          resolution: { sample: 2, share: { tooFew: true, count: 2 } },
        },
        satisfaction: { responses: 2, satisfied: { tooFew: true, count: 2 } },
      });
      const june = c.months.at(-1)!;
      expect(june).toMatchObject({ from: '2026-06-01', to: '2026-06-10', received: 2, openNow: 1 });
      const graffiti = perf.categories.find((x) => x.serviceCode === 'graffiti')!;
      expect(graffiti.last90Days.received).toBe(0);
      expect(graffiti.last90Days.firstResponse.median).toEqual({ tooFew: true, count: 0 });
    });

    it('applies the council minimum: with 5, four first responses are too few, five shares are not', async () => {
      const strict = await t.openInstance({ council: council(5), clock: () => NOW });
      const p = JSON.parse((await strict.inject('/api/performance.json')).body) as Performance;
      const l = fly(p).last90Days;
      expect(l.firstResponse.median).toEqual({ tooFew: true, count: 4 });
      expect(l.withinTarget.firstResponse.share).toBe(0.8);
      expect(l.satisfaction.satisfied).toEqual({ tooFew: true, count: 4 });
    });

    it('publishes every active category in the configuration order', () => {
      expect(perf.categories.map((c) => c.serviceCode)).toEqual(
        demoCouncil.services.filter((s) => s.active).map((s) => s.service_code),
      );
    });

    it('the CSV downloads, parses, and every figure equals the JSON', async () => {
      const res = await app.inject('/api/performance.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="response-times-2026-06-10.csv"',
      );
      const rows = parseCsv(res.body);
      expect(rows[0]).toEqual(PERFORMANCE_CSV_HEADER);
      const col = (name: string) => PERFORMANCE_CSV_HEADER.indexOf(name);
      expect(rows).toHaveLength(1 + perf.categories.length * 13);
      let i = 1;
      const cell = (v: unknown) => (typeof v === 'object' ? '' : String(v));
      for (const c of perf.categories as CategoryPerformance[]) {
        for (const p of [c.last90Days, ...c.months]) {
          const row = rows[i++]!;
          expect(row).toHaveLength(PERFORMANCE_CSV_HEADER.length);
          expect(row[col('service_code')]).toBe(c.serviceCode);
          expect(row[col('period')]).toBe(p.period);
          expect(row[col('received')]).toBe(String(p.received));
          expect(row[col('first_response_median_working_days')]).toBe(cell(p.firstResponse.median));
          expect(row[col('first_response_p90_working_days')]).toBe(cell(p.firstResponse.p90));
          expect(row[col('resolution_median_working_days')]).toBe(cell(p.resolution.median));
          expect(row[col('first_response_within_target_share')]).toBe(
            cell(p.withinTarget.firstResponse.share),
          );
          expect(row[col('resolution_within_target_share')]).toBe(
            cell(p.withinTarget.resolution.share),
          );
          expect(row[col('open_after_12_weeks')]).toBe(String(p.openAfter12Weeks));
          expect(row[col('satisfaction_responses')]).toBe(String(p.satisfaction.responses));
          expect(row[col('satisfaction_share_satisfied')]).toBe(cell(p.satisfaction.satisfied));
          expect(row[col('category_open_after_12_weeks')]).toBe(String(c.openAfter12Weeks));
          const tooFew = typeof p.firstResponse.median === 'object';
          expect(row[col('note')]!.includes('first_response_median_working_days')).toBe(tooFew);
        }
      }
      const l90 = rows.find((r) => r[0] === 'fly-tipping' && r[1] === 'last-90-days')!;
      expect(l90[col('first_response_within_target_share')]).toBe('0.8');
      expect(l90[col('satisfaction_share_satisfied')]).toBe('0.75');
    });
  },
  { council: council(3) },
);
