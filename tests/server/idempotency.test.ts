import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { CreatedRequestSchema, Open311ErrorSchema } from '../../src/shared/open311';
import { requestHash } from '../../src/server/reports/idempotency';
import {
  demoCouncil,
  describeEachStore,
  flyTipping,
  newKey,
  postReport,
  replacing,
  without,
  type Fields,
} from './helpers';

const MINUTE = 60_000;

describeEachStore('Idempotency-Key', (t) => {
  it('a repeat with the same body gets the first answer again and stores nothing new', async () => {
    const key = newKey();
    const first = await postReport(t.app, flyTipping(), { key });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const count = await t.store.reports.count();
    const again = await postReport(t.app, flyTipping(), { key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(await t.store.reports.count()).toBe(count);
  });

  it('the same report in the other encoding or field order is the same request', async () => {
    const key = newKey();
    const first = await postReport(t.app, flyTipping(), { key });
    // Names in reverse order; the values of one name (a list) keep theirs.
    const reordered = [...flyTipping()].sort(([a], [b]) => (a === b ? 0 : a < b ? 1 : -1));
    expect(reordered.map(([n]) => n)).not.toEqual(flyTipping().map(([n]) => n));
    const again = await postReport(t.app, reordered, { key, encoding: 'multipart' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('a list in another order is a different report', async () => {
    const key = newKey();
    await postReport(t.app, flyTipping(), { key });
    const swapped = flyTipping().map(([n, v]): [string, string] =>
      n === 'attribute[waste_types][]'
        ? [n, v === 'household' ? 'furniture' : 'household']
        : [n, v],
    );
    expect((await postReport(t.app, swapped, { key })).statusCode).toBe(422);
  });

  it('the key is matched whatever its letter case', async () => {
    const key = newKey();
    const first = await postReport(t.app, flyTipping(), { key });
    const again = await postReport(t.app, flyTipping(), { key: key.toUpperCase() });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('the same key with a different body is a 422 and stores nothing', async () => {
    const key = newKey();
    await postReport(t.app, flyTipping(), { key });
    const count = await t.store.reports.count();
    for (const other of [
      replacing(flyTipping(), 'description', 'Something else entirely'),
      without(flyTipping(), 'email'),
      replacing(flyTipping(), 'service_code', 'potholes'),
    ]) {
      const res = await postReport(t.app, other, { key });
      expect(res.statusCode).toBe(422);
      expect(Open311ErrorSchema.parse(res.json())[0]!.description).toMatch(
        /already used for a different report/,
      );
    }
    expect(await t.store.reports.count()).toBe(count);
  });

  it('a repeat while the first is still processing is a 409 with Retry-After', async () => {
    const key = newKey();
    const claimed = await t.store.idempotency.claim({
      key,
      requestHash: requestHash(flyTipping()),
      token: randomUUID(),
      now: new Date(),
    });
    expect(claimed).toBe(true);
    const count = await t.store.reports.count();
    const res = await postReport(t.app, flyTipping(), { key });
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(Open311ErrorSchema.parse(res.json())[0]!.description).toMatch(/still being processed/);
    expect(await t.store.reports.count()).toBe(count);
  });

  it('a different body while the first is processing is a 422', async () => {
    const key = newKey();
    await t.store.idempotency.claim({
      key,
      requestHash: requestHash(flyTipping()),
      token: randomUUID(),
      now: new Date(),
    });
    const res = await postReport(t.app, replacing(flyTipping(), 'description', 'other'), { key });
    expect(res.statusCode).toBe(422);
  });

  it('a processing claim older than two minutes is taken over', async () => {
    const key = newKey();
    const staleToken = randomUUID();
    await t.store.idempotency.claim({
      key,
      requestHash: requestHash(flyTipping()),
      token: staleToken,
      now: new Date(Date.now() - 3 * MINUTE),
    });
    const res = await postReport(t.app, flyTipping(), { key });
    expect(res.statusCode).toBe(201);
    const record = await t.store.idempotency.find(key);
    expect(record).toMatchObject({ state: 'complete', response_status: 201 });
    expect(record!.claim_token).not.toBe(staleToken);
    // The dead request's token no longer holds the key.
    expect(await t.store.idempotency.release(key, staleToken)).toBe(false);
  });

  it('a key is released after a 400, so the fixed report can reuse it', async () => {
    const key = newKey();
    const broken = without(flyTipping(), 'attribute[size]');
    const bad = await postReport(t.app, broken, { key });
    expect(bad.statusCode).toBe(400);
    expect(await t.store.idempotency.find(key)).toBeNull();
    const again = await postReport(t.app, broken, { key });
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await postReport(t.app, flyTipping(), { key });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    const replay = await postReport(t.app, flyTipping(), { key });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(fixed.body);
  });

  it('20 concurrent identical POSTs store exactly one report', async () => {
    const key = newKey();
    const count = await t.store.reports.count();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postReport(t.app, flyTipping(), { key })),
    );
    expect(await t.store.reports.count()).toBe(count + 1);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(
      new Set(created.map((a) => CreatedRequestSchema.parse(a.json())[0]!.service_request_id)).size,
    ).toBe(1);
    expect(created.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
  });

  it('two instances on one database, 20 POSTs racing across them: one report', async () => {
    const other = await t.openInstance();
    const key = newKey();
    const count = await t.store.reports.count();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postReport(i % 2 ? other : t.app, flyTipping(), { key }),
      ),
    );
    expect(await t.store.reports.count()).toBe(count + 1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    const settled = await postReport(other, flyTipping(), { key });
    expect(settled.statusCode).toBe(201);
    expect(settled.headers['idempotent-replayed']).toBe('true');
  });

  it('a stored report is replayed even after its category was withdrawn', async () => {
    const key = newKey();
    const first = await postReport(t.app, flyTipping(), { key });
    const withdrawn = {
      ...demoCouncil,
      services: demoCouncil.services.map((s) =>
        s.service_code === 'fly-tipping' ? { ...s, active: false } : s,
      ),
    };
    const later = await t.openInstance({ council: withdrawn });
    const again = await postReport(later, flyTipping(), { key });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const fresh = await postReport(later, flyTipping(), { key: newKey() });
    expect(fresh.statusCode).toBe(400);
  });

  it('reports without a key are each stored (integrations)', async () => {
    const count = await t.store.reports.count();
    const fields: Fields = flyTipping();
    const a = await postReport(t.app, fields);
    const b = await postReport(t.app, fields);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.body).not.toBe(b.body);
    expect(await t.store.reports.count()).toBe(count + 2);
  });

  it.each([
    '',
    'abc',
    '3f2b8c1e-6d4a-4b7e-9c2d-1a5e8f0b7c6',
    '3f2b8c1e6d4a4b7e9c2d1a5e8f0b7c6d',
    `${newKey()}, ${newKey()}`,
  ])('a malformed key %j is a 400', async (key) => {
    const res = await postReport(t.app, flyTipping(), { headers: { 'idempotency-key': key } });
    expect(res.statusCode).toBe(400);
    expect(Open311ErrorSchema.parse(res.json())[0]!.description).toMatch(
      /Idempotency-Key must be one UUID/,
    );
  });
});
