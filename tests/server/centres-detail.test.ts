/**
 * The centre's page for one of its reports (its own reports, with status and updates, and
 * nothing of other centres' reports): GET
 * /api/centre/reports/<reference>.json gives the filing centre the report with the council's
 * updates in order, and nothing else of who wrote them; another centre gets the 404 of a
 * reference that does not exist; a resident, staff or nobody signed in gets the same 401 whether
 * or not the reference exists; and every read is in the centre audit log.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEntry } from '../../src/server/centres/centres-repository';
import { describeEachStore, flyTipping, postReport } from './helpers';
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
import { bearer, makeApiKey, makeStaff, postUpdate, signedIn } from './staff-helpers';

const detailUrl = (reference: string) => `/api/centre/reports/${reference}.json`;
/** A time the given seconds after now, as the API writes it (updates may not predate the report). */
const later = (seconds: number) =>
  new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describeEachStore("a centre's page for one of its reports", (t) => {
  const entries = async (reference: string) =>
    (await t.store.centres.auditFor(reference)).map(
      (e: AuditEntry) => `${e.actor_kind}:${e.action}:${e.actor_id}:${e.actor_centre_id ?? '-'}`,
    );

  it("gives the filing centre the council's updates in order, each read audited", async () => {
    const { centre: c, cookie } = await signedInCentre(t, 'Riverside Library');
    const ref = await fileOnBehalf(t.app, cookie, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'RL-19', centre_police_consent: 'yes' }),
    ]);
    const staffCookie = await signedIn(t.app, await makeStaff(t.store));
    const key = await makeApiKey(t.store, ['updates:write']);
    const [first, second] = [later(60), later(120)];
    const posted = [
      await postUpdate(
        t.app,
        {
          reference: ref,
          status: 'investigating',
          note: 'An officer will call the centre.',
          at: first,
        },
        { cookie: staffCookie },
      ),
      await postUpdate(
        t.app,
        {
          reference: ref,
          status: 'action_scheduled',
          note: 'Patrols arranged for the evenings.',
          at: second,
        },
        bearer(key),
      ),
    ];
    expect(posted.map((p) => p.statusCode)).toEqual([201, 201]);

    // Another user of the same centre reads it: the report, what the centre recorded, updates.
    const user2 = await makeCentreUser(t.store, c.code);
    const cookie2 = await centreSignedIn(t.app, user2);
    const res = await t.app.inject({ url: detailUrl(ref), headers: { cookie: cookie2 } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const [view] = json(res.body) as Row[];
    expect(view).toMatchObject({
      service_request_id: ref,
      service_name: 'Hate incident or hate crime',
      extended_status: 'action_scheduled',
      status_notes: 'Patrols arranged for the evenings.',
      description: VICTIM.description,
      centre: {
        centre_name: 'Riverside Library',
        centre_reference: 'RL-19',
        filed_by: 'Centre worker',
        police_consent: 'yes',
        contact: 'direct',
        not_to_share: 'Do not tell the landlord.',
        victim_support: 'yes',
      },
    });
    const updates = view!.updates as Row[];
    expect(updates.map((u) => [u.status, u.description, u.updated_datetime])).toEqual([
      ['investigating', 'An officer will call the centre.', first],
      ['action_scheduled', 'Patrols arranged for the evenings.', second],
    ]);

    // A lowercase reference finds it too (as people type them).
    const lower = await t.app.inject({ url: detailUrl(ref.toLowerCase()), headers: { cookie } });
    expect(lower.statusCode).toBe(200);

    const u1 = (await t.store.centres.findUserByEmail(c.email))!.id;
    const u2 = (await t.store.centres.findUserByEmail(user2))!.id;
    // Entries written in the same millisecond have no set order, so compare them as a set.
    const kind = (e: string) => e.split(':').slice(0, 2).join(':');
    const log = await entries(ref);
    expect(log.map(kind).sort()).toEqual(
      [
        'centre_user:file',
        'staff:post_update',
        'integration:post_update',
        'centre_user:read',
        'centre_user:read',
      ].sort(),
    );
    expect(
      log
        .filter((e) => kind(e) !== 'staff:post_update' && kind(e) !== 'integration:post_update')
        .sort(),
    ).toEqual(
      [
        `centre_user:file:${u1}:${c.id}`,
        `centre_user:read:${u2}:${c.id}`,
        `centre_user:read:${u1}:${c.id}`,
      ].sort(),
    );
  });

  it('tells the centre nothing of who at the council wrote an update', async () => {
    const { cookie } = await signedInCentre(t);
    const ref = await fileOnBehalf(t.app, cookie);
    const staffEmail = await makeStaff(t.store, 'Officer Internalname');
    const staff = (await t.store.staff.findByEmail(staffEmail))!;
    const staffCookie = await signedIn(t.app, staffEmail);
    const key = await makeApiKey(t.store, ['updates:write']);
    const updateId = randomUUID();
    for (const [u, headers] of [
      [{ reference: ref, status: 'investigating', note: 'Looking into it.', updateId }, {}],
      [{ reference: ref, status: 'in_progress', note: 'Visited the parade.' }, bearer(key)],
    ] as const) {
      const posted = await postUpdate(t.app, u, { cookie: staffCookie, ...headers });
      expect(posted.statusCode).toBe(201);
    }
    const stored = await t.store.updates.forReport(ref);
    expect(stored.map((u) => u.author_kind)).toEqual(['staff', 'integration']);

    const res = await t.app.inject({ url: detailUrl(ref), headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const updates = (json(res.body) as Row[])[0]!.updates as Row[];
    expect(updates).toHaveLength(2);
    for (const u of updates) {
      expect(Object.keys(u).sort()).toEqual([
        'description',
        'external_status_code',
        'media_url',
        'service_request_id',
        'status',
        'update_id',
        'updated_datetime',
      ]);
    }
    for (const secret of [
      staff.id,
      staff.email,
      staff.name,
      stored[1]!.author_id!,
      key,
      stored[0]!.content_hash,
      'author_',
      'content_hash',
    ]) {
      expect(res.body, secret).not.toContain(secret);
    }
  });

  it("another centre gets the 404 of a reference that does not exist, and no one's read is audited", async () => {
    const a = await makeCentre(t.store, 'Centre A');
    const b = await makeCentre(t.store, 'Centre B');
    const cookieA = await centreSignedIn(t.app, a.email);
    const cookieB = await centreSignedIn(t.app, b.email);
    const refA = await fileOnBehalf(t.app, cookieA, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'A-SECRET-7' }),
    ]);
    const staffCookie = await signedIn(t.app, await makeStaff(t.store));
    await postUpdate(
      t.app,
      { reference: refA, status: 'investigating', note: 'Centre A note' },
      { cookie: staffCookie },
    );
    const before = await entries(refA);

    const other = await t.app.inject({ url: detailUrl(refA), headers: { cookie: cookieB } });
    const missing = await t.app.inject({
      url: detailUrl('DBC-99999999'),
      headers: { cookie: cookieB },
    });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.body.replace(refA, 'X')).toBe(missing.body.replace('DBC-99999999', 'X'));
    expect(other.body).not.toContain('A-SECRET-7');
    expect(other.body).not.toContain('Centre A note');

    // A resident's report is not the centre's either: the same 404.
    const residentRes = await postReport(t.app, flyTipping(), { key: randomUUID() });
    const residentRef = (json(residentRes.body) as Row[])[0]!.service_request_id as string;
    const resident = await t.app.inject({
      url: detailUrl(residentRef),
      headers: { cookie: cookieB },
    });
    expect(resident.statusCode).toBe(404);
    expect(resident.body.replace(residentRef, 'X')).toBe(missing.body.replace('DBC-99999999', 'X'));

    // Centre B's list has nothing of centre A's report.
    const list = await t.app.inject({ url: '/api/centre/reports', headers: { cookie: cookieB } });
    expect((json(list.body) as { total: number }).total).toBe(0);
    expect(list.body).not.toContain(refA);
    expect(await entries(refA)).toEqual(before);
  });

  it('a resident, staff or anyone not signed in gets the same 401 whether or not the report exists', async () => {
    const { cookie } = await signedInCentre(t);
    const tabletKey = randomUUID();
    const ref = await fileOnBehalf(t.app, cookie, undefined, tabletKey);
    const staffCookie = await signedIn(t.app, await makeStaff(t.store));
    await postUpdate(
      t.app,
      { reference: ref, status: 'investigating', note: 'Only for the centre' },
      { cookie: staffCookie },
    );
    const integration = await makeApiKey(t.store, ['reports:read']);
    const before = await entries(ref);

    const callers: Array<[string, Record<string, string>]> = [
      ['nobody', {}],
      ["a resident with the tablet's key", { 'x-report-secret': tabletKey }],
      ['staff', { cookie: staffCookie }],
      ['an integration', bearer(integration)],
      ['a made-up cookie', { cookie: 'nr-centre=not-a-session' }],
    ];
    for (const [who, headers] of callers) {
      const real = await t.app.inject({ url: detailUrl(ref), headers });
      const none = await t.app.inject({ url: detailUrl('DBC-99999999'), headers });
      expect(real.statusCode, who).toBe(401);
      expect(real.body, who).toBe(none.body);
      expect(real.body, who).not.toContain(ref);
      expect(real.body, who).not.toContain('Only for the centre');
    }
    // A signed-out session is the same as none.
    const signOut = await t.app.inject({
      method: 'POST',
      url: '/api/centre/sign-out',
      headers: { cookie },
    });
    expect(signOut.statusCode).toBe(204);
    const after = await t.app.inject({ url: detailUrl(ref), headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(await entries(ref)).toEqual(before);
  });
});
