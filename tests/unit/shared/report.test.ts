import { describe, expect, it } from 'vitest';
import { CouncilConfigSchema } from '../../../src/shared/council-config';
import {
  ReportSubmissionSchema,
  checkAnswers,
  isAsked,
  problemsFromZod,
  validateForCouncil,
} from '../../../src/shared/report';
import { fieldsFromSubmission, submissionFromFields } from '../../../src/shared/open311';
import demo from '../../../src/server/config/demo-council.json';

const council = CouncilConfigSchema.parse(demo);
const fly = council.services.find((s) => s.service_code === 'fly-tipping')!;
const hatfield = { lat: 51.7636, long: -0.2237 };
const flyAnswers = {
  size: 'car_boot',
  waste_types: ['household', 'tyres'],
  hazards: ['none'],
  land_type: 'highway',
  witnessed: 'no',
};

describe('report submissions', () => {
  it('accepts a complete fly-tipping report', () => {
    const r = ReportSubmissionSchema.parse({
      service_code: 'fly-tipping',
      ...hatfield,
      description: 'Bags by the bins',
      attributes: flyAnswers,
    });
    const c = validateForCouncil(r, council);
    expect(c.ok).toBe(true);
  });

  it('needs a location of some kind', () => {
    const r = ReportSubmissionSchema.safeParse({ service_code: 'fly-tipping' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(problemsFromZod(r.error)[0]).toEqual({
      field: 'lat',
      message: 'a location is required: give lat and long, address_string or address_id',
    });
  });

  it('refuses lat without long, control characters and over-long descriptions', () => {
    for (const body of [
      { service_code: 'x', lat: 51.7 },
      { service_code: 'x', address_string: 'a\u0000b' },
      { service_code: 'x', address_string: 'High St', description: 'x'.repeat(4001) },
      { service_code: 'x', address_string: 'High St', description: 'broken \ud800 surrogate' },
      { service_code: 'x', address_string: 'High St', surprise: 1 },
    ]) {
      expect(ReportSubmissionSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('refuses a location outside the council area', () => {
    const r = ReportSubmissionSchema.parse({
      service_code: 'fly-tipping',
      lat: 51.5074,
      long: -0.1278,
      attributes: flyAnswers,
    });
    const c = validateForCouncil(r, council);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.problems[0]!.message).toContain("outside Demo Borough Council's area");
  });

  it('names missing, unknown and invalid answers', () => {
    const { problems } = checkAnswers(fly, {
      size: 'enormous',
      waste_types: ['household', 'household'],
      colour: 'red',
    });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField['attribute[colour]']).toContain('has no question "colour"');
    expect(byField['attribute[size]']).toContain('"enormous" is not one of the answers');
    expect(byField['attribute[waste_types]']).toContain('given twice');
    expect(byField['attribute[land_type]']).toBe('"Where is it?" needs an answer');
  });

  it('asks conditional questions only when called for, and refuses answers to unasked ones', () => {
    const reg = fly.attributes.find((a) => a.code === 'vehicle_registration')!;
    expect(isAsked(reg, { witnessed: 'no' })).toBe(false);
    expect(isAsked(reg, { witnessed: 'yes' })).toBe(true);
    const { problems } = checkAnswers(fly, { ...flyAnswers, vehicle_registration: 'AB12 CDE' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('attribute[vehicle_registration]');
    const ok = checkAnswers(fly, {
      ...flyAnswers,
      witnessed: 'yes',
      vehicle_registration: ' AB12 CDE ',
    });
    expect(ok.problems).toEqual([]);
    expect(ok.answers.vehicle_registration).toBe('AB12 CDE');
  });

  it('checks number bounds', () => {
    const noise = council.services.find((s) => s.service_code === 'noise')!;
    const base = {
      noise_type: 'music',
      source_address: 'Flat above',
      room: 'bedroom',
      started: '2026-11-20T23:00',
      effect: ['sleep'],
      repeated: 'no',
    };
    expect(checkAnswers(noise, { ...base, level: '11' }).problems[0]!.message).toContain(
      'must be 10 or less',
    );
    expect(checkAnswers(noise, { ...base, level: 'loud' }).problems[0]!.message).toContain(
      'must be a number',
    );
    expect(checkAnswers(noise, { ...base, level: '7' }).problems).toEqual([]);
  });
});

describe('Open311 wire fields', () => {
  it('round-trips a submission through flat fields', () => {
    const input = {
      service_code: 'fly-tipping',
      ...hatfield,
      description: 'Sofa',
      attributes: flyAnswers,
    };
    const back = submissionFromFields(fieldsFromSubmission(input));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(ReportSubmissionSchema.parse(back.value)).toEqual(ReportSubmissionSchema.parse(input));
  });

  it('reports repeated, unknown and non-numeric fields by name', () => {
    const r = submissionFromFields([
      ['service_code', 'a'],
      ['service_code', 'b'],
      ['colour', 'red'],
      ['lat', 'north'],
      ['attribute[size]', 'x'],
      ['attribute[size]', 'y'],
      ['api_key', 'ignored'],
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual([
      'service_code',
      'colour',
      'lat',
      'attribute[size]',
    ]);
  });
});
