import { describe, expect, it } from 'vitest';
import {
  PERFORMANCE_CSV_HEADER,
  performanceCsvRows,
  toCsv,
} from '../../../src/shared/performance-csv';
import {
  computePerformance,
  nearestRank,
  type PerformanceRow,
} from '../../../src/shared/performance';

// "Now" is Wednesday 10 June 2026, midday in London. The last 90 days are 13 March to 10 June
// (10 June minus 89 days); the months are July 2025 to June 2026 (June to date).
// Bank holidays in play: Good Friday 3 April, Easter Monday 6 April, early May 4 May, spring 25 May.
const now = new Date('2026-06-10T12:00:00+01:00');

const row = (
  serviceCode: string,
  requestedAt: string,
  over: Partial<PerformanceRow> = {},
): PerformanceRow => ({
  serviceCode,
  requestedAt,
  firstResponseAt: null,
  closedAt: null,
  status: 'open',
  satisfaction: null,
  ...over,
});

// Fly-tipping: first response within 1 working day, resolution within 2.
//       received            answered           closed           working days  due (FR / res)  met?
// F1 Thu 2 Apr 10:00   Tue 7 Apr          Wed 8 Apr       1 / 2 (Easter)    7 Apr / 8 Apr   y / y
// F2 Sat 4 Apr         Tue 7 Apr          Thu 9 Apr       0 / 2 (from Tue)  8 Apr / 9 Apr   y / y
// F3 Fri 22 May 16:00  Tue 26 May         Fri 29 May      1 / 4 (25 May)    26 / 27 May     y / n
// F4 Mon 11 May        Mon 11 May         Tue 12 May      0 / 1             12 / 13 May     y / y
// F5 Mon 1 Jun         -                  open            -                 2 / 3 Jun       n / n (overdue)
// F6 Tue 9 Jun         -                  open            -                 10 / 11 Jun     not yet due
// F7 Tue 10 Feb        Wed 11 Feb         open            1 / -             11 / 12 Feb     y / n
// F8 Tue 17 Mar        -                  open (85 days)  -                 overdue         n / n
// F9 Wed 18 Mar        -                  open (84 days)  -                 overdue         n / n
// F10 Tue 15 Jul 2025  Tue 15 Jul         Wed 16 Jul      0 / 1             16 / 17 Jul     y / y
// F11 Mon 30 Jun 2025  -                  open            before every period
const fly = [
  row('fly-tipping', '2026-04-02T10:00:00+01:00', {
    firstResponseAt: '2026-04-07T09:00:00+01:00',
    closedAt: '2026-04-08T15:00:00+01:00',
    status: 'fixed',
    satisfaction: 5,
  }),
  row('fly-tipping', '2026-04-04T11:00:00+01:00', {
    firstResponseAt: '2026-04-07T14:00:00+01:00',
    closedAt: '2026-04-09T10:00:00+01:00',
    status: 'fixed',
    satisfaction: 4,
  }),
  row('fly-tipping', '2026-05-22T16:00:00+01:00', {
    firstResponseAt: '2026-05-26T10:00:00+01:00',
    closedAt: '2026-05-29T12:00:00+01:00',
    status: 'fixed',
    satisfaction: 2,
  }),
  row('fly-tipping', '2026-05-11T09:00:00+01:00', {
    firstResponseAt: '2026-05-11T13:00:00+01:00',
    closedAt: '2026-05-12T11:00:00+01:00',
    status: 'no_further_action',
  }),
  row('fly-tipping', '2026-06-01T09:00:00+01:00'),
  row('fly-tipping', '2026-06-09T10:00:00+01:00'),
  row('fly-tipping', '2026-02-10T10:00:00Z', {
    firstResponseAt: '2026-02-11T10:00:00Z',
    status: 'in_progress',
  }),
  row('fly-tipping', '2026-03-17T10:00:00Z'),
  row('fly-tipping', '2026-03-18T10:00:00Z'),
  row('fly-tipping', '2025-07-15T10:00:00+01:00', {
    firstResponseAt: '2025-07-15T15:00:00+01:00',
    closedAt: '2025-07-16T15:00:00+01:00',
    status: 'fixed',
    satisfaction: 5,
  }),
  row('fly-tipping', '2025-06-30T10:00:00+01:00'),
];

