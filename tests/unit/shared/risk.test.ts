import { describe, expect, it } from 'vitest';
import {
  AttributeSchema,
  CouncilConfigSchema,
  ServiceSchema,
  type Service,
} from '../../../src/shared/council-config';
import { checkAnswers } from '../../../src/shared/report';
import {
  IN_DANGER_CODE,
  RISK_PREFIX,
  assessRisk,
  effectiveAttributes,
  riskAttributes,
} from '../../../src/shared/risk';
import demo from '../../../src/server/config/demo-council.json';

// Demo council: happened_before 2, often 2, targeted 3, health 2, vulnerable 3, unsafe_home 4;
// medium from 4, high from 9; contact within 10 / 5 / 1 working days; hate incidents >= medium.
const council = CouncilConfigSchema.parse(demo);
const service = (code: string): Service => council.services.find((s) => s.service_code === code)!;

const yes = (...codes: string[]) => Object.fromEntries(codes.map((c) => [`risk_${c}`, 'yes']));
const ALL = ['happened_before', 'often', 'targeted', 'health', 'vulnerable', 'unsafe_home'];

describe('assessRisk', () => {
  const cases: Array<{
    name: string;
    code: string;
    answers: Record<string, string | string[]>;
    score: number;
    band: 'low' | 'medium' | 'high' | null;
    inDanger: boolean;
    contactDays: number | null;
    emergencyFirst: boolean;
  }> = [
    {
      name: 'nothing answered scores as no',
      code: 'harassment',
      answers: {},
      score: 0,
      band: 'low',
      inDanger: false,
      contactDays: 10,
      emergencyFirst: false,
    },
    {
      name: 'all no',
      code: 'harassment',
      answers: Object.fromEntries(ALL.map((c) => [`risk_${c}`, 'no'])),
      score: 0,
      band: 'low',
      inDanger: false,
      contactDays: 10,
      emergencyFirst: false,
    },
    {
      name: 'one below the medium cut-off (3)',
      code: 'harassment',
      answers: yes('targeted'),
      score: 3,
      band: 'low',
      inDanger: false,
      contactDays: 10,
      emergencyFirst: false,
    },
    {
      name: 'exactly the medium cut-off (2 + 2 = 4)',
      code: 'harassment',
      answers: yes('happened_before', 'often'),
      score: 4,
      band: 'medium',
      inDanger: false,
      contactDays: 5,
      emergencyFirst: false,
    },
    {
      name: 'one below the high cut-off (4 + 2 + 2 = 8)',
      code: 'neighbour-nuisance',
      answers: yes('unsafe_home', 'happened_before', 'often'),
      score: 8,
      band: 'medium',
      inDanger: false,
      contactDays: 5,
      emergencyFirst: false,
    },
    {
      name: 'exactly the high cut-off (4 + 3 + 2 = 9)',
      code: 'neighbour-nuisance',
      answers: yes('unsafe_home', 'targeted', 'health'),
      score: 9,
      band: 'high',
      inDanger: false,
      contactDays: 1,
      emergencyFirst: true,
    },
    {
      name: 'every question yes (16)',
      code: 'harassment',
      answers: yes(...ALL),
      score: 16,
      band: 'high',
      inDanger: false,
      contactDays: 1,
      emergencyFirst: true,
    },
    {
      name: 'prefer not to say counts as no',
      code: 'harassment',
      answers: Object.fromEntries(ALL.map((c) => [`risk_${c}`, 'prefer_not_to_say'])),
      score: 0,
      band: 'low',
      inDanger: false,
      contactDays: 10,
      emergencyFirst: false,
    },
    {
      name: 'prefer not to say beside a yes adds nothing',
      code: 'harassment',
      answers: { ...yes('unsafe_home'), risk_targeted: 'prefer_not_to_say' },
      score: 4,
      band: 'medium',
      inDanger: false,
      contactDays: 5,
      emergencyFirst: false,
    },
    {
      name: 'hate incident with no yes is raised to the medium floor',
      code: 'hate-incident',
      answers: {},
      score: 0,
      band: 'medium',
      inDanger: false,
      contactDays: 5,
      emergencyFirst: false,
    },
    {
      name: 'hate incident scoring high stays high (a floor never lowers)',
      code: 'hate-incident',
      answers: yes('unsafe_home', 'targeted', 'health'),
      score: 9,
      band: 'high',
      inDanger: false,
      contactDays: 1,
      emergencyFirst: true,
    },
    {
      name: 'Nuisance categories are assessed too',
      code: 'noise',
      answers: yes('health', 'often'),
      score: 4,
      band: 'medium',
      inDanger: false,
      contactDays: 5,
      emergencyFirst: false,
    },
    {
      name: 'Environmental categories are not assessed, whatever the answers',
      code: 'fly-tipping',
      answers: { ...yes(...ALL), [IN_DANGER_CODE]: 'yes' },
      score: 0,
      band: null,
      inDanger: false,
      contactDays: null,
      emergencyFirst: false,
    },
    {
      name: 'in danger now puts 999 first even in the low band',
      code: 'harassment',
      answers: { [IN_DANGER_CODE]: 'yes' },
      score: 0,
      band: 'low',
      inDanger: true,
      contactDays: 10,
      emergencyFirst: true,
    },
    {
      name: 'a list where one answer is expected is not a yes',
      code: 'harassment',
      answers: { risk_unsafe_home: ['yes'] },
      score: 0,
      band: 'low',
      inDanger: false,
      contactDays: 10,
      emergencyFirst: false,
    },
  ];

  it.each(cases)('$name', ({ name: _name, code, answers, ...expected }) => {
    expect(assessRisk(council, service(code), answers)).toEqual(expected);
  });

  it('reads cut-offs, contact days and floors from the configuration', () => {
    const other = CouncilConfigSchema.parse({
      ...demo,
      risk: {
        ...demo.risk,
        cutOffs: { medium: 2, high: 3 },
        contactDays: { low: 20, medium: 7, high: 2 },
        floors: { noise: 'high' },
      },
    });
    const harassment = other.services.find((s) => s.service_code === 'harassment')!;
    const noise = other.services.find((s) => s.service_code === 'noise')!;
    expect(assessRisk(other, harassment, yes('happened_before'))).toMatchObject({
      band: 'medium',
      inDanger: false,
      contactDays: 7,
    });
    expect(assessRisk(other, harassment, yes('targeted'))).toMatchObject({ band: 'high' });
    expect(assessRisk(other, noise, {})).toMatchObject({ band: 'high', contactDays: 2 });
    expect(assessRisk(other, service('hate-incident'), {})).toMatchObject({ band: 'low' });
  });
});

