import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../src/app/i18n/locales');
const load = (f: string) =>
  JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;

/** Keys without plural suffixes, since languages have different plural forms. */
function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object'
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

describe('translations', () => {
  const en = load('en.json');
  it('every language has exactly the English keys', () => {
    const want = [...new Set(keys(en))].sort();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json')) {
      expect([...new Set(keys(load(f)))].sort(), f).toEqual(want);
    }
  });

  it('has no empty strings', () => {
    const empty: string[] = [];
    const walk = (o: Record<string, unknown>, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string' && v.trim() === '') empty.push(p + k);
        else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${p}${k}.`);
      }
    };
    walk(en, '');
    expect(empty).toEqual([]);
  });
});
