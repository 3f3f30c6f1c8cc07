// @vitest-environment happy-dom
/**
 * The flow's logic for the full question sets: which steps each kind of report gets (emergency
 * guidance before Personal reports, the risk questions' own introduction, no contact page when
 * the resident chose to stay anonymous), "None" standing alone, diary rows becoming the diary
 * text the server reads, and contact details following the anonymity answer.
 */
import { describe, expect, it } from 'vitest';
import { parseDiary } from '../../../src/shared/diary';
import {
  diaryRowsFromText,
  diaryTextFromRows,
  encodeRow,
  rowProblems,
  rowsOf,
  valueOfRows,
} from '../../../src/app/report/diary-rows';
import {
  contactRequirement,
  draftFromSubmission,
  isSensitive,
  markSeen,
  newDraft,
  stepsFor,
  toSubmission,
  withCategory,
  type Draft,
} from '../../../src/app/report/draft';
import { withExclusive } from '../../../src/app/report/QuestionPage';
import { diaryErrors } from '../../../src/app/report/answer-errors';
import { createI18n } from '../../../src/app/i18n';
import { prepareSubmission } from '../../../src/app/report/submit';
import { council, service } from './fixtures';

const draftFor = (code: string, answers: Draft['answers'] = {}, extra: Partial<Draft> = {}) => ({
  ...withCategory(newDraft(), code),
  answers,
  ...extra,
});

const RISK_NO = {
  risk_in_danger_now: 'no',
  risk_happened_before: 'no',
  risk_often: 'no',
  risk_targeted: 'no',
  risk_health: 'no',
  risk_vulnerable: 'no',
  risk_unsafe_home: 'no',
};

describe('steps for each kind of report', () => {
  it('Environmental: no emergency page, no risk questions', () => {
    const steps = stepsFor(council, draftFor('graffiti', { offensive: 'no' }));
    expect(steps).toEqual([
      'category',
      'question/offensive',
      'question/surface',
      'question/ownership',
      'evidence',
      'where',
      'what',
      'details',
      'check',
    ]);
  });

  it('Nuisance: the risk questions come after their introduction', () => {
    const steps = stepsFor(council, draftFor('street-drinking'));
    expect(steps.slice(0, 5)).toEqual([
      'category',
      'question/how_many',
      'question/behaviour',
      'question/ongoing',
      'your-safety',
    ]);
    expect(steps[5]).toBe('question/risk_in_danger_now');
    expect(steps.filter((s) => s.startsWith('question/risk_'))).toHaveLength(7);
    expect(steps.indexOf('evidence')).toBe(steps.indexOf('question/risk_unsafe_home') + 1);
    expect(steps.indexOf('where')).toBe(steps.indexOf('evidence') + 1);
    expect(steps).not.toContain('emergency');
  });

  it('Personal: the emergency page comes before the first question', () => {
    const steps = stepsFor(council, draftFor('harassment'));
    expect(steps.slice(0, 3)).toEqual(['category', 'emergency', 'question/what_happened']);
  });

  it('asks the noise diary only after "it happened at other times"', () => {
    expect(stepsFor(council, draftFor('noise', { repeated: 'no' }))).not.toContain(
      'question/diary',
    );
    const steps = stepsFor(council, draftFor('noise', { repeated: 'yes' }));
    expect(steps.indexOf('question/diary')).toBe(steps.indexOf('question/repeated') + 1);
  });

  it('hate incident: anonymous leaves out the contact page; safe contact asks how and when', () => {
    const anon = draftFor('hate-incident', { role: 'victim', anonymity: 'anonymous' });
    expect(stepsFor(council, anon)).not.toContain('details');
    expect(contactRequirement(council, anon)).toBe('none');

    const safe = draftFor('hate-incident', { role: 'on_behalf', anonymity: 'safe_contact' });
    const steps = stepsFor(council, safe);
    expect(steps).toContain('question/victim_consent');
    expect(steps).toContain('question/safe_method');
    expect(steps).toContain('question/safe_times');
    expect(steps).toContain('details');
    expect(contactRequirement(council, safe)).toBe('required');
  });

  it('knows which flows are sensitive', () => {
    for (const code of ['hate-incident', 'harassment', 'neighbour-nuisance']) {
      expect(isSensitive(council, { serviceCode: code }), code).toBe(true);
    }
    for (const code of ['noise', 'fly-tipping', 'street-drinking']) {
      expect(isSensitive(council, { serviceCode: code }), code).toBe(false);
    }
  });
});

describe('"None" stands alone', () => {
  const hazards = service('fly-tipping').attributes.find((a) => a.code === 'hazards')!;
  it('choosing "none" clears the others, and choosing another clears "none"', () => {
    expect(withExclusive(hazards, ['asbestos', 'gas'], ['asbestos', 'gas', 'none'])).toEqual([
      'none',
    ]);
    expect(withExclusive(hazards, ['none'], ['asbestos', 'none'])).toEqual(['asbestos']);
    expect(withExclusive(hazards, ['asbestos', 'gas'], ['asbestos'])).toEqual(['asbestos']);
  });
});

