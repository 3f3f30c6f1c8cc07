import { expect, it } from 'vitest';
import { londonDate, addWorkingDays } from '../../src/shared/working-days';
import {
  describeEachStore,
  fileReport,
  harassment,
  newKey,
  postReport,
  riskAnswers,
} from './helpers';

describeEachStore('risk assessment at intake', (t) => {
  const getFull = async (id: string, key: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/open311/v2/requests/${id}.json`,
      headers: { 'x-report-secret': key },
    });
    return (JSON.parse(res.body) as Array<Record<string, unknown>>)[0]!;
  };

  it('asks the risk questions of Personal and Nuisance categories only', async () => {
    const defs = async (code: string) =>
      JSON.parse((await t.app.inject({ url: `/open311/v2/services/${code}.json` })).body) as {
        attributes: Array<{ code: string; private?: boolean }>;
      };
    const noise = await defs('noise');
    expect(noise.attributes.map((a) => a.code)).toContain('risk_in_danger_now');
    expect(noise.attributes.map((a) => a.code)).toContain('risk_unsafe_home');
    const fly = await defs('fly-tipping');
    expect(fly.attributes.some((a) => a.code.startsWith('risk_'))).toBe(false);
  });

  it('refuses a Personal report without risk answers, naming the question', async () => {
    const fields = harassment().filter(([k]) => !k.startsWith('attribute[risk_'));
    const res = await postReport(t.app, fields, { key: newKey() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('attribute[risk_in_danger_now]');
  });

  it('stores the band the answers give and sets the first-contact target from it', async () => {
    const key = newKey();
    const high = harassment().filter(([k]) => !k.startsWith('attribute[risk_'));
    high.push(
      ...riskAnswers({
        happened_before: 'yes',
        targeted: 'yes',
        vulnerable: 'yes',
        unsafe_home: 'yes',
      }),
    );
    const id = await fileReport(t.app, high, key);
    const v = await getFull(id, key);
    expect(v.risk_band).toBe('high');
    const due = v.expected_datetime as string;
    expect(londonDate(due)).toBe(londonDate(addWorkingDays(new Date(), 1)));
  });

  it('never puts a hate incident below medium', async () => {
    const key = newKey();
    const id = await fileReport(
      t.app,
      [
        ['service_code', 'hate-incident'],
        ['address_string', 'Hatfield bus station'],
        ['attribute[strands][]', 'race'],
        ['attribute[hostility][]', 'words'],
        ['attribute[location_type]', 'transport'],
        ['attribute[role]', 'witness'],
        ['attribute[police_consent]', 'no'],
        ['attribute[anonymity]', 'anonymous'],
        ...riskAnswers(),
      ],
      key,
    );
    expect((await getFull(id, key)).risk_band).toBe('medium');
  });

  it('does not show risk answers of a public Nuisance report to the public', async () => {
    const key = newKey();
    const id = await fileReport(
      t.app,
      [
        ['service_code', 'street-drinking'],
        ['address_string', 'Town Centre, Hatfield'],
        ['attribute[how_many]', 'two_to_five'],
        ['attribute[behaviour][]', 'shouting'],
        ['attribute[ongoing]', 'no'],
        ...riskAnswers({ vulnerable: 'yes' }),
      ],
      key,
    );
    const pub = JSON.parse(
      (await t.app.inject({ url: `/open311/v2/requests/${id}.json` })).body,
    ) as Array<{ attributes: Record<string, unknown>; risk_band?: unknown }>;
    expect(pub[0]!.attributes.how_many).toBe('two_to_five');
    expect(Object.keys(pub[0]!.attributes).some((c) => c.startsWith('risk_'))).toBe(false);
    expect(pub[0]!.risk_band).toBeUndefined();
    expect((await getFull(id, key)).attributes).toMatchObject({ risk_vulnerable: 'yes' });
  });
});