describe('riskAttributes', () => {
  it('asks "in danger now" first, then every question, after the category’s own', () => {
    const attrs = riskAttributes(council, service('harassment'));
    expect(attrs.map((a) => a.code)).toEqual([IN_DANGER_CODE, ...ALL.map((c) => RISK_PREFIX + c)]);
    expect(attrs.map((a) => a.order)).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006]);
    expect(attrs.every((a) => a.required && a.private && a.datatype === 'singlevaluelist')).toBe(
      true,
    );
    expect(attrs[0]!.description).toBe('Are you in danger now, or is a crime happening now?');
    expect(attrs[0]!.hint).toContain('999');
    expect(attrs[0]!.values!.map((v) => v.key)).toEqual(['yes', 'no']);
    expect(attrs[1]!.description).toBe('Has this happened to you before?');
    expect(attrs[1]!.values!.map((v) => v.key)).toEqual(['yes', 'no', 'prefer_not_to_say']);
    for (const a of attrs) expect(AttributeSchema.parse(a)).toEqual(a);
  });

  it('asks nothing for Environmental categories', () => {
    expect(riskAttributes(council, service('fly-tipping'))).toEqual([]);
    expect(effectiveAttributes(council, service('fly-tipping'))).toEqual(
      service('fly-tipping').attributes,
    );
  });

  it('orders after a category whose own questions go past 1000', () => {
    const s = service('noise');
    const late = {
      ...s,
      attributes: [...s.attributes, { ...s.attributes[0]!, code: 'x', order: 1200 }],
    };
    expect(riskAttributes(council, late)[0]!.order).toBe(1201);
  });

  it('makes a valid category whose answers are checked like any other', () => {
    const s = service('harassment');
    const whole = ServiceSchema.parse({ ...s, attributes: effectiveAttributes(council, s) });
    const own = { what_happened: 'Shouting at my door', who: 'neighbour' };
    const missing = checkAnswers(whole, own);
    expect(missing.problems.map((p) => p.field)).toContain(`attribute[${IN_DANGER_CODE}]`);
    const answered = checkAnswers(whole, {
      ...own,
      [IN_DANGER_CODE]: 'no',
      ...Object.fromEntries(ALL.map((c) => [`risk_${c}`, 'prefer_not_to_say'])),
    });
    expect(answered.problems).toEqual([]);
    const wrong = checkAnswers(whole, { ...answered.answers, risk_targeted: 'maybe' });
    expect(wrong.problems).toEqual([
      {
        field: 'attribute[risk_targeted]',
        message:
          '"Do you feel you are being targeted personally?": "maybe" is not one of the answers to choose from',
      },
    ]);
  });
});
