/**
 * Reports filed by reporting centres, and who may see them: the centre's fields are
 * checked (consent to report is required), the report is stored as made by that centre and user,
 * centre A cannot list, read or update centre B's reports (404), a resident sees no centre report,
 * and every read and write by staff, integrations and centres is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEntry } from '../../src/server/centres/centres-repository';
import {
  describeEachStore,
  flyTipping,
  postReport,
  without,
  replacing,
  type Fields,
} from './helpers';
import {
  centreFields,
  centreSignedIn,
  fileOnBehalf,
  hateOnBehalf,
  makeCentre,
  makeCentreUser,
  VICTIM,
  signedInCentre,
  json,
  type Row,
} from './centres-helpers';
import {
  bearer,
  form,
  makeApiKey,
  makeStaff,
  postUpdate,
  signedIn,
  UPDATES_URL,
} from './staff-helpers';

describeEachStore('reports filed by reporting centres', (t) => {
  const actions = async (reference: string) =>
    (await t.store.centres.auditFor(reference)).map(
      (e: AuditEntry) => `${e.actor_kind}:${e.action}`,
    );

  it('is stored as made by that centre and user, without a reporter secret, and sent once', async () => {
    const { centre: c, cookie } = await signedInCentre(t, 'Northgate Library');
    const key = randomUUID();
    const fields = [...hateOnBehalf(), ...centreFields({ centre_reference: '  LIB-7  ' })];
    const first = await postReport(t.app, fields, { key, headers: { cookie } });
    expect(first.statusCode).toBe(201);
    const reference = (json(first.body) as Row[])[0]!.service_request_id as string;
    const again = await postReport(t.app, fields, { key, headers: { cookie } });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);

    const filing = await t.store.centres.findFiling(reference);
    const user = await t.store.centres.findUserByEmail(c.email);
    expect(filing).toMatchObject({
      centre_id: c.id,
      centre_name: 'Northgate Library',
      filed_by: user!.id,
      consent_to_report: 'yes',
      police_consent: 'no',
      contact: 'direct',
      centre_reference: 'LIB-7',
      victim_support: 'yes',
    });
    expect(Date.now() - Date.parse(filing!.filed_at)).toBeLessThan(60_000);
    expect(await actions(reference)).toEqual(['centre_user:file']);
    const report = await t.store.reports.findById(reference);
    expect(report).toMatchObject({ secret_hash: null, first_name: VICTIM.first_name });
    expect(await t.store.reports.count()).toBeGreaterThan(0);
    // The key the tablet kept does not open the victim's report.
    const bySecret = await t.app.inject({
      url: `/open311/v2/requests/${reference}.json`,
      headers: { 'x-report-secret': key },
    });
    expect(bySecret.statusCode).toBe(404);
  });

  it('refuses a centre report without the victim consenting to it, naming the field (acceptance 4)', async () => {
    const { cookie } = await signedInCentre(t);
    const before = await t.store.reports.count();
    const key = randomUUID();
    const none = await postReport(
      t.app,
      [...hateOnBehalf(), ...centreFields({ centre_consent_to_report: null })],
      { key, headers: { cookie } },
    );
    expect(none.statusCode).toBe(400);
    expect(json(none.body)).toEqual([
      {
        code: 400,
        description:
          'centre_consent_to_report: is required: the victim must agree to this report being made, recorded as "yes"',
      },
    ]);
    const no = await postReport(
      t.app,
      [...hateOnBehalf(), ...centreFields({ centre_consent_to_report: 'no' })],
      { key, headers: { cookie } },
    );
    expect(no.statusCode).toBe(400);
    expect(no.body).toContain(
      'centre_consent_to_report: the victim must agree to this report being made',
    );
    expect(await t.store.reports.count()).toBe(before);
    // Fixed, the same key is accepted (a refusal keeps nothing).
    await fileOnBehalf(t.app, cookie, [...hateOnBehalf(), ...centreFields()], key);
  });

  it('names every problem of the centre fields and the report in one 400', async () => {
    const { cookie } = await signedInCentre(t);
    const res = await postReport(
      t.app,
      [
        ...without(hateOnBehalf(), 'attribute[location_type]'),
        ...centreFields({
          centre_police_consent: 'maybe',
          centre_reference: ' ',
          centre_contact: null,
          centre_colour: 'blue',
        }),
      ],
      { headers: { cookie } },
    );
    expect(res.statusCode).toBe(400);
    const text = (json(res.body) as Row[]).map((e) => e.description).join('\n');
    expect(text).toContain('centre_police_consent: give "yes" or "no"');
    expect(text).toContain("centre_reference: give the centre's own case reference");
    expect(text).toContain('centre_contact: is required');
    expect(text).toContain('centre_colour: is not a field of a centre report');
    expect(text).toContain('attribute[location_type]');
  });

  it('checks how the victim may be contacted against the contact details sent', async () => {
    const { cookie } = await signedInCentre(t);
    const throughCentre = await postReport(
      t.app,
      [...hateOnBehalf(), ...centreFields({ centre_contact: 'centre' })],
      { headers: { cookie } },
    );
    expect(throughCentre.statusCode).toBe(400);
    expect(throughCentre.body).toContain(
      'centre_contact: is \\"centre\\", so the report must not carry the victim\'s email address or phone number',
    );
    const anonymous: Fields = replacing(
      without(
        without(without(without(hateOnBehalf(), 'phone'), 'first_name'), 'attribute[safe_method]'),
        'attribute[safe_times]',
      ),
      'attribute[anonymity]',
      'anonymous',
    );
    const direct = await postReport(t.app, [...anonymous, ...centreFields()], {
      headers: { cookie },
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.body).toContain('centre_contact: is \\"direct\\", so give the victim\'s email');
    await fileOnBehalf(t.app, cookie, [
      ...anonymous,
      ...centreFields({ centre_contact: 'centre' }),
    ]);
  });

  it('takes centre fields only from a signed-in centre user, from this origin', async () => {
    const fields = [...hateOnBehalf(), ...centreFields()];
    const anon = await postReport(t.app, fields);
    expect(anon.statusCode).toBe(401);
    expect(anon.body).toContain('only a signed-in reporting centre may file a report on behalf');
    const staffCookie = await signedIn(t.app, await makeStaff(t.store));
    expect((await postReport(t.app, fields, { headers: { cookie: staffCookie } })).statusCode).toBe(
      401,
    );
    const { cookie } = await signedInCentre(t);
    const crossSite = await postReport(t.app, fields, {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    // A resident's report from a browser that is signed in as a centre is still a resident's.
    const resident = await postReport(t.app, flyTipping(), {
      key: randomUUID(),
      headers: { cookie },
    });
    expect(resident.statusCode).toBe(201);
    const ref = (json(resident.body) as Row[])[0]!.service_request_id as string;
    expect(await t.store.centres.findFiling(ref)).toBeNull();
  });

  it("centre A cannot list, read or update centre B's reports: 404 (acceptance 3)", async () => {
    const a = await makeCentre(t.store, 'Centre A');
    const b = await makeCentre(t.store, 'Centre B');
    const cookieA = await centreSignedIn(t.app, a.email);
    const cookieB = await centreSignedIn(t.app, b.email);
    const refA = await fileOnBehalf(t.app, cookieA, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'A-1' }),
    ]);
    const refB = await fileOnBehalf(t.app, cookieB, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'B-1' }),
    ]);

    const listA = json(
      (await t.app.inject({ url: '/api/centre/reports', headers: { cookie: cookieA } })).body,
    ) as { total: number; reports: Row[] };
    expect(listA.total).toBe(1);
    expect(listA.reports.map((r) => r.service_request_id)).toEqual([refA]);
    expect(listA.reports[0]).toMatchObject({
      status: 'open',
      centre: { centre_reference: 'A-1', centre_name: 'Centre A', filed_by: 'Centre worker' },
    });
    expect(JSON.stringify(listA)).not.toContain('B-1');

    const readB = await t.app.inject({
      url: `/api/centre/reports/${refB}.json`,
      headers: { cookie: cookieA },
    });
    const readNothing = await t.app.inject({
      url: '/api/centre/reports/DBC-00000000.json',
      headers: { cookie: cookieA },
    });
    expect(readB.statusCode).toBe(404);
    expect(readNothing.statusCode).toBe(404);
    expect(readB.body.replace(refB, 'X')).toBe(readNothing.body.replace('DBC-00000000', 'X'));
    const viaOpen311 = await t.app.inject({
      url: `/open311/v2/requests/${refB}.json`,
      headers: { cookie: cookieA },
    });
    expect(viaOpen311.statusCode).toBe(404);
    const updatesB = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${refB}`,
      headers: { cookie: cookieA },
    });
    expect(updatesB.statusCode).toBe(404);
    const amendB = await form(
      t.app,
      `/api/centre/reports/${refB}.json`,
      [['centre_police_consent', 'yes']],
      { cookie: cookieA },
    );
    expect(amendB.statusCode).toBe(404);
    expect((await t.store.centres.findFiling(refB))!.police_consent).toBe('no');
    expect(await actions(refB)).toEqual(['centre_user:file']);

    // Another user of centre A sees centre A's reports, in full with the history.
    const cookieA2 = await centreSignedIn(t.app, await makeCentreUser(t.store, a.code));
    const own = await t.app.inject({
      url: `/api/centre/reports/${refA}.json`,
      headers: { cookie: cookieA2 },
    });
    expect(own.statusCode).toBe(200);
    const [view] = json(own.body) as Row[];
    expect(view).toMatchObject({
      visibility: 'full',
      description: VICTIM.description,
      phone: VICTIM.phone,
      centre: { centre_reference: 'A-1' },
      updates: [],
    });
    const amend = await form(
      t.app,
      `/api/centre/reports/${refA}.json`,
      [
        ['centre_police_consent', 'yes'],
        ['centre_reference', 'A-1b'],
      ],
      { cookie: cookieA2 },
    );
    expect(amend.statusCode).toBe(200);
    expect(await t.store.centres.findFiling(refA)).toMatchObject({
      police_consent: 'yes',
      centre_reference: 'A-1b',
      not_to_share: 'Do not tell the landlord.',
    });
    const badAmend = await form(
      t.app,
      `/api/centre/reports/${refA}.json`,
      [['centre_consent_to_report', 'no']],
      { cookie: cookieA2 },
    );
    expect(badAmend.statusCode).toBe(400);
    expect(await actions(refA)).toEqual([
      'centre_user:file',
      'centre_user:list',
      'centre_user:read',
      'centre_user:update',
    ]);
  });

  it('a resident or the public sees no centre report anywhere (acceptance 3)', async () => {
    const { cookie } = await signedInCentre(t);
    const key = randomUUID();
    const ref = await fileOnBehalf(t.app, cookie, undefined, key);
    const residentKey = randomUUID();
    await postReport(t.app, flyTipping(), { key: residentKey });

    for (const headers of [{}, { 'x-report-secret': key }, { 'x-report-secret': residentKey }]) {
      const one = await t.app.inject({ url: `/open311/v2/requests/${ref}.json`, headers });
      expect(one.statusCode).toBe(404);
      const list = await t.app.inject({ url: '/open311/v2/requests.json', headers });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(ref);
      expect(list.body).not.toContain(VICTIM.description);
      const byId = await t.app.inject({
        url: `/open311/v2/requests.json?service_request_id=${ref}`,
        headers,
      });
      expect(json(byId.body)).toEqual([]);
    }
    const updates = await t.app.inject(`${UPDATES_URL}?service_request_id=${ref}`);
    expect(updates.statusCode).toBe(404);
    const staffCookie = await signedIn(t.app, await makeStaff(t.store));
    expect(
      (
        await postUpdate(
          t.app,
          { reference: ref, status: 'investigating', note: 'Called the centre' },
          { cookie: staffCookie },
        )
      ).statusCode,
    ).toBe(201);
    const range = await t.app.inject(UPDATES_URL);
    expect(range.body).not.toContain(ref);
    expect(range.body).not.toContain('Called the centre');
    // The resident's own centre-free endpoints do not reach it either.
    const survey = await form(t.app, '/api/surveys', [['service_request_id', ref]], {
      'x-report-secret': key,
    });
    expect([400, 404]).toContain(survey.statusCode);
  });

  it('staff and integrations see it as filed by that centre, and every read and write is audited (acceptance 3)', async () => {
    const { centre: c, cookie } = await signedInCentre(t, 'Riverside Community Centre');
    const ref = await fileOnBehalf(t.app, cookie, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'RCC-19' }),
    ]);
    const staffEmail = await makeStaff(t.store);
    const staffCookie = await signedIn(t.app, staffEmail);
    const staffId = (await t.store.staff.findByEmail(staffEmail))!.id;

    const read = await t.app.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { cookie: staffCookie },
    });
    expect(read.statusCode).toBe(200);
    const [view] = json(read.body) as Row[];
    expect(view).toMatchObject({
      visibility: 'full',
      description: VICTIM.description,
      centre: {
        centre_name: 'Riverside Community Centre',
        centre_code: c.code,
        filed_by: 'Centre worker',
        centre_reference: 'RCC-19',
        consent_to_report: 'yes',
        police_consent: 'no',
        contact: 'direct',
        not_to_share: 'Do not tell the landlord.',
        victim_support: 'yes',
      },
    });
    const list = await t.app.inject({
      url: `/open311/v2/requests.json?service_request_id=${ref}`,
      headers: { cookie: staffCookie },
    });
    expect((json(list.body) as Row[])[0]).toMatchObject({ centre: { centre_reference: 'RCC-19' } });
    const queue = await t.app.inject({
      url: '/api/staff/reports?status=all&limit=200',
      headers: { cookie: staffCookie },
    });
    const item = (json(queue.body) as { reports: Row[] }).reports.find(
      (r) => r.service_request_id === ref,
    );
    expect(item).toMatchObject({ filed_by_centre: 'Riverside Community Centre' });
    const posted = await postUpdate(
      t.app,
      { reference: ref, status: 'investigating', note: 'Spoke to the centre.' },
      { cookie: staffCookie },
    );
    expect(posted.statusCode).toBe(201);
    const history = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${ref}`,
      headers: { cookie: staffCookie },
    });
    expect(history.statusCode).toBe(200);
    const key = await makeApiKey(t.store, ['reports:read']);
    expect(
      (await t.app.inject({ url: `/open311/v2/requests/${ref}.json`, headers: bearer(key) }))
        .statusCode,
    ).toBe(200);

    const entries = await t.store.centres.auditFor(ref);
    expect(entries.map((e) => `${e.actor_kind}:${e.action}`)).toEqual([
      'centre_user:file',
      'staff:read',
      'staff:list',
      'staff:list',
      'staff:post_update',
      'staff:read_updates',
      'integration:read',
    ]);
    expect(
      entries.filter((e) => e.actor_kind === 'staff').every((e) => e.actor_id === staffId),
    ).toBe(true);
    // The centre sees the council's update on its own list.
    const own = json(
      (await t.app.inject({ url: '/api/centre/reports', headers: { cookie } })).body,
    ) as { reports: Row[] };
    expect(own.reports[0]).toMatchObject({
      extended_status: 'investigating',
      status_notes: 'Spoke to the centre.',
    });
  });
});
