/**
 * `npm run admin -- centre-audit`: how the council answers "who has looked at this victim's
 * report?" from the centre audit log, on real SQLite and PostgreSQL through the command's own
 * parsing: every read and write by a centre user, staff and an integration, with each actor in
 * words, newest first; filters by report, centre and dates; and bad input named.
 */
import { expect, it } from 'vitest';
import { parseArgs, runAdmin } from '../../src/server/admin/commands';
import {
  centreFields,
  fileOnBehalf,
  hateOnBehalf,
  makeCentre,
  signedInCentre,
} from './centres-helpers';
import { demoCouncil, describeEachStore } from './helpers';
import { bearer, makeApiKey, makeStaff, signedIn } from './staff-helpers';

const HEADER = 'at\taction\twho\tactor centre\treport\tfiled by centre';
const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describeEachStore('npm run admin -- centre-audit', (t) => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await runAdmin(t.store, parseArgs(argv), {
      out: (line) => out.push(line),
      readPassword: () => Promise.reject(new Error('no password is asked for here')),
      actor: { kind: 'admin_cli', id: 'test' },
      council: () => Promise.resolve(demoCouncil),
      media: () => Promise.reject(new Error('no media are needed here')),
    });
    return { code, out };
  };

  it("lists every read and write of a centre's report, newest first, with who in words", async () => {
    const { centre, cookie } = await signedInCentre(t, 'Audit Library');
    const ref = await fileOnBehalf(t.app, cookie, [
      ...hateOnBehalf(),
      ...centreFields({ centre_reference: 'AL-1' }),
    ]);
    const officer = await makeStaff(t.store);
    const staffCookie = await signedIn(t.app, officer);
    const url = `/open311/v2/requests/${ref}.json`;
    expect((await t.app.inject({ url, headers: { cookie: staffCookie } })).statusCode).toBe(200);
    const key = await makeApiKey(t.store, ['reports:read']);
    expect((await t.app.inject({ url, headers: bearer(key) })).statusCode).toBe(200);
    const mine = await t.app.inject({
      url: `/api/centre/reports/${ref}.json`,
      headers: { cookie },
    });
    expect(mine.statusCode).toBe(200);

    // The reference as typed by a person (lower case) is read as ours.
    const r = await run('centre-audit', '--report', ref.toLowerCase());
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(HEADER);
    expect(r.out.at(-1)).toBe('4 entries, newest first.');
    const rows = r.out.slice(1, -1).map((l) => l.split('\t'));
    expect(rows.map(([, ...rest]) => rest.join(' | ')).sort()).toEqual(
      [
        `file | centre user ${centre.email} | ${centre.code} | ${ref} | ${centre.code}`,
        `read | centre user ${centre.email} | ${centre.code} | ${ref} | ${centre.code}`,
        `read | integration test reports:read |  | ${ref} | ${centre.code}`,
        `read | staff ${officer} |  | ${ref} | ${centre.code}`,
      ].sort(),
    );
    const times = rows.map(([at]) => at!);
    expect(times.every((at) => !Number.isNaN(Date.parse(at)))).toBe(true);
    expect([...times].sort().reverse()).toEqual(times);
    expect(rows.at(-1)![1]).toBe('file');

    // By centre: this centre's reports only; another centre has none.
    const byCentre = await run('centre-audit', '--centre', centre.code);
    expect(byCentre.out.slice(1, -1).every((l) => l.endsWith(`\t${centre.code}`))).toBe(true);
    expect(byCentre.out.length).toBeGreaterThanOrEqual(6);
    const other = await makeCentre(t.store, 'Quiet Centre');
    expect((await run('centre-audit', '--centre', other.code)).out).toEqual([
      'No audit entries match.',
    ]);

    // By dates (UTC days, both ends included) and a limit that says there is more.
    expect(
      (await run('centre-audit', '--report', ref, '--from', day(0), '--to', day(0))).out,
    ).toHaveLength(6);
    expect((await run('centre-audit', '--report', ref, '--from', day(1))).out).toEqual([
      'No audit entries match.',
    ]);
    expect((await run('centre-audit', '--report', ref, '--to', day(-1))).out).toEqual([
      'No audit entries match.',
    ]);
    const one = await run('centre-audit', '--report', ref, '--limit', '1');
    expect(one.out).toHaveLength(3);
    expect(one.out[2]).toBe('1 entry, newest first (the first 1: --limit for more).');
  });

  it('keeps entries written in the same millisecond in the order they were written', async () => {
    const at = new Date().toISOString();
    const reportId = 'DBC-SAMEMS01';
    const actions = [
      'read',
      'list',
      'update',
      'read_updates',
      'read_media',
      'post_update',
    ] as const;
    for (const action of actions) {
      await t.store.centres.audit([
        {
          at,
          actor_kind: 'staff',
          actor_id: 'staff-1',
          actor_centre_id: null,
          report_id: reportId,
          action,
        },
      ]);
    }
    expect((await t.store.centres.auditFor(reportId)).map((e) => e.action)).toEqual([...actions]);
    const listed = await t.store.centres.listAudit({ reportId, limit: 10 });
    expect(listed.map((e) => e.action)).toEqual([...actions].reverse());
  });

  it('names what to fix in bad input', async () => {
    const fails = (...argv: string[]) =>
      run(...argv).then(
        () => 'no error',
        (e: Error) => e.message,
      );
    expect(await fails('centre-audit', '--report', 'DBC-12')).toContain(
      '"DBC-12" is not a report reference',
    );
    expect(await fails('centre-audit', '--centre', 'nowhere')).toBe(
      'there is no centre with the code "nowhere"',
    );
    expect(await fails('centre-audit', '--from', '2026-02-30')).toBe(
      '--from: give a date as YYYY-MM-DD, e.g. 2026-11-01',
    );
    expect(await fails('centre-audit', '--from', '2026-11-02', '--to', '2026-11-01')).toBe(
      '--from must be on or before --to',
    );
    expect(await fails('centre-audit', '--limit', 'lots')).toBe(
      '--limit: give a whole number from 1 to 100000',
    );
    expect(
      await fails('centre-audit', '--report', 'DBC-7K2M9QXD', '--report', 'DBC-7K2M9QXE'),
    ).toBe('give --report once');
  });
});
