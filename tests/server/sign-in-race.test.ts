/**
 * Parallel password guessing: every guess sent at once is counted, and the lockout holds for the
 * guesses and the right password sent in the same burst, for staff and centre sign-in alike, per
 * account and per address.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { CENTRE_PASSWORD, makeCentre } from './centres-helpers';
import { describeEachStore } from './helpers';
import { STAFF_PASSWORD, makeStaff } from './staff-helpers';

const GUESSES = 30;

describeEachStore('sign-in limits under parallel guesses', (t) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await t.openInstance({
      signInLimits: {
        slowAfter: 100,
        refuseAfter: 10,
        ipSlowAfter: 1000,
        ipRefuseAfter: 1000,
        slowDelayMs: 0,
      },
    });
  });

  const attempt = (
    target: FastifyInstance,
    url: string,
    email: string,
    password: string,
    ip = '192.0.2.1',
  ) =>
    target.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      payload: new URLSearchParams({ email, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  async function failures(bucket: string): Promise<number> {
    const rows = (await t.db.query(
      `SELECT failures FROM sign_in_attempts WHERE bucket = '${bucket}'`,
    )) as Array<{ failures: number }>;
    return Number(rows[0]?.failures ?? 0);
  }

  const cases = [
    { who: 'staff', url: '/api/staff/sign-in', bucket: 'account', password: STAFF_PASSWORD },
    { who: 'centre', url: '/api/centre/sign-in', bucket: 'centre', password: CENTRE_PASSWORD },
  ] as const;

  for (const c of cases) {
    it(`${c.who}: ${GUESSES} wrong guesses and the right one at once: all counted, the right one refused`, async () => {
      const email =
        c.who === 'staff' ? await makeStaff(t.store) : (await makeCentre(t.store)).email;
      const answers = await Promise.all([
        ...Array.from({ length: GUESSES }, (_, i) => attempt(app, c.url, email, `wrong ${i}`)),
        attempt(app, c.url, email, c.password),
      ]);
      const statuses = answers.map((r) => r.statusCode);
      expect(statuses.at(-1), answers.at(-1)!.body).toBe(429);
      // At most the limit were checked; the rest were refused without a check.
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(GUESSES + 1 - 10);
      expect(statuses.filter((s) => s === 200)).toEqual([]);
      expect(await failures(`${c.bucket}:${email}`)).toBe(GUESSES + 1);
    });

    it(`${c.who}: the per-address count holds against a burst across accounts`, async () => {
      const byIp = await t.openInstance({
        signInLimits: {
          slowAfter: 1000,
          refuseAfter: 1000,
          ipSlowAfter: 1000,
          ipRefuseAfter: 10,
          slowDelayMs: 0,
        },
      });
      const ip = c.who === 'staff' ? '198.51.100.20' : '198.51.100.21';
      const email =
        c.who === 'staff' ? await makeStaff(t.store) : (await makeCentre(t.store)).email;
      const answers = await Promise.all([
        ...Array.from({ length: GUESSES }, (_, i) =>
          attempt(byIp, c.url, `guess${i}@example.com`, 'wrong', ip),
        ),
        attempt(byIp, c.url, email, c.password, ip),
      ]);
      const statuses = answers.map((r) => r.statusCode);
      expect(statuses.at(-1), answers.at(-1)!.body).toBe(429);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
      expect(await failures(`ip:${ip}`)).toBe(GUESSES + 1);
    });
  }

  it('a success does not count against its address', async () => {
    const byIp = await t.openInstance({
      signInLimits: { ipSlowAfter: 1000, ipRefuseAfter: 2, slowDelayMs: 0 },
    });
    const ip = '198.51.100.30';
    const email = await makeStaff(t.store);
    for (let i = 0; i < 5; i++) {
      const res = await attempt(byIp, '/api/staff/sign-in', email, STAFF_PASSWORD, ip);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await failures(`ip:${ip}`)).toBe(0);
  });
});
