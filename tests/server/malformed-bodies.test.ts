/**
 * Malformed bodies at POST requests.json (see malformed-cases.ts): a table of hand-picked cases
 * plus at least 500 generated ones. Every answer must be a 4xx with an Open311 error body, and
 * nothing may be stored. FUZZ_RUNS raises the count; FUZZ_SEED replays a failing run.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Open311ErrorSchema } from '../../src/shared/open311';
import { describeEachStore } from './helpers';
import { MALFORMED_TABLE, anyMalformedCase, type Case } from './malformed-cases';

const GENERATED_RUNS = Number(process.env.FUZZ_RUNS) || 520;

describeEachStore('malformed bodies at POST requests.json', (t) => {
  let answered = 0;

  async function expectRefused(c: Case) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: c.payload,
      headers: {
        ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}),
        ...(c.key ? { 'idempotency-key': c.key } : {}),
      },
    });
    answered++;
    const context = `${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, context).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, context).toBeLessThan(500);
    expect(res.headers['content-type'], context).toMatch(/^application\/json/);
    const errors = Open311ErrorSchema.parse(res.json());
    expect(errors.length, context).toBeGreaterThan(0);
    for (const e of errors) expect(e.code, context).toBe(res.statusCode);
  }

  it.each(MALFORMED_TABLE)('refuses %s', async (_name, c) => {
    await expectRefused(c);
  });

  it(`refuses ${GENERATED_RUNS} generated malformed bodies with a 4xx Open311 error`, async () => {
    await fc.assert(fc.asyncProperty(anyMalformedCase, expectRefused), {
      numRuns: GENERATED_RUNS,
      seed: Number(process.env.FUZZ_SEED) || undefined,
    });
    expect(answered).toBeGreaterThanOrEqual(500);
  });

  it('stored nothing and holds no idempotency key', async () => {
    expect(await t.store.reports.count()).toBe(0);
    expect(await t.db.query('SELECT key FROM idempotency_keys')).toEqual([]);
  });
});
