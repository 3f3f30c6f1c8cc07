import { beforeAll, expect, it } from 'vitest';
import { Open311ErrorSchema, ServiceRequestViewSchema } from '../../src/shared/open311';
import { newReference } from '../../src/server/reports/reference';
import type { NewReport } from '../../src/server/store/store';
import type { ReportStatus } from '../../src/shared/statuses';
import { describeEachStore, fileReport, flyTipping, storedReport } from './helpers';

const DAY = 86_400_000;
const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function seeded(code: string, status: ReportStatus, requested: Date): NewReport {
  const at = requested.toISOString();
  return storedReport({
    service_code: code,
    service_group: code === 'noise' ? 'Nuisance' : 'Environmental',
    status,
    description: `seeded ${code} ${status}`,
    lat: 51.8,
    long: -0.2,
    requested_datetime: at,
    updated_datetime: at,
  });
}

describeEachStore('GET requests', (t) => {
  const ids: Record<string, string> = {};
  const now = Date.now();

  beforeAll(async () => {
    const seed = async (name: string, report: NewReport) => {
      const r = await t.store.createReport(report, { newId: () => newReference('DBC') });
      if (!r.ok) throw new Error(r.reason);
      ids[name] = r.report.id;
    };
    await seed('graffitiOpen', seeded('graffiti', 'in_progress', new Date(now - 2 * DAY)));
    await seed('graffitiFixed', seeded('graffiti', 'fixed', new Date(now - 3 * DAY)));
    await seed('noiseOpen', seeded('noise', 'open', new Date(now - 10 * DAY)));
    await seed('old', seeded('noise', 'open', new Date(now - 120 * DAY)));
  });

  const list = async (query: string) => {
    const res = await t.app.inject({ url: `/open311/v2/requests.json${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
  };

  it('lists the last 90 days by default, newest first, in the view schema', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests.json' });
    const views = res.json() as unknown[];
    for (const v of views) ServiceRequestViewSchema.parse(v);
    const got = views.map((v) => (v as { service_request_id: string }).service_request_id);
    expect(got).toEqual(
      expect.arrayContaining([ids.graffitiOpen, ids.graffitiFixed, ids.noiseOpen]),
    );
    expect(got).not.toContain(ids.old);
    expect(got.indexOf(ids.graffitiOpen!)).toBeLessThan(got.indexOf(ids.noiseOpen!));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('filters by service_code', async () => {
    expect(new Set(await list('?service_code=graffiti'))).toEqual(
      new Set([ids.graffitiOpen, ids.graffitiFixed]),
    );
  });

  it('filters by status, mapping extended statuses onto open and closed', async () => {
    const closed = await list('?status=closed&service_code=graffiti');
    expect(closed).toEqual([ids.graffitiFixed]);
    const open = await list('?status=open&service_code=graffiti');
    expect(open).toEqual([ids.graffitiOpen]);
    const res = await t.app.inject({ url: `/open311/v2/requests/${ids.graffitiOpen}.json` });
    expect(res.json()[0]).toMatchObject({ status: 'open', extended_status: 'in_progress' });
  });

  it('filters by start_date and end_date, reaching past 90 days when asked', async () => {
    const start = new Date(now - 150 * DAY).toISOString();
    const end = new Date(now - 100 * DAY).toISOString();
    expect(await list(`?start_date=${start}&end_date=${end}`)).toEqual([ids.old]);
    const sinceFourDays = await list(`?start_date=${new Date(now - 4 * DAY).toISOString()}`);
    expect(sinceFourDays).toContain(ids.graffitiFixed);
    expect(sinceFourDays).not.toContain(ids.noiseOpen);
  });

  it('takes service_request_id as a comma list that overrides other filters', async () => {
    const got = await list(
      `?service_request_id=${ids.old},${ids.graffitiOpen!.toLowerCase()},DBC-NOPE&service_code=noise`,
    );
    expect(new Set(got)).toEqual(new Set([ids.old, ids.graffitiOpen]));
  });

  it.each([
    [
      '?start_date=yesterday',
      'start_date: "yesterday" is not a W3C date like 2026-11-21T18:30:00Z',
    ],
    ['?end_date=2026-13-45', 'end_date: "2026-13-45" is not a W3C date like 2026-11-21T18:30:00Z'],
    [
      '?start_date=2026-01-10T10:00:00',
      'start_date: "2026-01-10T10:00:00" is not a W3C date like 2026-11-21T18:30:00Z',
    ],
    ['?status=pending', 'status: "pending" is not open or closed'],
    ['?start_date=2026-02-01&end_date=2026-01-01', 'start_date: must not be after end_date'],
    ['?status=open&status=closed', 'status: give it once'],
  ])('GET requests.json%s is a 400 naming the parameter', async (query, message) => {
    const res = await t.app.inject({ url: `/open311/v2/requests.json${query}` });
    expect(res.statusCode).toBe(400);
    expect(Open311ErrorSchema.parse(res.json())).toEqual([{ code: 400, description: message }]);
  });

  it('GET requests/{id}.json returns an array of one with W3C dates with a zone', async () => {
    const id = await fileReport(t.app, flyTipping());
    const res = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as unknown[];
    expect(body).toHaveLength(1);
    const view = ServiceRequestViewSchema.parse(body[0]);
    expect(view.requested_datetime).toMatch(W3C_WITH_ZONE);
    expect(view.updated_datetime).toMatch(W3C_WITH_ZONE);
    expect(Math.abs(Date.parse(view.requested_datetime) - Date.now())).toBeLessThan(60_000);
    expect(view).toMatchObject({
      service_request_id: id,
      agency_responsible: 'Demo Borough Council',
    });
  });

  it('finds a reference typed in lower case with O for 0 and I for 1', async () => {
    const id = await fileReport(t.app, flyTipping());
    const typed = id.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i');
    const res = await t.app.inject({ url: `/open311/v2/requests/${typed}.json` });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].service_request_id).toBe(id);
  });

  it.each(['DBC-ZZZZZZZZ', 'XYZ-12345678', 'nonsense', 'DBC-1234567', 'DBC-12345678-9'])(
    'GET requests/%s.json is a 404 error body',
    async (id) => {
      const res = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
      expect(res.statusCode).toBe(404);
      expect(Open311ErrorSchema.parse(res.json())[0]!.code).toBe(404);
    },
  );

  it('answers a broken percent-encoding in the path with a 400 error body', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests/%FF.json' });
    expect(res.statusCode).toBe(400);
    expect(Open311ErrorSchema.parse(res.json())[0]!.code).toBe(400);
  });

  it('returns a page of 200 requests, up to 1,000 with page_size, and refuses a bad page_size', async () => {
    const base = Date.now() - DAY;
    for (let i = 0; i < 1001; i++) {
      const r = await t.store.createReport(seeded('littering', 'open', new Date(base - i * 1000)), {
        newId: () => newReference('DBC'),
      });
      expect(r.ok).toBe(true);
    }
    const page = await list('?service_code=littering');
    expect(page).toHaveLength(200);
    const all = await list('?service_code=littering&page_size=1000');
    expect(all).toHaveLength(1000);
    expect(all.slice(0, 200)).toEqual(page);
    expect(await list('?service_code=littering&page_size=3')).toEqual(page.slice(0, 3));
    for (const bad of ['0', '1001', 'ten', '-5', '2.5']) {
      const res = await t.app.inject({ url: `/open311/v2/requests.json?page_size=${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()[0].description).toMatch(/^page_size: .* from 1 to 1000$/);
    }
  });
});
