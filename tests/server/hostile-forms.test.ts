/**
 * Form fields named after built-in object properties, and multipart parts without a name, at every
 * form endpoint: each is a clear 4xx naming the problem, never a 500, and nothing is stored.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { Open311ErrorSchema } from '../../src/shared/open311';
import { describeEachStore, flyTipping, newKey, urlEncoded } from './helpers';
import { UPDATES_URL } from './staff-helpers';

const FORM_URLS = [
  '/open311/v2/requests.json',
  UPDATES_URL,
  '/api/surveys',
  '/api/case-reviews',
  '/api/staff/sign-in',
  '/api/centre/sign-in',
  '/api/centre/reports/DBC-00000000.json',
];

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

function namelessPart(fields: Array<[string, string]>) {
  const boundary = `----nr${randomBytes(8).toString('hex')}`;
  const parts = fields.map(
    ([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`,
  );
  parts.push(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { payload: parts.join(''), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachStore('prototype-named fields and nameless parts', (t) => {
  async function expectClear4xx(url: string, payload: string, contentType: string) {
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, 'idempotency-key': newKey() },
    });
    const context = `${url} ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, context).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, context).toBeLessThan(500);
    const errors = Open311ErrorSchema.parse(res.json());
    expect(errors.length, context).toBeGreaterThan(0);
  }

  for (const name of PROTO_NAMES) {
    for (const shape of [`attribute[${name}][]`, `attribute[${name}]`, name, `${name}[]`]) {
      it(`refuses a report with the field ${shape}`, async () => {
        await expectClear4xx(
          '/open311/v2/requests.json',
          urlEncoded(flyTipping([[shape, 'x']])),
          'application/x-www-form-urlencoded',
        );
      });
    }
    it.each(FORM_URLS)(`refuses the field ${name} at %s`, async (url) => {
      await expectClear4xx(url, urlEncoded([[name, 'x']]), 'application/x-www-form-urlencoded');
    });
  }

  it.each(FORM_URLS)('refuses a multipart part with no name at %s', async (url) => {
    const body = namelessPart([['service_code', 'fly-tipping']]);
    await expectClear4xx(url, body.payload, body.contentType);
  });

  it('refuses a report whose nameless part follows a complete report', async () => {
    const body = namelessPart(flyTipping());
    await expectClear4xx('/open311/v2/requests.json', body.payload, body.contentType);
  });

  it('stored nothing', async () => {
    expect(await t.store.reports.count()).toBe(0);
  });
});
