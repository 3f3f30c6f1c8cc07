/**
 * Every demo category's questions, answered through the intake API: the server stores exactly the
 * answers given (plus what it computes itself, the PSPO flag), and refuses invalid combinations
 * with a message that names the question.
 */
import { describe, expect, it } from 'vitest';
import {
  demoCouncil,
  describeEachStore,
  newKey,
  postReport,
  riskAnswers,
  type Fields,
} from './helpers';

type Answers = Record<string, string | string[]>;

interface Case {
  /** What this answer set shows. */
  name: string;
  service: string;
  answers: Answers;
  /** Defaults to a place inside the boundary but outside the PSPO zone. */
  place?: Fields;
  /** Contact fields, if any. */
  contact?: Fields;
  /** Attributes the server adds itself. */
  computed?: Record<string, string>;
}

const OUTSIDE_PSPO: Fields = [
  ['lat', '51.8003'],
  ['long', '-0.2051'],
];
const IN_PSPO: Fields = [
  ['lat', '51.7634'],
  ['long', '-0.2237'],
];
const ADDRESS_ONLY: Fields = [['address_string', 'Market Place, Hatfield']];

const RISK_NO: Answers = Object.fromEntries(
  riskAnswers().map(([k, v]) => [k.slice('attribute['.length, -1), v]),
);

function fields(c: Case): Fields {
  const out: Fields = [
    ['service_code', c.service],
    ...(c.place ?? OUTSIDE_PSPO),
    ['description', `A ${c.service} report (${c.name}).`],
    ...(c.contact ?? []),
  ];
  for (const [code, v] of Object.entries(c.answers)) {
    if (Array.isArray(v)) for (const x of v) out.push([`attribute[${code}][]`, x]);
    else out.push([`attribute[${code}]`, v]);
  }
  return out;
}

const DIARY = [
  '2026-11-18 23:10-01:30 level 8: bass through the bedroom wall',
  '2026-11-19 22:00-23:45 level 6',
].join('\n');

const CASES: Case[] = [
  {
    name: 'saw who did it',
    service: 'fly-tipping',
    answers: {
      size: 'transit_van',
      waste_types: ['household', 'white_goods'],
      hazards: ['asbestos', 'needles'],
      land_type: 'highway',
      witnessed: 'yes',
      vehicle_registration: 'AB12 CDE',
      vehicle_description: 'White Ford Transit',
    },
  },
  {
    name: 'did not see',
    service: 'fly-tipping',
    answers: {
      size: 'single_bag',
      waste_types: ['household'],
      hazards: ['none'],
      land_type: 'back_alley',
      witnessed: 'no',
    },
  },
  {
    name: 'offensive',
    service: 'graffiti',
    answers: {
      offensive: 'yes',
      offensive_type: ['hate', 'threatening'],
      surface: 'wall',
      ownership: 'private',
    },
  },
  {
    name: 'not offensive',
    service: 'graffiti',
    answers: { offensive: 'no', surface: 'street_furniture', ownership: 'public' },
  },
  {
    name: 'saw the owner',
    service: 'dog-fouling',
    answers: {
      amount: 'persistent',
      when_seen: 'Early mornings',
      owner_seen: 'yes',
      owner_description: 'Man with a black Labrador',
    },
  },
  { name: 'plain', service: 'littering', answers: { amount: 'large' } },
  {
    name: 'needles near a school',
    service: 'drug-litter',
    answers: { needles: 'yes', count: 'few', near_children: 'yes' },
  },
  {
    name: 'untaxed on the road',
    service: 'abandoned-vehicle',
    answers: {
      registration: 'XY34 ZZZ',
      make: 'Vauxhall Corsa',
      colour: 'Silver',
      place: 'road',
      how_long: 'over_month',
      condition: ['untaxed', 'flat_tyres'],
    },
  },
  {
    name: 'with a diary',
    service: 'noise',
    answers: {
      noise_type: 'music',
      source_address: 'Flat 4, 10 Parkway',
      room: 'bedroom',
      started: '2026-11-20T23:15',
      ended: '2026-11-21T01:40',
      effect: ['sleep', 'stress'],
      level: '8',
      repeated: 'yes',
      diary: DIARY,
      ...RISK_NO,
    },
  },
  {
    name: 'one-off',
    service: 'noise',
    answers: {
      noise_type: 'alarm',
      source_address: 'The shop below',
      room: 'whole_home',
      started: '2026-11-20T03:00',
      effect: ['sleep'],
      level: '9',
      repeated: 'no',
      ...RISK_NO,
    },
  },
  {
    name: 'in the PSPO zone',
    service: 'rowdy-behaviour',
    place: IN_PSPO,
    answers: {
      what_happened: 'Shouting and throwing bottles outside the station.',
      who_involved: 'young_people',
      how_many: 'six_plus',
      known: 'no',
      ongoing: 'yes',
      ...RISK_NO,
    },
    computed: { in_pspo_zone: 'yes', pspo_zone: 'hatfield-town-centre' },
  },
  {
    name: 'in the PSPO zone',
    service: 'street-drinking',
    place: IN_PSPO,
    answers: {
      how_many: 'two_to_five',
      behaviour: ['shouting', 'litter'],
      ongoing: 'yes',
      ...RISK_NO,
    },
    computed: { in_pspo_zone: 'yes', pspo_zone: 'hatfield-town-centre' },
  },
  {
    name: 'outside the zone',
    service: 'street-drinking',
    answers: { how_many: 'one', behaviour: ['none'], ongoing: 'no', ...RISK_NO },
    computed: { in_pspo_zone: 'no' },
  },
  {
    name: 'address only',
    service: 'street-drinking',
    place: ADDRESS_ONLY,
    answers: { how_many: 'one', behaviour: ['urinating'], ongoing: 'no', ...RISK_NO },
    computed: { in_pspo_zone: 'unknown' },
  },
  {
    name: 'from a vehicle',
    service: 'drug-dealing',
    answers: {
      activity: 'dealing',
      place_type: 'vehicle',
      vehicle_details: 'Black BMW, AB12 CDE',
      frequency: 'daily',
      ongoing: 'no',
      ...RISK_NO,
    },
  },
  {
    name: 'from a house',
    service: 'drug-dealing',
    answers: {
      activity: 'both',
      place_type: 'property',
      property_address: '22 Elm Road',
      frequency: 'weekly',
      ongoing: 'yes',
      ...RISK_NO,
    },
  },
  {
    name: 'off-road bikes',
    service: 'vehicle-nuisance',
    answers: {
      vehicle_type: 'off_road',
      vehicle_details: 'Two red scramblers',
      ongoing: 'no',
      ...RISK_NO,
    },
  },
  {
    name: 'a neighbour',
    service: 'harassment',
    answers: {
      what_happened: 'Threats shouted at my door every evening.',
      who: 'neighbour',
      impact: ['afraid', 'leave_home'],
      ...RISK_NO,
    },
    contact: [['email', 'resident@example.com']],
  },
  {
    name: 'several problems',
    service: 'neighbour-nuisance',
    answers: {
      what_happened: 'Loud parties and rubbish thrown over the fence.',
      nuisance_type: ['noise', 'rubbish'],
      how_long: 'over_six_months',
      spoken: 'yes',
      landlord: 'housing_association',
      ...RISK_NO,
    },
  },
  {
    name: 'for someone else, safe contact only',
    service: 'hate-incident',
    answers: {
      strands: ['race', 'religion'],
      hostility: ['words', 'gestures'],
      location_type: 'transport',
      role: 'on_behalf',
      victim_consent: 'yes',
      police_consent: 'yes',
      anonymity: 'safe_contact',
      safe_method: 'text_message',
      safe_times: 'Weekdays 10am to 2pm',
      ...RISK_NO,
    },
    contact: [['phone', '07700 900982']],
  },
  {
    name: 'victim, anonymous',
    service: 'hate-incident',
    answers: {
      strands: ['transgender'],
      hostility: ['writing'],
      location_type: 'online',
      role: 'victim',
      police_consent: 'no',
      anonymity: 'anonymous',
      ...RISK_NO,
    },
  },
];

