/**
 * The access audit, staff roles and people's rights on real SQLite and PostgreSQL, through the
 * real routes: a staff read of a hate-incident report is audited; case officers cannot open the
 * audit or the rights pages; a subject access export finds every record holding an email
 * address, however it is typed; an erasure removes them all and is itself audited.
 */
import { listAll } from '../../src/server/media/media-files';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/server/privacy/audit-query';
import { cameraJpeg } from '../fixtures/photos';
import { hateOnBehalf } from './centres-helpers';
import { describeEachStore, fileReport, flyTipping, replacing } from './helpers';
import { postWithFiles } from './media-helpers';
import { form, makeStaff, postUpdate, signedIn } from './staff-helpers';

/** The files of a .tar.gz, by name. */
function untar(gz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(gz);
  const out = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('utf8'), 8);
    out.set(name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const hate = (email: string) =>
  replacing(
    hateOnBehalf([['email', email]]).filter(
      ([n]) => !['phone', 'attribute[victim_consent]'].includes(n),
    ),
    'attribute[role]',
    'victim',
  );

describeEachStore('privacy: audit, roles and people’s rights', (t) => {
  let admin: string;
  let officer: string;
  let officerEmail: string;
  beforeAll(async () => {
    admin = await signedIn(t.app, await makeStaff(t.store, 'Admin', 'admin'));
    officerEmail = await makeStaff(t.store);
    officer = await signedIn(t.app, officerEmail);
  });
  const get = (url: string, cookie?: string) =>
    t.app.inject({ url, headers: cookie ? { cookie } : {} });

  it('audits a staff read of a hate-incident report, shown to admins and as CSV', async () => {
    const ref = await fileReport(t.app, hate('someone@example.org'));
    expect((await get(`/open311/v2/requests/${ref}.json`)).statusCode).toBe(200);
    const before = (await get(`/api/staff/audit?report=${ref}`, admin)).json();
    expect(before.entries).toEqual([]);

    expect((await get(`/open311/v2/requests/${ref}.json`, officer)).statusCode).toBe(200);
    const res = await get(`/api/staff/audit?report=${ref.toLowerCase()}`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().entries).toEqual([
      expect.objectContaining({
        action: 'read',
        actor: officerEmail,
        report: ref,
        actor_kind: 'staff',
      }),
    ]);
    const csv = await get(`/api/staff/audit.csv?report=${ref}`, admin);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('at,action,actor_kind,actor,report,detail');
    expect(csv.body).toContain(`,read,staff,${officerEmail},${ref},`);
  });

  it('does not audit reads of Nuisance and Environmental reports', async () => {
    const ref = await fileReport(t.app, flyTipping());
    expect((await get(`/open311/v2/requests/${ref}.json`, officer)).statusCode).toBe(200);
    expect((await get(`/api/staff/audit?report=${ref}`, admin)).json().entries).toEqual([]);
  });

  it('keeps case officers and the public out of the audit and the rights pages', async () => {
    for (const url of [
      '/api/staff/audit',
      '/api/staff/audit.csv',
      '/api/staff/rights?email=a@b.example',
    ]) {
      const asOfficer = await get(url, officer);
      expect(asOfficer.statusCode).toBe(403);
      expect(asOfficer.json()[0].description).toContain('Only an administrator');
      expect((await get(url)).statusCode).toBe(401);
    }
    const erase = await form(
      t.app,
      '/api/staff/rights/erase',
      [
        ['email', 'a@b.example'],
        ['mode', 'erase'],
        ['reason', 'Asked by phone'],
      ],
      { cookie: officer },
    );
    expect(erase.statusCode).toBe(403);
  });

  it('says what to fix in a bad request', async () => {
    const none = await get('/api/staff/rights', admin);
    expect(none.statusCode).toBe(400);
    expect(none.json()[0].description).toContain('give one of email, phone or reference');
    const bad = await get('/api/staff/audit?from=yesterday&limit=5000', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from: use a date like 2026-11-30');
    const noReason = await form(
      t.app,
      '/api/staff/rights/erase',
      [
        ['email', 'a@b.example'],
        ['mode', 'erase'],
      ],
      {
        cookie: admin,
      },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');
  });

  describe('a subject access request and an erasure', () => {
    it('finds every record holding the email, exports them, then erases them all, audited', async () => {
      const typed = 'Subject.Person@Example.org';
      const photo = await cameraJpeg();
      const posted = await postWithFiles(t.app, hate(typed), [
        { name: 'p.jpg', type: 'image/jpeg', bytes: photo },
      ]);
      expect(posted.statusCode).toBe(201);
      const first = posted.json()[0].service_request_id as string;
      const second = await fileReport(
        t.app,
        replacing(flyTipping(), 'email', 'subject.person@example.org'),
      );
      const other = await fileReport(t.app, flyTipping());
      const update = await postUpdate(
        t.app,
        { reference: second, status: 'fixed', note: 'Cleared' },
        { cookie: officer },
      );
      expect(update.statusCode).toBe(201);
      await t.store.surveys.add({
        report_id: second,
        satisfaction: 5,
        comment: 'Quick',
        created_at: new Date().toISOString(),
      });
      expect((await get(`/open311/v2/requests/${first}.json`, officer)).statusCode).toBe(200);

      const search = `email=${encodeURIComponent('  SUBJECT.person@example.ORG ')}`;
      const found = await get(`/api/staff/rights?${search}`, admin);
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({
        updates: 1,
        surveys: 1,
        media: 1,
        audit_entries: 1,
        held: [],
        truncated: false,
      });
      expect([...found.json().reports].sort()).toEqual([first, second].sort());

      const exported = await get(`/api/staff/rights/export.tar.gz?${search}`, admin);
      expect(exported.statusCode).toBe(200);
      const files = untar(exported.rawPayload);
      const data = JSON.parse(files.get('subject-access.json')!.toString('utf8'));
      expect(data.reports.map((r: { id: string }) => r.id).sort()).toEqual([first, second].sort());
      expect(
        data.reports.every(
          (r: { email: string }) => r.email.toLowerCase() === 'subject.person@example.org',
        ),
      ).toBe(true);
      expect(JSON.stringify(data)).not.toContain(other);
      expect(data.updates).toHaveLength(1);
      expect(data.survey_answers).toEqual([expect.objectContaining({ comment: 'Quick' })]);
      expect(data.media).toHaveLength(1);
      expect(files.get(data.media[0].file)!.length).toBe(data.media[0].byteSize);

      const erased = await form(
        t.app,
        '/api/staff/rights/erase',
        [
          ['email', typed],
          ['mode', 'erase'],
          ['reason', 'Erasure request by letter'],
        ],
        { cookie: admin },
      );
      expect(erased.statusCode).toBe(200);
      expect(erased.json()).toMatchObject({ mode: 'erase', reports: 2, mediaFiles: 1, held: [] });
      expect((await get(`/api/staff/rights?${search}`, admin)).json()).toMatchObject({
        reports: [],
        updates: 0,
      });
      for (const id of [first, second]) expect(await t.store.reports.findById(id)).toBeNull();
      expect(await t.store.reports.findById(other)).not.toBeNull();
      const left = await t.db.query(
        "SELECT count(*) AS n FROM reports WHERE lower(email) = 'subject.person@example.org'",
      );
      expect(Number((left[0] as { n: number | string }).n)).toBe(0);
      expect(await listAll(t.app.mediaFiles)).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ fileName: data.media[0].fileName })]),
      );

      const audit = (await get('/api/staff/audit?limit=20', admin)).json().entries;
      const entry = audit.find((e: { action: string }) => e.action === 'erase');
      expect(entry.detail).toContain('2 reports');
      expect(entry.detail).toContain('reason: Erasure request by letter');
      expect(JSON.stringify(audit).toLowerCase()).not.toContain('subject.person');
      expect(audit.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['find', 'export', 'erase']),
      );
    });

    it('keeps a report an admin put on legal hold, and corrects a contact detail', async () => {
      const held = await fileReport(
        t.app,
        replacing(flyTipping(), 'email', 'held.person@example.org'),
      );
      const hold = (cookie: string) =>
        form(
          t.app,
          `/api/staff/reports/${held}/hold`,
          [
            ['hold', 'yes'],
            ['reason', 'Court case pending'],
          ],
          { cookie },
        );
      expect((await hold(officer)).statusCode).toBe(403);
      expect((await get(`/api/staff/reports/${held}/hold`, officer)).json()).toEqual({
        legal_hold: false,
      });
      expect((await hold(admin)).statusCode).toBe(200);
      expect((await get(`/api/staff/reports/${held}/hold`, officer)).json()).toEqual({
        legal_hold: true,
      });
      const anonymised = await form(
        t.app,
        '/api/staff/rights/erase',
        [
          ['email', 'held.person@example.org'],
          ['mode', 'anonymise'],
          ['reason', 'Asked in person'],
        ],
        { cookie: admin },
      );
      expect(anonymised.json()).toMatchObject({ reports: 0, held: [held] });
      expect((await t.store.reports.findById(held))!.email).toBe('held.person@example.org');

      const corrected = await form(
        t.app,
        '/api/staff/rights/correct',
        [
          ['reference', held],
          ['field', 'phone'],
          ['value', '+44 7700 900123'],
          ['reason', 'New number given'],
        ],
        { cookie: admin },
      );
      expect(corrected.statusCode).toBe(200);
      const byPhone = await get(
        `/api/staff/rights?phone=${encodeURIComponent('07700 900123')}`,
        admin,
      );
      expect(byPhone.json().reports).toEqual([held]);
      const badPhone = await form(
        t.app,
        '/api/staff/rights/correct',
        [
          ['reference', held],
          ['field', 'phone'],
          ['value', 'call me'],
          ['reason', 'New number given'],
        ],
        { cookie: admin },
      );
      expect(badPhone.statusCode).toBe(400);
      expect(badPhone.body).toContain('value: must be a phone number');
    });
  });
});

describe('audit CSV', () => {
  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = auditCsv([
      {
        at: '2026-12-01T10:00:00.000Z',
        action: 'erase',
        actor_kind: 'staff',
        actor: 'a@b',
        report: null,
        detail: '=1+1, "x"',
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(`2026-12-01T10:00:00.000Z,erase,staff,a@b,,"'=1+1, ""x"""`);
  });
});
