// @vitest-environment happy-dom
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerError } from '../../../src/app/report/answer-errors';
import { createI18n } from '../../../src/app/i18n';
import { service } from './fixtures';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n('en');
});

const attr = (s: string, code: string) => service(s).attributes.find((a) => a.code === code)!;

describe('answerError', () => {
  it.each([
    ['fly-tipping', 'size', undefined, 'Select an answer'],
    ['fly-tipping', 'waste_types', [], 'Select at least one answer'],
    ['abandoned-vehicle', 'registration', '  ', 'Enter an answer'],
    ['noise', 'level', '', 'Enter a number'],
    ['noise', 'started', '', 'Enter a date and time'],
    ['fly-tipping', 'size', 'a_lorry', 'Select an answer from the list'],
    ['fly-tipping', 'size', ['single_bag', 'single_item'], 'Select an answer from the list'],
    ['noise', 'level', 'ten', 'Enter a number, like 5'],
    ['noise', 'level', '0', 'Enter a number from 1 to 10'],
    ['noise', 'started', 'yesterday', 'Enter a real date and time'],
    [
      'fly-tipping',
      'vehicle_registration',
      'AB12 CDE FGH',
      'Answer must be 10 characters or fewer',
    ],
    [
      'harassment',
      'what_happened',
      'bad \u0007 bell',
      'Answer must not include special control characters',
    ],
  ])('%s / %s = %j: %s', (s, code, value, message) => {
    expect(answerError(i18n.t, attr(s, code), value)).toBe(message);
  });

  it.each([
    ['fly-tipping', 'size', 'single_bag'],
    ['fly-tipping', 'waste_types', ['tyres', 'furniture']],
    ['fly-tipping', 'vehicle_registration', ''],
    ['noise', 'level', ' 7 '],
    ['noise', 'started', '2026-11-21T18:30'],
    ['noise', 'ended', undefined],
  ])('%s / %s = %j is fine', (s, code, value) => {
    expect(answerError(i18n.t, attr(s, code), value)).toBeNull();
  });
});
