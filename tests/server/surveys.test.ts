/**
 * POST /api/surveys: only the reporter (X-Report-Secret), only once the report is closed, one
 * answer per report, and the answer feeds the published satisfaction figure.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Performance } from '../../src/shared/performance';
import { describeEachStore, fileReport, flyTipping, newKey } from './helpers';
import { bearer, form, makeApiKey, postUpdate } from './staff-helpers';

const answer = (ref: string, satisfaction: string, secret?: string, comment = '') =>
  [
    [
      ['service_request_id', ref],
      ['satisfaction', satisfaction],
      ...(comment ? [['comment', comment] as [string, string]] : []),
    ] as Array<[string, string]>,
    (secret === undefined ? {} : { 'x-report-secret': secret }) as Record<string, string>,
  ] as const;

describeEachStore('satisfaction surveys', (t) => {
  let writer: string;
  beforeAll(async () => {
    writer = await makeApiKey(t.store, ['updates:write']);
  });

  const flySatisfaction = async () => {
    const p = JSON.parse((await t.app.inject('/api/performance.json')).body) as Performance;
    return p.categories.find((c) => c.serviceCode === 'fly-tipping')!.last90Days.satisfaction;
  };

  it('opens when the report is closed, takes one answer, and counts it in the statistics', async () => {
    const key = newKey();
    const ref = await fileReport(t.app, flyTipping(), key);
    const early = await form(t.app, '/api/surveys', ...answer(ref, '4', key));
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('not closed yet');

    await postUpdate(t.app, { reference: ref, status: 'fixed', note: 'Cleared' }, bearer(writer));
    const before = await flySatisfaction();
    const first = await form(t.app, '/api/surveys', ...answer(ref, '4', key, 'Quick, thanks'));
    expect(first.statusCode).toBe(201);
    expect(JSON.parse(first.body)).toMatchObject({
      service_request_id: ref,
      satisfaction: 4,
      comment: 'Quick, thanks',
    });
    expect((await flySatisfaction()).responses).toBe(before.responses + 1);

    const view = await t.app.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { 'x-report-secret': key },
    });
    expect(JSON.parse(view.body)[0].survey_answered).toBe(true);

    const again = await form(t.app, '/api/surveys', ...answer(ref, '4', key, 'Quick, thanks'));
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const changed = await form(t.app, '/api/surveys', ...answer(ref, '1', key));
    expect(changed.statusCode).toBe(409);
    expect((await flySatisfaction()).responses).toBe(before.responses + 1);
  });

  it('a wrong or missing secret gets the same 404 as a report that does not exist', async () => {
    const key = newKey();
    const ref = await fileReport(t.app, flyTipping(), key);
    await postUpdate(t.app, { reference: ref, status: 'fixed' }, bearer(writer));
    const wrong = await form(t.app, '/api/surveys', ...answer(ref, '5', newKey()));
    const none = await form(t.app, '/api/surveys', ...answer(ref, '5'));
    const unknown = await form(t.app, '/api/surveys', ...answer('DBC-00000000', '5', key));
    for (const res of [wrong, none, unknown]) expect(res.statusCode).toBe(404);
    expect(wrong.body.replace(ref, 'X')).toBe(unknown.body.replace('DBC-00000000', 'X'));
    expect(await t.store.surveys.find(ref)).toBeNull();
  });

  it('refuses bad answers naming the field', async () => {
    const bad = await form(
      t.app,
      '/api/surveys',
      ...answer('DBC-00000000', '7', newKey(), 'x'.repeat(1001)),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('satisfaction: choose how satisfied');
    expect(bad.body).toContain('comment: at most 1000 characters');
  });
});
