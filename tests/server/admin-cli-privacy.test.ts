/**
 * `npm run admin` for privacy work: the real command in a child process against a real SQLite
 * file and media folder, as an administrator would run it on the server. An admin account made
 * with --role admin reads a Personal report and the audit shows it; a subject access export
 * holds every record of an email address and its photo; erasing changes nothing until --yes, then
 * removes them all and is audited; a contact detail is corrected; one retention run anonymises a
 * long-closed report and prints its counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraJpeg } from '../fixtures/photos';
import { adminCli } from './admin-helpers';
import { fileReport, flyTipping, harassment, replacing } from './helpers';
import { postWithFiles } from './media-helpers';
import { postUpdate, signedIn, STAFF_PASSWORD } from './staff-helpers';

const { admin, openApp, dataDir } = adminCli('nr-admin-privacy-');
const SUBJECT = 'subject.person@example.org';
const ADMIN = 'dpo@council.example';

/** The names in a .tar.gz (ustar headers). */
function tarNames(gz: Buffer): string[] {
  const tar = gunzipSync(gz);
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    names.push(name);
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('utf8'), 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

describe('npm run admin: audit, rights and retention', () => {
  let app: FastifyInstance;
  let cookie: string;
  let personal: string;
  let withPhoto: string;
  let other: string;
  beforeAll(async () => {
    const made = await admin(
      [
        'create-staff',
        '--email',
        ADMIN,
        '--name',
        'Data officer',
        '--role',
        'admin',
        '--password-stdin',
      ],
      `${STAFF_PASSWORD}\n`,
    );
    expect(made.err).toBe('');
    expect(made.out).toContain(`Created staff account ${ADMIN} (Data officer), an admin.`);
    app = await openApp();
    cookie = await signedIn(app, ADMIN);
    personal = await fileReport(app, replacing(harassment(), 'email', SUBJECT.toUpperCase()));
    const res = await postWithFiles(app, replacing(flyTipping(), 'email', SUBJECT), [
      { name: 'p.jpg', type: 'image/jpeg', bytes: await cameraJpeg() },
    ]);
    expect(res.statusCode).toBe(201);
    withPhoto = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    other = await fileReport(app, replacing(harassment(), 'email', 'someone.else@example.org'));
  });
  afterAll(() => app?.close());

  it('makes staff with a role, and refuses a role it does not know', async () => {
    const bad = await admin([
      'create-staff',
      '--email',
      'x@council.example',
      '--name',
      'X',
      '--role',
      'boss',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--role: use admin or case-officer, not "boss"');
    expect((await admin(['list-staff'])).out).toContain(`${ADMIN}\tData officer\tadmin\tactive`);
  });

  it('prints the audit as a table or CSV, filtered, and says what is wrong with a filter', async () => {
    const read = await app.inject({
      url: `/open311/v2/requests/${personal}.json`,
      headers: { cookie },
    });
    expect(read.statusCode).toBe(200);
    const table = await admin(['audit', '--report', personal.toLowerCase(), '--actor', ADMIN]);
    expect(table.err).toBe('');
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^at +action +actor +report +detail$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^\\S+Z +read +${ADMIN.replace('.', '\\.')} +${personal}$`),
    );
    const csv = await admin(['audit', '--report', personal, '--csv']);
    expect(csv.out.split('\r\n')[0]).toBe('at,action,actor_kind,actor,report,detail');
    expect(csv.out).toContain(`,read,staff,${ADMIN},${personal},`);
    const none = await admin(['audit', '--from', '2020-01-01', '--to', '2020-01-02']);
    expect(none.out.trim()).toBe('No audit entries match.');
    const bad = await admin(['audit', '--from', 'last week']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--from: use a date like 2026-11-30');
  });

  it('finds and exports every record of an email address, audited without the address', async () => {
    const found = await admin(['rights', 'find', '--email', ` ${SUBJECT.toUpperCase()} `]);
    expect(found.err).toBe('');
    expect(found.out).toContain('Reports: ');
    expect(found.out).toContain(personal);
    expect(found.out).toContain(withPhoto);
    expect(found.out).not.toContain(other);
    expect(found.out).toContain('media 1');

    const out = join(dataDir, 'export.tar.gz');
    const exported = await admin(['rights', 'export', '--email', SUBJECT, '--out', out]);
    expect(exported.err).toBe('');
    const names = tarNames(readFileSync(out));
    expect(names[0]).toBe('subject-access.json');
    expect(names.filter((n) => n.startsWith(`media/${withPhoto}/`))).toHaveLength(1);
    const again = await admin(['rights', 'export', '--email', SUBJECT, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`--out: ${out} already exists`);
    const noWhom = await admin(['rights', 'find']);
    expect(noWhom.err).toContain('give one of email, phone or reference');

    const audit = await admin(['audit', '--csv']);
    expect(audit.out).toMatch(/,find,admin_cli,[^,]+,,by email; 2 reports/);
    expect(audit.out).toMatch(/,export,admin_cli,[^,]+,,"by email; 2 reports, 1 media"/);
    expect(audit.out.toLowerCase()).not.toContain(SUBJECT);
  });

  it('erases only with --yes and a reason, removing every record and the photo', async () => {
    const noReason = await admin(['rights', 'erase', '--email', SUBJECT, '--mode', 'erase']);
    expect(noReason.err).toContain('--reason: say why in at least 5 characters');
    const dry = await admin([
      'rights',
      'erase',
      '--email',
      SUBJECT,
      '--mode',
      'erase',
      '--reason',
      'Erasure request by letter',
    ]);
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('Nothing changed. To erase these records, run again with --yes.');
    expect(await app.store.reports.findById(personal)).not.toBeNull();

    const done = await admin([
      'rights',
      'erase',
      '--email',
      SUBJECT,
      '--mode',
      'erase',
      '--reason',
      'Erasure request by letter',
      '--yes',
    ]);
    expect(done.err).toBe('');
    expect(done.out).toContain('Erased 2 reports, 0 case reviews, 1 media files.');
    for (const id of [personal, withPhoto]) expect(await app.store.reports.findById(id)).toBeNull();
    expect(await app.store.reports.findById(other)).not.toBeNull();
    const after = await admin(['rights', 'find', '--email', SUBJECT]);
    expect(after.out).toContain('Reports: none');
    const audit = await admin(['audit', '--csv']);
    expect(audit.out).toContain('reason: Erasure request by letter');
    expect(audit.out).toMatch(/,erase,admin_cli,/);
  });

  it('corrects a contact detail, refusing a value that is not one', async () => {
    const bad = await admin([
      'rights',
      'correct',
      '--reference',
      other,
      '--field',
      'phone',
      '--value',
      'ring me',
      '--reason',
      'New number given',
    ]);
    expect(bad.err).toContain('--value: must be a phone number');
    const ok = await admin([
      'rights',
      'correct',
      '--reference',
      other.toLowerCase(),
      '--field',
      'email',
      '--value',
      'new.address@example.org',
      '--reason',
      'New address given',
    ]);
    expect(ok.err).toBe('');
    expect(ok.out).toContain(`Corrected email of ${other}.`);
    expect((await app.store.reports.findById(other))!.email).toBe('new.address@example.org');
    const missing = await admin([
      'rights',
      'correct',
      '--reference',
      'DBC-AAAAAAAA',
      '--field',
      'email',
      '--value',
      '',
      '--reason',
      'New address given',
    ]);
    expect(missing.err).toContain('there is no report with the reference');
  });

  it('runs the retention job once and prints its counts', async () => {
    const closed = await fileReport(app, replacing(harassment(), 'email', 'long.ago@example.org'));
    const res = await postUpdate(
      app,
      { reference: closed, status: 'no_further_action', note: 'Done.' },
      { cookie },
    );
    expect(res.statusCode).toBe(201);
    // Closed three years ago: past the demo council's Personal period (24 months).
    const db = new BetterSqlite3(join(dataDir, 'reports.sqlite'));
    try {
      db.prepare('UPDATE reports SET closed_at = ? WHERE id = ?').run(
        '2023-01-01T00:00:00.000Z',
        closed,
      );
    } finally {
      db.close();
    }
    const run = await admin(['retention', 'run']);
    expect(run.err).toBe('');
    expect(run.out).toContain('Reports anonymised: 1');
    expect(run.out).not.toContain(closed);
    expect((await app.store.reports.findById(closed))!.email).toBeNull();
    expect((await app.store.reports.findById(other))!.email).toBe('new.address@example.org');
    expect((await admin(['retention', 'go'])).err).toContain('use "retention run"');
    expect(existsSync(join(dataDir, 'media'))).toBe(true);
  });
});