describe('diary rows', () => {
  const rows = [
    encodeRow({
      date: '2026-11-18',
      start: '23:10',
      end: '01:30',
      level: '8',
      note: 'bass | drums',
    }),
    encodeRow({ date: '2026-11-19', start: '22:00', end: '23:45', level: '6', note: '' }),
  ];

  it('become diary text the shared parser (and so the server) accepts', () => {
    const text = diaryTextFromRows(rows);
    expect(text).toBe(
      '2026-11-18 23:10-01:30 level 8: bass | drums\n2026-11-19 22:00-23:45 level 6',
    );
    expect(parseDiary(text).ok).toBe(true);
  });

  it('come back from diary text unchanged, and a blank diary is no answer', () => {
    expect(diaryRowsFromText(diaryTextFromRows(rows))).toEqual(rows);
    expect(valueOfRows(rowsOf(undefined))).toEqual([]);
    expect(rowsOf(undefined)).toHaveLength(1);
  });

  it('keep a second blank time while it is being filled in', () => {
    const blank = rowsOf(undefined)[0]!;
    expect(valueOfRows([blank, blank])).toHaveLength(2);
  });

  it('leave blank times out of the errors, and ask for the first time only when none is filled', async () => {
    const t = (await createI18n('en')).t;
    const diary = service('noise').attributes.find((a) => a.code === 'diary')!;
    const blank = encodeRow(rowsOf(undefined)[0]!);
    const ids = (v: string[]) => diaryErrors(t, diary, v, 'answer-diary').map((e) => e.field);
    expect(ids([blank, blank])).toEqual([
      'answer-diary',
      'answer-diary-0-start',
      'answer-diary-0-end',
      'answer-diary-0-level',
    ]);
    const half = encodeRow({ date: '2026-11-18', start: '23:10', end: '', level: '8', note: '' });
    expect(ids([blank, half])).toEqual(['answer-diary-1-end']);
    expect(diaryErrors(t, { ...diary, required: false }, [blank], 'answer-diary')).toEqual([]);
  });

  it('name each field that is missing or wrong', () => {
    expect(rowProblems({ date: '', start: '25:00', end: '01:00', level: '11', note: '' })).toEqual({
      date: 'dateMissing',
      start: 'start',
      level: 'level',
    });
    expect(
      rowProblems({ date: '2026-02-30', start: '', end: '', level: '', note: 'x'.repeat(201) }),
    ).toEqual({
      date: 'date',
      start: 'startMissing',
      end: 'endMissing',
      level: 'levelMissing',
      note: 'noteTooLong',
    });
  });
});

describe('submission', () => {
  it('sends the diary as text and passes the council rules', () => {
    let d: Draft = draftFor(
      'noise',
      {
        noise_type: 'music',
        source_address: 'Flat 4',
        room: 'bedroom',
        started: '2026-11-20T23:15',
        effect: ['sleep'],
        level: '8',
        repeated: 'yes',
        diary: [
          encodeRow({ date: '2026-11-18', start: '23:10', end: '01:30', level: '8', note: '' }),
        ],
        ...RISK_NO,
      },
      { address: '10 Parkway', description: 'Music every night', contact: 'anonymous' },
    );
    for (const s of stepsFor(council, d)) d = markSeen(d, s);
    expect(toSubmission(council, d).attributes?.diary).toBe('2026-11-18 23:10-01:30 level 8');
    const prepared = prepareSubmission(council, d);
    expect(prepared.ok, JSON.stringify(prepared)).toBe(true);
  });

  it('drops contact details when the resident chose to stay anonymous', () => {
    const d = draftFor(
      'hate-incident',
      { anonymity: 'anonymous' },
      { contact: 'contact', email: 'me@example.com', address: 'Bus station' },
    );
    const s = toSubmission(council, d);
    expect(s.email).toBeUndefined();
  });

  it('keeps contact details when the answer asks to be contacted', () => {
    const d = draftFor(
      'hate-incident',
      { anonymity: 'contact' },
      { phone: '07700 900982', address: 'Bus station' },
    );
    expect(toSubmission(council, d).phone).toBe('07700 900982');
  });

  it('never sends the PSPO flag, which the server works out', () => {
    let d: Draft = draftFor(
      'street-drinking',
      { how_many: 'one', behaviour: ['none'], ongoing: 'no', ...RISK_NO },
      { lat: '51.7634', long: '-0.2237', description: 'Drinking', contact: 'anonymous' },
    );
    for (const s of stepsFor(council, d)) d = markSeen(d, s);
    const prepared = prepareSubmission(council, d);
    expect(prepared.ok).toBe(true);
    if (prepared.ok) expect(prepared.value.attributes).not.toHaveProperty('in_pspo_zone');
  });

  it('turns a report with a diary back into rows to fix', () => {
    const d = draftFromSubmission(council, crypto.randomUUID(), {
      service_code: 'noise',
      address_string: 'x',
      attributes: { repeated: 'yes', diary: '2026-11-18 23:10-01:30 level 8: bass' },
    });
    expect(d.answers.diary).toEqual([
      encodeRow({ date: '2026-11-18', start: '23:10', end: '01:30', level: '8', note: 'bass' }),
    ]);
  });
});
