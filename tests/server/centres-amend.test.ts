/**
 * A centre correcting what it recorded after the report was made (POST
 * /api/centre/reports/<reference>.json), on real SQLite and PostgreSQL: when the victim no longer
 * wants direct contact, their email address and phone number leave the report in the same
 * change (the council only keeps them while it may use them); direct contact still needs them,
 * and they are not added here; every correction is audited.
 */
import { expect, it } from 'vitest';
import {
  centreFields,
  fileOnBehalf,
  hateOnBehalf,
  json,
  signedInCentre,
  VICTIM,
  type Row,
} from './centres-helpers';
import { describeEachStore } from './helpers';
import { form, makeStaff, signedIn } from './staff-helpers';

describeEachStore('a centre corrects what it recorded', (t) => {
  const amend = (ref: string, cookie: string, fields: Array<[string, string]>) =>
    form(t.app, `/api/centre/reports/${ref}.json`, fields, { cookie });

  it("removes the victim's email and phone from the report when direct contact is withdrawn", async () => {
    const { cookie } = await signedInCentre(t, 'Amend Library');
    const ref = await fileOnBehalf(t.app, cookie);
    expect(await t.store.reports.findById(ref)).toMatchObject({ phone: VICTIM.phone });

    const res = await amend(ref, cookie, [['centre_contact', 'none']]);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res.body)).toMatchObject({
      service_request_id: ref,
      centre: { contact: 'none' },
      victim_contact_removed: true,
    });
    const stored = await t.store.reports.findById(ref);
    expect(stored?.phone ?? null).toBeNull();
    expect(stored?.email ?? null).toBeNull();
    expect(await t.store.centres.findFiling(ref)).toMatchObject({ contact: 'none' });

    // Staff see the change and no phone number.
    const staff = await signedIn(t.app, await makeStaff(t.store));
    const seen = await t.app.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { cookie: staff },
    });
    const [view] = json(seen.body) as Row[];
    expect(view).toMatchObject({ centre: { contact: 'none' } });
    expect(JSON.stringify(view)).not.toContain(VICTIM.phone);

    // Back to direct contact needs details the report no longer has.
    const back = await amend(ref, cookie, [['centre_contact', 'direct']]);
    expect(back.statusCode).toBe(400);
    const [problem] = json(back.body) as Array<{ description: string }>;
    expect(problem!.description).toContain(
      'centre_contact: is "direct", so give the victim\'s email address or phone number',
    );
    expect(await t.store.centres.findFiling(ref)).toMatchObject({ contact: 'none' });

    const actions = (await t.store.centres.auditFor(ref)).map((e) => e.action);
    expect(actions.filter((a) => a === 'update')).toHaveLength(1);
  });

  it('changing between "not at all" and "through the centre" touches nothing else', async () => {
    const { cookie } = await signedInCentre(t, 'Quiet Library');
    const ref = await fileOnBehalf(t.app, cookie, [
      ...hateOnBehalf().filter(
        ([k]) =>
          ![
            'phone',
            'first_name',
            'attribute[anonymity]',
            'attribute[safe_method]',
            'attribute[safe_times]',
          ].includes(k),
      ),
      ['attribute[anonymity]', 'anonymous'],
      ...centreFields({ centre_contact: 'centre' }),
    ]);
    const before = await t.store.reports.findById(ref);
    const res = await amend(ref, cookie, [
      ['centre_contact', 'none'],
      ['centre_victim_support', 'no'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res.body)).toMatchObject({
      centre: { contact: 'none', victim_support: 'no' },
      victim_contact_removed: false,
    });
    expect(await t.store.reports.findById(ref)).toEqual(before);
  });
});
