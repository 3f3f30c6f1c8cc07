import { describe, expect, it } from 'vitest';
import { isInside } from '../../../src/shared/geo';
import type { Area } from '../../../src/shared/council-config';
import demo from '../../../src/server/config/demo-council.json';

const square: Area = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};

describe('isInside', () => {
  it.each([
    [{ lat: 1, long: 1 }, true],
    [{ lat: 5, long: 5 }, false], // in the hole
    [{ lat: 11, long: 5 }, false],
    [{ lat: 5, long: -0.01 }, false],
    [{ lat: 9.99, long: 9.99 }, true],
  ])('%o -> %s', (p, expected) => {
    expect(isInside(p, square)).toBe(expected);
  });

  it('handles multipolygons', () => {
    const multi: Area = {
      type: 'MultiPolygon',
      coordinates: [
        square.coordinates,
        [
          [
            [20, 20],
            [21, 20],
            [21, 21],
            [20, 21],
            [20, 20],
          ],
        ],
      ],
    };
    expect(isInside({ lat: 20.5, long: 20.5 }, multi)).toBe(true);
    expect(isInside({ lat: 15, long: 15 }, multi)).toBe(false);
  });

  it('places Welwyn Garden City and Hatfield inside the demo council, London and Luton outside', () => {
    const boundary = demo.boundary as Area;
    expect(isInside({ lat: 51.8031, long: -0.2066 }, boundary)).toBe(true); // Welwyn Garden City
    expect(isInside({ lat: 51.7636, long: -0.2237 }, boundary)).toBe(true); // Hatfield
    expect(isInside({ lat: 51.5074, long: -0.1278 }, boundary)).toBe(false); // London
    expect(isInside({ lat: 51.8787, long: -0.42 }, boundary)).toBe(false); // Luton
  });
});
