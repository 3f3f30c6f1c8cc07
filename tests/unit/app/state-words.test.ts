import { describe, expect, it } from 'vitest';
import { residentMessage } from '../../../src/app/my-reports/state-words';

describe('residentMessage', () => {
  it("drops the server's wire field names and keeps the words", () => {
    expect(
      residentMessage(
        'service_code: "Littering" no longer takes new reports; choose another category',
      ),
    ).toBe('"Littering" no longer takes new reports; choose another category');
    expect(
      residentMessage('attribute[size]: choose one of the answers; lat: this location is outside'),
    ).toBe('choose one of the answers; this location is outside');
    expect(residentMessage('attribute[waste_types][]: unknown answer')).toBe('unknown answer');
  });

  it('leaves other messages as they are', () => {
    expect(residentMessage('HTTP 413')).toBe('HTTP 413');
    expect(residentMessage('note: keep this')).toBe('note: keep this');
  });
});

describe('formatWhen', () => {
  it('writes dates the British way in English', async () => {
    const { formatWhen } = await import('../../../src/app/my-reports/ReportsPage');
    expect(formatWhen('2026-11-21T12:30:00.000Z', 'en')).toMatch(/^2[01] Nov 2026, \d{2}:30$/);
  });
});

describe('stateWords', () => {
  it('says "when you are online" only for a report not yet tried', async () => {
    const { default: i18n } = await import('i18next');
    const en = (await import('../../../src/app/i18n/locales/en.json')).default;
    const t = i18n.createInstance();
    await t.init({ lng: 'en', resources: { en: { translation: en } } });
    const { stateWords } = await import('../../../src/app/my-reports/state-words');
    const base = { state: 'queued' as const, reference: null, lastError: null };
    expect(stateWords(t.t, { ...base, attempts: 0, lastErrorKind: null })).toBe(
      'Saved on this phone. It will be sent automatically when you are online.',
    );
    expect(stateWords(t.t, { ...base, attempts: 2, lastErrorKind: 'network' })).toBe(
      "Saved on this phone. The council's system could not be reached, so the app will keep trying by itself.",
    );
    expect(stateWords(t.t, { ...base, attempts: 1, lastErrorKind: 'server' })).toMatch(
      /could not be reached/,
    );
  });
});
