/**
 * The access audit as the staff console's page and `npm run admin -- audit` read it, on real
 * SQLite and PostgreSQL: filtered by staff member, report and dates, in pages that follow one
 * another without gaps or repeats however many entries are written meanwhile; bad filters are
 * refused naming what to fix; only an admin sets a legal hold, and that is audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hateOnBehalf } from './centres-helpers';
import { describeEachStore, fileReport, replacing } from './helpers';
import { form, makeStaff, signedIn, signInRequest, STAFF_PASSWORD } from './staff-helpers';

interface Line {
  at: string;
  action: string;
  actor: string;
  report: string | null;
  detail: string;
}

const hate = () =>
  replacing(
    hateOnBehalf().filter(([n]) => n !== 'attribute[victim_consent]'),
    'attribute[role]',
    'victim',
  );

describeEachStore('access audit pages and filters', (t) => {
  let admin: string;
  let adminEmail: string;
  let one: { email: string; cookie: string };
  let two: { email: string; cookie: string };
  let ref: string;
  beforeAll(async () => {
    adminEmail = await makeStaff(t.store, 'Admin', 'admin');
    admin = await signedIn(t.app, adminEmail);
    const a = await makeStaff(t.store);
    const b = await makeStaff(t.store);
    one = { email: a, cookie: await signedIn(t.app, a) };
    two = { email: b, cookie: await signedIn(t.app, b) };
    ref = await fileReport(t.app, hate());
  });
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const read = (cookie: string) => get(`/open311/v2/requests/${ref}.json`, cookie);

  it('says at sign-in who is an admin, so the console shows the admin pages at once', async () => {
    const res = await signInRequest(t.app, adminEmail, STAFF_PASSWORD);
    expect(res.json()).toEqual({ name: 'Admin', email: adminEmail, role: 'admin' });
  });

  it('filters by staff member, however the address is typed, and by report', async () => {
    for (let i = 0; i < 3; i++) expect((await read(one.cookie)).statusCode).toBe(200);
    expect((await read(two.cookie)).statusCode).toBe(200);
    const byOne = await get(
      `/api/staff/audit?actor=${encodeURIComponent(` ${one.email.toUpperCase()} `)}&report=${ref}`,
      admin,
    );
    expect(byOne.statusCode).toBe(200);
    const lines = byOne.json().entries as Line[];
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.actor))).toEqual(new Set([one.email]));
    const byTwo = (await get(`/api/staff/audit?actor=${two.email}`, admin)).json();
    expect(byTwo.entries.map((l: Line) => [l.actor, l.action, l.report])).toEqual([
      [two.email, 'read', ref],
    ]);
    expect(byTwo.next).toBeNull();
    const nobody = (await get('/api/staff/audit?actor=nobody@council.example', admin)).json();
    expect(nobody).toEqual({ entries: [], next: null });
  });

  it('pages newest first with no gaps or repeats, while new entries are written', async () => {
    for (let i = 0; i < 4; i++) await read(one.cookie);
    const everything = (await get(`/api/staff/audit?actor=${one.email}`, admin)).json()
      .entries as Line[];
    expect(everything.length).toBe(7);
    const seen: Line[] = [];
    let next: string | null = '';
    let pages = 0;
    while (next !== null && pages < 10) {
      const url: string = `/api/staff/audit?actor=${one.email}&limit=2${next ? `&before=${encodeURIComponent(next)}` : ''}`;
      const page = (await get(url, admin)).json() as { entries: Line[]; next: string | null };
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries);
      next = page.next;
      pages++;
      // A read between pages is newer than every page already shown: it shifts nothing.
      if (pages === 1) await read(one.cookie);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(everything);
    const times = seen.map((l) => l.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by date range, UTC days both included', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inRange = (await get(`/api/staff/audit?from=${today}&to=${today}`, admin)).json();
    expect(inRange.entries.length).toBeGreaterThan(0);
    const before = (await get('/api/staff/audit?from=2020-01-01&to=2020-01-31', admin)).json();
    expect(before.entries).toEqual([]);
  });

  it('refuses bad filters, saying what to fix', async () => {
    const cases: Array<[string, string]> = [
      ['before=yesterday', 'before: give the "next" value of the previous page'],
      ['from=2026-12-02&to=2026-12-01', 'to: give a date on or after the from date'],
      ['report=not-a-ref', 'report: "not-a-ref" is not a reference of ours'],
      ['limit=0', 'limit'],
    ];
    for (const [q, message] of cases) {
      const res = await get(`/api/staff/audit?${q}`, admin);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()[0].description).toContain(message);
    }
    expect((await get(`/api/staff/audit?actor=${one.email}`, one.cookie)).statusCode).toBe(403);
  });

  describe('legal hold', () => {
    const hold = (cookie: string, value: 'yes' | 'no') =>
      form(
        t.app,
        `/api/staff/reports/${ref}/hold`,
        [
          ['hold', value],
          ['reason', 'Court case pending'],
        ],
        { cookie },
      );

    it('is set and lifted by an admin only, with a reason, and audited', async () => {
      const refused = await hold(one.cookie, 'yes');
      expect(refused.statusCode).toBe(403);
      expect(refused.json()[0].description).toContain('Only an administrator');
      expect((await get(`/api/staff/reports/${ref}/hold`, one.cookie)).json()).toEqual({
        legal_hold: false,
      });
      expect((await hold(admin, 'yes')).json()).toEqual({ legal_hold: true });
      expect((await get(`/api/staff/reports/${ref}/hold`, one.cookie)).json()).toEqual({
        legal_hold: true,
      });
      expect((await hold(admin, 'no')).json()).toEqual({ legal_hold: false });
      const noReason = await form(t.app, `/api/staff/reports/${ref}/hold`, [['hold', 'yes']], {
        cookie: admin,
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('reason');
      const audit = (await get(`/api/staff/audit?actor=${adminEmail}&report=${ref}`, admin)).json()
        .entries as Line[];
      expect(audit.map((l) => [l.action, l.detail])).toEqual([
        ['set_hold', 'hold lifted; reason: Court case pending'],
        ['set_hold', 'on hold; reason: Court case pending'],
      ]);
    });
  });
});