describe('the answer sets', () => {
  it('cover every active demo category', () => {
    const active = demoCouncil.services.filter((s) => s.active).map((s) => s.service_code);
    expect(new Set(CASES.map((c) => c.service))).toEqual(new Set(active));
  });

  it('include every question of every category at least once, conditional ones too', () => {
    for (const s of demoCouncil.services) {
      const answered = new Set(
        CASES.filter((c) => c.service === s.service_code).flatMap((c) => Object.keys(c.answers)),
      );
      for (const a of s.attributes)
        expect(answered, `${s.service_code}.${a.code}`).toContain(a.code);
    }
  });
});

describeEachStore('question sets at intake', (t) => {
  const full = async (id: string, key: string) => {
    const res = await t.app.inject({
      url: `/open311/v2/requests/${id}.json`,
      headers: { 'x-report-secret': key },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Array<{ attributes: Answers }>)[0]!;
  };

  it.each(CASES.map((c) => [`${c.service} (${c.name})`, c] as const))(
    '%s: stores exactly the answers given',
    async (_name, c) => {
      const key = newKey();
      const res = await postReport(t.app, fields(c), { key });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
      expect((await full(id, key)).attributes).toEqual({ ...c.answers, ...c.computed });
    },
  );

  const base = (service: string, name: string) => {
    const c = CASES.find((x) => x.service === service && x.name === name);
    if (!c) throw new Error(`no case ${service} ${name}`);
    return c;
  };
  const refused = async (c: Case, question: string | RegExp) => {
    const res = await postReport(t.app, fields(c), { key: newKey() });
    expect(res.statusCode, res.body).toBe(400);
    const descriptions = (res.json() as Array<{ description: string }>).map((e) => e.description);
    const match = (d: string) =>
      typeof question === 'string' ? d.includes(question) : question.test(d);
    expect(descriptions.some(match), descriptions.join('\n')).toBe(true);
    return descriptions;
  };

  it('refuses "none" combined with a hazard, naming the question', async () => {
    const c = base('fly-tipping', 'did not see');
    const d = await refused(
      { ...c, answers: { ...c.answers, hazards: ['none', 'asbestos'] } },
      '"Is any of it dangerous?"',
    );
    expect(d.join()).toContain('cannot be combined with another answer');
  });

  it('refuses "none of these" combined with a condition, and "nothing else" with behaviour', async () => {
    const v = base('abandoned-vehicle', 'untaxed on the road');
    await refused(
      { ...v, answers: { ...v.answers, condition: ['damaged', 'none'] } },
      '"What condition is it in?"',
    );
    const s = base('street-drinking', 'outside the zone');
    await refused(
      { ...s, answers: { ...s.answers, behaviour: ['none', 'shouting'] } },
      '"What else was happening?"',
    );
  });

  it('refuses an answer to a conditional question that is not asked', async () => {
    const c = base('fly-tipping', 'did not see');
    await refused(
      { ...c, answers: { ...c.answers, vehicle_registration: 'AB12 CDE' } },
      /"Vehicle registration, if you saw it" is only asked when "witnessed" is yes/,
    );
    const g = base('graffiti', 'not offensive');
    await refused(
      { ...g, answers: { ...g.answers, offensive_type: ['swearing'] } },
      '"What makes it offensive?" is only asked',
    );
    const h = base('hate-incident', 'victim, anonymous');
    await refused(
      { ...h, answers: { ...h.answers, victim_consent: 'yes' } },
      '"Does the person it happened to know you are reporting it, and agree?" is only asked',
    );
  });

  it('requires a conditional question once it is asked', async () => {
    const n = base('noise', 'one-off');
    await refused(
      { ...n, answers: { ...n.answers, repeated: 'yes' } },
      '"Noise diary: other times it happened" needs an answer',
    );
    const h = base('hate-incident', 'for someone else, safe contact only');
    const { safe_times: _t, ...answers } = h.answers;
    await refused({ ...h, answers }, '"When is it safe to contact you?" needs an answer');
  });

  it('refuses a noise diary line it cannot read, naming the question and the line', async () => {
    const n = base('noise', 'with a diary');
    await refused(
      { ...n, answers: { ...n.answers, diary: `${DIARY}\n2026-11-31 22:00-23:00 level 5` } },
      /"Noise diary: other times it happened": line 3: the date must be a real date/,
    );
    await refused(
      { ...n, answers: { ...n.answers, diary: '2026-11-20 22:00-23:00 level 11' } },
      /line 1: the level must be a whole number from 1 to 10/,
    );
    await refused(
      { ...n, answers: { ...n.answers, diary: 'loud every night' } },
      /"Noise diary: other times it happened": line 1 must look like/,
    );
  });

  it('keeps contact details to what the anonymity answer allows', async () => {
    const anon = base('hate-incident', 'victim, anonymous');
    await refused(
      { ...anon, contact: [['email', 'me@example.com']] },
      /^email: "How can we contact you about this report\?" is "Do not contact me/,
    );
    const safe = base('hate-incident', 'for someone else, safe contact only');
    await refused(
      { ...safe, contact: [] },
      /"How can we contact you about this report\?" is "Contact me only in a safe way.*": give an email address or a phone number/,
    );
  });

  it('stores a diary sent with CRLF line breaks (as browsers send multipart) with plain ones', async () => {
    const n = base('noise', 'with a diary');
    const key = newKey();
    const crlf = { ...n, answers: { ...n.answers, diary: DIARY.replace(/\n/g, '\r\n') } };
    const res = await postReport(t.app, fields(crlf), { key, encoding: 'multipart' });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect((await full(id, key)).attributes.diary).toBe(DIARY);
  });

  it('publishes the rules in services/{code}.json, so any client can follow them', async () => {
    const def = async (code: string) =>
      (await t.app.inject({ url: `/open311/v2/services/${code}.json` })).json() as {
        attributes: Array<Record<string, unknown>>;
      };
    const attr = (d: { attributes: Array<Record<string, unknown>> }, code: string) =>
      d.attributes.find((a) => a.code === code)!;
    const fly = await def('fly-tipping');
    expect(attr(fly, 'hazards').exclusive).toEqual(['none']);
    expect(attr(fly, 'vehicle_registration').showIf).toEqual({ code: 'witnessed', anyOf: ['yes'] });
    const noise = await def('noise');
    expect(attr(noise, 'diary')).toMatchObject({ format: 'diary', maxEntries: 20 });
    expect(attr(noise, 'diary').datatype_description).toContain('One occurrence per line');
    const hate = await def('hate-incident');
    expect(attr(hate, 'anonymity').contact).toEqual({
      none: ['anonymous'],
      required: ['contact', 'safe_contact'],
    });
  });

  it('never takes the PSPO flag from the client', async () => {
    const s = base('street-drinking', 'outside the zone');
    await refused(
      { ...s, answers: { ...s.answers, in_pspo_zone: 'yes' } },
      /attribute\[in_pspo_zone\]: "in_pspo_zone" is worked out by the council from the location/,
    );
  });
});
