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
