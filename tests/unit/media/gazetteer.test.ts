/** The demo gazetteer's data and the street search the app (offline) and the server share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CouncilConfigSchema } from '../../../src/shared/council-config';
import { GazetteerSchema, searchStreets, streetAddress } from '../../../src/shared/gazetteer';
import { isInside } from '../../../src/shared/geo';
import demo from '../../../src/server/config/demo-council.json';

const council = CouncilConfigSchema.parse(demo);
const file = join(import.meta.dirname, '../../../src/server/config/demo-borough-gazetteer.json');
const { streets } = GazetteerSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

describe('demo gazetteer', () => {
  it('has a few dozen streets of both towns, every point inside the council', () => {
    expect(streets.length).toBeGreaterThanOrEqual(40);
    expect(new Set(streets.map((s) => s.locality))).toEqual(
      new Set(['Welwyn Garden City', 'Hatfield']),
    );
    expect(new Set(streets.map((s) => s.id)).size).toBe(streets.length);
    for (const s of streets) expect(isInside(s, council.boundary), s.name).toBe(true);
  });
});

describe('searchStreets', () => {
  it('matches the start of any word, in any case, names starting with it first', () => {
    expect(searchStreets(streets, 'queens').map(streetAddress)).toEqual(['Queensway, Hatfield']);
    expect(searchStreets(streets, 'ROAD').length).toBeGreaterThan(5);
    expect(searchStreets(streets, 'park')[0]!.name).toBe('Park Street');
    expect(searchStreets(streets, 'hat park').map((s) => s.name)).toEqual(['Park Street']);
  });

  it('gives nothing for an empty or unmatched query, and at most the limit', () => {
    expect(searchStreets(streets, '  ')).toEqual([]);
    expect(searchStreets(streets, 'zzz')).toEqual([]);
    expect(searchStreets(streets, 'r', 3)).toHaveLength(3);
  });
});
