/**
 * Reporting centres and their users: made through the same code as `npm run admin`,
 * signed in with the staff sign-in's security (argon2id, sessions in the database, limits), and
 * signed out by the server after the configured idle time.
 */
import { expect, it, vi } from 'vitest';
import { createCentre, createCentreUser } from '../../src/server/centres/accounts';
import { readCentreIdleMs, readCentreOfflineDays } from '../../src/server/centres/settings';
import { DEMO_CENTRES, demoBanner, ensureDemoAccounts } from '../../src/server/seed/seed';
import { sha256Hex } from '../../src/server/staff/tokens';
import { describeEachStore } from './helpers';
import {
  CENTRE_PASSWORD,
  centreSignInRequest,
  centreSignedIn,
  makeCentre,
} from './centres-helpers';
import { form, makeStaff, STAFF_PASSWORD } from './staff-helpers';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describeEachStore('reporting centres: accounts and sessions', (t) => {
  it('creates centres and users with checks that say what to fix', async () => {
    const bad = await createCentre(t.store, { code: 'Not A Code', name: 'X' });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toContain('is not a centre code');
    const made = await createCentre(t.store, { code: 'northgate-library', name: 'Northgate' });
    expect(made.ok).toBe(true);
    const twice = await createCentre(t.store, { code: 'northgate-library', name: 'Again' });
    expect(!twice.ok && twice.error).toContain('already a centre');

    const noCentre = await createCentreUser(t.store, {
      centreCode: 'nowhere',
      email: 'a@b.example',
      name: 'Worker',
      password: CENTRE_PASSWORD,
    });
    expect(!noCentre.ok && noCentre.error).toContain('no centre with the code "nowhere"');
    const short = await createCentreUser(t.store, {
      centreCode: 'northgate-library',
      email: 'worker@northgate.example',
      name: 'Worker',
      password: 'short',
    });
    expect(!short.ok && short.error).toContain('at least 12 characters');
    const staffEmail = await makeStaff(t.store);
    const clash = await createCentreUser(t.store, {
      centreCode: 'northgate-library',
      email: staffEmail,
      name: 'Worker',
      password: CENTRE_PASSWORD,
    });
    expect(!clash.ok && clash.error).toContain('is a staff account');

    const user = await createCentreUser(t.store, {
      centreCode: 'Northgate-Library',
      email: 'Worker@Northgate.example',
      name: 'Worker',
      password: CENTRE_PASSWORD,
    });
    expect(user.ok && user.value.email).toBe('worker@northgate.example');
    const rows = await t.db.query(
      "SELECT password_hash, seal_secret FROM centre_users WHERE email = 'worker@northgate.example'",
    );
    const row = rows[0] as { password_hash: string; seal_secret: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.seal_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs in with a session cookie stored only as a hash, and gives the seal secret only then', async () => {
    const c = await makeCentre(t.store, 'Riverside Community Centre');
    const res = await centreSignInRequest(t.app, c.email.toUpperCase(), CENTRE_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = json(res.body);
    expect(body).toMatchObject({
      email: c.email,
      centre: { code: c.code, name: 'Riverside Community Centre' },
      idle_seconds: 900,
    });
    expect(body.seal_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // How long the tablet may keep it for signing in without signal (CENTRE_OFFLINE_DAYS).
    expect(body.offline_days).toBe(14);
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'nr-centre', httpOnly: true, sameSite: 'Strict' });
    const sessions = JSON.stringify(await t.db.query('SELECT token_hash FROM centre_sessions'));
    expect(sessions).toContain(sha256Hex(cookie.value));
    expect(sessions).not.toContain(cookie.value);

    const headers = { cookie: `nr-centre=${cookie.value}` };
    const key = await t.app.inject({ url: '/api/centre/seal-key', headers });
    expect(key.statusCode).toBe(200);
    expect(json(key.body).seal_secret).toBe(body.seal_secret);
    expect((await t.app.inject('/api/centre/seal-key')).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          url: '/api/centre/seal-key',
          headers: { cookie: 'nr-centre=forged-token-000000000000' },
        })
      ).statusCode,
    ).toBe(401);
    // A centre session is not a staff session, and a staff session is not a centre session.
    expect((await t.app.inject({ url: '/api/staff/me', headers })).statusCode).toBe(401);
    const staffEmail = await makeStaff(t.store);
    const staff = await form(t.app, '/api/staff/sign-in', [
      ['email', staffEmail],
      ['password', STAFF_PASSWORD],
    ]);
    const staffCookie = `${staff.cookies[0]!.name}=${staff.cookies[0]!.value}`;
    expect(
      (await t.app.inject({ url: '/api/centre/me', headers: { cookie: staffCookie } })).statusCode,
    ).toBe(401);
    expect((await centreSignInRequest(t.app, staffEmail, STAFF_PASSWORD)).statusCode).toBe(401);

    const out = await form(t.app, '/api/centre/sign-out', [], headers);
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/centre/me', headers })).statusCode).toBe(401);
  });

  it('a wrong password, an unknown email and a disabled user get the same 401', async () => {
    const c = await makeCentre(t.store);
    const wrong = await centreSignInRequest(t.app, c.email, 'not the password at all');
    const unknown = await centreSignInRequest(t.app, 'nobody@centre.example', CENTRE_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    const cookie = await centreSignedIn(t.app, c.email);
    expect(await t.store.centres.disableUser(c.email, new Date())).toBe(true);
    expect((await t.app.inject({ url: '/api/centre/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const disabled = await centreSignInRequest(t.app, c.email, CENTRE_PASSWORD);
    expect(disabled.statusCode).toBe(401);
    expect(disabled.body).toBe(wrong.body);
  });

  it('sign-in is slowed and then refused per account, like staff sign-in', async () => {
    const app = await t.openInstance({
      signInLimits: {
        windowMs: 60_000,
        slowAfter: 2,
        refuseAfter: 4,
        ipSlowAfter: 1000,
        ipRefuseAfter: 1000,
        slowDelayMs: 300,
      },
    });
    const c = await makeCentre(t.store);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = performance.now();
      expect((await centreSignInRequest(app, c.email, 'wrong password here')).statusCode).toBe(401);
      times.push(performance.now() - start);
    }
    // From the third failure each answer waits the slow delay.
    expect(times[2]!).toBeGreaterThanOrEqual(290);
    expect(times[3]!).toBeGreaterThanOrEqual(290);
    const refused = await centreSignInRequest(app, c.email, CENTRE_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toContain('Too many failed sign-ins');
  });

  it('the session ends on the server after the idle limit; background requests do not keep it alive', async () => {
    // The server's clock (new Date() in this process) moves only when the test moves it, so a
    // slow request on a loaded machine cannot use up the idle limit.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
      const app = await t.openInstance({ centreIdleMs: 2000 });
      const c = await makeCentre(t.store);
      const res = await centreSignInRequest(app, c.email, CENTRE_PASSWORD);
      expect(json(res.body).idle_seconds).toBe(2);
      const headers = { cookie: `nr-centre=${res.cookies[0]!.value}` };
      // Use slides the limit.
      later(1200);
      expect((await app.inject({ url: '/api/centre/me', headers })).statusCode).toBe(200);
      later(1200);
      expect((await app.inject({ url: '/api/centre/me', headers })).statusCode).toBe(200);
      // The app's own background requests do not count as use.
      later(1200);
      const background = { ...headers, 'x-centre-background': '1' };
      expect(
        (await app.inject({ url: '/api/centre/reports', headers: background })).statusCode,
      ).toBe(200);
      later(1000);
      expect((await app.inject({ url: '/api/centre/me', headers })).statusCode).toBe(401);
      // And on every instance alike: the session row itself has expired.
      expect((await t.app.inject({ url: '/api/centre/me', headers })).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('POSTs with the centre cookie must come from this origin', async () => {
    const c = await makeCentre(t.store);
    const cookie = await centreSignedIn(t.app, c.email);
    const res = await form(t.app, '/api/centre/sign-out', [], {
      cookie,
      origin: 'https://evil.example',
    });
    expect(res.statusCode).toBe(403);
  });
});

it('CENTRE_IDLE_MINUTES and CENTRE_IDLE_SECONDS set the idle limit; bad values are named', () => {
  const read = (env: Record<string, string>) => {
    const problems: string[] = [];
    return { ms: readCentreIdleMs(env, problems), problems };
  };
  expect(read({})).toEqual({ ms: 15 * 60_000, problems: [] });
  expect(read({ CENTRE_IDLE_MINUTES: '5' })).toEqual({ ms: 5 * 60_000, problems: [] });
  expect(read({ CENTRE_IDLE_SECONDS: '8' })).toEqual({ ms: 8000, problems: [] });
  expect(read({ CENTRE_IDLE_MINUTES: 'ten' }).problems[0]).toContain('CENTRE_IDLE_MINUTES');
  expect(read({ CENTRE_IDLE_SECONDS: '0' }).problems[0]).toContain('from 1 to 28800');
  expect(read({ CENTRE_IDLE_SECONDS: '5', CENTRE_IDLE_MINUTES: '5' }).problems[0]).toContain(
    'not both',
  );
});

it('CENTRE_OFFLINE_DAYS sets how long a tablet may sign in without signal; 0 is off; bad values are named', () => {
  const read = (env: Record<string, string>) => {
    const problems: string[] = [];
    return { days: readCentreOfflineDays(env, problems), problems };
  };
  expect(read({})).toEqual({ days: 14, problems: [] });
  expect(read({ CENTRE_OFFLINE_DAYS: '0' })).toEqual({ days: 0, problems: [] });
  expect(read({ CENTRE_OFFLINE_DAYS: ' 30 ' })).toEqual({ days: 30, problems: [] });
  for (const bad of ['-1', '2.5', 'a week', '91']) {
    expect(read({ CENTRE_OFFLINE_DAYS: bad }).problems).toEqual([
      'CENTRE_OFFLINE_DAYS: give a whole number from 0 (off) to 90',
    ]);
  }
});

describeEachStore('demo reporting centres', (t) => {
  it('the demo start makes two centres with one user each, once, and they sign in', async () => {
    await ensureDemoAccounts(t.store);
    await ensureDemoAccounts(t.store);
    const centres = await t.store.centres.listCentres();
    expect(centres.map((c) => [c.code, c.users])).toEqual(
      DEMO_CENTRES.map((c) => [c.code, 1]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const c of DEMO_CENTRES) {
      const res = await centreSignInRequest(t.app, c.user.email, c.user.password);
      expect(res.statusCode, c.code).toBe(200);
      expect(json(res.body)).toMatchObject({ centre: { code: c.code, name: c.name } });
    }
    expect(demoBanner('http://127.0.0.1:8080', null).join('\n')).toContain(
      `/centre  email ${DEMO_CENTRES[0].user.email}  password ${DEMO_CENTRES[0].user.password}`,
    );
  });
});
