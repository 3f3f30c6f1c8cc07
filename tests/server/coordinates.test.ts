/**
 * Coordinates as JavaScript and other Open311 clients print them: any finite decimal within range
 * is accepted, whatever its number of places, and stored rounded to 7 places (about 1 cm).
 */
import { describe, expect, it } from 'vitest';
import { parseCoordinate } from '../../src/shared/open311';
import { describeEachStore, fileReport, flyTipping, postReport, replacing } from './helpers';

describeEachStore('coordinates with many decimal places', (t) => {
  async function storedAt(lat: string, long: string) {
    const id = await fileReport(
      t.app,
      replacing(replacing(flyTipping(), 'lat', lat), 'long', long),
    );
    const view = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
    const [v] = view.json() as Array<{ lat: number; long: number }>;
    return v!;
  }

  it('accepts -0.2177600000000001 (16 places) and stores -0.21776', async () => {
    expect(await storedAt('51.8003', '-0.2177600000000001')).toMatchObject({
      lat: 51.8003,
      long: -0.21776,
    });
  });

  it('rounds to 7 places', async () => {
    expect(await storedAt('51.80031234567891', '-0.20512345678')).toMatchObject({
      lat: 51.8003123,
      long: -0.2051235,
    });
  });

  it.each([
    ['north', '-0.2'],
    ['91', '-0.2'],
    ['51.8', '-180.0000001'],
    ['51.8', 'Infinity'],
    ['51.8', 'NaN'],
    ['51.8', '1e400'],
    ['51.8', '0x10'],
    ['51.8', '-0.2'.padEnd(40, '1')],
  ])(
    'refuses lat %s long %s with a 400 (not a number, out of range or over 32 characters)',
    async (lat, long) => {
      const res = await postReport(
        t.app,
        replacing(replacing(flyTipping(), 'lat', lat), 'long', long),
      );
      expect(res.statusCode, res.body).toBe(400);
    },
  );
});

describe('parseCoordinate', () => {
  it('reads the exponent form JavaScript prints near zero (outside the demo area)', () => {
    expect(parseCoordinate('-1e-7')).toBe(-1e-7);
    expect(parseCoordinate('1.5E-8')).toBe(0);
    expect(parseCoordinate(' 51.8 ')).toBe(51.8);
  });
});
