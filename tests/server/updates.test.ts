/**
 * servicerequestupdates: posting (staff session or an API key with updates:write), idempotency on
 * update_id, the report's lifecycle following its updates, and who reads what.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../../src/server/reports/idempotency';
import { newReference } from '../../src/server/reports/reference';
import {
  describeEachStore,
  fileReport,
  flyTipping,
  harassment,
  newKey,
  storedReport,
} from './helpers';
import { UPDATES_URL, bearer, makeApiKey, makeStaff, postUpdate, signedIn } from './staff-helpers';

const view = (body: string) => JSON.parse(body) as Array<Record<string, unknown>>;

describeEachStore('servicerequestupdates', (t) => {
  let writer: string;
  let reader: string;
  let cookie: string;
  beforeAll(async () => {
    writer = await makeApiKey(t.store, ['updates:write']);
    reader = await makeApiKey(t.store, ['reports:read']);
    cookie = await signedIn(t.app, await makeStaff(t.store));
  });

  describe('posting', () => {
    it('needs a staff session or an API key (401), and the updates:write scope (403)', async () => {
      const ref = await fileReport(t.app, flyTipping());
      const none = await postUpdate(t.app, { reference: ref, status: 'investigating' }, {});
      expect(none.statusCode).toBe(401);
      const wrongKey = await postUpdate(
        t.app,
        { reference: ref, status: 'investigating' },
        bearer('nrk_not-a-key-at-all-000000000000000000000'),
      );
      expect(wrongKey.statusCode).toBe(401);
      expect(wrongKey.body).toContain('API key is not valid');
      const readOnly = await postUpdate(
        t.app,
        { reference: ref, status: 'investigating' },
        bearer(reader),
      );
      expect(readOnly.statusCode).toBe(403);
      expect(readOnly.body).toContain('updates:write');
      const inBody = await postUpdate(
        t.app,
        { reference: ref, status: 'investigating', extra: [['api_key', writer]] },
        {},
      );
      expect(inBody.statusCode).toBe(201);
      expect((await t.store.reports.findById(ref))!.status).toBe('investigating');
    });

    it('stores the update and the report follows it: status, notes, first response', async () => {
      const key = newKey();
      const ref = await fileReport(t.app, flyTipping(), key);
      const before = (await t.store.reports.findById(ref))!;
      const res = await postUpdate(
        t.app,
        { reference: ref, status: 'INVESTIGATING', note: 'A crew will visit on Tuesday.' },
        bearer(writer),
      );
      expect(res.statusCode).toBe(201);
      const [u] = view(res.body);
      expect(u).toMatchObject({
        service_request_id: ref,
        status: 'investigating',
        description: 'A crew will visit on Tuesday.',
        media_url: null,
        external_status_code: null,
      });
      const stored = (await t.store.reports.findById(ref))!;
      expect(stored.status).toBe('investigating');
      expect(stored.status_notes).toBe('A crew will visit on Tuesday.');
      expect(stored.first_response_at).toBe(new Date(String(u!.updated_datetime)).toISOString());
      expect(stored.closed_at).toBeNull();
      expect(Date.parse(stored.updated_datetime)).toBeGreaterThanOrEqual(
        Date.parse(before.updated_datetime),
      );

      const mine = await t.app.inject({
        url: `/open311/v2/requests/${ref}.json`,
        headers: { 'x-report-secret': key },
      });
      const [full] = view(mine.body);
      expect(full).toMatchObject({
        status: 'open',
        extended_status: 'investigating',
        status_notes: 'A crew will visit on Tuesday.',
        survey_answered: false,
      });
      expect(full!.updates).toEqual([u]);
    });

    it('closing sets closed_at and Open311 closed; reopening clears it', async () => {
      const ref = await fileReport(t.app, flyTipping());
      await postUpdate(t.app, { reference: ref, status: 'in_progress' }, bearer(writer));
      const first = (await t.store.reports.findById(ref))!.first_response_at;
      const closed = await postUpdate(
        t.app,
        { reference: ref, status: 'fixed', note: 'Cleared.' },
        bearer(writer),
      );
      const closedAt = new Date(String(view(closed.body)[0]!.updated_datetime)).toISOString();
      let r = (await t.store.reports.findById(ref))!;
      expect(r).toMatchObject({ status: 'fixed', closed_at: closedAt, first_response_at: first });
      const pub = view((await t.app.inject(`/open311/v2/requests/${ref}.json`)).body)[0]!;
      expect(pub.status).toBe('closed');
      await postUpdate(
        t.app,
        { reference: ref, status: 'open', note: 'Back again.' },
        bearer(writer),
      );
      r = (await t.store.reports.findById(ref))!;
      expect(r).toMatchObject({ status: 'open', closed_at: null, first_response_at: first });
    });

    it('an update that happened earlier takes its place in history and does not overwrite', async () => {
      const requested = new Date(
        Math.floor((Date.now() - 10 * 86_400_000) / 1000) * 1000,
      ).toISOString();
      const created = await t.store.createReport(
        storedReport({ requested_datetime: requested, updated_datetime: requested }),
        { newId: () => newReference('DBC') },
      );
      if (!created.ok) throw new Error('not stored');
      const ref = created.report.id;
      const day = (n: number) => new Date(Date.parse(requested) + n * 86_400_000).toISOString();
      await postUpdate(t.app, { reference: ref, status: 'fixed', at: day(5) }, bearer(writer));
      await postUpdate(
        t.app,
        { reference: ref, status: 'investigating', note: 'Looking', at: day(2) },
        bearer(writer),
      );
      const r = (await t.store.reports.findById(ref))!;
      expect(r.status).toBe('fixed');
      expect(r.first_response_at).toBe(day(2));
      expect(r.closed_at).toBe(day(5));
      expect(r.updated_datetime).toBe(day(5));
      expect(r.status_notes).toBe('Looking');
    });

    it('a repeated update_id with the same content answers with the first; other content is 422', async () => {
      const ref = await fileReport(t.app, flyTipping());
      const updateId = `cms-${randomUUID()}`;
      const u = { reference: ref, status: 'action_scheduled', note: 'Booked', updateId };
      const first = await postUpdate(t.app, u, bearer(writer));
      expect(first.statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
      const again = await postUpdate(t.app, u, bearer(writer));
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(await t.store.updates.forReport(ref)).toHaveLength(1);
      const other = await postUpdate(t.app, { ...u, note: 'Booked for Friday' }, bearer(writer));
      expect(other.statusCode).toBe(422);
      expect(other.body).toContain(updateId);
      const otherReport = await fileReport(t.app, flyTipping());
      const moved = await postUpdate(t.app, { ...u, reference: otherReport }, bearer(writer));
      expect(moved.statusCode).toBe(422);
      expect(await t.store.updates.forReport(otherReport)).toHaveLength(0);
    });

    it('refuses bad updates with a 400 naming each problem, and unknown reports with 404', async () => {
      const ref = await fileReport(t.app, flyTipping());
      const bad = await postUpdate(
        t.app,
        {
          reference: ref,
          status: 'sorted',
          updateId: 'has spaces',
          at: '2099-01-01T00:00:00Z',
          extra: [
            ['colour', 'red'],
            ['media_url', 'ftp://x'],
          ],
        },
        bearer(writer),
      );
      expect(bad.statusCode).toBe(400);
      const text = view(bad.body)
        .map((e) => e.description)
        .join('\n');
      for (const f of [
        'update_id:',
        'status: "sorted"',
        'colour:',
        'media_url:',
        'updated_datetime: is in the future',
      ]) {
        expect(text).toContain(f);
      }
      const early = await postUpdate(
        t.app,
        { reference: ref, status: 'open', at: '2020-01-01T00:00:00Z' },
        bearer(writer),
      );
      expect(early.statusCode).toBe(400);
      expect(early.body).toContain('before the report arrived');
      const long = await postUpdate(
        t.app,
        { reference: ref, status: 'open', note: 'x'.repeat(2001) },
        bearer(writer),
      );
      expect(long.statusCode).toBe(400);
      const missing = await postUpdate(
        t.app,
        { reference: 'DBC-00000000', status: 'open' },
        bearer(writer),
      );
      expect(missing.statusCode).toBe(404);
    });

    it('staff post with their session from this origin; another origin is refused (CSRF)', async () => {
      const ref = await fileReport(t.app, flyTipping());
      const ok = await postUpdate(
        t.app,
        { reference: ref, status: 'investigating', note: 'Seen' },
        { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
      );
      expect(ok.statusCode).toBe(201);
      const stored = await t.store.updates.forReport(ref);
      expect(stored[0]).toMatchObject({ author_kind: 'staff' });
      const evil = await postUpdate(
        t.app,
        { reference: ref, status: 'fixed' },
        { cookie, origin: 'https://evil.example' },
      );
      expect(evil.statusCode).toBe(403);
      const crossSite = await postUpdate(
        t.app,
        { reference: ref, status: 'fixed' },
        { cookie, 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.statusCode).toBe(403);
      expect((await t.store.reports.findById(ref))!.status).toBe('investigating');
    });
  });

  describe('reading', () => {
    let flyRef: string;
    let flyKey: string;
    let personalRef: string;
    let personalKey: string;
    beforeAll(async () => {
      flyKey = newKey();
      flyRef = await fileReport(t.app, flyTipping(), flyKey);
      personalKey = newKey();
      personalRef = await fileReport(t.app, harassment(), personalKey);
      for (const ref of [flyRef, personalRef]) {
        await postUpdate(
          t.app,
          {
            reference: ref,
            status: 'investigating',
            note: `Private note about ${ref}`,
            extra: [
              ['media_url', 'https://council.example/photo.jpg'],
              ['external_status_code', 'CMS-42'],
            ],
          },
          bearer(writer),
        );
      }
    });

    it('the reporter reads the notes with the secret; a wrong secret is 404 like no report', async () => {
      const url = `${UPDATES_URL}?service_request_id=${personalRef}`;
      const mine = await t.app.inject({ url, headers: { 'x-report-secret': personalKey } });
      expect(mine.statusCode).toBe(200);
      expect(view(mine.body)[0]).toMatchObject({
        description: `Private note about ${personalRef}`,
        media_url: 'https://council.example/photo.jpg',
        external_status_code: 'CMS-42',
      });
      const wrong = await t.app.inject({ url, headers: { 'x-report-secret': newKey() } });
      const junk = await t.app.inject({ url, headers: { 'x-report-secret': 'junk' } });
      const none = await t.app.inject({
        url: `${UPDATES_URL}?service_request_id=DBC-00000000`,
        headers: { 'x-report-secret': personalKey },
      });
      expect(wrong.statusCode).toBe(404);
      expect(junk.statusCode).toBe(404);
      expect(none.statusCode).toBe(404);
      // Same answer apart from the reference it names.
      expect(wrong.body.replace(personalRef, 'X')).toBe(none.body.replace('DBC-00000000', 'X'));
    });

    it('the public reads status changes of non-Personal reports only, with no note, media or code', async () => {
      const fly = view((await t.app.inject(`${UPDATES_URL}?service_request_id=${flyRef}`)).body);
      expect(fly).toHaveLength(1);
      expect(Object.keys(fly[0]!).sort()).toEqual(
        ['service_request_id', 'status', 'update_id', 'updated_datetime'].sort(),
      );
      const personal = await t.app.inject(`${UPDATES_URL}?service_request_id=${personalRef}`);
      expect(view(personal.body)).toEqual([]);
      const all = await t.app.inject(UPDATES_URL);
      expect(all.body).not.toContain('Private note');
      expect(all.body).not.toContain(personalRef);
      expect(all.body).toContain(flyRef);
      expect(all.body).not.toContain('CMS-42');
    });

    it('the public view of a report has no notes; a Personal one shows status only', async () => {
      const fly = view((await t.app.inject(`/open311/v2/requests/${flyRef}.json`)).body)[0]!;
      expect(fly.extended_status).toBe('investigating');
      expect(fly.status_notes).toBeNull();
      expect(fly.updates).toBeUndefined();
      const personal = view(
        (await t.app.inject(`/open311/v2/requests/${personalRef}.json`)).body,
      )[0]!;
      expect(personal.visibility).toBe('status_only');
      expect(personal.extended_status).toBe('investigating');
      for (const k of [
        'status_notes',
        'description',
        'media_url',
        'updates',
        'attributes',
        'lat',
      ]) {
        expect(personal).not.toHaveProperty(k);
      }
      const list = await t.app.inject('/open311/v2/requests.json');
      expect(list.body).not.toContain('Private note');
    });

    it('staff and reading integrations see everything; the public listing window is checked', async () => {
      const staff = view(
        (
          await t.app.inject({
            url: `/open311/v2/requests/${personalRef}.json`,
            headers: { cookie },
          })
        ).body,
      )[0]!;
      expect(staff.visibility).toBe('full');
      expect(staff.status_notes).toBe(`Private note about ${personalRef}`);
      expect(staff.updates).toHaveLength(1);
      const integration = await t.app.inject({ url: UPDATES_URL, headers: bearer(reader) });
      expect(integration.body).toContain(`Private note about ${personalRef}`);
      const backwards = await t.app.inject(
        `${UPDATES_URL}?start_date=2026-02-01&end_date=2026-01-01`,
      );
      expect(backwards.statusCode).toBe(400);
    });

    it('keeps stored secrets hashed', async () => {
      const r = (await t.store.reports.findById(flyRef))!;
      expect(r.secret_hash).toBe(secretHash(flyKey));
    });
  });
});
