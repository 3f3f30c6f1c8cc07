/**
 * The retention job on real SQLite and PostgreSQL: closed reports past their group's period lose
 * contact details, free text and media; open reports and reports on legal hold keep everything;
 * the published figures are the same before and after; a second run finds nothing to do; and
 * only one instance runs it at a time.
 */
import { listAll } from '../../src/server/media/media-files';
import { beforeAll, expect, it } from 'vitest';
import { runRetention } from '../../src/server/privacy/retention';
import { cameraJpeg } from '../fixtures/photos';
import { demoCouncil, describeEachStore, flyTipping, harassment } from './helpers';
import { postWithFiles } from './media-helpers';
import { makeStaff, postUpdate, signedIn } from './staff-helpers';

const months = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + n);
  return d;
};

describeEachStore('retention job', (t) => {
  let photo: Buffer;
  let cookie: string;
  const file = async (fields: Array<[string, string]>) => {
    const res = await postWithFiles(t.app, fields, [
      { name: 'p.jpg', type: 'image/jpeg', bytes: photo },
    ]);
    expect(res.statusCode).toBe(201);
    return (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
  };
  const close = async (reference: string) => {
    const res = await postUpdate(
      t.app,
      { reference, status: 'no_further_action', note: 'Spoke to Sam on 01707 123456.' },
      { cookie },
    );
    expect(res.statusCode).toBe(201);
  };
  const mediaOf = async (id: string) => (await t.store.media.listForReports([id])).get(id) ?? [];

  beforeAll(async () => {
    photo = await cameraJpeg({ gps: { lat: 51.8, long: -0.2 } });
    cookie = await signedIn(t.app, await makeStaff(t.store));
  });

  it('anonymises closed reports past their period, keeps open and held ones, and the figures', async () => {
    const closedPersonal = await file(harassment());
    const closedEnv = await file(flyTipping());
    const open = await file(harassment());
    const held = await file(harassment());
    for (const r of [closedPersonal, closedEnv, held]) await close(r);
    await t.store.surveys.add({
      report_id: closedPersonal,
      satisfaction: 4,
      comment: 'Thank you, Sam here again',
      created_at: new Date().toISOString(),
    });
    expect(await t.store.privacy.setLegalHold(held, true)).toBe(true);
    const heldBefore = await t.store.reports.findById(held);
    const openBefore = await t.store.reports.findById(open);
    const clock = new Date();
    const published = await t.openInstance({ clock: () => clock });
    const figures = async () => (await published.inject('/api/performance.json')).body;
    const before = await figures();
    const filesBefore = (await listAll(t.app.mediaFiles)).length;
    expect(filesBefore).toBe(4);

    // 25 months on: past the Personal (24) and Environmental (6) periods of the demo council.
    const outcome = await runRetention(t.store, demoCouncil, t.app.mediaFiles, months(25), {
      batch: 1,
    });
    expect(outcome).toEqual({
      ran: true,
      counts: expect.objectContaining({ reportsAnonymised: 2, mediaFilesDeleted: 2 }),
    });

    for (const id of [closedPersonal, closedEnv]) {
      const r = (await t.store.reports.findById(id))!;
      expect(r).toMatchObject({ email: null, phone: null, first_name: null, description: '' });
      expect(r.address_string).toBeNull();
      expect(r.status_notes).toBeNull();
      expect(await mediaOf(id)).toEqual([]);
      const updates = await t.store.updates.forReport(id);
      expect(updates.length).toBeGreaterThan(0);
      expect(updates.every((u) => u.description === '')).toBe(true);
    }
    const personal = (await t.store.reports.findById(closedPersonal))!;
    // Typed text goes; answers from a list stay (they describe the problem, not the person).
    expect(personal.attributes).not.toHaveProperty('what_happened');
    expect(personal.attributes.who).toBe('neighbour');
    expect(personal.status).toBe('no_further_action');
    expect(await t.store.surveys.find(closedPersonal)).toMatchObject({
      satisfaction: 4,
      comment: '',
    });
    expect((await t.store.reports.findById(closedEnv))!.attributes).not.toHaveProperty(
      'vehicle_registration',
    );

    expect(await t.store.reports.findById(open)).toEqual(openBefore);
    expect(await t.store.reports.findById(held)).toEqual(heldBefore);
    expect(await mediaOf(open)).toHaveLength(1);
    expect(await mediaOf(held)).toHaveLength(1);
    expect((await listAll(t.app.mediaFiles)).length).toBe(2);

    expect(await figures()).toBe(before);

    const again = await runRetention(t.store, demoCouncil, t.app.mediaFiles, months(25));
    expect(again).toEqual({
      ran: true,
      counts: expect.objectContaining({ reportsAnonymised: 0, mediaFilesDeleted: 0 }),
    });
  });

  it('leaves reports closed more recently than the period alone', async () => {
    const recent = await file(harassment());
    await close(recent);
    // 13 months on: past Personal media (12) but not Personal anonymising (24).
    await runRetention(t.store, demoCouncil, t.app.mediaFiles, months(13));
    const r = (await t.store.reports.findById(recent))!;
    expect(r.email).toBe('victim@example.com');
    expect(await mediaOf(recent)).toEqual([]);
  });

  it('runs on one instance at a time', async () => {
    const now = new Date();
    expect(await t.store.privacy.takeLease('retention', 'another instance', now, months(1))).toBe(
      true,
    );
    expect(await runRetention(t.store, demoCouncil, t.app.mediaFiles, months(25))).toEqual({
      ran: false,
    });
    await t.store.privacy.releaseLease('retention', 'another instance', now);
    expect((await runRetention(t.store, demoCouncil, t.app.mediaFiles, months(25))).ran).toBe(true);
  });
});