const targets = {
  'fly-tipping': { firstResponseDays: 1, resolutionDays: 2 },
  graffiti: { firstResponseDays: 1, resolutionDays: 5 },
};

describe('computePerformance', () => {
  it('computes the hand-checked figures for the last 90 days', () => {
    const perf = computePerformance({ rows: fly, targets, now, minimumSample: 3 });
    expect(perf.today).toBe('2026-06-10');
    const cat = perf.categories[0]!;
    expect(cat.serviceCode).toBe('fly-tipping');
    // Open now: F5, F6, F7, F8, F9, F11; of those received more than 84 days ago: F7, F8, F11.
    expect(cat.openNow).toBe(6);
    expect(cat.openAfter12Weeks).toBe(3);
    expect(cat.last90Days).toEqual({
      period: 'last-90-days',
      from: '2026-03-13',
      to: '2026-06-10',
      received: 8, // F1-F6, F8, F9
      // First response days sorted [0, 0, 1, 1]: median = rank ceil(0.5 * 4) = 2 -> 0;
      // p90 = rank ceil(0.9 * 4) = 4 -> 1.
      firstResponse: { count: 4, median: 0, p90: 1 },
      // Resolution days sorted [1, 2, 2, 4]: median rank 2 -> 2; p90 rank 4 -> 4.
      resolution: { count: 4, median: 2, p90: 4 },
      withinTarget: {
        // Known outcomes: F1-F4 met, F5, F8, F9 overdue; F6 not yet due. 4 / 7 = 0.571.
        firstResponse: { sample: 7, share: 0.571 },
        // F1, F2, F4 met; F3 late; F5, F8, F9 overdue; F6 not yet due. 3 / 7 = 0.429.
        resolution: { sample: 7, share: 0.429 },
      },
      openNow: 4, // F5, F6, F8, F9
      openAfter12Weeks: 1, // F8 (85 days); F9 is exactly 84, not more
      satisfaction: { responses: 3, satisfied: 0.667 }, // 5, 4, 2: two of three
    });
  });

  it('counts each calendar month, oldest first, the current one to date', () => {
    const perf = computePerformance({ rows: fly, targets, now, minimumSample: 1 });
    const months = perf.categories[0]!.months;
    expect(months.map((m) => m.period)).toEqual([
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
    expect(months.map((m) => m.received)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2]);
    expect(months.map((m) => m.openNow)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 2]);
    expect(months.map((m) => m.openAfter12Weeks)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
    expect(months[1]).toMatchObject({ from: '2025-08-01', to: '2025-08-31' });
    expect(months[7]).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(months[11]).toMatchObject({ from: '2026-06-01', to: '2026-06-10' });
    // April, across the Easter weekend: F1 answered in 1 working day, F2 (a Saturday) in 0.
    expect(months[9]).toMatchObject({
      firstResponse: { count: 2, median: 0, p90: 1 },
      resolution: { count: 2, median: 2, p90: 2 },
      withinTarget: { firstResponse: { sample: 2, share: 1 }, resolution: { sample: 2, share: 1 } },
      satisfaction: { responses: 2, satisfied: 1 },
    });
    // May, across the spring bank holiday: F3 answered Tue 26 May (1 day), closed 29 May (4).
    expect(months[10]).toMatchObject({
      firstResponse: { count: 2, median: 0, p90: 1 },
      resolution: { count: 2, median: 1, p90: 4 },
      withinTarget: { resolution: { sample: 2, share: 0.5 } },
    });
    // February: F7 answered on time, still open past its resolution date.
    expect(months[7]!.withinTarget).toEqual({
      firstResponse: { sample: 1, share: 1 },
      resolution: { sample: 1, share: 0 },
    });
    // An empty month has counts of 0 and nothing to rank.
    expect(months[3]!.firstResponse).toEqual({
      count: 0,
      median: { tooFew: true, count: 0 },
      p90: { tooFew: true, count: 0 },
    });
  });

  it('gives no median, percentile or share below the minimum sample, only the count', () => {
    const perf = computePerformance({ rows: fly, targets, now });
    expect(perf.minimumSample).toBe(10);
    const p = perf.categories[0]!.last90Days;
    expect(p.received).toBe(8);
    expect(p.firstResponse).toEqual({
      count: 4,
      median: { tooFew: true, count: 4 },
      p90: { tooFew: true, count: 4 },
    });
    expect(p.withinTarget.resolution).toEqual({ sample: 7, share: { tooFew: true, count: 7 } });
    expect(p.satisfaction).toEqual({ responses: 3, satisfied: { tooFew: true, count: 3 } });
    expect(p.openNow).toBe(4);
  });

  it('publishes figures from exactly the minimum sample, across a bank-holiday weekend', () => {
    // Ten noise reports received Fri 1 May 2026 (target 5 working days, so due Mon 11 May),
    // answered on 1 May (0), Mon 4 May (bank holiday: 0), 5, 5, 6, 7, 8, 11, 12, 13 May
    // = 1, 1, 2, 3, 4, 5, 6, 7 working days (4 May skipped). Sorted: 0 0 1 1 2 3 4 5 6 7.
    // Median: rank ceil(0.5 * 10) = 5 -> 2. p90: rank ceil(0.9 * 10) = 9 -> 6.
    // On time: all but 12 and 13 May: 8 / 10. None closed; resolution due 2 June (20 working
    // days, 4 and 25 May skipped), so all ten are overdue on 10 June: 0 / 10.
    const answered = ['01', '04', '05', '05', '06', '07', '08', '11', '12', '13'];
    const rows = answered.map((d) =>
      row('noise', '2026-05-01T10:00:00+01:00', {
        firstResponseAt: `2026-05-${d}T12:00:00+01:00`,
        status: 'investigating',
      }),
    );
    const noiseTargets = { noise: { firstResponseDays: 5, resolutionDays: 20 } };
    const p = computePerformance({ rows, targets: noiseTargets, now }).categories[0]!.last90Days;
    expect(p.firstResponse).toEqual({ count: 10, median: 2, p90: 6 });
    expect(p.withinTarget.firstResponse).toEqual({ sample: 10, share: 0.8 });
    expect(p.withinTarget.resolution).toEqual({ sample: 10, share: 0 });
    expect(p.resolution).toEqual({
      count: 0,
      median: { tooFew: true, count: 0 },
      p90: { tooFew: true, count: 0 },
    });
    const nine = computePerformance({ rows: rows.slice(1), targets: noiseTargets, now });
    expect(nine.categories[0]!.last90Days.firstResponse.median).toEqual({ tooFew: true, count: 9 });
  });

  it('uses the stored first-response due date (risk band) when there is one', () => {
    const t = { harassment: { firstResponseDays: 5, resolutionDays: 20 } };
    const base = row('harassment', '2026-06-01T09:00:00+01:00', {
      firstResponseAt: '2026-06-03T09:00:00+01:00',
      status: 'investigating',
    });
    const share = (r: PerformanceRow) =>
      computePerformance({ rows: [r], targets: t, now, minimumSample: 1 }).categories[0]!.last90Days
        .withinTarget.firstResponse;
    expect(share(base)).toEqual({ sample: 1, share: 1 }); // due 8 June by the category
    expect(share({ ...base, dueFirstResponseAt: '2026-06-02T17:00:00+01:00' })).toEqual({
      sample: 1,
      share: 0, // high band: due 2 June, answered 3 June
    });
  });

  it('counts closing as the first response, ignores other categories and bad survey values', () => {
    const rows = [
      row('graffiti', '2026-06-01T09:00:00+01:00', {
        closedAt: '2026-06-03T09:00:00+01:00',
        status: 'fixed',
        satisfaction: 7,
      }),
      row('unknown', '2026-06-01T09:00:00+01:00'),
    ];
    const perf = computePerformance({ rows, targets, now, minimumSample: 1 });
    expect(perf.categories.map((c) => c.serviceCode)).toEqual(['fly-tipping', 'graffiti']);
    const p = perf.categories[1]!.last90Days;
    expect(p.firstResponse).toEqual({ count: 1, median: 2, p90: 2 });
    expect(p.withinTarget.firstResponse).toEqual({ sample: 1, share: 0 });
    expect(p.withinTarget.resolution).toEqual({ sample: 1, share: 1 });
    expect(p.satisfaction.responses).toBe(0);
    expect(perf.categories[0]!.last90Days.received).toBe(0);
  });

  it('defines nearest-rank percentiles on observed values', () => {
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([1, 2], 50)).toBe(1);
    expect(nearestRank([1, 2, 3], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(nearestRank(seventy, 90)).toBe(63); // rank ceil(90 * 70 / 100) = 63
    expect(nearestRank(seventy, 100)).toBe(70);
    expect(nearestRank([], 50)).toBeUndefined();
  });
});

describe('performance CSV', () => {
  const parse = (text: string) =>
    text
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));

  it('has a stable header and one row per category per period', () => {
    const perf = computePerformance({ rows: fly, targets, now, minimumSample: 3 });
    const rows = performanceCsvRows(perf);
    expect(rows[0]).toEqual([...PERFORMANCE_CSV_HEADER]);
    expect(PERFORMANCE_CSV_HEADER).toEqual([
      'service_code',
      'period',
      'from',
      'to',
      'first_response_target_working_days',
      'resolution_target_working_days',
      'received',
      'first_response_count',
      'first_response_median_working_days',
      'first_response_p90_working_days',
      'resolution_count',
      'resolution_median_working_days',
      'resolution_p90_working_days',
      'first_response_within_target_sample',
      'first_response_within_target_share',
      'resolution_within_target_sample',
      'resolution_within_target_share',
      'open_now',
      'open_after_12_weeks',
      'satisfaction_responses',
      'satisfaction_share_satisfied',
      'category_open_now',
      'category_open_after_12_weeks',
      'note',
    ]);
    expect(rows).toHaveLength(1 + 2 * 13);
    expect(rows.slice(1, 14).map((r) => r[1])).toEqual([
      'last-90-days',
      ...perf.categories[0]!.months.map((m) => m.period),
    ]);
    const [, header, ...lines] = ['', ...parse(toCsv(rows))];
    expect(header).toEqual([...PERFORMANCE_CSV_HEADER]);
    expect(lines[0]).toEqual(
      'fly-tipping,last-90-days,2026-03-13,2026-06-10,1,2,8,4,0,1,4,2,4,7,0.571,7,0.429,4,1,3,0.667,6,3,'.split(
        ',',
      ),
    );
  });

  it('leaves too-few figures empty and names them in the note', () => {
    const perf = computePerformance({ rows: fly, targets, now });
    const line = parse(toCsv(performanceCsvRows(perf)))[1]!;
    const cell = (name: string) => line[PERFORMANCE_CSV_HEADER.indexOf(name)];
    expect(cell('received')).toBe('8');
    expect(cell('first_response_count')).toBe('4');
    expect(cell('first_response_median_working_days')).toBe('');
    expect(cell('satisfaction_share_satisfied')).toBe('');
    expect(cell('note')).toBe(
      'too few reports (fewer than 10) for: first_response_median_working_days ' +
        'first_response_p90_working_days resolution_median_working_days ' +
        'resolution_p90_working_days first_response_within_target_share ' +
        'resolution_within_target_share satisfaction_share_satisfied',
    );
  });

  it('quotes cells that need it', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines']])).toBe(
      'a,"b,c","say ""hi""","two\nlines"\r\n',
    );
  });
});
