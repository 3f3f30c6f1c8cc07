/** The store on both dialects: migrations, repository answers, references. */
import { randomUUID } from 'node:crypto';
import { expect, it, describe } from 'vitest';
import { readMigrations } from '../../src/server/store/migrations';
import { newReference, normaliseReference } from '../../src/server/reports/reference';
import { describeEachStore, REFERENCE, storedReport } from './helpers';

describe('migrations', () => {
  it('each dialect has the same numbered migrations', () => {
    const names = (d: 'sqlite' | 'postgres') => readMigrations(d).map((m) => `${m.id}_${m.name}`);
    expect(names('sqlite')).toEqual(names('postgres'));
    expect(names('sqlite')[0]).toBe('1_reports_and_idempotency_keys');
  });
});

describe('references', () => {
  it('are the prefix and 8 Crockford base32 characters, and differ', () => {
    const refs = new Set(Array.from({ length: 2000 }, () => newReference('DBC')));
    for (const r of refs) expect(r).toMatch(REFERENCE);
    expect(refs.size).toBe(2000);
  });

  it('forgive case, spaces and the usual confusions, and refuse other shapes', () => {
    expect(normaliseReference(' dbc-7k2m 9q4x ', 'DBC')).toBe('DBC-7K2M9Q4X');
    expect(normaliseReference('DBC-OIL00000', 'DBC')).toBe('DBC-01100000');
    expect(normaliseReference('DBC-7K2M9Q4U', 'DBC')).toBeNull();
    expect(normaliseReference('ABC-7K2M9Q4X', 'DBC')).toBeNull();
    expect(normaliseReference('DBC7K2M9Q4X', 'DBC')).toBeNull();
  });
});

describeEachStore('store', (t) => {
  it('records applied migrations and applies nothing twice', async () => {
    const again = await t.db.openStore();
    await again.close();
    const rows = await t.db.query('SELECT id, name FROM schema_migrations ORDER BY id');
    const expected = readMigrations(t.db.name).map(({ id, name }) => ({ id, name }));
    expect(expected[0]).toEqual({ id: 1, name: 'reports_and_idempotency_keys' });
    expect(rows.map((r) => ({ ...(r as object), id: Number((r as { id: unknown }).id) }))).toEqual(
      expected,
    );
  });

  it('answers "not there" with null and "did not happen" with false', async () => {
    expect(await t.store.reports.findById('DBC-00000000')).toBeNull();
    expect(await t.store.idempotency.find(randomUUID())).toBeNull();
    expect(await t.store.idempotency.release(randomUUID(), randomUUID())).toBe(false);
    const key = randomUUID();
    const claim = { key, requestHash: 'h', token: randomUUID(), now: new Date() };
    expect(await t.store.idempotency.claim(claim)).toBe(true);
    expect(await t.store.idempotency.claim({ ...claim, token: randomUUID() })).toBe(false);
    // A fresh claim cannot be taken over.
    expect(
      await t.store.idempotency.takeOver({
        ...claim,
        token: randomUUID(),
        staleBefore: new Date(Date.now() - 120_000),
      }),
    ).toBe(false);
    expect(await t.store.idempotency.release(key, randomUUID())).toBe(false);
    expect(await t.store.idempotency.release(key, claim.token)).toBe(true);
  });

  it('purges keys older than a date and keeps newer ones', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    const now = Date.now();
    await t.store.idempotency.claim({
      key: old,
      requestHash: 'h',
      token: 'a',
      now: new Date(now - 40 * 86_400_000),
    });
    await t.store.idempotency.claim({
      key: recent,
      requestHash: 'h',
      token: 'b',
      now: new Date(now - 29 * 86_400_000),
    });
    expect(
      await t.store.idempotency.purgeCreatedBefore(new Date(now - 31 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await t.store.idempotency.find(old)).toBeNull();
    expect(await t.store.idempotency.find(recent)).not.toBeNull();
  });

  it('retries a reference that collides with an existing one', async () => {
    const report = storedReport({ attributes: { amount: 'small' } });
    const first = await t.store.createReport(report, { newId: () => 'DBC-COLL1DE0' });
    expect(first.ok).toBe(true);
    const ids = ['DBC-COLL1DE0', 'DBC-FRESH000'];
    const second = await t.store.createReport(report, { newId: () => ids.shift()! });
    expect(second).toMatchObject({ ok: true, report: { id: 'DBC-FRESH000' } });
    const stuck = await t.store.createReport(report, { newId: () => 'DBC-COLL1DE0' });
    expect(stuck).toEqual({ ok: false, reason: 'no-free-id' });
    const read = await t.store.reports.findById('DBC-FRESH000');
    expect(read).toMatchObject({ attributes: { amount: 'small' }, status: 'open', lat: null });
  });

  it('does not complete a key whose claim was taken over, and stores no report then', async () => {
    const key = randomUUID();
    const now = new Date();
    await t.store.idempotency.claim({
      key,
      requestHash: 'h',
      token: 'mine',
      now: new Date(now.getTime() - 300_000),
    });
    expect(
      await t.store.idempotency.takeOver({
        key,
        requestHash: 'h',
        token: 'theirs',
        now,
        staleBefore: new Date(now.getTime() - 120_000),
      }),
    ).toBe(true);
    const before = await t.store.reports.count();
    const result = await t.store.createReport(storedReport(), {
      newId: () => newReference('DBC'),
      completeKey: { key, token: 'mine', response: () => ({ status: 201, body: '[]' }) },
    });
    expect(result).toEqual({ ok: false, reason: 'key-lost' });
    expect(await t.store.reports.count()).toBe(before);
    expect(await t.store.idempotency.find(key)).toMatchObject({
      state: 'processing',
      claim_token: 'theirs',
    });
  });
});
