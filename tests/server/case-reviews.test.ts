/**
 * POST /api/case-reviews: three qualifying reports in six months (each proved with its secret)
 * make an application that is stored with its references; two do not; environmental reports and
 * old ones do not count; a wrong secret is a 404 like an unknown reference.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { secretHash } from '../../src/server/reports/idempotency';
import { newReference } from '../../src/server/reports/reference';
import {
  describeEachStore,
  fileReport,
  flyTipping,
  harassment,
  newKey,
  storedReport,
  type Fields,
} from './helpers';
import { form } from './staff-helpers';

type Filed = [reference: string, secret: string];

const application = (reports: Filed[], extra: Fields = [], id = randomUUID()): Fields => [
  ['application_id', id],
  ['name', 'Alex Resident'],
  ['email', 'alex@example.com'],
  ['details', 'It happens every weekend.'],
  ['consent', 'yes'],
  ...reports.map(([ref, secret]): [string, string] => [`report[${ref}]`, secret]),
  ...extra,
];

describeEachStore('ASB case review applications', (t) => {
  const fileAsb = async (): Promise<Filed> => {
    const key = newKey();
    return [await fileReport(t.app, harassment(), key), key];
  };

  // Found by the fuzz suite: a repeated report was a 500, and two reports listed as three passed.
  it('refuses a report listed twice, however its reference is written, naming it', async () => {
    const [a, b] = [await fileAsb(), await fileAsb()];
    const twice: Filed[] = [a, b, [a[0].toLowerCase(), a[1]]];
    const id = randomUUID();
    const res = await form(t.app, '/api/case-reviews', application(twice, [], id));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()[0].description).toContain(`report[${a[0]}]`);
    expect(await t.store.caseReviews.findByApplicationId(id)).toBeNull();
    const exact = await form(t.app, '/api/case-reviews', application([a, b, a, await fileAsb()]));
    expect(exact.statusCode, exact.body).toBe(400);
  });

  it('stores an application resting on three qualifying reports, with its references', async () => {
    const reports = [await fileAsb(), await fileAsb(), await fileAsb()];
    const id = randomUUID();
    const res = await form(t.app, '/api/case-reviews', application(reports, [], id));
    expect(res.statusCode).toBe(201);
    const body = JSON.parse(res.body) as { case_review_id: string; service_request_ids: string[] };
    expect(body.case_review_id).toMatch(/^DBC-CR-[0-9A-Z]{8}$/);
    expect(body.service_request_ids).toEqual(reports.map(([r]) => r));
    const stored = await t.store.caseReviews.findByApplicationId(id);
    expect(stored).toMatchObject({
      id: body.case_review_id,
      name: 'Alex Resident',
      email: 'alex@example.com',
      phone: null,
      details: 'It happens every weekend.',
      report_ids: reports.map(([r]) => r),
    });
    const again = await form(t.app, '/api/case-reviews', application(reports, [], id));
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body).case_review_id).toBe(body.case_review_id);
    const other = await form(
      t.app,
      '/api/case-reviews',
      application(reports, [], id).map(([n, v]): [string, string] => [n, n === 'name' ? 'Sam' : v]),
    );
    expect(other.statusCode).toBe(422);
  });

  it('two qualifying reports are not enough', async () => {
    const res = await form(
      t.app,
      '/api/case-reviews',
      application([await fileAsb(), await fileAsb()]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('needs 3 qualifying reports within 6 months; these make 2');
  });

  it('names a report that does not count, and why', async () => {
    const key = newKey();
    const fly = await fileReport(t.app, flyTipping(), key);
    const old = newKey();
    const at = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const created = await t.store.createReport(
      storedReport({
        service_code: 'harassment',
        service_group: 'Personal',
        requested_datetime: at,
        updated_datetime: at,
        secret_hash: secretHash(old),
      }),
      { newId: () => newReference('DBC') },
    );
    if (!created.ok) throw new Error('not stored');
    const reports = [
      await fileAsb(),
      await fileAsb(),
      await fileAsb(),
      [fly, key] as Filed,
      [created.report.id, old] as Filed,
    ];
    const res = await form(t.app, '/api/case-reviews', application(reports));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`${fly} is not about anti-social behaviour`);
    expect(res.body).toContain(`${created.report.id} was made outside the window`);
  });

  it('a wrong secret is a 404 naming the reference, as for a report that does not exist', async () => {
    const [a, b] = [await fileAsb(), await fileAsb()];
    const [c] = await fileAsb();
    const res = await form(t.app, '/api/case-reviews', application([a, b, [c, newKey()]]));
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain(c);
    const unknown = await form(
      t.app,
      '/api/case-reviews',
      application([a, b, ['DBC-00000000', newKey()]]),
    );
    expect(unknown.statusCode).toBe(404);
    expect(res.body.replace(c, 'X')).toBe(unknown.body.replace('DBC-00000000', 'X'));
  });

  it('is not anonymous: a name, a way to contact and consent are required', async () => {
    const reports = [await fileAsb(), await fileAsb(), await fileAsb()];
    const fields = application(reports).filter(([n]) => !['name', 'email', 'consent'].includes(n));
    const res = await form(t.app, '/api/case-reviews', fields);
    expect(res.statusCode).toBe(400);
    for (const f of ['name:', 'email: give an email address or a phone number', 'consent:']) {
      expect(res.body).toContain(f);
    }
    const phoneOnly = await form(
      t.app,
      '/api/case-reviews',
      application(reports)
        .filter(([n]) => n !== 'email')
        .concat([['phone', '01632 960 001']]),
    );
    expect(phoneOnly.statusCode).toBe(201);
  });
});
