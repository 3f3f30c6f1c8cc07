import { describe, expect, it } from 'vitest';
import {
  askedQuestions,
  descriptionOptional,
  draftFromSubmission,
  markSeen,
  newDraft,
  nextStep,
  previousStep,
  restoreDraft,
  stepsFor,
  toSubmission,
  withCategory,
  type Draft,
} from '../../../src/app/report/draft';
import { redirectFor } from '../../../src/app/report/ReportFlow';
import { prepareSubmission } from '../../../src/app/report/submit';
import { council, service } from './fixtures';

const flyTipping = (answers: Draft['answers'] = {}): Draft => ({
  ...withCategory(newDraft(), 'fly-tipping'),
  answers,
});

describe('steps and showIf', () => {
  it('asks the vehicle questions only when the resident saw who dumped it', () => {
    const codes = (d: Draft) =>
      askedQuestions(council, service('fly-tipping'), d.answers).map((q) => q.code);
    expect(codes(flyTipping())).toEqual([
      'size',
      'waste_types',
      'hazards',
      'land_type',
      'witnessed',
    ]);
    expect(codes(flyTipping({ witnessed: 'no' }))).not.toContain('vehicle_registration');
    expect(codes(flyTipping({ witnessed: 'yes' }))).toEqual([
      'size',
      'waste_types',
      'hazards',
      'land_type',
      'witnessed',
      'vehicle_registration',
      'vehicle_description',
    ]);
  });

  it('orders the steps: category, questions, photos, where, what, details, check', () => {
    expect(stepsFor(council, flyTipping({ witnessed: 'yes' }))).toEqual([
      'category',
      'question/size',
      'question/waste_types',
      'question/hazards',
      'question/land_type',
      'question/witnessed',
      'question/vehicle_registration',
      'question/vehicle_description',
      'evidence',
      'where',
      'what',
      'details',
      'check',
    ]);
    expect(stepsFor(council, newDraft())).toEqual([
      'category',
      'where',
      'what',
      'details',
      'check',
    ]);
  });

  it('goes on in order, and back to check answers after a change', () => {
    let d = flyTipping({ witnessed: 'no' });
    for (const s of stepsFor(council, d)) d = markSeen(d, s);
    expect(nextStep(council, d, 'question/land_type', false)).toBe('question/witnessed');
    expect(nextStep(council, d, 'question/witnessed', false)).toBe('evidence');
    expect(previousStep(council, d, 'where')).toBe('evidence');
    expect(previousStep(council, d, 'evidence')).toBe('question/witnessed');
    expect(nextStep(council, d, 'question/size', true)).toBe('check');
    // Changing "witnessed" to yes from check answers: the newly asked questions come next.
    d = { ...d, answers: { ...d.answers, witnessed: 'yes' } };
    expect(nextStep(council, d, 'question/witnessed', true)).toBe('question/vehicle_registration');
  });

  it('starts the questions afresh when the category changes', () => {
    let d = markSeen(flyTipping({ size: 'single_bag' }), 'question/size');
    d = markSeen(d, 'where');
    const g = withCategory(d, 'graffiti');
    expect(g.answers).toEqual({});
    expect(g.seen).toEqual(['where']);
    expect(withCategory(d, 'fly-tipping')).toBe(d);
  });

  it('sends nobody to a step before the ones it depends on are done', () => {
    const d = flyTipping();
    expect(redirectFor(council, d, 'check')).toBe('/report/category');
    expect(redirectFor(council, markSeen(d, 'category'), 'question/size')).toBeNull();
    expect(redirectFor(council, markSeen(d, 'category'), 'question/waste_types')).toBe(
      '/report/question/size',
    );
    expect(redirectFor(council, d, 'question/no_such_question')).toBe('/report/category');
    expect(redirectFor(council, d, null)).toBe('/report/category');
  });
});

describe('the description step', () => {
  it('is optional only when the category already asks a long-text question', () => {
    expect(descriptionOptional(council, withCategory(newDraft(), 'harassment'))).toBe(true);
    expect(descriptionOptional(council, flyTipping())).toBe(false);
    expect(descriptionOptional(council, newDraft())).toBe(false);
  });
});

describe('the draft as a submission', () => {
  const complete: Draft = {
    ...flyTipping({
      size: 'small_van',
      waste_types: ['furniture'],
      hazards: ['none'],
      land_type: 'highway',
      witnessed: 'no',
      // Answered before "witnessed" was changed to no: kept in the draft, never sent.
      vehicle_registration: 'AB12 CDE',
    }),
    address: '  12 High Street  ',
    description: 'A sofa on the pavement.',
    contact: 'anonymous',
    email: 'left@example.com',
  };

  it('leaves out answers to questions no longer asked, blanks and contact details when anonymous', () => {
    expect(toSubmission(council, complete)).toEqual({
      service_code: 'fly-tipping',
      attributes: {
        size: 'small_van',
        waste_types: ['furniture'],
        hazards: ['none'],
        land_type: 'highway',
        witnessed: 'no',
      },
      address_string: '12 High Street',
      description: 'A sofa on the pavement.',
    });
  });

  it('passes the shared schema and the council rules', () => {
    const r = prepareSubmission(council, complete);
    expect(r.ok).toBe(true);
  });

  it('names the step that fixes each problem', () => {
    const outside = { ...complete, lat: '52.5', long: '-1.9' };
    const r = prepareSubmission(council, outside);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((p) => p.step)).toEqual(['where']);
    const unanswered = { ...complete, answers: { ...complete.answers, size: '' } };
    const r2 = prepareSubmission(council, unanswered);
    expect(!r2.ok && r2.error.map((p) => p.step)).toEqual(['question/size']);
  });

  it('reads a stored draft back only when it is valid', () => {
    const d = newDraft();
    expect(restoreDraft(JSON.parse(JSON.stringify(d)))).toEqual(d);
    expect(restoreDraft({ id: 'not-a-uuid' })).toBeNull();
    expect(restoreDraft(null)).toBeNull();
  });

  it('turns a queued report back into a draft to fix, with every step done', () => {
    const report = toSubmission(council, {
      ...complete,
      contact: 'contact',
      phone: '01632 960001',
    });
    const d = draftFromSubmission(council, complete.id, report);
    expect(d.editing).toBe(complete.id);
    expect(d.contact).toBe('contact');
    expect(redirectFor(council, d, 'check')).toBeNull();
    expect(toSubmission(council, d)).toEqual(report);
  });
});
