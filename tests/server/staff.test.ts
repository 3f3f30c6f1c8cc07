/**
 * Staff sign-in, sessions in the database, the session cookie's attributes, CSRF, sign-in
 * limits, API keys stored hashed, and the work queue's order.
 */
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newReference } from '../../src/server/reports/reference';
import { sha256Hex } from '../../src/server/staff/tokens';
import { describeEachStore, storedReport } from './helpers';
import {
  STAFF_PASSWORD,
  form,
  makeApiKey,
  makeStaff,
  signInRequest,
  signedIn,
} from './staff-helpers';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await f();
  return [value, performance.now() - start];
}

describeEachStore('staff accounts and sessions', (t) => {
  it('signs in with a secure session cookie whose token is stored only as a hash', async () => {
    const email = await makeStaff(t.store, 'Pat Officer');
    const res = await signInRequest(t.app, email.toUpperCase(), STAFF_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual({ name: 'Pat Officer', email, role: 'case_officer' });
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({
      name: 'nr-staff',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(cookie.secure).toBeUndefined();
    const rows = await t.db.query('SELECT token_hash FROM staff_sessions');
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect(JSON.stringify(rows)).toContain(sha256Hex(cookie.value));
    const hashes = await t.db.query('SELECT password_hash FROM staff');
    expect(JSON.stringify(hashes)).toContain('$argon2id$');
    expect(JSON.stringify(hashes)).not.toContain(STAFF_PASSWORD);
  });

  it('behind an HTTPS proxy (TRUST_PROXY) the cookie is Secure with the __Host- prefix', async () => {
    const app = await t.openInstance({ trustProxy: 1 });
    const email = await makeStaff(t.store);
    const res = await app.inject({
      method: 'POST',
      url: '/api/staff/sign-in',
      payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies[0]).toMatchObject({ name: '__Host-nr-staff', secure: true, path: '/' });
    const me = await app.inject({
      url: '/api/staff/me',
      headers: {
        cookie: `__Host-nr-staff=${res.cookies[0]!.value}`,
        'x-forwarded-proto': 'https',
      },
    });
    expect(me.statusCode).toBe(200);
  });

  it('staff routes need a session: 401 without, and the session works on every instance', async () => {
    for (const url of ['/api/staff/me', '/api/staff/reports']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(401);
      const forged = await t.app.inject({
        url,
        headers: { cookie: 'nr-staff=forged-token-value-000000000' },
      });
      expect(forged.statusCode, url).toBe(401);
    }
    const cookie = await signedIn(t.app, await makeStaff(t.store));
    const other = await t.openInstance();
    const me = await other.inject({ url: '/api/staff/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('signing out ends the session everywhere; sign-out from another site is refused', async () => {
    const cookie = await signedIn(t.app, await makeStaff(t.store));
    const evil = await form(t.app, '/api/staff/sign-out', [], {
      cookie,
      origin: 'https://evil.example',
    });
    expect(evil.statusCode).toBe(403);
    const out = await form(t.app, '/api/staff/sign-out', [], { cookie });
    expect(out.statusCode).toBe(204);
    expect(out.cookies[0]).toMatchObject({ name: 'nr-staff', value: '' });
    const me = await t.app.inject({ url: '/api/staff/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('a wrong password and an unknown email get the same 401; a disabled account cannot sign in', async () => {
    const email = await makeStaff(t.store);
    const wrong = await signInRequest(t.app, email, 'not the password');
    const unknown = await signInRequest(t.app, 'nobody@council.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    const missing = await form(t.app, '/api/staff/sign-in', [['email', email]]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('password: enter your password');

    const cookie = await signedIn(t.app, email);
    expect(await t.store.staff.disable(email, new Date())).toBe(true);
    expect((await t.app.inject({ url: '/api/staff/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect((await signInRequest(t.app, email, STAFF_PASSWORD)).statusCode).toBe(401);
  });

  it('stores API keys only as hashes', async () => {
    const key = await makeApiKey(t.store, ['reports:read']);
    expect(key).toMatch(/^nrk_[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.query('SELECT key_hash, scopes FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(JSON.stringify(rows)).toContain(sha256Hex(key));
  });

  it('orders the work queue by priority, then due date', async () => {
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const make = async (
      band: 'high' | 'medium' | 'low' | null,
      due: string | null,
      status = 'open',
    ) => {
      const r = await t.store.createReport(
        storedReport({
          risk_band: band,
          expected_datetime: due,
          status: status as 'open',
          requested_datetime: at(-40),
          updated_datetime: at(-40),
        }),
        { newId: () => newReference('DBC') },
      );
      if (!r.ok) throw new Error('not stored');
      return r.report.id;
    };
    const lowSoon = await make('low', at(1));
    const highLate = await make('high', at(5));
    const none = await make(null, null);
    const highSoon = await make('high', at(-1));
    const medium = await make('medium', at(0));
    const closed = await make('high', at(-3), 'fixed');
    const cookie = await signedIn(t.app, await makeStaff(t.store));
    const res = await t.app.inject({ url: '/api/staff/reports?limit=200', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const body = json(res.body) as {
      reports: Array<{ service_request_id: string; overdue: boolean }>;
    };
    const ids = body.reports.map((r) => r.service_request_id);
    const mine = ids.filter((id) => [lowSoon, highLate, none, highSoon, medium].includes(id));
    expect(mine).toEqual([highSoon, highLate, medium, lowSoon, none]);
    expect(ids).not.toContain(closed);
    expect(body.reports.find((r) => r.service_request_id === highSoon)!.overdue).toBe(true);
    const closedList = await t.app.inject({
      url: '/api/staff/reports?status=closed',
      headers: { cookie },
    });
    expect(closedList.body).toContain(closed);
    const bad = await t.app.inject({
      url: '/api/staff/reports?status=everything',
      headers: { cookie },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describeEachStore('staff sign-in limits', (t) => {
  let app: FastifyInstance;
  const SLOW_MS = 1500;
  beforeAll(async () => {
    app = await t.openInstance({
      signInLimits: {
        slowAfter: 2,
        refuseAfter: 4,
        ipSlowAfter: 100,
        ipRefuseAfter: 100,
        slowDelayMs: SLOW_MS,
      },
    });
  });

  it('answers the first failures at once, slows the next, then refuses with 429 and Retry-After', async () => {
    const email = await makeStaff(t.store);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [res, ms] = await timed(() => signInRequest(app, email, `wrong ${i}`));
      expect(res.statusCode).toBe(401);
      times.push(ms);
    }
    expect(times[0]).toBeLessThan(SLOW_MS);
    expect(times[1]).toBeLessThan(SLOW_MS);
    expect(times[2]).toBeGreaterThanOrEqual(SLOW_MS);
    expect(times[3]).toBeGreaterThanOrEqual(SLOW_MS);
    // Refused now, even with the right password, on any instance.
    const sameLimits = await t.openInstance({ signInLimits: app.signInLimits });
    for (const target of [app, sameLimits]) {
      const [res, ms] = await timed(() => signInRequest(target, email, STAFF_PASSWORD));
      expect(res.statusCode).toBe(429);
      expect(ms).toBeLessThan(SLOW_MS);
      const retry = Number(res.headers['retry-after']);
      expect(retry).toBeGreaterThan(800);
      expect(retry).toBeLessThanOrEqual(900);
      expect(res.body).toContain('Too many failed sign-ins');
    }
    // Another account from the same address is not locked by this one.
    const other = await makeStaff(t.store);
    expect((await signInRequest(app, other, STAFF_PASSWORD)).statusCode).toBe(200);
  });

  it('a success clears the account count', async () => {
    const email = await makeStaff(t.store);
    await signInRequest(app, email, 'wrong');
    await signInRequest(app, email, 'wrong');
    expect((await signInRequest(app, email, STAFF_PASSWORD)).statusCode).toBe(200);
    const [res, ms] = await timed(() => signInRequest(app, email, 'wrong again'));
    expect(res.statusCode).toBe(401);
    expect(ms).toBeLessThan(SLOW_MS);
  });

  it('counts failures per address too, across accounts', async () => {
    const byIp = await t.openInstance({
      signInLimits: {
        slowAfter: 100,
        refuseAfter: 100,
        ipSlowAfter: 100,
        ipRefuseAfter: 3,
        slowDelayMs: 0,
      },
    });
    const ip = '203.0.113.9';
    const attempt = (email: string, password: string) =>
      byIp.inject({
        method: 'POST',
        url: '/api/staff/sign-in',
        remoteAddress: ip,
        payload: new URLSearchParams({ email, password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    for (let i = 0; i < 3; i++) {
      expect((await attempt(`guess${i}@council.example`, 'x')).statusCode).toBe(401);
    }
    const email = await makeStaff(t.store);
    expect((await attempt(email, STAFF_PASSWORD)).statusCode).toBe(429);
    const elsewhere = await byIp.inject({
      method: 'POST',
      url: '/api/staff/sign-in',
      remoteAddress: '198.51.100.7',
      payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
