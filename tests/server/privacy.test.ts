import { beforeAll, expect, it } from 'vitest';
import { ServiceRequestViewSchema } from '../../src/shared/open311';
import { describeEachStore, fileReport, flyTipping, harassment, newKey } from './helpers';

const view = (body: string) => ServiceRequestViewSchema.parse((JSON.parse(body) as unknown[])[0]);

describeEachStore('privacy of reports', (t) => {
  const personal = { id: '', key: newKey() };
  const environmental = { id: '', key: newKey() };

  beforeAll(async () => {
    personal.id = await fileReport(t.app, harassment(), personal.key);
    environmental.id = await fileReport(t.app, flyTipping(), environmental.key);
  });

  const get = (id: string, secret?: string) =>
    t.app.inject({
      url: `/open311/v2/requests/${id}.json`,
      headers: secret ? { 'x-report-secret': secret } : {},
    });

  it('a Personal report is status only to the public', async () => {
    const res = await get(personal.id);
    expect(res.statusCode).toBe(200);
    const v = view(res.body);
    expect(v.visibility).toBe('status_only');
    expect(v).toMatchObject({ service_code: 'harassment', group: 'Personal', status: 'open' });
    for (const hidden of [
      'description',
      'lat',
      'long',
      'address',
      'address_id',
      'attributes',
      'email',
      'first_name',
      'phone',
      'status_notes',
      'media_url',
    ]) {
      expect(v, hidden).not.toHaveProperty(hidden);
    }
    expect(res.body).not.toContain('shout');
    expect(res.body).not.toContain('victim@example.com');
    expect(res.body).not.toContain('51.76');
  });

  it('a wrong or malformed secret gets exactly the public answer', async () => {
    const publicBody = (await get(personal.id)).body;
    for (const wrong of [newKey(), environmental.key, 'not-a-uuid', personal.key + 'x']) {
      const res = await get(personal.id, wrong);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(publicBody);
    }
  });

  it("the report's secret opens the full view, whatever its case", async () => {
    for (const secret of [personal.key, personal.key.toUpperCase()]) {
      const v = view((await get(personal.id, secret)).body);
      expect(v).toMatchObject({
        visibility: 'full',
        description: 'The people at number 12 shout at me whenever I leave the house.',
        lat: 51.7634,
        long: -0.2237,
        attributes: { what_happened: 'Shouting and threats at the front door.', who: 'neighbour' },
        email: 'victim@example.com',
      });
    }
  });

  it('a non-personal report shows public fields, never contact details or private answers', async () => {
    const v = view((await get(environmental.id)).body);
    expect(v).toMatchObject({
      visibility: 'public',
      description: 'Six black bags and a mattress by the garages.',
      lat: 51.8003,
      address: 'Back lane behind the parade, Welwyn Garden City',
    });
    expect(v.attributes).toEqual({
      size: 'car_boot',
      waste_types: ['household', 'furniture'],
      hazards: ['none'],
      land_type: 'back_alley',
      witnessed: 'yes',
    });
    for (const hidden of ['email', 'first_name', 'last_name', 'phone']) {
      expect(v, hidden).not.toHaveProperty(hidden);
    }
    const raw = (await get(environmental.id)).body;
    expect(raw).not.toContain('AB12 CDE');
    expect(raw).not.toContain('resident@example.com');
    expect(raw).not.toContain('01707 123456');
  });

  it('the reporter of a non-personal report sees their contact details and private answers', async () => {
    const v = view((await get(environmental.id, environmental.key)).body);
    expect(v.visibility).toBe('full');
    expect(v.attributes).toMatchObject({ vehicle_registration: 'AB12 CDE' });
    expect(v).toMatchObject({
      email: 'resident@example.com',
      first_name: 'Sam',
      phone: '01707 123456',
    });
  });

  it('the list applies the same views, report by report', async () => {
    const ids = `${personal.id},${environmental.id}`;
    const res = await t.app.inject({ url: `/open311/v2/requests.json?service_request_id=${ids}` });
    const byId = new Map(
      (res.json() as unknown[]).map((r) => {
        const v = ServiceRequestViewSchema.parse(r);
        return [v.service_request_id, v];
      }),
    );
    expect(byId.get(personal.id)!.visibility).toBe('status_only');
    expect(byId.get(environmental.id)!.visibility).toBe('public');
    expect(res.body).not.toContain('victim@example.com');

    const mine = await t.app.inject({
      url: `/open311/v2/requests.json?service_request_id=${ids}`,
      headers: { 'x-report-secret': personal.key },
    });
    const views = (mine.json() as unknown[]).map((r) => ServiceRequestViewSchema.parse(r));
    expect(views.find((v) => v.service_request_id === personal.id)!.visibility).toBe('full');
    expect(views.find((v) => v.service_request_id === environmental.id)!.visibility).toBe('public');
  });

  it('a report filed without a key has no secret that opens it', async () => {
    const id = await fileReport(t.app, harassment());
    const v = view((await get(id, newKey())).body);
    expect(v.visibility).toBe('status_only');
  });

  it('answers vary by secret and are never stored by shared caches', async () => {
    const res = await get(personal.id, personal.key);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers.vary)).toMatch(/X-Report-Secret/i);
  });
});
